"""A page that states a period but shows transactions or balances from outside it, or mixes periods.

What it catches
A statement page that says which period it covers (a statement period, a date range, a selected
month) and then lists transactions dated outside that period, shows a balance dated for another
day ("Closing balance as of 30 Nov 2026" on an October statement), or puts a figure for another
span ("year to date", "since last statement", "last 12 months") among the period's figures.

Why it hurts customers
Customers reconcile a statement against their own records for that period. Transactions or
balances from another period make the statement impossible to check, and look like double
charges or missing payments.

Example
Bad: "Statement period 1–31 October 2026" above a table whose last row is dated 03/11/2026.
Good: the November transaction moves to the November statement, or to a separate "Pending" list.

How to fix
Filter the list to the stated period, move pending and future items to their own section, and
label figures for other spans separately from the period's summary.

Not flagged
Pending, scheduled or upcoming transactions in their own section; an opening balance dated the
day before the period starts; payment due dates after the period; pages that state no period.
A date whose year can't be placed is sent for review.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.dates import find_dates
from uxcheck.parsing.money_tables import money_page
from uxcheck.parsing.periods import stated_period

BALANCE_CONCEPTS = ("opening_balance", "closing_balance", "balance", "total", "money_in", "money_out")
DUE = re.compile(r"\b(?:due|fällig|zahlbar|échéance|avant le|vencimiento|antes del|vervaldatum|vencimento|期限|引落)", re.IGNORECASE)


@declare(id="period-mismatch", category="balances", severity="serious",
         summary="Transactions or balances from outside the period the page states, or mixed periods.",
         options={"slack_days": 0, "max_period_days_for_mixing": 62})
def rule(snapshot, ctx):
    sp = stated_period(snapshot)
    if sp is None:
        return
    period = sp.period
    page = money_page(snapshot, ctx)
    slack = int(ctx.option("period-mismatch", "slack_days", 0)) if ctx is not None else 0
    stated = {"stated_period": period.label(), "stated_as": sp.text[:120]}
    # 1. Transactions outside the period.
    for mt in page.statements():
        if mt.pending or not mt.date_cols:
            continue
        outside, unplaced = [], []
        for item in mt.items:
            d = item.date or _place(item.date_text, page.locale, period)
            if d is None:
                if item.date_text:
                    unplaced.append(item.date_text)
                continue
            if not period.contains(d, slack):
                # With a transaction date and a posting date, the row is in the period if either is.
                others = [o.complete() or _place(o.text, page.locale, period) for o in item.other_dates]
                if any(o is not None and period.contains(o, slack) for o in others):
                    continue
                outside.append((d, item))
        if outside:
            shown = [d.isoformat() for d, _ in outside[:5]]
            yield Finding(f"This statement covers {sp.period.label()} ({sp.text[:60].strip()}), but "
                          f"{len(outside)} of its {len(mt.items)} transactions are dated outside it "
                          f"({', '.join(shown)}{'…' if len(outside) > 5 else ''}).", selector=mt.selector,
                          evidence={**stated, "outside": shown, "count_outside": len(outside),
                                    "rows": len(mt.items)}, key=f"{mt.selector}|outside")
        elif unplaced and len(unplaced) == len([i for i in mt.items if i.date_text]):
            yield Finding(f"The dates of this list ({unplaced[0]}, …) can't be placed in the stated period "
                          f"{period.label()}; please check.", selector=mt.selector,
                          evidence={**stated, "unplaced": unplaced[:5]}, review=True, key=f"{mt.selector}|unplaced")
    # 2. Figures labelled for another span, on a statement for one period.
    mixing_max = int(ctx.option("period-mismatch", "max_period_days_for_mixing", 62)) if ctx is not None else 62
    headings = {t.selector: f"{t.extra.get('heading') or ''} {t.caption}" for t in snapshot.tables}
    for la in page.labeled:
        # "Year-to-date totals" may head the whole summary list rather than each of its lines.
        span = la.label if page.vocab.has("other_period", la.label) else headings.get(la.table_selector or "", "")
        if page.vocab.has("other_period", span) and period.days <= mixing_max:
            what = la.label if span is la.label else f"{la.label} ({span.strip()})"
            yield Finding(f'"{what}" ({la.money.text.strip()}) covers another span than this statement\'s '
                          f"period {period.label()}, mixed in with the period's figures.", selector=la.selector,
                          evidence={**stated, "label": la.label, "span": span.strip(), "amount": la.money.text.strip()},
                          key=f"{la.selector}|other-period|{la.label[:40]}")
            continue
        if la.concept not in BALANCE_CONCEPTS:
            continue
        for d in _label_dates(la.label, page.locale, period):
            lo = period.start - timedelta(days=1 + slack)
            hi = period.end + timedelta(days=slack)
            if not lo <= d <= hi:
                yield Finding(f'"{la.label}" is dated {d.isoformat()}, outside the statement period '
                              f"{period.label()}.", selector=la.selector,
                              evidence={**stated, "label": la.label, "date": d.isoformat(),
                                        "amount": la.money.text.strip()}, key=f"{la.selector}|dated|{d}")
                break


def _place(text: str, locale: str, period) -> date | None:
    """A day and month without a year, put in the period's year (or the next/previous one)."""
    frags = find_dates(text or "", locale)
    if not frags or frags[0].day is None or frags[0].month is None:
        return None
    f = frags[0]
    if f.year:
        return f.complete()
    candidates = [d for d in (f.complete(y) for y in {period.start.year - 1, period.start.year, period.end.year,
                                                       period.end.year + 1}) if d]
    if not candidates:
        return None
    mid = period.start + (period.end - period.start) / 2
    return min(candidates, key=lambda d: abs((d - mid).days))


def _label_dates(label: str, locale: str, period) -> list[date]:
    out = []
    for f in find_dates(label or "", locale):
        if DUE.search(label[max(0, f.start - 25):f.start]):
            continue
        d = f.complete() or (_place(f.text, locale, period) if f.day and f.month else None)
        if d:
            out.append(d)
    return out
