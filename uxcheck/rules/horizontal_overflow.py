"""Content wider than the phone's screen: the page scrolls sideways or cuts content off.

What it catches
On the phone profile, the document is wider than the screen (its scroll width exceeds the
screen and layout-viewport width by more than 2 px), or content that customers need (text,
images, fields, buttons) reaches past the right edge of a page-wide box that clips it
(`overflow-x: hidden` on `html`, `body` or a wrapper around most of the page), where nobody can
scroll to it. Measured in the rendered page, never from CSS text. The finding names the element
that sticks out farthest (the outermost one: a table, not its cells).

A page without a mobile viewport is laid out about 980 px wide on a ~400 px screen; it is
reported here too (as Lighthouse's content-width audit does), because its lines really are
wider than the screen, while `viewport-meta` names the cause.

Why it hurts customers
A page that wobbles sideways under the thumb makes every line a pan-and-read exercise, and a
clipped column can hide the one figure a customer came for: the amount, the due date, the
"Pay" button.

Example
Bad: `<table style="width:720px">` of transactions straight in the page on a 412 px phone; or
`body { overflow-x: hidden }` over a 600 px wide form whose right half is unreachable.
Good: `<div style="overflow-x:auto"><table>...</table></div>`, or a layout that wraps.

How to fix
Let layouts wrap (`max-width: 100%`, flex-wrap, no fixed pixel widths), put wide tables in their
own horizontally scrollable box (or turn rows into cards on small screens), and do not hide
overflow on the page: fix what overflows instead.

Not flagged
A wide table or code block inside its own scroll box (`overflow-x: auto/scroll`); carousels and
sliders that clip their slides inside their own container; off-canvas menus moved out of view
(wholly beyond the edge and clipped, or hidden); decorative empty boxes clipped by the page;
desktop snapshots.
"""
from __future__ import annotations

from uxcheck.model import Finding
from uxcheck.model import rule as declare

TOLERANCE_PX = 2.0


def _text_reaches_past(offender: dict, edge: float) -> bool:
    content_right = offender.get("content_right")
    return content_right is not None and content_right > edge + TOLERANCE_PX


def _summary(offenders: list[dict]) -> list[dict]:
    return [{"selector": o.get("selector"), "kind": o.get("kind"), "right": o.get("right"),
             "content_right": o.get("content_right"), "text": o.get("text", "")[:60]} for o in offenders[:5]]


@declare(id="horizontal-overflow", category="mobile", severity="serious",
         summary="Content wider than the screen: the page scrolls sideways or cuts content off.")
def rule(snapshot, ctx):
    if not snapshot.is_mobile:
        return
    part = (snapshot.parts.get("mobile") or {}).get("overflow") or {}
    scroll = float(part.get("scroll_width") or snapshot.document.get("scroll_width") or 0)
    client = float(part.get("client_width") or snapshot.client_width or 0)
    screen = float(part.get("screen_width") or snapshot.screen_width or snapshot.device.get("width") or 0)
    if not scroll or not (client or screen):
        return
    reference = min(w for w in (client, screen) if w)
    offenders = list(part.get("offenders") or [])
    evidence = {"scroll_width": scroll, "client_width": client, "screen_width": screen,
                "overflow_px": round(scroll - reference, 1),
                "offender_count": part.get("offender_count", len(offenders)), "offenders": _summary(offenders)}

    # With overflow-x hidden on html/body the page cannot be scrolled sideways even when its
    # scroll width is bigger: what matters then is whether content is cut off (below).
    clipped_page = part.get("body_overflow_x") in ("hidden", "clip") or part.get("html_overflow_x") in ("hidden", "clip")
    worst = max(offenders, key=lambda o: o.get("right") or 0, default=None)
    if client > screen + TOLERANCE_PX:
        beyond = f" {_describe(worst, capital=True)} reaches even {worst.get('right'):g} px." if worst else ""
        yield Finding(
            f"On a phone the page is laid out {client if scroll <= client + TOLERANCE_PX else scroll:g} px wide for a "
            f"{screen:g} px screen: every line is "
            f"wider than the screen, so customers must zoom and pan sideways to read it.{beyond}",
            selector=worst.get("selector") if worst else None, evidence=evidence, key="laid-out-wide")
        return
    if scroll > reference + TOLERANCE_PX and not clipped_page:
        if worst is None and not part.get("truncated") and "offenders" in part:
            # Wider, yet nothing visible sticks out: hidden content (an off-canvas menu parked
            # beside the page, say) widens it. Customers can pan into empty space; ask a person.
            yield Finding(
                f"The page is {scroll:g} px wide on a {screen:g} px phone screen, but nothing visible sticks out: "
                "probably hidden content (an off-canvas menu) widens it. Check whether the page pans sideways.",
                evidence=evidence, review=True, key="hidden-overflow")
            return
        what = f" {_describe(worst, capital=True)} reaches {worst.get('right'):g} px." if worst else ""
        yield Finding(
            f"The page is {scroll:g} px wide on a {screen:g} px phone screen, so it scrolls sideways.{what} "
            "Let the content wrap or give it its own scroll box.",
            selector=worst.get("selector") if worst else None, evidence=evidence, key="scrolls-sideways")
        return

    edge = client or screen
    cut = [o for o in offenders if o.get("kind") == "cut-off" and _text_reaches_past(o, edge)]
    if cut:
        worst = max(cut, key=lambda o: o.get("content_right") or 0)
        evidence["offenders"] = _summary(cut)
        yield Finding(
            f"Content is cut off at the right edge of the phone screen: {_describe(worst)} runs to "
            f"{worst.get('content_right'):g} px on a {edge:g} px wide page that hides overflow "
            f"({worst.get('clip')}), so customers cannot scroll to it.",
            selector=worst.get("selector"), evidence=evidence, key="cut-off")


def _describe(offender: dict, capital: bool = False) -> str:
    text = (offender.get("text") or "").strip()
    tag = offender.get("tag") or "element"
    out = f"the {tag} \u201c{text[:40]}\u201d" if text else f"a {tag} ({offender.get('selector')})"
    return out[0].upper() + out[1:] if capital else out
