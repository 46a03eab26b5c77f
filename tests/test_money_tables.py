"""The money-tables view on small hand-built tables (no browser)."""
from datetime import date
from decimal import Decimal

from uxcheck.parsing.money_tables import analyse_table
from uxcheck.parsing.vocab import vocabulary
from uxcheck.snapshot import Cell, Row, Table

V = vocabulary()


def table(rows, header=None, footer=None, heading="", kind="table"):
    out = []
    if header:
        out.append(Row("header", [Cell(h, True) for h in header]))
    out += [Row("body", [Cell(c) for c in r]) for r in rows]
    if footer:
        out += [Row("footer", [Cell(c) for c in f]) for f in footer]
    return Table(kind, "#t", out, extra={"heading": heading})


def test_signed_statement_with_footer_total():
    mt = analyse_table(table([["01/10/2026", "Tesco", "-£12.50"], ["02/10/2026", "Salary", "£1,000.00"]],
                             ["Date", "Description", "Amount"], [["Total", "", "£987.50"]]), "en_GB", V, None)
    assert mt.is_statement and mt.amount_col == 2 and mt.date_cols == [0]
    assert mt.item_sum() == Decimal("987.50")
    assert [t.concept for t in mt.totals] == ["total"] and mt.totals[0].amount == Decimal("987.50")
    assert mt.items[0].date == date(2026, 10, 1)


def test_debit_and_credit_columns():
    mt = analyse_table(table([["02.10.2026", "Miete", "850,00", ""], ["06.10.2026", "Gehalt", "", "3.120,00"]],
                             ["Datum", "Text", "Soll", "Haben"]), "de_DE", V, "EUR")
    assert mt.mode == "debit_credit"
    assert [i.amount for i in mt.items] == [Decimal("-850.00"), Decimal("3120.00")]


def test_cr_markers_reduce_a_card_balance():
    mt = analyse_table(table([["02/10/2026", "Shop", "56.12"], ["05/10/2026", "Payment", "400.00 CR"]],
                             ["Date", "Details", "Amount"]), "en_GB", V, "GBP")
    assert mt.item_sum() == Decimal("-343.88")


def test_running_balance_newest_first():
    rows = [["03/10/2026", "C", "-5.00", "95.00"], ["02/10/2026", "B", "-10.00", "100.00"],
            ["01/10/2026", "A", "10.00", "110.00"]]
    mt = analyse_table(table(rows, ["Date", "Details", "Amount", "Balance"]), "en_GB", V, "GBP")
    assert mt.balance_col == 3 and mt.running_balance == "newest_first" and not mt.balance_breaks


def test_reference_tables_are_not_statements():
    fx = analyse_table(table([["USD", "R$ 5,4312"], ["EUR", "R$ 5,8845"], ["GBP", "R$ 6,9020"]], ["Moeda", "Compra"]),
                       "pt_BR", V, "BRL")
    assert fx is None or not fx.is_statement
    catalogue = analyse_table(table([["Oak chair", "£89.00"], ["Lamp", "£62.00"], ["Rug", "£120.00"]],
                                    ["Product", "Price"], heading="Living room"), "en_GB", V, "GBP")
    assert not catalogue.is_statement
    summary = analyse_table(table([["Previous balance", "$1,000.00"], ["Payments", "-$500.00"],
                                   ["Purchases", "$320.00"]]), "en_US", V, "USD")
    assert summary is None or not summary.is_statement


def test_order_lines_with_quantities():
    mt = analyse_table(table([["Shoe", "1", "$129.00"], ["Tee", "2", "$38.00"]], ["Item", "Qty", "Price"]),
                       "en_US", V, "USD")
    assert mt.is_statement and [i.quantity for i in mt.items] == [Decimal("1"), Decimal("2")]


def test_a_type_column_signs_unsigned_amounts():
    rows = [["01/10/2026", "Salary", "Credit", "$1,000.00"], ["02/10/2026", "Rent", "Debit", "$800.00"]]
    mt = analyse_table(table(rows, ["Date", "Description", "Type", "Amount"]), "en_US", V, "USD")
    assert mt.item_sum() == Decimal("200.00")


def test_amount_cells_with_a_word_riding_along():
    rows = [["03/10/2026", "Uber", "-$12.40 Pending"], ["04/10/2026", "Lyft", "-$8.10"], ["05/10/2026", "Refund", "$5.00 (refund)"]]
    mt = analyse_table(table(rows, ["Date", "Description", "Amount"]), "en_US", V, "USD")
    assert mt.amount_col == 2 and mt.item_sum() == Decimal("-15.50")
