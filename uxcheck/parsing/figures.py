"""Labelled figures: the money amounts a page names ("Available balance £1,842.16", "Order total
54,20 €"), with what they belong to (an account, card or order), so two pages can be compared.

    for fig in labelled_figures(snapshot, ctx.packs):
        fig.label, fig.money.amount, fig.ident, fig.heading

A figure is an amount written next to a label from the packs' vocabularies (``balance``,
``available_credit``, ``opening_balance``, ``closing_balance``, ``total``, ``subtotal``): in the
same text block ("Balance: £12.00"), in the block just before or after it (a ``<dt>``/``<dd>``
pair, a label span and an amount span, a caption under a big number), or in a summary table whose
column header is the label ("Account | Balance"). Its context is what it belongs to:

- ``ident``: an account, card or order number written near it (``••••4821``, ``ending in 4821``,
  ``Order #112-4471``, the last 4 digits of an IBAN), in its own card or item first, else near the
  page's main heading (a page about one account names it once, at the top);
- ``heading``: the heading of its own card or section, else the page's main heading.

Computed once per snapshot (``snapshot.derived``).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable

from ..snapshot import Block, Snapshot
from .money import Money, find_money, page_locale, parse_money

FIGURE_CONCEPTS = ("balance", "available_credit", "opening_balance", "closing_balance", "total", "subtotal")
MAX_LABEL_WORDS = 6  # longer text before an amount is a sentence, not a label
MAX_LABEL_CHARS = 48
NEAR_PX = 80  # a label in the next/previous block must be this close to its amount
LOCAL_LEVELS = 3  # blocks sharing an ancestor this close belong to the same card or item
CONTEXT_BLOCKS = 15  # how far back to look for a figure's own heading and number
SUMMARY_TABLE_ROWS = 30  # bigger tables are transaction lists, not account summaries
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# Account, card and order numbers as portals write them.
IDENT_PATTERNS = (
    re.compile(r"(?:[•*∙·xX×…]\s?){2,}\s?(\d{3,6})\b"),  # ••••4821, **** 4821, xxxx4821
    re.compile(r"…\s?(\d{4})\b"),
    re.compile(r"\b(?:ending(?: in)?|ends in|endet auf|endend auf|terminant par|finissant par|terminada en|"
               r"acabada en|terminado em|eindigend op|末尾)\s*:?\s*(\d{3,6})\b", re.IGNORECASE),
    re.compile(r"\b(?:order|bestellung|commande|pedido|bestelling|encomenda|注文)\s*(?:no\.?|nr\.?|number|nummer|"
               r"numéro|número|n[°º.]|#)?\s*[:#]?\s*((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,})\b", re.IGNORECASE),
    re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}\s?[A-Z0-9]{1,4}\b"),  # IBAN (whole match)
    re.compile(r"(?<![\d.,/-])(\d{7,12})(?![\d.,/-]?\d)"),  # a bare account number (not a sort code or date)
)


@dataclass(frozen=True)
class Figure:
    label: str  # normalised label text: "available balance"
    concept: str  # which vocabulary it matched: balance, total, ...
    money: Money
    selector: str  # the element showing the amount
    shown: str  # label and amount as the page shows them
    ident: str | None  # account / card / order number it belongs to
    heading: str | None  # normalised heading of its card, section or page
    local: bool  # ident/heading came from its own card or item (not the page's top)
    ordinal: int  # how many figures with this label came before it on the page


def normalise(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "").lower()
    t = re.sub(r"\s+", " ", t).strip()
    return t.strip(" :：–—-|·•*()[]")


_CJK = re.compile("[\u3040-\u9fff]")
_DIGIT = re.compile(r"\d")


def _is_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def _phrase_in(phrase: str, text: str) -> bool:
    if _is_cjk(phrase):
        return phrase in text
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


def phrase_regex(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One compiled search for many phrases: whole words, longest first (CJK: anywhere)."""
    alternatives = []
    for p in sorted({p for p in phrases if p}, key=len, reverse=True):
        alternatives.append(re.escape(p) if _is_cjk(p) else r"(?<!\w)" + re.escape(p) + r"(?!\w)")
    return re.compile("|".join(alternatives)) if alternatives else None


class LabelVocabulary:
    """Which label texts name a figure, from the active packs."""

    def __init__(self, packs: Any):
        self.concepts: dict[str, str] = {}
        for concept in FIGURE_CONCEPTS:
            for w in (packs.words(concept) if packs is not None else ()):
                self.concepts.setdefault(normalise(w), concept)
        # Longest first: "available balance" is a balance before "balance" is.
        self.regex = phrase_regex(self.concepts)
        # A quick no: a label shares at least one word with some wording (CJK wordings aside).
        self.tokens = {t for p in self.concepts if not _is_cjk(p) for t in re.findall(r"\w+", p)}
        self.cjk = any(_is_cjk(p) for p in self.concepts)

    def concept(self, label: str) -> str | None:
        """The concept a label names, or None when the text is not a short label with a figure word."""
        if not label or len(label) > MAX_LABEL_CHARS or self.regex is None:
            return None
        if len(label.split()) > MAX_LABEL_WORDS:
            return None
        if self.tokens.isdisjoint(re.findall(r"\w+", label)) and not (self.cjk and _is_cjk(label)):
            return None
        m = self.regex.search(label)
        return self.concepts.get(m.group(0)) if m else None


def identifier(text: str) -> str | None:
    """The account, card or order number written in a text (the closest to its end)."""
    best: tuple[int, str] | None = None
    for pattern in IDENT_PATTERNS:
        for m in pattern.finditer(text or ""):
            value = m.group(1) if m.groups() else re.sub(r"\s", "", m.group(0))[-4:]
            value = value.replace(" ", "").replace("-", "")
            if pattern is not IDENT_PATTERNS[3]:
                value = value[-4:]  # a full account number and its masked form name the same account
            if best is None or m.end() > best[0]:
                best = (m.end(), value.upper())
    return best[1] if best else None


# -- where blocks sit ---------------------------------------------------------------------------

def _path(selector: str) -> tuple[str | None, list[str]]:
    """(id anchor or None, components after it) of a collector selector like "#main > section > p"."""
    parts = [p.strip() for p in (selector or "").split(">") if p.strip()]
    if parts and parts[0].startswith("#") and " " not in parts[0]:
        return parts[0], parts[1:]
    return None, parts


def _close(a: str, b: str) -> bool:
    """Do two blocks share an ancestor at most LOCAL_LEVELS above ``a`` (same card or item)?"""
    anchor_a, pa = _path(a)
    anchor_b, pb = _path(b)
    if anchor_a != anchor_b:
        return False
    common = 0
    for x, y in zip(pa, pb):
        if x != y:
            break
        common += 1
    return len(pa) - common <= LOCAL_LEVELS


def _is_cell(block: Block) -> bool:
    return block.tag.lower() in ("td", "th") or block.role in ("cell", "gridcell", "rowheader", "columnheader")


def _same_row(a: Block, b: Block) -> bool:
    """Two cells of one table row: their selectors differ only in the last component."""
    anchor_a, pa = _path(a.selector)
    anchor_b, pb = _path(b.selector)
    return anchor_a == anchor_b and pa[:-1] == pb[:-1] and abs(a.rect.y - b.rect.y) <= 4


def _is_heading(block: Block) -> bool:
    return block.tag.lower() in HEADING_TAGS or block.role == "heading"


@dataclass
class _Page:
    heading: str | None
    ident: str | None


def _page_context(blocks: list[Block]) -> _Page:
    """The page's main heading and the number written with it (a page about one account)."""
    heads = [i for i, b in enumerate(blocks) if b.tag.lower() == "h1" and b.landmark not in ("header", "footer", "nav")]
    if not heads:
        heads = [i for i, b in enumerate(blocks) if _is_heading(b) and b.landmark not in ("header", "footer", "nav")]
    if not heads:
        return _Page(None, None)
    i = heads[0]
    near = [blocks[i].text]
    for b in blocks[i + 1:i + 4]:
        if _is_heading(b) or _is_cell(b):
            break  # the next section, or a table: not the page's own subtitle
        near.append(b.text)
    return _Page(normalise(blocks[i].text), identifier(" ".join(near)))


def _local_context(blocks: list[Block], i: int, own_prefix: str) -> tuple[str | None, str | None]:
    """(ident, heading) from the figure's own card or item: the blocks just before it that share
    a close ancestor, up to its heading."""
    target = blocks[i].selector
    ident = identifier(own_prefix)
    heading = None
    for j in range(i - 1, max(-1, i - 1 - CONTEXT_BLOCKS), -1):
        b = blocks[j]
        # Other rows of a table are other items (a transfer's description names another account).
        if _is_cell(b) and not _same_row(blocks[i], b):
            continue
        if not _close(target, b.selector):
            if _is_heading(b):
                break  # a heading of something else: we left the figure's card
            continue
        if ident is None:
            ident = identifier(b.text)
        if _is_heading(b):
            heading = normalise(b.text)
            break
    return ident, heading


# -- finding figures ----------------------------------------------------------------------------

def _near(a: Block, b: Block) -> bool:
    return abs(a.rect.y - b.rect.y) <= NEAR_PX or abs(a.rect.bottom - b.rect.y) <= NEAR_PX \
        or abs(b.rect.bottom - a.rect.y) <= NEAR_PX


# A currency sign or code: without one, running text holds no amount find_money would report.
_CURRENCY_HINT = re.compile(r"[^\w\s.,:;()\-+/%'\"!?&#*•·|]|\b[A-Z]{3}\b|\bFr\.|\bkr\b|zł")


_HAS_LETTER = re.compile(r"[^\W\d_]")


def _amounts(text: str, locale: str) -> list[tuple[int, int, Money]]:
    if not _DIGIT.search(text):
        return []
    if not _CURRENCY_HINT.search(text) and _HAS_LETTER.search(text):
        return []  # "01 Oct 2026", "Order 4471": digits but no money
    found = list(find_money(text, locale))
    if not found:
        whole = parse_money(text, locale)
        if whole is not None and whole.currency is None and whole.decimals in (0, 2):
            found = [(0, len(text), whole)]
    return found


def compute_figures(snapshot: Snapshot, vocab: LabelVocabulary) -> list[Figure]:
    blocks = [b for b in snapshot.blocks if b.visible and b.text and b.text.strip()]
    locale = page_locale(snapshot.lang, (b.text for b in blocks[:200]))
    page = _page_context(blocks)
    raw: list[tuple[str, str, Money, str, str, int, str]] = []  # label, concept, money, selector, shown, index, prefix
    cache: dict[int, list[tuple[int, int, Money]]] = {}
    labels: dict[str, str | None] = {}

    def label_of(j: int) -> str | None:
        text = blocks[j].text
        if text not in labels:
            labels[text] = vocab.concept(normalise(text)) if len(text) <= MAX_LABEL_CHARS + 4 else None
        return labels[text]

    def amounts_of(j: int) -> list[tuple[int, int, Money]]:
        if j not in cache:
            cache[j] = _amounts(blocks[j].text.strip(), locale)
        return cache[j]

    for i, b in enumerate(blocks):
        if b.landmark == "footer" or _is_heading(b):
            continue
        text = b.text.strip()
        if len(text) > 300:
            continue  # running text: figures sit in short blocks
        if not _HAS_LETTER.search(text.replace("R$", "").replace("US$", "")):
            # A bare amount: it is a figure only next to a label, so look at the neighbours first
            # (cheap) before parsing it (a 10,000-row statement is mostly bare amounts).
            if not any(label_of(j) for j in (i - 1, i + 1) if 0 <= j < len(blocks)):
                continue
        amounts = amounts_of(i)
        prev_end = 0
        for k, (start, end, money) in enumerate(amounts):
            before = normalise(text[prev_end:start])
            label, concept, prefix = None, None, text[:start]
            if before:
                concept = vocab.concept(before)
                label = before if concept else None
            elif k == 0:
                prev = blocks[i - 1] if i > 0 else None
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                after = normalise(text[end:])
                if (prev is not None and not _is_heading(prev) and _near(prev, b) and not amounts_of(i - 1)
                        and (not _is_cell(b) or _same_row(prev, b))):
                    concept = vocab.concept(normalise(prev.text))
                    label = normalise(prev.text) if concept else None
                # A caption under a big number ("£1,842.16" / "available balance"): smaller text after it.
                if (label is None and not after and nxt is not None and not _is_cell(b) and not _is_cell(nxt)
                        and _near(b, nxt) and nxt.font_size < b.font_size and not amounts_of(i + 1)):
                    concept = vocab.concept(normalise(nxt.text))
                    label = normalise(nxt.text) if concept else None
                if label is None and after:
                    concept = vocab.concept(after)
                    label = after if concept else None
            prev_end = end
            if label and concept:
                raw.append((label, concept, money, b.selector, f"{label} {money.text}".strip(), i, prefix))
    figures: list[Figure] = []
    seen: dict[str, int] = {}
    for label, concept, money, selector, shown, i, prefix in raw:
        ident, heading = _local_context(blocks, i, prefix)
        local = ident is not None or heading is not None
        figures.append(Figure(label, concept, money, selector, shown, ident or page.ident,
                              heading or page.heading, local, seen.get(label, 0)))
        seen[label] = seen.get(label, 0) + 1
    figures.extend(_table_figures(snapshot, vocab, locale, page, seen))
    return figures


def _table_figures(snapshot: Snapshot, vocab: LabelVocabulary, locale: str, page: _Page,
                   seen: dict[str, int]) -> Iterable[Figure]:
    """Summary tables whose column header is the label: "Account | Number | Balance"."""
    for table in snapshot.tables:
        if not table.visible or table.kind not in ("table", "grid") or table.landmark == "footer":
            continue
        head = next((r for r in table.rows if r.role == "header"), None)
        body = [r for r in table.rows if r.role == "body"]
        if head is None or not body or len(body) > SUMMARY_TABLE_ROWS:
            continue
        columns = []
        for ci, cell in enumerate(head.cells):
            label = normalise(cell.text)
            concept = vocab.concept(label)
            if concept is not None:
                columns.append((ci, label, concept))
        for ci, label, concept in columns:
            for row in body:
                if ci >= len(row.cells):
                    continue
                money = parse_money(row.cells[ci].text, locale)
                if money is None:
                    continue
                others = [c.text for j, c in enumerate(row.cells) if j != ci]
                ident = identifier(" ".join(others))
                name = normalise(others[0]) if others else None
                if ident is None and (concept not in ("balance", "available_credit") or not name
                                      or re.search(r"\d", name)):
                    continue  # a date or a number: a transaction row, not an account or an order
                selector = row.selector or table.selector
                yield Figure(label, concept, money, selector, f"{label} {row.cells[ci].text}", ident,
                             name or page.heading, True, seen.get(label, 0))
                seen[label] = seen.get(label, 0) + 1


def labelled_figures(snapshot: Snapshot, packs: Any) -> list[Figure]:
    """Every labelled figure of a page (computed once per snapshot and packs)."""
    vocab = LabelVocabulary(packs)
    key = "labelled_figures:" + ",".join(getattr(packs, "names", []) or [])
    return snapshot.derived(key, lambda snap: compute_figures(snap, vocab))


# -- what period a page is about ------------------------------------------------------------------

PERIOD_CONCEPTS = ("opening_balance", "closing_balance", "total", "subtotal")  # figures of a period or selection
MIN_PERIOD_WORD = 5  # shorter period words ("du", "from") are everywhere in running text


def period_scope(snapshot: Snapshot, packs: Any) -> frozenset[tuple[int | None, int]]:
    """The months (year, month) a page says it is about: in its title, headings and the short
    lines that state a period ("Statement period 1 to 31 October 2026"). Two pages about different
    months show different statement totals and closing balances, legitimately."""
    from .dates import find_dates

    def compute(snap: Snapshot) -> frozenset[tuple[int | None, int]]:
        words = phrase_regex(normalise(w) for w in (packs.words("period") if packs is not None else ())
                             if len(w) >= MIN_PERIOD_WORD)
        texts = [snap.title]
        for b in snap.blocks:
            if not b.visible or not b.text or len(b.text) > 160 or _is_cell(b):
                continue
            if _is_heading(b) or (words is not None and words.search(b.text.lower())):
                texts.append(b.text)
        locale = page_locale(snap.lang, texts[:20])
        months = set()
        for t in texts:
            for frag in find_dates(t, locale):
                if frag.month:
                    months.add((frag.year, frag.month))
        return frozenset(months)

    return snapshot.derived("period_scope:" + ",".join(getattr(packs, "names", []) or []), compute)
