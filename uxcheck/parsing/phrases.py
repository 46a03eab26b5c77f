"""Multilingual phrase matching for the service and data rules.

The wordings live in the rule packs (``labels:`` concepts such as ``refusal`` or ``notify_me``);
this module turns a concept into one compiled pattern that matches whole words, ignores case and
treats typographic apostrophes like straight ones ("can’t" is "can't").

    phrases = Phrases.for_context(ctx)
    if phrases.has("refusal", block.text): ...
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " ", "\u202f": " "})
_CJK = re.compile(r"[\u3040-\u9fff]")


def normalise(text: str | None) -> str:
    """Lower-case NFC text with straight apostrophes and plain spaces, for matching."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text).translate(_APOSTROPHES).lower()


@lru_cache(maxsize=256)
def compile_phrases(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a set of wordings: whole words for Latin scripts, substrings for CJK."""
    alts = sorted({normalise(w).strip() for w in words if w and w.strip()}, key=len, reverse=True)
    cjk = [re.escape(w) for w in alts if _CJK.search(w)]
    latin = [re.escape(w) for w in alts if not _CJK.search(w)]
    parts = []
    if latin:
        # Letters may not touch a wording on either side; an apostrophe may ("l'accueil").
        parts.append(r"(?<!\w)(?:" + "|".join(latin) + r")(?!\w)")
    if cjk:
        parts.append("(?:" + "|".join(cjk) + ")")
    return re.compile("|".join(parts) or r"(?!x)x")


def _generic_words(concept: str) -> tuple[str, ...]:
    from uxcheck.packs import ActivePacks, load_pack

    return ActivePacks([load_pack("generic")]).words(concept)


@dataclass
class Phrases:
    """The wordings of the active packs, compiled once per concept."""

    packs: Any = None
    _cache: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def for_context(cls, ctx: Any) -> "Phrases":
        return cls(getattr(ctx, "packs", None))

    def words(self, concept: str) -> tuple[str, ...]:
        words: tuple[str, ...] = ()
        if self.packs is not None:
            try:
                words = tuple(self.packs.words(concept))
            except Exception:  # a stand-in packs object without words(): use the generic pack
                words = ()
        return words or _generic_words(concept)

    def pattern(self, concept: str) -> re.Pattern[str]:
        if concept not in self._cache:
            self._cache[concept] = compile_phrases(self.words(concept))
        return self._cache[concept]

    def find(self, concept: str, text: str | None) -> str | None:
        """The first wording of ``concept`` found in ``text`` (as written in the pack), or None."""
        m = self.pattern(concept).search(normalise(text))
        return m.group(0) if m else None

    def has(self, concept: str, text: str | None) -> bool:
        return bool(text) and self.pattern(concept).search(normalise(text)) is not None

    def has_any(self, concepts: Iterable[str], text: str | None) -> str | None:
        """The first concept of ``concepts`` whose wording appears in ``text``."""
        for concept in concepts:
            if self.has(concept, text):
                return concept
        return None

    def is_exactly(self, concept: str, text: str | None) -> bool:
        """``text`` is one of the wordings (a button that says just "OK" or "Close")."""
        t = normalise(text).strip(" .!?¿¡:·-–—")
        return bool(t) and self.pattern(concept).fullmatch(t) is not None

    def starts_with(self, concept: str, text: str | None) -> bool:
        """``text`` opens with one of the wordings ("Back to my orders", "Retour à l'accueil")."""
        t = normalise(text).strip()
        m = self.pattern(concept).search(t)
        return m is not None and m.start() == 0
