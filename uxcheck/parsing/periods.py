"""The period a page states, computed once per snapshot (``snapshot.derived("stated_period", ...)``).

Where a page says which period it shows, most specific first:
1. a labelled range ("Statement period: Oct 1 – Oct 31, 2026", "Abrechnungszeitraum 01.10.–31.10.2026");
2. a range in a heading, caption or the page title;
3. the selected month of a period picker (``<option selected>``, ``aria-selected``/``aria-current``),
   or a month named in a heading ("Statement – October 2026").
"as of" dates are read separately (:func:`as_of_dates`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..snapshot import Snapshot
from .dates import Period, find_as_of, find_month, find_periods
from .money import page_locale

PERIOD_LABEL = re.compile(
    r"statement period|billing period|billing cycle|period|date range|zeitraum|abrechnungszeitraum|"
    r"auszugszeitraum|période|periode|período|periodo|plazo|期間|利用期間|対象期間|from\b|vom\b|du\b|del\b|van\b|de\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class StatedPeriod:
    period: Period
    source: str  # labelled | heading | selected | month-heading
    selector: str | None
    text: str


def _year_hint(snapshot: Snapshot) -> int | None:
    """The year a page is about, for periods written without one: title and headings first, then text."""
    head = snapshot.title + " " + " ".join(h.text for h in snapshot.headings[:10])
    m = re.search(r"(?<!\d)(20\d\d)(?!\d)", head) or re.search(r"(?<!\d)(20\d\d)(?!\d)", snapshot.text[:20000])
    return int(m.group(1)) if m else None


def stated_period(snapshot: Snapshot) -> StatedPeriod | None:
    return snapshot.derived("stated_period", _compute)


def _compute(snapshot: Snapshot) -> StatedPeriod | None:
    locale = page_locale(snapshot.lang, [b.text for b in snapshot.blocks[:50]])
    year = _year_hint(snapshot)
    # Cells of tables and lists hold their rows' dates, not the page's period.
    table_rects = [t.rect for t in snapshot.tables if t.row_count >= 2 and t.rect.width > 0]
    labelled, headed, loose = [], [], []
    heading_sels = {h.selector for h in snapshot.headings}
    sources = [(h.text or h.name, h.selector, True) for h in snapshot.headings if h.visible]
    sources += [(b.text, b.selector, b.selector in heading_sels or b.tag in ("caption", "legend", "h1", "h2", "h3"))
                for b in snapshot.blocks if b.visible and b.text and len(b.text) < 400
                and not any(_inside(b.rect, r) for r in table_rects)]
    sources += [(t.caption, t.selector, True) for t in snapshot.tables if t.caption]
    sources += [(snapshot.title, None, True)]
    # Summary rows ("Statement period | 1–31 Oct 2026") of tables and definition lists, first rows only.
    for t in snapshot.tables:
        for row in t.rows[:12]:
            text = " ".join(c.text for c in row.cells if c.text)
            if text and len(text) < 200 and PERIOD_LABEL.search(text):
                sources.append((text, t.selector, False))
    for text, sel, is_heading in sources:
        if not text:
            continue
        for p in find_periods(text, locale, year):
            before = text[:text.find(p.text)] if p.text in text else ""
            if PERIOD_LABEL.search(before[-40:]) or PERIOD_LABEL.search(text[:60]):
                labelled.append(StatedPeriod(p, "labelled", sel, text))
            elif is_heading:
                headed.append(StatedPeriod(p, "heading", sel, text))
            elif len(text) <= len(p.text) + 25:
                # A block that is little more than a range (a <dd>, a date-picker label), not prose
                # such as "offer valid 1–30 Nov".
                loose.append(StatedPeriod(p, "text", sel, text))
    if labelled:
        return labelled[0]
    if headed:
        return headed[0]
    if len({(x.period.start, x.period.end) for x in loose}) == 1:
        return loose[0]  # the page's only date range, outside its tables
    selected = _selected_month(snapshot, locale)
    if selected:
        return selected
    for h in snapshot.headings:
        if h.visible and h.text and len(h.text) < 120:
            mp = find_month(h.text, locale)
            if mp:
                return StatedPeriod(mp, "month-heading", h.selector, h.text)
    return None


def _inside(a: Any, b: Any) -> bool:
    return a.x >= b.x - 1 and a.y >= b.y - 1 and a.right <= b.right + 1 and a.bottom <= b.bottom + 1


def _selected_month(snapshot: Snapshot, locale: str) -> StatedPeriod | None:
    if not snapshot.html:
        return None
    soup = snapshot.soup
    for el in soup.select("option[selected], [aria-selected=true], [aria-current=page], [aria-current=true], "
                          "[aria-current=date], [aria-pressed=true], .active, .selected, .is-active"):
        text = " ".join(el.get_text(" ").split())
        if not text or len(text) > 60:
            continue
        mp = find_month(text, locale)
        if mp:
            return StatedPeriod(mp, "selected", None, text)
        ps = find_periods(text, locale)
        if ps:
            return StatedPeriod(ps[0], "selected", None, text)
    return None


def as_of_dates(text: str, locale: str, year: int | None = None) -> list[date]:
    return [d for d, _ in find_as_of(text, locale, year)]
