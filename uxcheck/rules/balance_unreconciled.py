"""Opening balance plus the period's transactions does not give the closing balance shown.

What it catches
A statement that shows an opening (previous) balance and a closing (new) balance where the
opening balance plus the period's net movement is not the closing balance: the movement read
from the summary's money-in and money-out lines, or from the transactions listed on a
complete (not paginated) statement, or a running-balance column that breaks or does not start
from the opening balance or end at the closing balance.

Why it hurts customers
The closing balance is what a customer owes or has. When it can't be reconciled with the
statement's own transactions, customers assume a hidden charge or an error, and call or dispute.

Example
Bad: "Previous balance 1,000.00 · Payments -500.00 · Purchases 320.00 · New balance 850.00"
(1,000.00 - 500.00 + 320.00 = 820.00).
Good: the same summary ending in "New balance 820.00".

How to fix
Derive the closing balance from the opening balance and the listed transactions, list every
movement (fees, interest, adjustments) that makes up the difference, and keep the running
balance consistent.

Not flagged
Statements that reconcile either way round (bank accounts add credits, card accounts add
charges); paginated lists (only the summary is checked; otherwise the statement is sent for
review); pages without both an opening and a closing balance.
"""
from __future__ import annotations

from decimal import Decimal

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.money_tables import LabeledAmount, MoneyPage, MoneyTable, money_page
from uxcheck.parsing.reconcile import fmt, same


@declare(id="balance-unreconciled", category="balances", severity="serious",
         summary="Opening balance plus the period's transactions does not give the closing balance shown.")
def rule(snapshot, ctx):
    page = money_page(snapshot, ctx)
    statements = [mt for mt in page.statements() if not mt.pending]
    opening, closing, movement = _summary(page)
    for mt in statements:
        o = opening or _row(mt, "opening_balance")
        c = closing or _row(mt, "closing_balance")
        yield from _running_balance(mt, o, c)
    if opening is None or closing is None:
        # Balance rows inside the statement table itself.
        for mt in statements:
            o, c = _row(mt, "opening_balance"), _row(mt, "closing_balance")
            if o is not None and c is not None and mt.balance_col is None:
                yield from _against_table(mt, page, o, c)
        return
    cur = page.currency
    o_amt, c_amt = _val(opening), _val(closing)
    if movement:
        money_in = sum((abs(la.amount) for la in movement if la.concept == "money_in"), Decimal(0))
        money_out = sum((abs(la.amount) for la in movement if la.concept == "money_out"), Decimal(0))
        signed = sum((la.amount for la in movement), Decimal(0))
        if all(la.concept in ("money_in", "money_out") for la in movement):
            nets = [money_in - money_out]
            if any(la.money.explicit_sign for la in movement):
                nets.append(signed)
        else:
            nets = [signed]  # every line carries its own sign (checked in _summary)
        if _exact_any(c_amt, o_amt, nets, cur):
            return
        # A summary may leave movements out (it shows payments, the list shows purchases): when the
        # complete list of the period's transactions reconciles, the balances do.
        if any(_exact_any(c_amt, o_amt, [mt.item_sum()], mt.currency or cur) for mt in statements
               if mt.balance_col is None and not page.pagination and not mt.table.truncated):
            return
        net = nets[-1] if len(nets) > 1 else nets[0]
        expected = o_amt + net
        alt = o_amt - net
        shown_expected = expected if abs(c_amt - expected) <= abs(c_amt - alt) else alt
        yield Finding(f"Opening balance {fmt(o_amt)} plus this period's movements ({fmt(money_in)} in, "
                      f"{fmt(money_out)} out) gives {fmt(shown_expected)}, but the closing balance shown is "
                      f"{fmt(c_amt)}.", selector=_sel(closing),
                      evidence={"opening": fmt(o_amt), "money_in": fmt(money_in), "money_out": fmt(money_out),
                                "expected_closing": fmt(shown_expected), "closing": fmt(c_amt),
                                "difference": fmt(c_amt - shown_expected), "source": "summary"},
                      key="summary")
        return
    for mt in statements:
        if mt.balance_col is not None:
            continue  # judged through its running balance above
        yield from _against_table(mt, page, opening, closing)
        break


def _exact_any(c_amt: Decimal, o_amt: Decimal, nets: list[Decimal], cur) -> bool:
    return any(same(c_amt, o_amt + s * n, cur) and _sign_ok(c_amt, o_amt + s * n) for n in nets for s in (1, -1))


def _sign_ok(shown: Decimal, expected: Decimal) -> bool:
    # same() compares magnitudes; a closing balance of -120 is not an expected +120 unless unsigned.
    return shown == 0 or expected == 0 or (shown > 0) == (expected > 0) or shown > 0


def _against_table(mt: MoneyTable, page: MoneyPage, opening, closing):
    cur = mt.currency or page.currency
    o_amt, c_amt = _val(opening), _val(closing)
    net = mt.item_sum()
    if _exact_any(c_amt, o_amt, [net], cur):
        return
    evidence = {"opening": fmt(o_amt), "net_movement": fmt(net), "rows": len(mt.amounts()),
                "expected_closing": fmt(o_amt + net), "closing": fmt(c_amt),
                "difference": fmt(c_amt - (o_amt + net)), "source": "transactions"}
    if page.pagination or mt.table.truncated:
        yield Finding(f"Opening balance {fmt(o_amt)} plus the {len(mt.amounts())} transactions on this page "
                      f"({fmt(net)}) doesn't give the closing balance {fmt(c_amt)}, but the list is paginated "
                      f"({page.pagination or 'truncated'}). Please check the full statement.",
                      selector=mt.selector, evidence=evidence, review=True, key=f"{mt.selector}|table")
        return
    yield Finding(f"Opening balance {fmt(o_amt)} plus the {len(mt.amounts())} transactions listed ({fmt(net)}) "
                  f"gives {fmt(o_amt + net)}, but the closing balance shown is {fmt(c_amt)}.",
                  selector=mt.selector, evidence=evidence, key=f"{mt.selector}|table")


def _running_balance(mt: MoneyTable, opening, closing):
    """A running-balance column must chain, start from the opening and end at the closing balance."""
    if mt.balance_col is None or mt.running_balance is None or mt.ambiguous:
        return
    items = mt.items
    shown = [k for k, i in enumerate(items) if i.balance is not None]
    if len(shown) < 2:
        return
    cur = mt.currency
    oldest = mt.running_balance == "oldest_first"
    if mt.balance_breaks:
        k = mt.balance_breaks[0]
        p = shown.index(k)
        prev = shown[p - 1] if oldest else shown[p + 1]
        span = items[prev + 1:k + 1] if oldest else items[k:prev]
        moved = sum((i.amount for i in span if i.amount is not None), Decimal(0))
        b, a = items[k], items[prev]
        yield Finding(f"The running balance goes from {fmt(a.balance)} to {fmt(b.balance)} over transactions of "
                      f"{fmt(moved)}: the balance column doesn't add up.", selector=mt.selector,
                      evidence={"row": b.index, "previous_balance": fmt(a.balance), "amount": fmt(moved),
                                "expected": fmt(a.balance + moved), "shown": fmt(b.balance),
                                "breaks": len(mt.balance_breaks)}, key=f"{mt.selector}|chain")
        return
    first_k, last_k = (shown[0], shown[-1]) if oldest else (shown[-1], shown[0])
    first, last = items[first_k], items[last_k]
    if opening is not None:
        o = _val(opening)
        span = items[:first_k + 1] if oldest else items[first_k:]
        moved = sum((i.amount for i in span if i.amount is not None), Decimal(0))
        if not (same(first.balance, o + moved, cur) or same(first.balance, o - moved, cur)):
            yield Finding(f"The opening balance {fmt(o)} plus the first transactions ({fmt(moved)}) doesn't "
                          f"give the first running balance {fmt(first.balance)}.", selector=mt.selector,
                          evidence={"opening": fmt(o), "first_amount": fmt(moved),
                                    "expected": fmt(o + moved), "shown": fmt(first.balance)},
                          key=f"{mt.selector}|opening")
            return
    if closing is not None:
        c = _val(closing)
        if not same(last.balance, c, cur):
            yield Finding(f"The running balance ends at {fmt(last.balance)}, but the closing balance shown is "
                          f"{fmt(c)}.", selector=mt.selector,
                          evidence={"last_running_balance": fmt(last.balance), "closing": fmt(c),
                                    "difference": fmt(c - last.balance)}, key=f"{mt.selector}|closing")


def _summary(page: MoneyPage) -> tuple[LabeledAmount | None, LabeledAmount | None, list[LabeledAmount]]:
    """Opening and closing balance figures and the movement lines between them, if the page has them."""
    opening = next((la for la in page.labeled if la.concept == "opening_balance"), None)
    closing = next((la for la in page.labeled if la.concept == "closing_balance"), None)
    if opening is None or closing is None:
        return opening, closing, []
    movement: list[LabeledAmount] = []
    same_group = [la for la in page.labeled if (la.table_selector or "blocks") == (opening.table_selector or "blocks")]
    if opening.table_selector and opening.table_selector == closing.table_selector:
        inside = False
        for la in same_group:
            if la is opening:
                inside = True
                continue
            if la is closing:
                break
            if inside:
                movement.append(la)
    else:
        top, bottom = min(opening.rect.y, closing.rect.y), max(opening.rect.y, closing.rect.y)
        movement = [la for la in page.labeled if la.source == "block" and top < la.rect.y < bottom
                    and la is not opening and la is not closing]
    movement = [la for la in movement if la.concept in ("money_in", "money_out", "discount", "tax", None, "shipping")
                and not page.vocab.has("not_movement", la.label)]
    if any(la.concept not in ("money_in", "money_out") for la in movement):
        # A line whose direction we can't tell: only usable when every line carries its sign.
        if not all(la.money.explicit_sign or la.money.marker for la in movement):
            return opening, closing, []
    return opening, closing, movement


def _row(mt: MoneyTable, concept: str):
    for t in mt.totals:
        if t.concept == concept and (t.amount is not None or t.balance is not None):
            return t
    return None


def _val(x) -> Decimal:
    if isinstance(x, LabeledAmount):
        return x.amount
    return x.balance if x.balance is not None else x.amount


def _sel(x) -> str | None:
    return getattr(x, "selector", None)
