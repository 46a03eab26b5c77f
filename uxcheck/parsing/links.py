"""Key-task links: which links and buttons of a page lead to the key tasks of the active packs, and
how easy each one is to find.

    links = key_task_links(snapshot, ctx.packs, ProminenceLimits.from_context(ctx))
    for task_id, task_links in links.items():       # only tasks the page links to
        if not any(link.prominent for link in task_links): ...

A link belongs to a task when its accessible name contains one of the task's wordings as whole
words (so "Pay" is not found in "PayPal"), outside the task's ``exclude`` phrases ("privacy
statement", "Apple Pay"); or when the last part of its URL path (or its ``#/route`` or a query
value) spells a wording ("/statements", "/kontoauszuege", "?tab=returns"); a ``tel:`` or
``mailto:`` link is a way to contact. File downloads (a statement PDF) and one item's URL
(``/statements/2026/10``) are not entry points to a task. Japanese and Chinese wordings match as
substrings. A URL match whose label names no task at all ("Documents & more", an icon) is kept but
marked as badly labelled (``UNNAMED``).

Prominence is measured, not guessed: the page region (header, nav, main, aside, footer; a footer
inside a card or article is not the page footer), the menus a customer must open to reach it, the
font size, the WCAG contrast ratio of its text, and how many screens down it starts. The result is
computed once per snapshot and shared (``snapshot.derived``); ``mobile-missing-task`` uses it too.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Iterable, Mapping
from urllib.parse import parse_qsl, unquote

from ..snapshot import Element, Snapshot

RULE_ID = "buried-link"
# Links whose scheme is itself a way to reach a task: a phone number or an e-mail address is contact.
SCHEME_TASKS = {"tel": "contact", "mailto": "contact", "sms": "contact"}
FOOTER_BAND_SCREENS = 0.4  # with no landmark or hint, links this close to the page's end are its footer
EMPHASISED_MIN_CONTRAST = 2.0  # bold or large text below this is faint whatever its weight
MAX_NAME_WORDS = 7  # longer names are sentences or article titles, not entry points to a task
MAX_UNSPACED_NAME_CHARS = 16  # the same for Japanese / Chinese labels, counted in characters
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # no spaces between words
DOWNLOAD_EXTENSIONS = (".pdf", ".csv", ".ofx", ".qif", ".qfx", ".xls", ".xlsx", ".zip", ".mt940", ".sta", ".camt")
PAGE_EXTENSIONS = re.compile(r"\.(html?|php|aspx?|jsp|do|action|cfm)$")
ID_LIKE = re.compile(r"^(\d+|[0-9a-f]{8,}|[0-9a-f-]{32,36})$")
TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

# Why a link does not count as an easy entry point (TaskLink.problems).
FOOTER, TINY, FAINT, DEEP_MENU, BELOW_FOLD, UNNAMED = "footer", "tiny", "faint", "deep_menu", "below_fold", "unnamed"


@dataclass(frozen=True)
class ProminenceLimits:
    """When a link stops being easy to find; read from ``thresholds.buried-link`` of the packs."""

    fold_screens: float = 3.0
    mobile_fold_screens: float = 6.0
    min_font_px: float = 12.0
    min_contrast: float = 3.0
    max_menu_depth: int = 2  # menu level: 1 = an open menu bar, 2 = its drop-down, 3 = a sub-menu of that

    @classmethod
    def from_context(cls, ctx: Any) -> "ProminenceLimits":
        d = cls()
        return cls(
            fold_screens=float(ctx.option(RULE_ID, "fold_screens", d.fold_screens)),
            mobile_fold_screens=float(ctx.option(RULE_ID, "mobile_fold_screens", d.mobile_fold_screens)),
            min_font_px=float(ctx.option(RULE_ID, "min_font_px", d.min_font_px)),
            min_contrast=float(ctx.option(RULE_ID, "min_contrast", d.min_contrast)),
            max_menu_depth=int(ctx.option(RULE_ID, "max_menu_depth", d.max_menu_depth)),
        )


@dataclass(frozen=True)
class TaskLink:
    """One link or button that leads to a key task, with how findable it is."""

    task: str
    element: Element = field(repr=False)
    matched_by: str  # "name", "href" or "name+href"
    named: bool  # its accessible name names the task (or a sibling task, for a link whose URL is this task)
    region: str | None  # header | nav | main | aside | footer | None (no landmark, no hint)
    menu_level: int  # 1 = shown now (or in an open menu bar); each menu to open adds 1
    toggles: tuple[str, ...]  # the controls to open, outermost first ("Menu", "Accounts")
    font_size: float
    contrast: float | None  # WCAG ratio of its text on its background; None when over an image
    screens: float  # how many screens down it starts (rect.y / viewport height)
    problems: tuple[str, ...]  # FOOTER, TINY, FAINT, DEEP_MENU, BELOW_FOLD, UNNAMED
    also_prominent_elsewhere: bool = False  # another link to the same task has no problems
    label: str = ""  # its accessible name (or its text, inside a closed menu)

    @property
    def selector(self) -> str:
        return self.element.selector

    @property
    def name(self) -> str:
        return self.label or self.element.name

    @property
    def href(self) -> str | None:
        return self.element.href

    @property
    def prominent(self) -> bool:
        return not self.problems


# -- text matching --------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w']+")


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by single spaces (apostrophes kept)."""
    if text.isascii():
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


@lru_cache(maxsize=8192)
def _with_transliteration(text: str) -> tuple[str, ...]:
    """German umlauts are written ae/oe/ue in URLs; accents are dropped either way."""
    text = text or ""
    if text.isascii():
        return (normalise(text),)
    raw = unicodedata.normalize("NFKC", text).casefold()
    return tuple(dict.fromkeys((normalise(raw), normalise(raw.translate(TRANSLIT)))))


class TaskMatcher:
    """Every task's wordings and exclusions, normalised and indexed once, so a page with 10,000
    links is matched in one pass over each label's words."""

    def __init__(self, tasks: Mapping[str, Any]):
        # first word -> [(phrase, task, excluded?)]; compact form ("billpay") -> tasks
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        self._compact: dict[str, set[str]] = {}
        # Chinese and Japanese write no spaces between words: their wordings match as substrings.
        self._unspaced: list[tuple[str, str, bool]] = []
        for tid, task in tasks.items():
            for excluded, words in ((False, task.all_words),
                                    (True, [w for ws in getattr(task, "exclude", {}).values() for w in ws])):
                for w in words:
                    if UNSPACED_SCRIPT.search(w):
                        self._unspaced.append((normalise(w), str(tid), excluded))
                        continue
                    for form in _with_transliteration(w):
                        phrase = tuple(form.split())
                        if not phrase:
                            continue
                        self._by_first.setdefault(phrase[0], []).append((phrase, str(tid), excluded))
                        if not excluded:
                            self._compact.setdefault("".join(phrase), set()).add(str(tid))

    def tasks_in(self, tokens: list[str], loose_plural: bool = False) -> set[str]:
        """Tasks whose wording occurs in ``tokens`` as whole words, outside the task's excluded phrases."""
        hits: list[tuple[str, int, int]] = []
        blocked: dict[str, set[int]] = {}
        n = len(tokens)
        for i, tok in enumerate(tokens):
            for phrase, tid, excluded in self._by_first.get(tok, ()):
                j = i + len(phrase)
                if j <= n and tuple(tokens[i:j]) == phrase:
                    if excluded:
                        blocked.setdefault(tid, set()).update(range(i, j))
                    else:
                        hits.append((tid, i, j))
            forms = [tok]
            if loose_plural:
                forms += [tok + "s"] + ([tok[:-1]] if tok.endswith("s") else [])
            for form in forms:
                for tid in self._compact.get(form, ()):
                    hits.append((tid, i, i + 1))
        return {tid for tid, i, j in hits if not blocked.get(tid, set()).intersection(range(i, j))}

    def _unspaced_tasks(self, text: str, any_length: bool = False) -> set[str]:
        if not self._unspaced or not UNSPACED_SCRIPT.search(text):
            return set()
        if len(text) > MAX_UNSPACED_NAME_CHARS and not any_length:
            return set()
        hits = {tid for w, tid, excluded in self._unspaced if not excluded and w in text}
        blocked = {tid for w, tid, excluded in self._unspaced if excluded and w in text}
        return hits - blocked

    def named_tasks(self, label: str, any_length: bool = False) -> set[str]:
        """Tasks this accessible name names. Names longer than MAX_NAME_WORDS are sentences that
        merely mention a task, unless ``any_length``."""
        out: set[str] = set()
        for form in _with_transliteration(label):
            tokens = form.split()
            if 0 < len(tokens) <= MAX_NAME_WORDS or (any_length and tokens):
                out |= self.tasks_in(tokens)
            out |= self._unspaced_tasks(form, any_length)
        return out

    def url_tasks(self, href: str | None) -> set[str]:
        """Tasks the destination of this URL spells (last path part, ``#/route``, a query value)."""
        out: set[str] = set()
        for part in url_destinations(href):
            for form in _with_transliteration(part):
                tokens = form.split()
                out |= self.tasks_in(tokens, loose_plural=True)
                out |= self._compact.get("".join(tokens), set())
        return out


_SCHEME_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(//[^/?#]*)?")
NON_PAGE_SCHEMES = ("javascript:", "mailto:", "tel:", "sms:", "data:")


def _last_segment(path: str) -> str | None:
    """The last part of a path; None when that is an id (``/statements/2026/10`` is one statement,
    not the statements page)."""
    for segment in reversed(path.split("/")):
        if segment and segment != "!":
            segment = PAGE_EXTENSIONS.sub("", unquote(segment))
            return None if ID_LIKE.match(segment.lower()) else segment
    return None


def url_destinations(href: str | None) -> list[str]:
    """The parts of a URL that say where it leads: the last meaningful path segment, the last
    segment of a ``#/route`` fragment and the query values. File downloads lead nowhere."""
    if not href or href.lower().startswith(NON_PAGE_SCHEMES):
        return []
    rest, _, fragment = _SCHEME_HOST.sub("", href, count=1).partition("#")
    path, _, query = rest.partition("?")
    if path.lower().endswith(DOWNLOAD_EXTENSIONS):
        return []
    out = [seg for seg in (_last_segment(path),) if seg]
    queries = [query]
    if fragment.startswith(("/", "!/")):  # a single-page app's route: #/cards/disputes?tab=open
        route, _, route_query = fragment.partition("?")
        out.extend(seg for seg in (_last_segment(route),) if seg)
        queries.append(route_query)
    for q in queries:
        if q:
            out.extend(v for _, v in parse_qsl(q) if v and len(v) < 60 and not ID_LIKE.match(v.lower()))
    return out


# -- colour ---------------------------------------------------------------------------------------

def relative_luminance(rgb: Iterable[float]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour given as 0-255 channels."""
    def channel(c: float) -> float:
        c = max(0.0, min(255.0, float(c))) / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in list(rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: Iterable[float], bg: Iterable[float]) -> float:
    """WCAG contrast ratio (1 to 21) of two opaque colours."""
    l1, l2 = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (l1 + 0.05) / (l2 + 0.05)


def _blend(top: list[float], alpha: float, bottom: list[float]) -> list[float]:
    return [top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3)]


def text_contrast(color: list[float] | None, background: list[float] | None, opacity: float = 1.0) -> float | None:
    """Contrast of text as drawn: its colour's alpha and the element's opacity fade it into the
    background. None when the background is an image (unknown)."""
    if background is None or color is None or len(color) < 3:
        return None
    bg = list(background[:3])
    bg_alpha = background[3] if len(background) > 3 else 1.0
    if bg_alpha < 1:
        bg = _blend(bg, bg_alpha, [255.0, 255.0, 255.0])
    alpha = (color[3] if len(color) > 3 else 1.0) * (opacity if opacity is not None else 1.0)
    return round(contrast_ratio(_blend(list(color[:3]), max(0.0, min(1.0, alpha)), bg), bg), 2)


# -- prominence -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Reach:
    reachable: bool
    layers: int  # closed menus / drawers to open
    toggles: tuple[str, ...]
    menu_button: bool = False  # the outermost one opens with a menu button outside any menu (a hamburger)


def _reach(el: Element, layers_by_selector: Mapping[str, list[Mapping[str, Any]]] | None) -> _Reach:
    """Can a customer get to it on this device, and through how many closed menus?"""
    if layers_by_selector is None:  # snapshot recorded without the menus part: core's counts
        if el.visible:
            return _Reach(True, 0, ())
        return _Reach(el.collapsed_menus > 0, el.collapsed_menus, ())
    chain = layers_by_selector.get(el.selector) or []
    if not chain:
        usable = el.visible and el.rect.width >= 2 and el.rect.height >= 2  # not a screen-reader-only link
        return _Reach(usable, 0, ())
    outer = chain[0]
    reachable = bool(outer.get("toggle_visible") or outer.get("fallback"))
    menu_button = not outer.get("toggle_in_menu", False)
    return _Reach(reachable, len(chain), tuple(str(layer.get("toggle") or "") for layer in chain), menu_button)


def _bottom_of_page(el: Element, snapshot: Snapshot, page_has_footer: bool) -> str | None:
    """Pages without a footer landmark or footer classes still end in a footer: the last stretch
    of a page taller than a screen."""
    if page_has_footer:
        return None
    vh = _viewport_height(snapshot)
    doc_h = float(snapshot.document.get("scroll_height") or 0)
    if doc_h > 1.5 * vh and el.visible and el.rect.y > doc_h - FOOTER_BAND_SCREENS * vh:
        return "footer"
    return None


def _viewport_height(snapshot: Snapshot) -> float:
    return float(snapshot.viewport.get("height") or snapshot.device.get("height") or 800) or 800.0


def is_phone(snapshot: Snapshot) -> bool:
    """A phone-sized viewport: its site menu may sit behind a hamburger and its pages run longer."""
    width = float(snapshot.viewport.get("width") or snapshot.device.get("width") or 1280)
    return snapshot.is_mobile or width < 600


def _problems(el: Element, region: str | None, reach: _Reach, named: bool, contrast: float | None,
              screens: float, menu_level: int, snapshot: Snapshot, limits: ProminenceLimits) -> tuple[str, ...]:
    vh = _viewport_height(snapshot)
    doc_h = float(snapshot.document.get("scroll_height") or vh)
    problems = []
    # A footer that shows on the first screen of a long page is a fixed bottom bar, not fine print.
    if region == "footer" and not (el.visible and el.rect.bottom <= vh and doc_h > 1.5 * vh):
        problems.append(FOOTER)
    if el.font_size and el.font_size < limits.min_font_px:
        problems.append(TINY)
    if contrast is not None and _faint(el, contrast, limits):
        problems.append(FAINT)
    if menu_level > limits.max_menu_depth:
        problems.append(DEEP_MENU)
    fold = limits.mobile_fold_screens if is_phone(snapshot) else limits.fold_screens
    if reach.layers == 0 and screens > fold:
        problems.append(BELOW_FOLD)
    if not named:
        problems.append(UNNAMED)
    return tuple(problems)


def _faint(el: Element, contrast: float, limits: ProminenceLimits) -> bool:
    """Text that fades into its background. Bold or large text in a brand colour just under the
    limit (white on orange) still stands out; only clearly washed-out text counts then."""
    if contrast >= limits.min_contrast:
        return False
    emphasised = el.font_weight >= 600 or el.font_size >= 18.5
    return not emphasised or contrast < EMPHASISED_MIN_CONTRAST


def _menu_level(reach: _Reach, region: str | None, snapshot: Snapshot) -> int:
    layers = reach.layers
    # On a phone the site menu sits behind one menu button (the hamburger): normal, not buried.
    if layers and reach.menu_button and is_phone(snapshot) and region in ("header", "nav"):
        layers -= 1
    return 1 + layers


def compute_key_task_links(snapshot: Snapshot, tasks: Mapping[str, Any],
                           limits: ProminenceLimits) -> dict[str, list[TaskLink]]:
    menus = snapshot.part("menus")
    layers_by_selector = menus.get("layers", {}) if isinstance(menus, Mapping) else None
    regions = menus.get("regions", {}) if isinstance(menus, Mapping) else {}
    hidden_names = menus.get("names", {}) if isinstance(menus, Mapping) else {}
    matcher = TaskMatcher(tasks)
    vh = _viewport_height(snapshot)
    page_has_footer = any(regions.get(e.selector, e.landmark) == "footer" for e in snapshot.elements)
    found: dict[str, list[TaskLink]] = {}
    for el in snapshot.elements:
        if el.kind not in ("link", "button"):
            continue
        label = el.name or hidden_names.get(el.selector) or el.text
        named = matcher.named_tasks(label)
        by_url = matcher.url_tasks(el.href) if el.kind == "link" else set()
        scheme_task = SCHEME_TASKS.get((el.href or "").split(":", 1)[0].lower()) if el.kind == "link" else None
        if scheme_task in tasks:
            named.add(scheme_task)  # "0330 123 4567" on a tel: link offers contact as well as its name could
        if not named and not by_url:
            continue
        # "Customer service" -> /help is a fine way to get help: a label that names a sibling task
        # names this one well enough, and so does a long label that mentions the task. Only labels
        # that name no task at all ("Documents & more", an icon) make a URL-only match a badly
        # labelled entry.
        named_well = named | by_url if named else by_url & matcher.named_tasks(label, any_length=True)
        matches = [(task, task in named_well, task in by_url, task in named)
                   for task in tasks if task in named or task in by_url]
        reach = _reach(el, layers_by_selector)
        if not reach.reachable:
            continue  # not offered on this device (e.g. the phone menu on a desktop page)
        region = regions.get(el.selector, el.landmark) or _bottom_of_page(el, snapshot, page_has_footer)
        contrast = text_contrast(el.color, el.background, el.opacity)
        screens = round(max(0.0, el.rect.y) / vh, 2)
        level = _menu_level(reach, region, snapshot)
        for task, well_named, by_href, by_name in matches:
            problems = _problems(el, region, reach, well_named, contrast, screens, level, snapshot, limits)
            found.setdefault(task, []).append(TaskLink(
                task=task, element=el, matched_by="name+href" if by_name and by_href else ("name" if by_name else "href"),
                named=well_named, region=region, menu_level=level, toggles=reach.toggles,
                font_size=el.font_size, contrast=contrast, screens=screens, problems=problems, label=label))
    out: dict[str, list[TaskLink]] = {}
    for task, task_links in found.items():
        prominent = sum(1 for link in task_links if link.prominent)
        out[task] = [replace(link, also_prominent_elsewhere=prominent - link.prominent > 0) for link in task_links]
    return out


def key_task_links(snapshot: Snapshot, packs: Any, limits: ProminenceLimits | None = None) -> dict[str, list[TaskLink]]:
    """Task id -> the links and buttons of this page that lead to it (only tasks the page links to).

    ``packs`` is the active packs (``ctx.packs``); computed once per snapshot, packs and limits.
    """
    limits = limits or ProminenceLimits()
    tasks = packs.tasks() if packs is not None else {}
    key = f"key_task_links:{','.join(sorted(tasks))}:{getattr(packs, 'names', '')}:{limits}"
    return snapshot.derived(key, lambda snap: compute_key_task_links(snap, tasks, limits))


def page_tasks(snapshot: Snapshot, packs: Any) -> set[str]:
    """Tasks this page is itself about: its main heading (h1) names them ("Statements",
    "Returns and refunds"). Customers there have already found the task."""
    tasks = packs.tasks() if packs is not None else {}
    headings = [e for e in snapshot.elements if e.kind == "heading" and e.level == 1 and e.visible and e.name]
    if not tasks or not headings:
        return set()
    matcher = TaskMatcher(tasks)
    return set().union(*(matcher.named_tasks(h.name) for h in headings))
