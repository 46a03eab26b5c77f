"""The Snapshot: everything rules may look at for one audited step, gathered in one round trip.

Schema ``uxcheck/snapshot@1``. Add fields, never rename them: plugins depend on them.
Parts of the collector that this module does not model (a plugin's own part, say) are kept in
``Snapshot.parts`` by name, so they survive a save and load.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

SCHEMA = "uxcheck/snapshot@1"


@dataclass
class Rect:
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass
class Element:
    """A link, button, form control or heading, with what it looks like and where it is."""

    kind: str  # link | button | input | heading
    tag: str
    selector: str
    role: str | None = None
    text: str = ""
    name: str = ""  # accessible name (label, aria-label, text, alt)
    rect: Rect = field(default_factory=Rect)
    visible: bool = True
    font_size: float = 16.0
    font_weight: int = 400
    color: list[float] | None = None  # [r, g, b, a]
    background: list[float] | None = None  # effective background; None when it is an image
    opacity: float = 1.0
    landmark: str | None = None  # header | nav | main | footer | aside | None
    menu_depth: int = 0  # nested menus (lists in nav/header, role=menu, details) around it
    collapsed_menus: int = 0  # how many of those are closed now
    in_text: bool = False  # a link inside running text
    attrs: dict[str, str] = field(default_factory=dict)
    href: str | None = None
    level: int | None = None  # headings
    label: str | None = None  # inputs
    description: str | None = None  # inputs: aria-describedby text
    required: bool | None = None
    input_type: str | None = None
    html: str = ""  # markup excerpt, at most 300 characters, input values removed
    ignore: str = ""  # data-uxcheck-ignore of the element or an ancestor ("rule-a,rule-b" or "" )
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Block:
    """A piece of visible running text (paragraph, list item, message box, ...)."""

    tag: str
    selector: str
    text: str = ""
    role: str | None = None
    rect: Rect = field(default_factory=Rect)
    visible: bool = True
    font_size: float = 16.0
    font_weight: int = 400
    color: list[float] | None = None
    background: list[float] | None = None
    landmark: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    html: str = ""
    ignore: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Cell:
    text: str
    header: bool = False
    colspan: int = 1


@dataclass
class Row:
    role: str  # header | body | footer
    cells: list[Cell]
    selector: str | None = None


@dataclass
class Table:
    """A table, ARIA grid or list of rows as a matrix of cell texts."""

    kind: str  # table | grid | list | dl | cards
    selector: str
    rows: list[Row]
    caption: str = ""
    rect: Rect = field(default_factory=Rect)
    visible: bool = True
    landmark: str | None = None
    in_scroll_container: bool = False
    row_count: int = 0
    truncated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _build(cls: type, data: Mapping[str, Any]) -> Any:
    """Instantiate a dataclass from a dict; unknown keys go to ``extra`` (forward compatible)."""
    names = {f.name for f in fields(cls)}
    known = {k: v for k, v in data.items() if k in names}
    unknown = {k: v for k, v in data.items() if k not in names}
    if "rect" in known and isinstance(known["rect"], Mapping):
        known["rect"] = Rect(**known["rect"])
    if unknown and "extra" in names:
        known["extra"] = {**known.get("extra", {}), **unknown}
    return cls(**known)


def _row(r: Mapping[str, Any]) -> Row:
    if "c" in r:  # the compact form the collector sends: {r, c: [texts], h: [header idx], s: {idx: colspan}}
        headers = set(r.get("h", ()))
        spans = {int(k): int(v) for k, v in (r.get("s") or {}).items()}
        return Row(role=r.get("r", "body"), selector=r.get("sel"),
                   cells=[Cell(t, i in headers, spans.get(i, 1)) for i, t in enumerate(r["c"])])
    return Row(role=r.get("role", "body"), selector=r.get("selector"),
               cells=[Cell(c.get("text", ""), bool(c.get("header")), int(c.get("colspan", 1))) for c in r.get("cells", [])])


def _table(data: Mapping[str, Any]) -> Table:
    return _build(Table, {**data, "rows": [_row(r) for r in data.get("rows", [])]})


_TOP_LEVEL = ("url", "title", "lang", "viewport_meta", "viewport", "client_width", "screen_width", "document",
              "ignore", "elements", "blocks", "html", "tables", "device", "timing")


@dataclass
class Snapshot:
    url: str
    html: str = ""
    title: str = ""
    lang: str = ""
    device: dict[str, Any] = field(default_factory=dict)  # name, width, height, is_mobile
    viewport_meta: str | None = None  # the content of <meta name=viewport>, None when absent
    viewport: dict[str, float] = field(default_factory=dict)  # window.innerWidth/innerHeight
    client_width: float = 0  # documentElement.clientWidth (the layout viewport's width)
    screen_width: float = 0
    document: dict[str, float] = field(default_factory=dict)  # scroll_width, scroll_height
    elements: list[Element] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    ignore: list[dict[str, str]] = field(default_factory=list)  # data-uxcheck-ignore zones
    parts: dict[str, Any] = field(default_factory=dict)  # other collector parts, by name
    timing: dict[str, float] = field(default_factory=dict)

    # -- derived views, computed once per snapshot and shared by rules -------------------------
    @cached_property
    def soup(self) -> Any:
        """The page's HTML parsed by BeautifulSoup (lxml); parsed on first use only."""
        from bs4 import BeautifulSoup

        return BeautifulSoup(self.html or "", "lxml")

    @cached_property
    def text(self) -> str:
        """Visible text of the page's text blocks, links and buttons, in document order."""
        return "\n".join(b.text for b in self.blocks if b.visible and b.text)

    @cached_property
    def signal_text(self) -> str:
        """What pack selection reads: the title, the text blocks and the names of links and buttons
        (a bank dashboard may say "Statements" and "Transfers" only in its navigation)."""
        names = "\n".join(e.name for e in self.elements if e.kind in ("link", "button") and e.name)
        return f"{self.title}\n{self.text}\n{names}"

    @property
    def links(self) -> list[Element]:
        return [e for e in self.elements if e.kind == "link"]

    @property
    def buttons(self) -> list[Element]:
        return [e for e in self.elements if e.kind == "button"]

    @property
    def inputs(self) -> list[Element]:
        return [e for e in self.elements if e.kind == "input"]

    @property
    def headings(self) -> list[Element]:
        return [e for e in self.elements if e.kind == "heading"]

    @property
    def is_mobile(self) -> bool:
        return bool(self.device.get("is_mobile"))

    def part(self, name: str, default: Any = None) -> Any:
        return self.parts.get(name, default)

    def find(self, selector: str) -> Element | Block | Table | None:
        for group in (self.elements, self.blocks, self.tables):
            for item in group:
                if item.selector == selector:
                    return item
        return None

    def derived(self, key: str, compute: Any) -> Any:
        """Memoise a derived view (money tables, stated periods, ...) shared by several rules."""
        cache = self.__dict__.setdefault("_derived", {})
        if key not in cache:
            cache[key] = compute(self)
        return cache[key]

    # -- JSON -----------------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Snapshot":
        raw_parts = dict(data.get("parts") or {})
        for key, value in data.items():
            if key not in _TOP_LEVEL and key not in ("schema", "parts"):
                raw_parts[key] = value
        return cls(
            url=data.get("url", ""),
            html=data.get("html", ""),
            title=data.get("title", ""),
            lang=data.get("lang", ""),
            device=dict(data.get("device") or {}),
            viewport_meta=data.get("viewport_meta"),
            viewport=dict(data.get("viewport") or {}),
            client_width=data.get("client_width", 0),
            screen_width=data.get("screen_width", 0),
            document=dict(data.get("document") or {}),
            elements=[_build(Element, e) for e in data.get("elements", [])],
            blocks=[_build(Block, b) for b in data.get("blocks", [])],
            tables=[_table(t) for t in data.get("tables", [])],
            ignore=list(data.get("ignore") or []),
            parts=raw_parts,
            timing=dict(data.get("timing") or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("elements", "blocks", "tables"):
                out[f.name] = [asdict(v) for v in value]
            else:
                out[f.name] = value
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def load(cls, path: str | Path) -> "Snapshot":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")


def collector_script() -> str:
    """The collector parts joined into one page function (core first, then by name)."""
    folder = resources.files("uxcheck") / "collector"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".js"))
    names.remove("core.js")
    body = "\n".join((folder / n).read_text(encoding="utf-8") for n in ["core.js", *names])
    from .capture import MASK_SELECTOR  # one definition for the collector and the screenshots

    return (
        "() => {\n" + body + "\n"
        f"U.MASK_SELECTOR = {json.dumps(MASK_SELECTOR)};\n"
        "const result = {};\n"
        "const errors = {};\n"
        "const partMs = {};\n"
        "for (const [name, fn] of Object.entries(U.parts)) {\n"
        "  const t = performance.now();\n"
        "  try { const v = fn(U); if (name === 'core') Object.assign(result, v); else result[name] = v; }\n"
        "  catch (e) { errors[name] = String(e && e.stack || e); }\n"
        "  partMs[name] = Math.round(performance.now() - t);\n"
        "}\n"
        # Compact table rows for the trip out of the page: {r: role, c: [texts], h: [header cell
        # indexes], s: {index: colspan}} instead of an object per cell (a third of the bytes).
        "for (const t of (result.tables || [])) {\n"
        "  t.rows = t.rows.map((row) => {\n"
        "    const out = {r: row.role, c: row.cells.map((c) => c.text)};\n"
        "    const h = []; const s = {};\n"
        "    row.cells.forEach((c, i) => { if (c.header) h.push(i); if (c.colspan > 1) s[i] = c.colspan; });\n"
        "    if (h.length) out.h = h;\n"
        "    if (Object.keys(s).length) out.s = s;\n"
        "    if (row.selector) out.sel = row.selector;\n"
        "    return out;\n"
        "  });\n"
        "}\n"
        # started_epoch_ms: when the script began, on the wall clock, so the caller can tell the
        # time the call waited for the page's main thread (its first rendering) from collection.
        "result.timing = {collect_ms: Math.round(performance.now() - U.started), parts_ms: partMs,\n"
        "                 started_epoch_ms: performance.timeOrigin + U.started};\n"
        "if (Object.keys(errors).length) result.collector_errors = errors;\n"
        # One string, not a nested object: Playwright serialises big object graphs value by value,
        # which costs seconds for a 10,000-row statement; a JSON string crosses in milliseconds.
        "return JSON.stringify(result);\n}"
    )

