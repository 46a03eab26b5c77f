"""Arithmetic the statement rules share: does a shown figure equal what it claims to add up?

All comparisons are made after rounding both sides to the currency's minor unit, and on the
magnitude: portals show a debit total as "1,204.17" beside rows written "-45.00".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Sequence

from .money import quantize
from .money_tables import LabeledAmount, MoneyPage, MoneyTable, TotalRow

SUMMARY_CONCEPTS = ("subtotal", "shipping", "tax", "discount", "total")


def fmt(d: Decimal | None) -> str | None:
    return None if d is None else format(d, "f")


def same(a: Decimal, b: Decimal, currency: str | None) -> bool:
    return abs(quantize(a, currency)) == abs(quantize(b, currency))


def any_same(shown: Decimal, candidates: Iterable[Decimal], currency: str | None) -> bool:
    return any(same(shown, c, currency) for c in candidates)


def sum_variants(amounts: Sequence[Decimal]) -> dict[str, Decimal]:
    """What a "total" of a list may mean: all of it, or just its money in or money out."""
    pos = sum((a for a in amounts if a > 0), Decimal(0))
    neg = sum((a for a in amounts if a < 0), Decimal(0))
    out = {"sum": pos + neg}
    if pos and neg:
        out["sum_in"] = pos
        out["sum_out"] = neg
    return out


def line_totals(mt: MoneyTable) -> list[list[Decimal]]:
    """The line totals of an order table, under each reading the table allows.

    A column headed "Price" beside a quantity may be the unit price (line total = qty x price) or
    already the line total; when the headers don't say, both readings are offered.
    """
    plain = [i.amount for i in mt.items if i.amount is not None]
    readings = [plain]
    if mt.price_col is None and any(i.quantity not in (None, Decimal(1)) for i in mt.items):
        times = [i.amount * (i.quantity or 1) for i in mt.items if i.amount is not None]
        header = mt.header[mt.amount_col] if mt.amount_col is not None and mt.amount_col < len(mt.header) else ""
        if header and mt_vocab_unit_price(mt, header):
            readings = [times]
        elif not mt.amount_header_is_total:
            readings.append(times)
    return readings


def mt_vocab_unit_price(mt: MoneyTable, header: str) -> bool:
    from .vocab import vocabulary

    v = vocabulary()
    return v.has("unit_price", header) and not v.has("total", header)


@dataclass
class SummaryGroup:
    """Order-summary lines: subtotal, shipping, tax, discount, other charges, and the total."""

    total: LabeledAmount | TotalRow
    subtotal: list[LabeledAmount | TotalRow] = field(default_factory=list)
    parts: list[tuple[str, LabeledAmount | TotalRow]] = field(default_factory=list)  # (concept, line)
    selector: str = ""

    @property
    def total_amount(self) -> Decimal:
        return _amount(self.total)

    def expected(self, base: Decimal, tax_included: bool) -> Decimal:
        out = base
        for concept, line in self.parts:
            a = _amount(line)
            if concept == "discount":
                out -= abs(a)
            elif concept == "tax" and tax_included:
                continue
            else:
                out += a
        return out


def _amount(x: LabeledAmount | TotalRow) -> Decimal:
    if isinstance(x, LabeledAmount):
        return x.amount
    return x.amount if x.amount is not None else Decimal(0)


def label_of(x: LabeledAmount | TotalRow) -> str:
    return x.label


def groups_from_rows(mt: MoneyTable) -> list[SummaryGroup]:
    """Summary lines written as rows of the table itself (tfoot: Subtotal / Shipping / Tax / Total)."""
    rows = [r for r in mt.totals if r.amount is not None]
    return _group(rows, lambda r: r.concept, mt.selector)


def groups_from_labeled(labeled: list[LabeledAmount]) -> list[SummaryGroup]:
    """Summary lines in a definition list, a two-cell list, or text blocks near each other."""
    by_source: dict[str, list[LabeledAmount]] = {}
    for la in labeled:
        if la.concept is None and la.source == "block":
            continue
        key = la.table_selector or "blocks"
        by_source.setdefault(key, []).append(la)
    out = []
    for key, items in by_source.items():
        if key == "blocks":
            # Blocks: cluster by vertical proximity.
            items = sorted(items, key=lambda la: la.rect.y)
            cluster: list[LabeledAmount] = []
            for la in items:
                if cluster and la.rect.y - cluster[-1].rect.bottom > 120:
                    out.extend(_group(cluster, lambda x: x.concept, "blocks"))
                    cluster = []
                cluster.append(la)
            out.extend(_group(cluster, lambda x: x.concept, "blocks"))
        else:
            out.extend(_group(items, lambda x: x.concept, key))
    return out


def _group(lines: list, concept_of, selector: str) -> list[SummaryGroup]:
    groups = []
    current: list = []
    for line in lines:
        c = concept_of(line)
        if c in ("total",):
            subs = [x for x in current if concept_of(x) == "subtotal"]
            # Lines above the last subtotal ("Total before tax") are already inside it.
            last_sub = max((k for k, x in enumerate(current) if concept_of(x) == "subtotal"), default=-1)
            parts = [(concept_of(x) or "other", x) for x in current[last_sub + 1:]
                     if concept_of(x) in ("shipping", "tax", "discount", None, "other")]
            groups.append(SummaryGroup(line, subs, parts, selector))
            current = []
        elif c in ("subtotal", "shipping", "tax", "discount", None):
            current.append(line)
        else:
            current = []
    return groups


def tax_included(group: SummaryGroup, page: MoneyPage) -> bool | None:
    """True when the page says tax is included, False when it says it is added, None when silent."""
    texts = [label_of(group.total)] + [label_of(x) for c, x in group.parts if c == "tax"]
    texts += [getattr(x, "text", "") for c, x in group.parts if c == "tax"]
    if any(page.vocab.has("tax_included", t) for t in texts if t):
        return True
    return None


def nearest_statement(page: MoneyPage, anchor_y: float, want_qty: bool = False) -> MoneyTable | None:
    best, dist = None, None
    for mt in page.tables:
        if not mt.is_statement or mt.pending:
            continue
        if want_qty and not any(i.quantity is not None for i in mt.items) and mt.date_cols:
            continue
        r = mt.rect
        d = 0.0 if r.y <= anchor_y <= r.bottom else min(abs(anchor_y - r.y), abs(anchor_y - r.bottom))
        if dist is None or d < dist:
            best, dist = mt, d
    return best
