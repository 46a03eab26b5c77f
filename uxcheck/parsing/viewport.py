"""The `<meta name="viewport">` content attribute, read the way browsers and axe-core read it.

Two readings on purpose:

* :func:`parse_viewport` / :func:`mobile_layout` follow the browser (Chromium's and the CSS
  Device Adaptation parsing): pairs separated by commas, semicolons or white space, white space
  allowed around ``=``, keys case-insensitive, the last value of a key wins, numbers read like
  ``parseFloat`` (``1024px`` is 1024) and the keywords ``yes``/``no``/``device-width``/
  ``device-height`` mapped to numbers where a number is expected.
* :func:`zoom_blockers` mirrors axe-core's ``meta-viewport`` check exactly
  (``lib/checks/mobile/meta-viewport-scale-evaluate.js``), so the two tools agree on zoom.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_AROUND_EQUALS = re.compile(r"\s*=\s*")
_SEPARATORS = re.compile(r"[,;\s]+")

# Where Chromium expects a number it reads these keywords as numbers (ViewportDescription).
_NUMBER_KEYWORDS = {"yes": 1.0, "no": 0.0, "device-width": 10.0, "device-height": 10.0}


def parse_float(value: str | None) -> float:
    """JavaScript's ``parseFloat``: the leading number of the string, else NaN."""
    match = _NUMBER.match((value or "").strip())
    return float(match.group(0)) if match else math.nan


def parse_viewport(content: str | None) -> dict[str, str]:
    """Key -> value (both lower-cased) as a browser reads the content attribute."""
    if not content:
        return {}
    text = _AROUND_EQUALS.sub("=", content.strip().lower())
    props: dict[str, str] = {}
    for item in _SEPARATORS.split(text):
        if not item or "=" not in item:
            continue
        key, value = item.split("=", 1)
        if key:
            props[key] = value
    return props


def viewport_number(value: str | None) -> float:
    """A numeric viewport value as the browser takes it (keywords included), NaN if invalid."""
    if value is None:
        return math.nan
    if value in _NUMBER_KEYWORDS:
        return _NUMBER_KEYWORDS[value]
    return parse_float(value)


@dataclass(frozen=True)
class Layout:
    """How the viewport meta sizes the page on a phone."""

    mobile_optimised: bool
    problem: str  # "" when optimised; else missing | empty | fixed-width | device-height | no-width
    width: str | None = None
    initial_scale: float | None = None

    def describe(self) -> str:
        return {
            "": "the page is laid out at the phone's width",
            "missing": "the page has no viewport meta tag",
            "empty": "the viewport meta tag is empty",
            "fixed-width": f"the viewport meta tag fixes the page width at {self.width} px",
            "device-height": "the viewport meta tag sets the width to the device height",
            "no-width": ("the viewport meta tag sets " + ("no width=device-width" if self.width is None else "width=device-width")
                         + (f" and an initial-scale of {_fmt(self.initial_scale)}" if self.initial_scale is not None
                            else "")),
        }[self.problem]


def _fmt(value: float | None) -> str:
    return "" if value is None else (str(int(value)) if float(value).is_integer() else str(value))


def mobile_layout(content: str | None) -> Layout:
    """Mobile-optimised means ``width=device-width``, or no width and ``initial-scale`` >= 1.

    With no width the browser lays the page out at device-width / initial-scale, so a scale of
    1 or more gives a phone-wide (or narrower) layout; a fixed number or ``device-height`` gives
    a page that is either shrunk or wider than the screen on most phones.
    """
    if content is None:
        return Layout(False, "missing")
    props = parse_viewport(content)
    if not props:
        return Layout(False, "empty")
    width = props.get("width")
    scale = viewport_number(props.get("initial-scale")) if "initial-scale" in props else math.nan
    scale_or_none = None if math.isnan(scale) else scale
    if width == "device-width":
        return Layout(True, "", width, scale_or_none)
    if width == "device-height":
        return Layout(False, "device-height", width, scale_or_none)
    if width is not None and not math.isnan(parse_float(width)):
        return Layout(False, "fixed-width", _fmt(parse_float(width)), scale_or_none)
    # No (valid) width: the initial scale alone decides the layout width.
    if scale_or_none is not None and scale_or_none >= 1:
        return Layout(True, "", None, scale_or_none)
    return Layout(False, "no-width", None, scale_or_none)


# ---- axe-core's meta-viewport check, mirrored ----------------------------------------------
USER_SCALABLE_ALLOWED = ("yes", "device-width", "device-height")
MAXIMUM_SCALE_ALLOWED = ("device-width", "device-height")


def zoom_blockers(content: str | None, scale_minimum: float = 2.0) -> list[str]:
    """The ``key=value`` items that stop pinch-zoom, as axe-core judges them; [] when zoom works.

    axe-core returns at the first failing item; this lists every failing item so a report can
    name them all, but an empty list means exactly what axe-core's pass means.
    """
    if not content:
        return []
    found: list[str] = []
    for item in re.split(r"[;,]", content.lower()):
        parts = [p.strip() for p in item.split("=")]
        key = parts[0] if parts else ""
        value = parts[1] if len(parts) > 1 else ""
        if not key or not value:
            continue
        number = parse_float(value)
        if key == "user-scalable":
            unknown = math.isnan(number) and value not in USER_SCALABLE_ALLOWED
            if unknown or (-1 < number < 1):
                found.append(f"user-scalable={value}")
        elif key == "maximum-scale":
            if number < 0:  # negative values are ignored by browsers
                continue
            unknown = math.isnan(number) and value not in MAXIMUM_SCALE_ALLOWED
            if unknown or number < scale_minimum:
                found.append(f"maximum-scale={value}")
    return found


def viewport_contents(snapshot: object) -> list[str | None]:
    """Every viewport meta's content in document order (the mobile part lists them all; core
    keeps the first). Empty when the page has none."""
    part = getattr(snapshot, "parts", {}).get("mobile") or {}
    metas = part.get("viewport_metas")
    if metas is not None:
        return list(metas)
    content = getattr(snapshot, "viewport_meta", None)
    return [] if content is None else [content]


def effective_viewport(snapshot: object) -> str | None:
    """The content the browser applies: the last viewport meta wins; None when there is none."""
    contents = viewport_contents(snapshot)
    return contents[-1] if contents else None
