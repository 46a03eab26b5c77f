"""A shown total that is not the sum of the amounts it totals.

What it catches
A total, subtotal, page total or net row (or a table footer, or a summary next to the list)
whose amount differs from the sum of the lines it totals, after rounding to the currency's
minor unit: statement footers, debit and credit column totals, group subtotals, and order
summaries where subtotal + shipping + tax - discount does not give the order total.

Why it hurts customers
A total that doesn't add up destroys trust in every other figure on the page: customers think
they were overcharged, dispute the charge, or call to ask which number is right.

Example
Bad: three order lines of 19.99, 5.00 and 12.50 and "Subtotal 39.49" (they add up to 37.49).
Good: "Subtotal 37.49 · Shipping 4.99 · Tax 3.40 · Total 45.88".

How to fix
Compute totals from the lines shown, in the same rounding, and say what a total covers
("Page total", "Total including VAT", "Total purchases") when it is not everything listed.

Not flagged
Totals that equal the sum of all lines, or of just the money in or money out (a "Total spent"
beside refunds); VAT-inclusive totals when the page says tax is included; page totals on paginated
lists; statement totals on one page of several (sent for review instead); pending sections.
"""
from __future__ import annotations

from decimal import Decimal

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.money_tables import NEAR_PX, MoneyPage, MoneyTable, money_page
from uxcheck.parsing.reconcile import (SummaryGroup, any_same, fmt, groups_from_labeled, groups_from_rows,
                                       line_totals, nearest_statement, same, sum_variants, tax_included)


@declare(id="total-mismatch", category="statements", severity="critical",
         summary="A shown total that is not the sum of the amounts it totals.")
def rule(snapshot, ctx):
    page = money_page(snapshot, ctx)
    seen: set[str] = set()
    statements = [mt for mt in page.tables if mt.is_statement and not mt.pending and not mt.ambiguous]
    for mt in statements:
        yield from _table_rows(mt, page, seen)
        if not mt.totals:
            yield from _summary_totals(mt, page, seen, only=len(statements) == 1)
    yield from _summaries(page, seen)


def _summary_totals(mt: MoneyTable, page: MoneyPage, seen: set[str], only: bool):
    """A total shown in a summary next to a list ("Total spent this month: 1,204.17") against the list."""
    if page.pagination or mt.table.truncated or mt.amount_header_is_total:
        return
    cur = mt.currency or page.currency
    readings = [sum_variants(r) for r in line_totals(mt)]
    px = float("inf") if only else NEAR_PX
    for la in page.near(mt, px):
        if la.concept not in ("total", "page_total", "money_in", "money_out") or not page.vocab.has("total", la.label):
            continue
        if la.concept == "total" and any(x.concept in ("subtotal", "shipping", "tax", "discount")
                                         for x in page.labeled if x.table_selector == la.table_selector
                                         and x.source == la.source and x is not la):
            continue  # an order summary: judged as a whole in _summaries
        if any(any_same(la.amount, v.values(), cur) for v in readings):
            continue
        key = f"{mt.selector}|summary|{la.label[:40]}"
        if key in seen:
            continue
        seen.add(key)
        total = readings[0]["sum"]
        yield Finding(f'The "{la.label}" shows {fmt(la.amount)}, but the {len(mt.amounts())} amounts in the list '
                      f"add up to {fmt(total)} (a difference of {fmt(abs(la.amount) - abs(total))}).",
                      selector=la.selector,
                      evidence={"rows": len(mt.amounts()), "label": la.label, "shown": fmt(la.amount),
                                "sum": fmt(total), **{k: fmt(v) for k, v in readings[0].items() if k != "sum"},
                                "difference": fmt(abs(la.amount) - abs(total)), "currency": cur}, key=key)


def _table_rows(mt: MoneyTable, page: MoneyPage, seen: set[str]):
    cur = mt.currency
    summary_concepts = {"shipping", "tax", "discount"}
    if any(t.concept in summary_concepts for t in mt.totals):
        for g in groups_from_rows(mt):
            yield from _check_group(g, mt, page, seen, f"{mt.selector}|rows")
        return
    grouped = any(i.index > t.index for t in mt.totals if t.concept == "subtotal" for i in mt.items)
    prev = -1
    subtotals: list[Decimal] = []
    for t in mt.totals:
        if t.concept in ("opening_balance", "closing_balance", "balance", "other_period"):
            continue
        before = [i for i in mt.items if i.index < t.index]
        since = [i for i in before if i.index > prev]
        checks = []
        if mt.mode == "debit_credit" and (t.debit is not None or t.credit is not None):
            if t.debit is not None:
                checks.append(("debits", t.debit, [sum((i.debit or 0 for i in since), Decimal(0)),
                                                   sum((i.debit or 0 for i in before), Decimal(0))]))
            if t.credit is not None:
                checks.append(("credits", t.credit, [sum((i.credit or 0 for i in since), Decimal(0)),
                                                     sum((i.credit or 0 for i in before), Decimal(0))]))
        elif t.amount is not None:
            cands = []
            for group in (since, before):
                for reading in line_totals(_sub(mt, group)):
                    cands.extend(sum_variants(reading).values())
            if subtotals and t.concept == "total":
                cands.append(sum(subtotals, Decimal(0)))
            checks.append(("amounts", t.amount, cands))
        for what, shown, cands in checks:
            if not cands or any_same(shown, cands, cur):
                continue
            key = f"{mt.selector}|{t.index}|{what}"
            if key in seen:
                continue
            seen.add(key)
            expected = cands[0] if t.concept == "subtotal" and grouped else cands[-1] if what != "amounts" else cands[0]
            evidence = {"rows": len(since if grouped or t.concept == "subtotal" else before), "label": t.label or "total",
                        "shown": fmt(shown), "sum": fmt(expected), "difference": fmt(abs(shown) - abs(expected)),
                        "currency": cur}
            if page.pagination and t.concept not in ("page_total",) and not grouped:
                yield Finding(f'The "{t.label or "total"}" {fmt(shown)} does not match the {len(before)} amounts on '
                              f"this page ({fmt(expected)}); the list is paginated ({page.pagination}), so it may "
                              f"total every page. Please check.", selector=mt.selector, evidence=evidence,
                              review=True, key=key)
                continue
            yield Finding(f'The "{t.label or "total"}" shows {fmt(shown)}, but the {what} it totals add up to '
                          f"{fmt(expected)} (a difference of {fmt(abs(abs(shown) - abs(expected)))}).",
                          selector=mt.selector, evidence=evidence, key=key)
        if t.amount is not None and t.concept == "subtotal":
            subtotals.append(t.amount)
        prev = t.index


def _sub(mt: MoneyTable, items):
    from dataclasses import replace

    return replace(mt, items=list(items))


def _summaries(page: MoneyPage, seen: set[str]):
    for g in groups_from_labeled(page.labeled):
        anchor = g.total.rect.y if hasattr(g.total, "rect") else 0
        mt = nearest_statement(page, anchor, want_qty=True)
        if mt is not None and mt.totals and any(t.concept == "total" for t in mt.totals):
            # The table totals itself; a summary elsewhere is judged only on its own arithmetic.
            mt_for_items = None
        else:
            mt_for_items = mt
        if not g.subtotal and not g.parts and mt_for_items is None:
            continue
        if not g.subtotal and not g.parts and mt_for_items is not None:
            # A lone total beside a statement list: only when the list is the lines of an order or
            # the label says it totals the list.
            if page.pagination or not any(i.quantity is not None for i in mt_for_items.items):
                continue
        yield from _check_group(g, mt_for_items, page, seen, f"{g.selector}|summary")


def _check_group(g: SummaryGroup, mt: MoneyTable | None, page: MoneyPage, seen: set[str], key: str):
    cur = mt.currency if mt is not None and mt.currency else page.currency
    readings = []
    if mt is not None and mt.items and not (page.pagination and not mt.totals):
        readings = [sum(r, Decimal(0)) for r in line_totals(mt)]
    total = g.total_amount
    sel = mt.selector if mt is not None and g.selector == mt.selector else (
        g.total.selector if hasattr(g.total, "selector") else g.selector)
    # 1. The subtotal against the lines.
    if g.subtotal and readings:
        sub = g.subtotal[0]  # the first subtotal sums the lines; later ones add charges to it
        shown = sub.amount if sub.amount is not None else Decimal(0)
        if not any_same(shown, readings, cur):
            k = f"{key}|subtotal"
            if k not in seen:
                seen.add(k)
                yield Finding(f'The "{sub.label}" shows {fmt(shown)}, but the {len(mt.items)} lines above add up to '
                              f"{fmt(readings[0])}.", selector=sel,
                              evidence={"rows": len(mt.items), "label": sub.label, "shown": fmt(shown),
                                        "sum": fmt(readings[0]), "difference": fmt(shown - readings[0]),
                                        "currency": cur}, key=k)
            return
    # 2. The total against subtotal (or the lines) plus charges minus discounts.
    bases = [g.subtotal[-1].amount] if g.subtotal and g.subtotal[-1].amount is not None else readings
    if not bases:
        return
    included = tax_included(g, page)
    has_tax = any(c == "tax" for c, _ in g.parts)
    for base in bases:
        if same(total, g.expected(base, False), cur):
            return
        if has_tax and included and same(total, g.expected(base, True), cur):
            return
    base = bases[0]
    expected = g.expected(base, bool(included))
    parts = {c + ":" + x.label: fmt(x.amount if x.amount is not None else Decimal(0)) for c, x in g.parts}
    evidence = {"label": g.total.label, "shown": fmt(total), "expected": fmt(expected),
                "difference": fmt(total - expected), "base": fmt(base), "parts": parts, "currency": cur}
    k = f"{key}|total"
    if k in seen:
        return
    seen.add(k)
    review = bool(has_tax and included is None and same(total, g.expected(base, True), cur))
    if review:
        yield Finding(f'The "{g.total.label}" {fmt(total)} only adds up if the tax line is already included in '
                      "the prices, and the page doesn't say so. Please check.", selector=sel, evidence=evidence,
                      review=True, key=k)
        return
    yield Finding(f'The "{g.total.label}" shows {fmt(total)}, but its lines add up to {fmt(expected)} '
                  f"(a difference of {fmt(total - expected)}).", selector=sel, evidence=evidence, key=k)
