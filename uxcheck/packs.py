"""Rule packs: vocabularies, key tasks and thresholds per domain, from YAML files.

Built-in packs live in the top-level ``rules/`` folder, shipped in the wheel as the package
``uxcheck.rulepacks``; a pack can also be given by path. A pack file looks like::

    pack: banking
    description: Online banking self-service
    extends: generic                # optional; generic is always active anyway
    signals:                        # the pack applies to a page that shows >= min_hits of these
      min_hits: 2
      words: [account balance, IBAN, statement, Kontostand, relevé, extracto]
    key_tasks:                      # task id -> wordings per language
      statements:
        description: view or download statements
        words: {en: [statements], de: [Kontoauszüge], fr: [relevés], es: [extractos]}
        exclude: {en: [privacy statement]}   # optional: phrases that name something else
    labels:                         # vocabularies rules read, per concept and language
      total: {en: [total], de: [Summe, Gesamt], fr: [total], es: [total]}
    thresholds:                     # per rule id
      buried-link: {fold_screens: 3}
    suppress:                       # findings to leave out, each with a reason
      - {rule: small-text, selector: "footer", reason: "legal fine print, reviewed 2026-10"}

Errors name the file, the line and the problem (exit 2).
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import InvalidFileError

BUILTIN = ("generic", "banking", "retail")
LANGS_REQUIRED = ("en", "de", "fr", "es")
TOP_KEYS = {"pack", "description", "extends", "signals", "key_tasks", "labels", "thresholds", "suppress"}
TASK_KEYS = {"description", "words", "exclude"}


@dataclass(frozen=True)
class Suppression:
    rule: str
    reason: str
    selector: str | None = None
    url: str | None = None  # glob on the page URL

    def matches(self, rule_id: str, url: str, selector: str | None) -> bool:
        if self.rule not in (rule_id, "*"):
            return False
        if self.url and not fnmatch.fnmatch(url, self.url):
            return False
        if self.selector and (not selector or self.selector not in selector):
            return False
        return True


@dataclass(frozen=True)
class KeyTask:
    id: str
    description: str
    words: dict[str, tuple[str, ...]]  # lang -> wordings
    # lang -> phrases that contain a wording but name something else ("privacy statement", "Apple Pay")
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def all_words(self) -> tuple[str, ...]:
        return tuple(w for ws in self.words.values() for w in ws)


@dataclass(frozen=True)
class Pack:
    name: str
    path: str
    description: str = ""
    signal_words: tuple[str, ...] = ()
    min_hits: int = 2
    key_tasks: dict[str, KeyTask] = field(default_factory=dict)
    labels: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    thresholds: dict[str, dict[str, Any]] = field(default_factory=dict)
    suppress: tuple[Suppression, ...] = ()

    def signal_hits(self, text: str) -> int:
        low = text.lower()
        return sum(1 for w in self.signal_words if _word_in(w.lower(), low))


def _word_in(word: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None


class ActivePacks:
    """The packs in force for one page: generic first, later packs override thresholds."""

    def __init__(self, packs: Iterable[Pack]):
        self.packs: tuple[Pack, ...] = tuple(packs)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.packs]

    def tasks(self) -> dict[str, KeyTask]:
        merged: dict[str, KeyTask] = {}
        for pack in self.packs:
            for tid, task in pack.key_tasks.items():
                if tid in merged:
                    words = {lang: tuple(dict.fromkeys(merged[tid].words.get(lang, ()) + ws))
                             for lang, ws in {**merged[tid].words, **task.words}.items()}
                    exclude = {lang: tuple(dict.fromkeys(merged[tid].exclude.get(lang, ()) + ws))
                               for lang, ws in {**merged[tid].exclude, **task.exclude}.items()}
                    merged[tid] = KeyTask(tid, task.description or merged[tid].description, words, exclude)
                else:
                    merged[tid] = task
        return merged

    def words(self, concept: str, lang: str | None = None) -> tuple[str, ...]:
        """Every wording of a label concept (``total``, ``opening_balance``...), all languages by default."""
        out: list[str] = []
        for pack in self.packs:
            for lg, ws in pack.labels.get(concept, {}).items():
                if lang is None or lg == lang:
                    out.extend(ws)
        return tuple(dict.fromkeys(out))

    def threshold(self, rule_id: str, name: str, default: Any = None) -> Any:
        value = default
        for pack in self.packs:
            value = pack.thresholds.get(rule_id, {}).get(name, value)
        return value

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        return tuple(s for p in self.packs for s in p.suppress)


# -- loading and validation -----------------------------------------------------------------

def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _mapping_items(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def _expect(node: yaml.Node, kind: type, path: str, what: str) -> None:
    if not isinstance(node, kind):
        names = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value"}
        raise InvalidFileError(path, _line(node), f"{what} must be {names[kind]}")


def _string_list(node: yaml.Node, path: str, what: str) -> tuple[str, ...]:
    _expect(node, yaml.SequenceNode, path, what)
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise InvalidFileError(path, _line(item), f"{what}: every entry must be a non-empty text")
        out.append(str(item.value))
    return tuple(out)


def _words_by_lang(node: yaml.Node, path: str, what: str) -> dict[str, tuple[str, ...]]:
    _expect(node, yaml.MappingNode, path, what + " (language code -> list of wordings)")
    out = {}
    for lang, (knode, vnode) in _mapping_items(node).items():
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", str(lang)):
            raise InvalidFileError(path, _line(knode), f"{what}: {lang!r} is not a language code like en or de")
        out[str(lang)] = _string_list(vnode, path, f"{what}.{lang}")
    return out


def parse_pack(text: str, path: str) -> Pack:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InvalidFileError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc.problem}") from None
    if root is None:
        raise InvalidFileError(path, 1, "the pack is empty; it needs at least `pack: NAME`")
    _expect(root, yaml.MappingNode, path, "a pack")
    items = _mapping_items(root)
    for key, (knode, _) in items.items():
        if key not in TOP_KEYS:
            raise InvalidFileError(path, _line(knode), f"unknown key {key!r}; expected one of {', '.join(sorted(TOP_KEYS))}")
    if "pack" not in items:
        raise InvalidFileError(path, 1, "missing `pack: NAME`")
    name = str(data["pack"])
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
        raise InvalidFileError(path, _line(items["pack"][1]), f"pack name {name!r} must be lower-case letters, digits, - or _")

    signal_words: tuple[str, ...] = ()
    min_hits = 2
    if "signals" in items:
        snode = items["signals"][1]
        _expect(snode, yaml.MappingNode, path, "signals")
        sitems = _mapping_items(snode)
        if "words" in sitems:
            signal_words = _string_list(sitems["words"][1], path, "signals.words")
        if "min_hits" in sitems:
            v = data["signals"]["min_hits"]
            if not isinstance(v, int) or v < 1:
                raise InvalidFileError(path, _line(sitems["min_hits"][1]), "signals.min_hits must be a whole number >= 1")
            min_hits = v

    tasks: dict[str, KeyTask] = {}
    if "key_tasks" in items:
        tnode = items["key_tasks"][1]
        _expect(tnode, yaml.MappingNode, path, "key_tasks")
        for tid, (knode, vnode) in _mapping_items(tnode).items():
            _expect(vnode, yaml.MappingNode, path, f"key_tasks.{tid}")
            titems = _mapping_items(vnode)
            for tkey, (tknode, _) in titems.items():
                if tkey not in TASK_KEYS:
                    raise InvalidFileError(path, _line(tknode), f"key_tasks.{tid}: unknown key {tkey!r}; "
                                                                f"expected one of {', '.join(sorted(TASK_KEYS))}")
            if "words" not in titems:
                raise InvalidFileError(path, _line(knode), f"key_tasks.{tid} needs `words:` per language")
            words = _words_by_lang(titems["words"][1], path, f"key_tasks.{tid}.words")
            exclude = (_words_by_lang(titems["exclude"][1], path, f"key_tasks.{tid}.exclude")
                       if "exclude" in titems else {})
            desc = str(data["key_tasks"][tid].get("description", tid.replace("_", " ")))
            tasks[str(tid)] = KeyTask(str(tid), desc, words, exclude)

    labels: dict[str, dict[str, tuple[str, ...]]] = {}
    if "labels" in items:
        lnode = items["labels"][1]
        _expect(lnode, yaml.MappingNode, path, "labels")
        for concept, (_, vnode) in _mapping_items(lnode).items():
            labels[str(concept)] = _words_by_lang(vnode, path, f"labels.{concept}")

    thresholds: dict[str, dict[str, Any]] = {}
    if "thresholds" in items:
        thnode = items["thresholds"][1]
        _expect(thnode, yaml.MappingNode, path, "thresholds")
        for rid, (_, vnode) in _mapping_items(thnode).items():
            _expect(vnode, yaml.MappingNode, path, f"thresholds.{rid}")
            for opt, (_, onode) in _mapping_items(vnode).items():
                value = data["thresholds"][rid][opt]
                if not isinstance(value, (int, float, str, bool, list)):
                    raise InvalidFileError(path, _line(onode), f"thresholds.{rid}.{opt} must be a number, text or list")
            thresholds[str(rid)] = dict(data["thresholds"][rid])

    suppress: list[Suppression] = []
    if "suppress" in items:
        suppress = parse_suppressions(items["suppress"][1], data["suppress"], path)

    return Pack(name, path, str(data.get("description", "")), signal_words, min_hits, tasks, labels, thresholds,
                tuple(suppress))


def parse_suppressions(node: yaml.Node, data: Any, path: str) -> list[Suppression]:
    """A ``suppress:`` list (packs and flow files): each entry needs ``rule`` and ``reason``."""
    _expect(node, yaml.SequenceNode, path, "suppress")
    out = []
    for item_node, item in zip(node.value, data):
        _expect(item_node, yaml.MappingNode, path, "a suppress entry")
        keys = _mapping_items(item_node)
        for key, (knode, _) in keys.items():
            if key not in ("rule", "reason", "selector", "url"):
                raise InvalidFileError(path, _line(knode), f"suppress: unknown key {key!r}; use rule, reason, selector, url")
        if not str(item.get("rule") or "").strip():
            raise InvalidFileError(path, _line(item_node), "suppress: every entry needs `rule: RULE-ID` (or '*')")
        if not str(item.get("reason") or "").strip():
            raise InvalidFileError(path, _line(item_node), "suppress: every entry needs a `reason:` saying why")
        out.append(Suppression(str(item["rule"]), str(item["reason"]), item.get("selector"), item.get("url")))
    return out


def builtin_pack_dir() -> Path:
    try:
        return Path(str(resources.files("uxcheck.rulepacks")))
    except ModuleNotFoundError:  # running from a source tree that was never installed
        return Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=None)
def load_pack(name_or_path: str) -> Pack:
    """A built-in pack by name, or a pack file by path."""
    if name_or_path in BUILTIN or (not name_or_path.endswith((".yaml", ".yml")) and "/" not in name_or_path):
        path = builtin_pack_dir() / f"{name_or_path}.yaml"
        if not path.exists():
            from .errors import UsageError

            raise UsageError(f"unknown pack {name_or_path!r}: use {', '.join(BUILTIN)} or a path to a pack file")
    else:
        path = Path(name_or_path)
        if not path.exists():
            raise InvalidFileError(str(path), None, "no such pack file")
    return parse_pack(path.read_text(encoding="utf-8"), str(path))


def builtin_packs() -> list[Pack]:
    return [load_pack(n) for n in BUILTIN]


def choose_packs(requested: Iterable[str] | None, page_text: str) -> ActivePacks:
    """The requested packs (generic always first), or generic plus every pack whose signals show."""
    requested = list(requested or [])
    generic = load_pack("generic")
    if requested:
        chosen = [load_pack(r) for r in requested]
        return ActivePacks([generic] + [p for p in chosen if p.name != "generic"])
    return ActivePacks([generic] + [p for p in builtin_packs()[1:] if p.signal_hits(page_text) >= p.min_hits])


def validate_builtin_coverage(pack: Pack) -> list[str]:
    """Problems with a built-in pack's coverage (every key task in en, de, fr and es)."""
    problems = []
    for tid, task in pack.key_tasks.items():
        missing = [lang for lang in LANGS_REQUIRED if not task.words.get(lang)]
        if missing:
            problems.append(f"{pack.name}: key task {tid} has no wordings in {', '.join(missing)}")
    return problems

