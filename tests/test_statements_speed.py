"""A 10,000-row statement, built in Python (no browser), judged by the four statement rules."""
import time
from datetime import date, timedelta
from decimal import Decimal

from uxcheck.model import RuleContext
from uxcheck.packs import choose_packs
from uxcheck.rules.balance_unreconciled import rule as balance_unreconciled
from uxcheck.rules.missing_total import rule as missing_total
from uxcheck.rules.period_mismatch import rule as period_mismatch
from uxcheck.rules.total_mismatch import rule as total_mismatch
from uxcheck.snapshot import Block, Cell, Rect, Row, Snapshot, Table

N = 10_000


def statement(total_offset: Decimal = Decimal(0), with_total: bool = True, stray_day: int | None = None,
              running_balance: bool = False, break_at: int | None = None) -> Snapshot:
    start = date(2026, 1, 1)
    rows = [Row("header", [Cell("Date", True), Cell("Description", True), Cell("Amount", True)]
                + ([Cell("Balance", True)] if running_balance else []))]
    total = Decimal(0)
    balance = Decimal("1000.00")
    for i in range(N):
        amount = Decimal((i * 7919) % 20000 - 9000) / 100
        total += amount
        balance += amount
        day = start + timedelta(days=(i * 364) // N)
        if stray_day is not None and i == stray_day:
            day = date(2027, 2, 1)
        cells = [Cell(day.strftime("%d/%m/%Y")), Cell(f"CARD PAYMENT {i}"), Cell(f"£{amount:,.2f}")]
        if running_balance:
            shown = balance + (Decimal("5.00") if break_at is not None and i >= break_at else 0)
            cells.append(Cell(f"£{shown:,.2f}"))
        rows.append(Row("body", cells))
    if with_total:
        rows.append(Row("footer", [Cell("Total", True), Cell(""), Cell(f"£{total + total_offset:,.2f}")]))
    table = Table("table", "#tx", rows, rect=Rect(0, 200, 900, N * 30), row_count=len(rows))
    blocks = [Block("p", "#period", "Statement period: 1 January 2026 to 31 December 2026", rect=Rect(0, 100, 900, 20))]
    return Snapshot(url="https://bank.test/statement", lang="en-GB", title="Statement", tables=[table], blocks=blocks)


def run(rule, snap):
    ctx = RuleContext(packs=choose_packs(["banking"], snap.text))
    return [f for f in rule(snap, ctx) if not f.review]


def test_ten_thousand_rows_fast_and_right():
    run(missing_total, statement(with_total=False))  # load Babel's data and the vocabularies once
    snap = statement()
    t0, c0 = time.perf_counter(), time.process_time()
    results = {r.id: run(r, snap) for r in (missing_total, total_mismatch, period_mismatch, balance_unreconciled)}
    print(f"\n4 statement rules on a {N}-row statement: {time.process_time() - c0:.3f} s CPU, "
          f"{time.perf_counter() - t0:.3f} s wall")
    assert all(not fs for fs in results.values()), results


def test_ten_thousand_rows_wrong_total():
    findings = run(total_mismatch, statement(total_offset=Decimal("0.01")))
    assert len(findings) == 1 and findings[0].evidence["rows"] == N


def test_ten_thousand_rows_without_total():
    findings = run(missing_total, statement(with_total=False))
    assert len(findings) == 1 and findings[0].evidence["rows"] == N


def test_ten_thousand_rows_one_outside_the_period():
    findings = run(period_mismatch, statement(stray_day=5000))
    assert len(findings) == 1 and findings[0].evidence["outside"] == ["2027-02-01"]


def test_ten_thousand_rows_running_balance():
    snap = statement(with_total=False, running_balance=True)
    assert not run(missing_total, snap)
    assert not run(balance_unreconciled, snap)
    broken = run(balance_unreconciled, statement(with_total=False, running_balance=True, break_at=7000))
    assert len(broken) == 1 and broken[0].evidence["row"] == 7001
