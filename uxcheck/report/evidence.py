"""Turns a finding's evidence dict into lines a reader can check at a glance.

Rules are written by many people, so this knows a few common shapes (a computed sum against a
shown total, a stated period against dates outside it, a position and size) and renders anything
else generically: a readable label per key and a compact value. Output is plain text; templates
escape it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

MAX_ITEMS = 12
MAX_TEXT = 300

LABELS = {
    "sum": "Sum of the amounts",
    "computed_sum": "Sum of the amounts",
    "computed": "Computed",
    "expected": "Expected",
    "total": "Total shown",
    "shown_total": "Total shown",
    "stated_total": "Total shown",
    "shown": "Figure shown",
    "difference": "Difference",
    "rows": "Rows",
    "amounts": "Amounts",
    "period": "Stated period",
    "period_start": "Period starts",
    "period_end": "Period ends",
    "outside": "Dates outside the period",
    "dates_outside": "Dates outside the period",
    "outside_period": "Dates outside the period",
    "opening": "Opening balance",
    "opening_balance": "Opening balance",
    "closing": "Closing balance shown",
    "closing_balance": "Closing balance shown",
    "font_size": "Font size",
    "bbox": "Position and size",
    "position": "Position",
    "size": "Size",
    "depth": "Clicks from the start page",
    "viewport": "Viewport",
    "content": "Content",
    "selector": "Element",
    "task": "Key task",
    "text": "Text",
    "url": "Address",
    "stated_period": "Stated period",
    "stated_as": "Stated on the page as",
    "label": "Label on the page",
    "last_running_balance": "Last running balance",
    "font_size_px": "Font size",
    "overflow_px": "Sticks out by",
    "min_font_px": "Smallest readable size",
    "currency": "Currency",
    "href": "Link target",
    "region": "Where on the page",
}

# (computed side, shown side) key pairs whose difference is the point of the finding.
_COMPARISONS = (
    (("sum", "computed_sum", "computed", "expected", "expected_closing", "computed_closing", "last_running_balance"),
     ("total", "shown_total", "stated_total", "shown", "closing", "closing_balance", "actual")),
)
_PX_KEYS = {"font_size", "width", "height", "x", "y", "top", "left", "scroll_width", "viewport_width",
            "tap_size", "min_size", "gap"}


@dataclass(frozen=True)
class EvidenceLine:
    label: str
    value: str
    emphasis: bool = False  # the headline comparison


def describe(evidence: Mapping[str, Any] | None) -> list[EvidenceLine]:
    """Readable lines for an evidence dict; a comparison (sum vs total) comes first."""
    if not isinstance(evidence, Mapping) or not evidence:
        return []
    lines: list[EvidenceLine] = []
    used: set[str] = set()
    comparison = _comparison(evidence)
    if comparison:
        computed_key, shown_key, line = comparison
        lines.append(line)
        used |= {computed_key, shown_key, "difference"}  # the comparison line states the difference
    period = _period(evidence)
    if period:
        lines.append(period[1])
        used |= period[0]
    if _is_box(evidence):
        lines.append(EvidenceLine("Position and size", _box_text(evidence)))
        used |= {"x", "y", "width", "height"}
    for key, value in evidence.items():
        if key in used:
            continue
        lines.append(EvidenceLine(label_for(str(key)), format_value(value, str(key))))
    return lines


def label_for(key: str) -> str:
    if key in LABELS:
        return LABELS[key]
    words = key.replace("-", "_").split("_")
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] if text else key


def format_value(value: Any, key: str = "", depth: int = 0) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        text = _number(value)
        return f"{text} px" if key in _PX_KEYS or key.endswith("_px") else text
    if isinstance(value, str):
        return _clip(value)
    if isinstance(value, Mapping):
        if _is_box(value):
            return _box_text(value)
        if depth >= 2:
            return _clip(str(dict(value)))
        parts = [f"{label_for(str(k))}: {format_value(v, str(k), depth + 1)}" for k, v in list(value.items())[:MAX_ITEMS]]
        more = len(value) - MAX_ITEMS
        return "; ".join(parts) + (f"; … and {more} more" if more > 0 else "")
    if isinstance(value, (list, tuple, set)):
        items = list(value)
        shown = [format_value(v, key, depth + 1) for v in items[:MAX_ITEMS]]
        more = len(items) - MAX_ITEMS
        return ", ".join(shown) + (f", … and {more} more" if more > 0 else "") if items else "none"
    return _clip(str(value))


def _comparison(evidence: Mapping[str, Any]) -> tuple[str, str, EvidenceLine] | None:
    for computed_keys, shown_keys in _COMPARISONS:
        computed_key = next((k for k in computed_keys if k in evidence), None)
        shown_key = next((k for k in shown_keys if k in evidence), None)
        if not computed_key or not shown_key:
            continue
        computed, shown = evidence[computed_key], evidence[shown_key]
        text = f"{format_value(computed)} computed vs {format_value(shown)} shown"
        a, b = _decimal(computed), _decimal(shown)
        if a is not None and b is not None:
            text += f" (off by {_number(abs(a - b))})"
        label = f"{label_for(computed_key)} vs {label_for(shown_key).lower()}"
        return computed_key, shown_key, EvidenceLine(label, text, emphasis=True)
    return None


def _period(evidence: Mapping[str, Any]) -> tuple[set[str], EvidenceLine] | None:
    outside_key = next((k for k in ("outside", "dates_outside", "outside_period") if k in evidence), None)
    if not outside_key:
        return None
    keys = {outside_key}
    if "period" in evidence:
        period = format_value(evidence["period"])
        keys.add("period")
    elif "period_start" in evidence and "period_end" in evidence:
        period = f"{format_value(evidence['period_start'])} to {format_value(evidence['period_end'])}"
        keys |= {"period_start", "period_end"}
    else:
        return keys, EvidenceLine("Dates outside the period", format_value(evidence[outside_key]), emphasis=True)
    return keys, EvidenceLine(
        "Dates outside the stated period",
        f"{format_value(evidence[outside_key])} (stated period: {period})",
        emphasis=True,
    )


def _is_box(value: Mapping[str, Any]) -> bool:
    return all(isinstance(value.get(k), (int, float)) and not isinstance(value.get(k), bool)
               for k in ("x", "y", "width", "height"))


def _box_text(box: Mapping[str, Any]) -> str:
    return (f"{_number(box['width'])}×{_number(box['height'])} px at "
            f"{_number(box['x'])} px from the left, {_number(box['y'])} px from the top")


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", "").replace("\u2212", "-").strip())
    except (InvalidOperation, ValueError):
        return None


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
