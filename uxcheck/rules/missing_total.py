"""A list or table of money amounts (transactions, order lines) with no total.

What it catches
A statement, transaction list, invoice, cart or order with two or more dated or counted money
amounts and nothing that adds them up: no total, subtotal or net row, no table footer, no
summary block next to the list, and no running-balance column that closes it.

Why it hurts customers
Customers check a statement or an order by its total. Without one they add the amounts up by
hand, get it wrong, or call support to ask what they owe or what they spent.

Example
Bad: a card-activity table of 14 purchases and payments with dates and amounts, and nothing below.
Good: the same table with ``<tfoot><tr><th>Total</th><td>-1,204.17</td></tr></tfoot>``, or a
"Total spent this month" card above it, or a "Balance" column that runs to the closing balance.

How to fix
Add a total row (or a page total on paginated lists), a summary box with the period's totals
next to the list, or a running balance.

Not flagged
Price lists and catalogues, fee schedules, interest-rate and FX tables (no dates or quantities, or
rates with more decimals than money has); a single amount; order-history lists whose amount column
is itself each order's total; pending or scheduled transactions; lists totalled by a running
balance, a summary card or a closing balance next to them. A list whose amount column can't be
told for sure is sent for review.
"""
from __future__ import annotations

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.money_tables import NEAR_PX, money_page
from uxcheck.parsing.reconcile import fmt

TOTALLING = ("total", "subtotal", "page_total", "closing_balance", "money_in", "money_out")


@declare(id="missing-total", category="statements", severity="serious",
         summary="A list of money amounts (transactions, order lines) with no total.",
         options={"min_rows": 2})
def rule(snapshot, ctx):
    page = money_page(snapshot, ctx)
    min_rows = int(ctx.option("missing-total", "min_rows", 2)) if ctx is not None else 2
    statements = [mt for mt in page.statements() if not mt.pending and mt.table.visible]
    for mt in statements:
        amounts = mt.amounts()
        if len(amounts) < min_rows:
            continue
        if mt.amount_header_is_total:
            continue  # each row is already a total (order history)
        if mt.balance_col is not None:
            continue
        # A footer that holds a pager or a note ("Showing 1-10 of 50") totals nothing.
        if any(t.amount is not None or t.balance is not None or t.debit is not None or t.credit is not None
               for t in mt.totals):
            continue
        # A summary next to the list (or anywhere, when the page has only this list).
        px = float("inf") if len(statements) == 1 else NEAR_PX
        near = [la for la in page.near(mt, px) if la.concept in TOTALLING]
        if near:
            continue
        evidence = {"rows": len(amounts), "sum": fmt(sum(amounts)), "currency": mt.currency,
                    "kind": mt.kind}
        what = _what(mt)
        if mt.ambiguous:
            yield Finding(f"{what} lists {len(amounts)} amounts and shows no total, but its amount column "
                          f"is unclear ({mt.ambiguous}); please check.", selector=mt.selector,
                          evidence=evidence, review=True, key=f"{mt.selector}|ambiguous")
            continue
        yield Finding(f"{what} lists {len(amounts)} amounts but shows no total: customers must add them up "
                      f"themselves (they come to {fmt(sum(amounts))}{' ' + mt.currency if mt.currency else ''}).",
                      selector=mt.selector, evidence=evidence, key=f"{mt.selector}|no-total")


def _what(mt) -> str:
    name = (mt.heading or mt.table.caption or "").strip()
    kind = {"table": "table", "grid": "grid", "list": "list", "cards": "list of cards"}.get(mt.kind, "list")
    if name and len(name) <= 60:
        return f'The "{name}" {kind}'
    return f"This {kind}"
