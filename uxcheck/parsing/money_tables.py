"""Money tables: every list of amounts a customer reviews, as numbers, computed once per snapshot.

``money_page(snapshot, ctx)`` (memoised as ``snapshot.derived("money_tables", ...)``) reads
``snapshot.tables`` (tables, ARIA grids, div/flex lists, definition lists, cards) and the page's
text blocks, and returns a :class:`MoneyPage`:

- each :class:`MoneyTable` with its amount column(s) (one signed column, or debit and credit),
  date, description, quantity and running-balance columns, its line items, its total rows
  (tfoot, "Total", "Subtotal", "Page total", "Closing balance" rows) and whether it is a list a
  customer reviews (``is_statement``: dated lines or lines with quantities) rather than a price
  list, fee schedule or rate table;
- every labelled amount on the page (:class:`LabeledAmount`: "Subtotal $45.00", "Neuer Saldo
  1.234,56 €"), from text blocks and from two-cell rows, classified by concept;
- the page's pagination ("Page 1 of 3", "Seite 1 von 3", "Showing 1–25 of 143").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Iterable

from ..snapshot import Rect, Snapshot, Table
from .dates import DateFragment, column_order, date_cell, find_dates
from .money import Money, column_style, find_money, minor_unit, page_locale, parse_money
from .vocab import PRECEDENCE, Vocabulary, vocabulary

NEAR_PX = 900  # a summary block this close (vertically) to a list belongs to it


@dataclass
class LineItem:
    index: int
    cells: list[str]
    label: str
    amount: Decimal | None  # signed (single column) or credit - debit
    debit: Decimal | None = None
    credit: Decimal | None = None
    balance: Decimal | None = None
    date: date | None = None
    date_text: str = ""
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    other_dates: tuple[DateFragment, ...] = ()  # the row's other date columns (posting vs value date)


@dataclass
class TotalRow:
    index: int
    label: str
    concept: str  # total | subtotal | page_total | closing_balance | opening_balance | money_in | ...
    amount: Decimal | None  # in the amount column (signed column) or the net of debit/credit
    debit: Decimal | None = None
    credit: Decimal | None = None
    balance: Decimal | None = None
    footer: bool = False
    text: str = ""


@dataclass
class LabeledAmount:
    label: str
    concept: str | None
    money: Money
    selector: str
    rect: Rect
    source: str  # block | row
    text: str = ""
    table_selector: str | None = None
    dates: tuple[date, ...] = ()

    @property
    def amount(self) -> Decimal:
        return self.money.signed()


@dataclass
class MoneyTable:
    table: Table
    selector: str
    kind: str
    heading: str
    header: list[str]
    currency: str | None
    mode: str  # signed | debit_credit
    amount_col: int | None
    debit_col: int | None
    credit_col: int | None
    balance_col: int | None
    date_cols: list[int]
    qty_col: int | None
    price_col: int | None
    items: list[LineItem]
    totals: list[TotalRow]
    is_statement: bool
    not_statement_reason: str = ""
    pending: bool = False
    amount_header_is_total: bool = False
    running_balance: str | None = None  # "oldest_first" | "newest_first" when the balance column chains
    balance_breaks: list[int] = field(default_factory=list)  # rows where the chain breaks
    ambiguous: str = ""  # why the amount column could not be told for sure

    @property
    def rect(self) -> Rect:
        return self.table.rect

    @property
    def minor(self) -> Decimal:
        return minor_unit(self.currency)

    def amounts(self) -> list[Decimal]:
        return [i.amount for i in self.items if i.amount is not None]

    def item_sum(self) -> Decimal:
        return sum(self.amounts(), Decimal(0))

    def dates(self) -> list[date]:
        return [i.date for i in self.items if i.date is not None]


@dataclass
class MoneyPage:
    locale: str
    currency: str | None
    tables: list[MoneyTable]
    labeled: list[LabeledAmount]
    pagination: str | None  # the text that says the page is one of several
    vocab: Vocabulary

    def statements(self) -> list[MoneyTable]:
        return [t for t in self.tables if t.is_statement]

    def near(self, table: MoneyTable, px: float = NEAR_PX) -> list[LabeledAmount]:
        """Labelled amounts outside the table and close to it, nearest first."""
        out = []
        for la in self.labeled:
            if la.table_selector == table.selector:
                continue
            d = vertical_gap(la.rect, table.rect)
            if d <= px:
                out.append((d, la))
        return [la for _, la in sorted(out, key=lambda x: x[0])]


def vertical_gap(a: Rect, b: Rect) -> float:
    if a.bottom < b.y:
        return b.y - a.bottom
    if b.bottom < a.y:
        return a.y - b.bottom
    return 0.0


# -- helpers -------------------------------------------------------------------------------------

_PAGINATION = re.compile(
    r"\b(?:page|seite|página|pagina|pág\.?)\s*\d+\s*(?:of|von|sur|de|van|/)\s*\d+"
    r"|\b(?:showing|displaying|viewing|anzeige|affichage|mostrando|weergave|exibindo)?\s*\d+\s*[-–]\s*\d+\s*"
    r"(?:of|von|sur|de|van)\s*\d+"
    r"|\d+\s*/\s*\d+\s*ページ|全\s*\d+\s*件",
    re.IGNORECASE)
_LOAD_MORE = re.compile(
    r"\b(?:load|show|see|view)\s+(?:more|older|all|earlier)|weitere\s+\w*\s*(?:laden|anzeigen)|mehr\s+(?:laden|anzeigen)"
    r"|ältere\s+umsätze|voir\s+plus|afficher\s+plus|plus\s+d'opérations|ver\s+más|cargar\s+más|mostrar\s+más"
    r"|meer\s+(?:laden|tonen)|toon\s+meer|ver\s+mais|carregar\s+mais|もっと見る|さらに表示",
    re.IGNORECASE)
_QTY_IN_TEXT = re.compile(r"(?:\b(?:qty|quantity|menge|anzahl|quantité|qté|cantidad|cant|aantal|quantidade|qtd)\.?\s*:?\s*(\d+)\b)"
                          r"|(?:(?<![\d.,])(\d{1,3})\s*[x×]\s)|(?:[x×]\s?(\d{1,3})\b)|(?:数量\s*[:：]?\s*(\d+))", re.IGNORECASE)


def _texts(table: Table) -> list[list[str]]:
    rows = []
    for r in table.rows:
        cells: list[str] = []
        for c in r.cells:
            cells.append(c.text)
            cells.extend([""] * (max(1, c.colspan) - 1))
        rows.append(cells)
    return rows


def _is_moneyish(m: Money | None) -> bool:
    """An amount rather than a count: a currency, a marker, or cents written."""
    return m is not None and (m.currency is not None or m.decimals == 2 or m.marker is not None)


SAMPLE = 200  # cells read to decide what a column holds


@dataclass
class _Col:
    index: int
    header: str
    money: list[Money | None]  # per body row
    dates: list[DateFragment | None]  # per body row
    filled: int
    money_share: float
    date_share: float
    dec: str = "."
    order: str = "DMY"


def _spread(texts: list[str], parsed_filled: list[Any]) -> list[Any]:
    """Values parsed for the filled cells, back in place among the empty ones."""
    it = iter(parsed_filled)
    return [next(it) if t.strip() else None for t in texts]


def cell_money(text: str, locale: str, dec: str | None) -> Money | None:
    """The amount a cell shows, also when a short word rides along ("-$45.00 Pending", "12,00 € (Erstattung)")."""
    m = parse_money(text, locale, dec)
    if m is not None or len(text) > 48:
        return m
    found = list(find_money(text, locale, dec))
    if len(found) != 1:
        return None
    start, end, money = found[0]
    rest = (text[:start] + text[end:]).strip(" ()[]·-–,")
    if len(rest) <= 16 and not re.search(r"\d", rest):
        return money
    return None


def _header_rows(rows: list[list[str]], roles: list[str]) -> tuple[list[int], list[int]]:
    header = [i for i, r in enumerate(roles) if r == "header"]
    if not header and rows:
        first = rows[0]
        if len(first) >= 2 and all(not re.search(r"\d", c) for c in first) and any(c for c in first) \
                and len(rows) > 1 and any(re.search(r"\d", c) for r in rows[1:3] for c in r):
            header = [0]
    body = [i for i in range(len(rows)) if i not in header]
    return header, body


def _row_label(cells: list[str], skip: set[int]) -> str:
    return " ".join(c for j, c in enumerate(cells) if j not in skip and c and not re.fullmatch(r"[\d\s.,:/()+\-−€$£¥%]*", c)).strip()


def _first_money(cells: Iterable[str], locale: str, dec: str) -> Money | None:
    """The amount of a total row whose amount isn't in the amount column ("Total: $123.45" in one cell)."""
    for c in reversed(list(cells)):
        m = parse_money(c, locale, dec)
        if m is None:
            found = {x.amount: x for _, _, x in find_money(c, locale, dec)}
            m = next(iter(found.values())) if len(found) == 1 else None
        if m is not None and (m.currency or m.decimals == 2 or m.marker):
            return m
    return None


# -- analysis of one table -----------------------------------------------------------------------

def analyse_table(table: Table, locale: str, vocab: Vocabulary, page_currency: str | None) -> MoneyTable | None:
    rows = _texts(table)
    if len(rows) < 1:
        return None
    roles = [r.role for r in table.rows]
    header_idx, body_idx = _header_rows(rows, roles)
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return None
    header = [" ".join(rows[h][j] for h in header_idx if j < len(rows[h])).strip() for j in range(width)]
    if table.kind == "dl":
        header = ["", ""]
    body_rows = [(i, rows[i]) for i in body_idx if roles[i] != "footer"]
    footer_rows = [(i, rows[i]) for i in body_idx if roles[i] == "footer"]

    # Columns: what share of their filled cells are amounts, dates. A sample decides the column's
    # kind; only amount and date columns are then read in full (a 10,000-row statement stays fast).
    cols: list[_Col] = []
    for j in range(width):
        texts = [r[j] if j < len(r) else "" for _, r in body_rows]
        filled_texts = [t for t in texts if t.strip()]
        sample = filled_texts[:SAMPLE]
        dec = column_style(sample, locale)
        order = column_order(sample, locale)
        s_dates = [date_cell(t, locale, order) for t in sample]
        s_money = [cell_money(t, locale, dec) if d is None else None for t, d in zip(sample, s_dates)]
        n = len(sample)
        date_share = sum(1 for d in s_dates if d is not None) / n if n else 0.0
        money_share = sum(1 for m in s_money if _is_moneyish(m)) / n if n else 0.0
        if date_share >= 0.6:
            frags = [date_cell(t, locale, order) if t else None for t in texts] if len(texts) > n else \
                _spread(texts, s_dates)
        else:
            frags = [None] * len(texts)
        if money_share >= 0.6:
            money = [cell_money(t, locale, dec) if t else None for t in texts] if len(texts) > n else \
                _spread(texts, s_money)
            money = [m if f is None else None for m, f in zip(money, frags)]
        else:
            money = [None] * len(texts)
        cols.append(_Col(j, header[j] if j < len(header) else "", money, frags, len(filled_texts),
                         money_share, date_share, dec, order))
    money_cols = [c for c in cols if c.money_share >= 0.6 and sum(1 for m in c.money if m) >= 1]
    if not money_cols:
        # A label-and-amount list may have the amount with its label in one cell ("Subtotal $45.00").
        return None
    date_cols = [c.index for c in cols if c.date_share >= 0.6 and c.filled >= 1]

    def hdr(c: _Col, concept: str) -> bool:
        return vocab.has(concept, c.header)

    balance = [c for c in money_cols if hdr(c, "balance") and not hdr(c, "money_in") and not hdr(c, "money_out")]
    debit = [c for c in money_cols if hdr(c, "money_out") and c not in balance]
    credit = [c for c in money_cols if hdr(c, "money_in") and c not in balance and c not in debit]
    qty_col = next((c.index for c in cols if vocab.has("quantity", c.header)), None)
    price = [c for c in money_cols if hdr(c, "unit_price") and not hdr(c, "total") and c not in balance]
    rate_cols = [c for c in cols if vocab.has("rate", c.header)]
    others = [c for c in money_cols if c not in balance and c not in debit and c not in credit and c not in price]

    mode = "signed"
    amount_col = debit_col = credit_col = price_col = None
    ambiguous = ""
    if debit and credit:
        mode, debit_col, credit_col = "debit_credit", debit[0].index, credit[0].index
    elif others:
        totals_first = [c for c in others if vocab.has("total", c.header) or vocab.has("subtotal", c.header)]
        amount_col = (totals_first or others)[-1].index
        if len(others) > 1 and not totals_first and not price:
            ambiguous = "several amount columns"
    elif debit or credit:
        amount_col = (debit or credit)[0].index
    elif price:
        amount_col = price[-1].index
    elif balance:
        amount_col = None
    if price:
        price_col = price[0].index
        if amount_col == price_col and len(price) == 1 and len(others) == 0:
            price_col = None
    balance_col = balance[0].index if balance else None

    # Two money columns, no header words: the one that chains with the other is the running balance.
    if balance_col is None and mode == "signed" and len(others) == 2 and amount_col is not None:
        a, b = others[0], others[1]
        for amt, bal in ((a, b), (b, a)):
            if _chain_direction([m.signed() if m else None for m in amt.money],
                                [m.signed() if m else None for m in bal.money])[0]:
                amount_col, balance_col, ambiguous = amt.index, bal.index, ""
                break

    col_by_index = {c.index: c for c in cols}
    amount_header = header[amount_col] if amount_col is not None and amount_col < len(header) else ""
    cur = None
    for c in money_cols:
        cur = cur or next((m.currency for m in c.money if m and m.currency), None)
    cur = cur or page_currency

    def cr_sign(col: _Col | None) -> int:
        if col is None:
            return 1
        marks = {m.marker for m in col.money if m and m.marker}
        unmarked = any(m and not m.marker for m in col.money)
        if marks == {"CR"} and unmarked:
            return -1  # card statement: payments marked CR reduce what is owed
        return 1

    amount_sign = cr_sign(col_by_index.get(amount_col)) if amount_col is not None else 1
    # A column that only says "Debit" / "Credit" (or Soll/Haben, Débit/Crédit) gives unsigned amounts their sign.
    type_col = None
    if mode == "signed" and amount_col is not None:
        amt_col = col_by_index[amount_col]
        unsigned = all(m is None or (m.amount >= 0 and not m.marker) for m in amt_col.money)
        if unsigned:
            for c in cols:
                if c.index in (amount_col, balance_col) or c.index in date_cols:
                    continue
                vals = [r[c.index] for _, r in body_rows[:SAMPLE] if c.index < len(r) and r[c.index].strip()]
                if len(vals) >= 2 and all(len(v) <= 14 and (vocab.has("money_in", v) or vocab.has("money_out", v))
                                          for v in vals):
                    type_col = c.index
                    break

    position = {i: k for k, (i, _) in enumerate(body_rows)}

    def money_at(i: int, cells: list[str], j: int | None) -> Money | None:
        if j is None or j >= len(cells):
            return None
        col = col_by_index.get(j)
        k = position.get(i)
        if col is not None and k is not None and k < len(col.money):
            return col.money[k]
        return parse_money(cells[j], locale, col.dec if col else None)

    def date_at(i: int, cells: list[str], j: int) -> DateFragment | None:
        col = col_by_index[j]
        k = position.get(i)
        if k is not None and k < len(col.dates):
            return col.dates[k]
        return date_cell(cells[j], locale, col.order) if j < len(cells) else None

    skip_cols = {x for x in (amount_col, debit_col, credit_col, balance_col, price_col, qty_col) if x is not None}
    skip_cols.update(date_cols)
    money_skip = skip_cols - set(date_cols)
    items: list[LineItem] = []
    totals: list[TotalRow] = []

    def row_values(i: int, cells: list[str]) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
        if mode == "debit_credit":
            d = money_at(i, cells, debit_col)
            c = money_at(i, cells, credit_col)
            dv = abs(d.amount) if d else None
            cv = abs(c.amount) if c else None
            amt = None if dv is None and cv is None else (cv or Decimal(0)) - (dv or Decimal(0))
        else:
            m = money_at(i, cells, amount_col)
            amt = m.signed(amount_sign) if m else None
            if amt is not None and type_col is not None and type_col < len(cells) \
                    and vocab.has("money_out", cells[type_col]) and not vocab.has("money_in", cells[type_col]):
                amt = -abs(amt)
            dv = cv = None
        b = money_at(i, cells, balance_col)
        return amt, dv, cv, (b.signed() if b else None)

    for i, cells in body_rows + footer_rows:
        is_footer = roles[i] == "footer"
        label = _row_label(cells, skip_cols)
        row_frags = [f for f in (date_at(i, cells, j) for j in date_cols) if f is not None]
        frag = row_frags[0] if row_frags else None
        has_date = frag is not None
        # A dated row can only be a balance line; don't spend the full vocabulary on transactions.
        among = ("opening_balance", "closing_balance") if has_date and not is_footer else PRECEDENCE
        concept = vocab.classify(label, among) if label and len(label) < 80 else None
        if concept is None and not has_date and date_cols:
            # A total row writes its label across the date column ("Total" spanning Date and Details).
            wide_label = _row_label(cells, money_skip)
            if wide_label != label:
                concept = vocab.classify(wide_label)
                if concept is not None:
                    label = wide_label
        amt, dv, cv, bal = row_values(i, cells)
        if amt is None and bal is None and mode == "signed" and (is_footer or concept):
            m = _first_money(cells, locale, column_style(cells, locale))
            amt = m.signed() if m else None
        has_qty = qty_col is not None and qty_col < len(cells) and bool(re.search(r"\d", cells[qty_col]))
        looks_total = concept in ("total", "subtotal", "page_total", "closing_balance", "opening_balance") or (
            is_footer and concept is None and (amt is not None or bal is not None)) or (
            concept in ("shipping", "tax", "discount") and not has_date and not has_qty and len(label) < 60)
        # A dated row is a transaction ("TOTAL WINE & MORE") unless it is a balance line.
        dated_ok = not has_date or concept in ("opening_balance", "closing_balance")
        if is_footer or (looks_total and dated_ok and len(label) < 60):
            totals.append(TotalRow(i, label, concept or "total", amt, dv, cv, bal, is_footer, " ".join(cells)))
            continue
        if amt is None and bal is None:
            continue
        d = frag.complete() if frag else None
        dtext = frag.text if frag else ""
        qty = None
        if qty_col is not None and qty_col < len(cells):
            qm = re.search(r"\d+(?:[.,]\d+)?", cells[qty_col])
            qty = Decimal(qm.group(0).replace(",", ".")) if qm else None
        elif not date_cols:
            for j, c in enumerate(cells):
                qm = _QTY_IN_TEXT.search(c) if j != amount_col else None
                if qm:
                    qty = Decimal(next(g for g in qm.groups() if g))
                    break
        pm = money_at(i, cells, price_col)
        items.append(LineItem(i, cells, label, amt, dv, cv, bal, d, dtext, qty, pm.amount if pm else None,
                              tuple(row_frags[1:])))

    # Rows on top like "Balance brought forward" carry only a balance.
    mt = MoneyTable(table=table, selector=table.selector, kind=table.kind,
                    heading=str(table.extra.get("heading") or ""), header=header, currency=cur, mode=mode,
                    amount_col=amount_col, debit_col=debit_col, credit_col=credit_col, balance_col=balance_col,
                    date_cols=date_cols, qty_col=qty_col, price_col=price_col, items=items, totals=totals,
                    is_statement=False, ambiguous=ambiguous,
                    amount_header_is_total=bool(amount_header) and vocab.classify(amount_header) in ("total", "subtotal")
                    and not vocab.has("money_in", amount_header) and not vocab.has("money_out", amount_header))
    if not mt.amount_header_is_total and amount_col:
        # Cards repeat their labels in every row ("Total | $58.97"): the cell before the amount.
        before = [r[amount_col - 1] for _, r in body_rows if amount_col - 1 < len(r)]
        if before:
            common, count = Counter(before).most_common(1)[0]
            if count >= max(2, len(before) * 0.6) and vocab.classify(common) in ("total", "subtotal"):
                mt.amount_header_is_total = True
    if balance_col is not None:
        amts = [it.amount for it in items]
        bals = [it.balance for it in items]
        direction, breaks = _chain_direction(amts, bals)
        mt.running_balance = direction
        mt.balance_breaks = breaks
    _judge_statement(mt, vocab, rate_cols, cols, money_cols)
    return mt


def _chain_direction(amounts: list[Decimal | None], balances: list[Decimal | None]) -> tuple[str | None, list[int]]:
    """Whether a balance column follows the amounts oldest-first or newest-first, and where it breaks.

    Rows without a balance (banks often print one per day) carry their amounts to the next row that
    has one. Breaks are positions (in the rows given) whose balance doesn't follow.
    """
    idx = [k for k, b in enumerate(balances) if b is not None]
    if len(idx) < 2:
        return None, []
    best: tuple[str | None, list[int], int] = (None, [], -1)
    for direction in ("oldest_first", "newest_first"):
        ok, breaks = 0, []
        for p in range(1, len(idx)):
            k0, k1 = idx[p - 1], idx[p]
            b0, b1 = balances[k0], balances[k1]
            if direction == "oldest_first":
                moved = sum((a for a in amounts[k0 + 1:k1 + 1] if a is not None), Decimal(0))
                good = b1 == b0 + moved or b1 == b0 - moved  # card balances run against the sign
                wrong = k1
            else:
                moved = sum((a for a in amounts[k0:k1] if a is not None), Decimal(0))
                good = b0 == b1 + moved or b0 == b1 - moved
                wrong = k0
            if good:
                ok += 1
            else:
                breaks.append(wrong)
        if ok > best[2]:
            best = (direction, breaks, ok)
    direction, breaks, ok = best
    if ok < max(1, (len(idx) - 1) // 2):
        return None, []
    return direction, breaks


def _judge_statement(mt: MoneyTable, vocab: Vocabulary, rate_cols: list[_Col], cols: list[_Col],
                     money_cols: list[_Col]) -> None:
    """Is this a list of amounts a customer reviews (statement, order lines) or a reference table?"""
    context = f"{mt.heading} {mt.table.caption}"
    mt.pending = vocab.has("pending", context)
    n = len([i for i in mt.items if i.amount is not None])
    if mt.kind == "dl":
        mt.not_statement_reason = "a definition list of labelled figures"
        return
    if n < 2:
        mt.not_statement_reason = "fewer than two amounts"
        return
    if rate_cols and not mt.date_cols:
        mt.not_statement_reason = "a table of rates or fees"
        return
    amounts = mt.amounts()
    # Rates and FX quotes have more decimals than money has minor units.
    col = next((c for c in cols if c.index == mt.amount_col), None)
    if col is not None:
        digits = [m.decimals for m in col.money if m]
        if digits and sum(1 for d in digits if d > 2) > len(digits) / 2:
            mt.not_statement_reason = "figures with more decimals than money has"
            return
    if vocab.has("orders_list", context) and not any(i.quantity is not None for i in mt.items):
        mt.not_statement_reason = "a list of orders, each amount already that order's total"
        return
    dated = sum(1 for i in mt.items if i.date is not None or i.date_text)
    with_qty = sum(1 for i in mt.items if i.quantity is not None)
    amount_head = mt.header[mt.amount_col] if mt.amount_col is not None and mt.amount_col < len(mt.header) else ""
    if amount_head and mt.qty_col is None and not with_qty and (
            vocab.has("price", amount_head) or vocab.has("unit_price", amount_head) or vocab.has("rate", amount_head)) \
            and not vocab.has("total", amount_head):
        mt.not_statement_reason = "prices or rates over time, not amounts to add up"
        return
    if dated >= max(2, n * 0.5):
        mt.is_statement = True
        return
    labels = [i.label for i in mt.items]
    if labels and sum(1 for lb in labels if vocab.classify(lb) is not None) >= max(2, len(labels) / 2):
        mt.not_statement_reason = "a summary of labelled figures"
        return
    if with_qty >= max(1, n * 0.5):
        mt.is_statement = True
        return
    # Undated, uncounted lines under a statement or order heading count when the list has a header
    # row naming its columns (lists of labelled figures, "Balance | Available | Overdraft", don't).
    amount_header = mt.header[mt.amount_col] if mt.amount_col is not None and mt.amount_col < len(mt.header) else ""
    if amount_header and vocab.has("statement", context) and len(set(amounts)) > 1 \
            and not vocab.has("rate", " ".join(mt.header)):
        mt.is_statement = True
        return
    # A cart or order shown as undated lines of products with prices: line items all the same.
    if vocab.has("order_context", context) and n >= 2 and len(set(amounts)) >= 1 \
            and not vocab.has("orders_list", context) \
            and sum(1 for i in mt.items if i.label and len(i.label) > 3) >= n * 0.8:
        mt.is_statement = True
        return
    mt.not_statement_reason = "no dates or quantities: a price list or table of figures"


# -- labelled amounts in text blocks and two-cell rows --------------------------------------------

def _labeled_from_blocks(snapshot: Snapshot, locale: str, vocab: Vocabulary) -> list[LabeledAmount]:
    out = []
    for b in snapshot.blocks:
        if not b.visible or not b.text or len(b.text) > 300:
            continue
        found = list(find_money(b.text, locale, column_style([b.text], locale)))
        if not found:
            # "Subtotal 45.00" without a symbol, in a short block.
            m = re.search(r"(?P<num>[-−(+]?\d[\d.,' \u00a0\u202f]*\d[.,]\d\d\)?(?:\s?(?:CR|DR))?)\s*$", b.text)
            if m and len(b.text) < 80:
                mo = parse_money(m.group("num"), locale)
                if mo is not None:
                    found = [(m.start(), m.end(), mo)]
        if not found or len(found) > 3:
            continue
        for k, (start, end, money) in enumerate(found):
            prev_end = found[k - 1][1] if k else 0
            label = b.text[prev_end:start].strip(" :：-–|")
            if not label and k == 0 and len(found) == 1:
                label = b.text[end:].strip(" :：-–|")
            concept = vocab.classify(label)
            dates = tuple(d for d in (f.complete() for f in find_dates(b.text, locale)) if d)
            out.append(LabeledAmount(label, concept, money, b.selector, b.rect, "block", b.text, None, dates))
    return out


def _labeled_from_rows(mt_tables: list[tuple[Table, MoneyTable | None]], locale: str, vocab: Vocabulary) -> list[LabeledAmount]:
    out = []
    for table, mt in mt_tables:
        if mt is not None and mt.is_statement:
            continue
        for row in table.rows:
            texts = [c.text for c in row.cells if c.text]
            if len(texts) < 2 or len(texts) > 4:
                continue
            money = parse_money(texts[-1], locale, column_style([texts[-1]], locale))
            if money is None:
                found = {m.amount: m for _, _, m in find_money(texts[-1], locale)}
                money = next(iter(found.values())) if len(found) == 1 else None  # two amounts: which one?
            if money is None or not (money.currency or money.decimals == 2 or money.marker):
                continue
            label = " ".join(texts[:-1])
            dates = tuple(d for d in (f.complete() for f in find_dates(label, locale)) if d)
            out.append(LabeledAmount(label, vocab.classify(label), money, table.selector, table.rect, "row",
                                     " ".join(texts), table.selector, dates))
    return out


def money_page(snapshot: Snapshot, ctx: Any = None) -> MoneyPage:
    """The memoised derived view shared by the statement and balance rules."""
    return snapshot.derived("money_tables", lambda s: build_money_page(s, ctx))


def build_money_page(snapshot: Snapshot, ctx: Any = None) -> MoneyPage:
    vocab = vocabulary(ctx)
    sample = [b.text for b in snapshot.blocks[:200]] + [c.text for t in snapshot.tables[:5] for r in t.rows[:5] for c in r.cells]
    locale = page_locale(snapshot.lang, sample)
    page_cur = None
    for t in sample:
        for _, _, m in find_money(t, locale):
            if m.currency:
                page_cur = m.currency
                break
        if page_cur:
            break
    analysed: list[tuple[Table, MoneyTable | None]] = []
    for table in snapshot.tables:
        if not table.visible:
            analysed.append((table, None))
            continue
        analysed.append((table, analyse_table(table, locale, vocab, page_cur)))
    tables = [mt for _, mt in analysed if mt is not None]
    labeled = _labeled_from_rows(analysed, locale, vocab)
    row_texts = {la.text for la in labeled}
    # Blocks that repeat a two-cell row's text (the row's own div) are the same figure once.
    in_tables = [t.rect for t in snapshot.tables if t.kind in ("table", "grid", "list", "cards", "dl")]
    for la in _labeled_from_blocks(snapshot, locale, vocab):
        if la.text in row_texts:
            continue
        if any(_inside(la.rect, r) for r in in_tables):
            continue
        labeled.append(la)
    pagination = None
    for text in [b.text for b in snapshot.blocks if b.visible] + [e.name for e in snapshot.elements if e.visible]:
        m = _PAGINATION.search(text or "")
        if m and not re.fullmatch(r"\s*1\s*[-–]\s*(\d+)\s*\D+\s*\1\s*", m.group(0)):
            pagination = m.group(0).strip()
            break
    if pagination is None:
        # "Load more" / "Show more transactions": the list shown is not the whole list.
        for e in snapshot.elements:
            if e.kind in ("link", "button") and e.visible and _LOAD_MORE.search(e.name or ""):
                pagination = e.name.strip()
                break
    if pagination is None:
        nums = [e.name.strip() for e in snapshot.elements if e.kind in ("link", "button") and e.visible]
        if {"1", "2"} <= set(nums) and any(vocab_next(n) for n in nums):
            pagination = "page links"
    return MoneyPage(locale, page_cur, tables, labeled, pagination, vocab)


def vocab_next(name: str) -> bool:
    return bool(re.fullmatch(r"(?:next|next page|weiter|nächste seite|suivant|page suivante|siguiente|volgende|próxima|次へ|›|»|>)", name.strip(), re.IGNORECASE))


def _inside(a: Rect, b: Rect) -> bool:
    return (a.width > 0 and b.width > 0 and a.x >= b.x - 1 and a.y >= b.y - 1 and a.right <= b.right + 1
            and a.bottom <= b.bottom + 1)
