"""A page whose viewport meta tag does not lay it out at the phone's width.

What it catches
On a phone, the page has no `<meta name="viewport">`, or one that does not say
`width=device-width` (a fixed `width=1024`, `width=device-height`, or no width and an
`initial-scale` below 1). Phones then lay the page out for a 980 px (or the fixed) desktop
width and shrink it to fit the screen. The tag is read as browsers read it: pairs separated by
commas, semicolons or spaces, spaces around `=` allowed, and the last viewport tag wins.

Lighthouse (up to version 12) accepts any `width` or `initial-scale`. This rule is stricter on
purpose: a fixed width is right for one screen size only; on every other phone the page is
either shrunk to unreadable text or wider than the screen, which is exactly the failure the
tag exists to prevent. A tag with no width but `initial-scale=1` (or more) passes, because
browsers then lay the page out at the device width divided by the scale.

Why it hurts customers
A shrunken desktop page means 6 px text, tiny buttons and pinch-and-pan for every task: reading
a balance, finding "Pay" or checking an order total becomes a chore, and many customers give up
or call instead.

Example
Bad: `<meta name="viewport" content="width=1024">` or no tag at all.
Good: `<meta name="viewport" content="width=device-width, initial-scale=1">`.

How to fix
Put `<meta name="viewport" content="width=device-width, initial-scale=1">` in the `<head>` of
every page and make the layout responsive (fluid widths, media queries).

Not flagged
`width=device-width` with any other settings (zoom limits are `zoom-disabled`'s business);
`initial-scale=1` (or more) with no width; desktop snapshots.
"""
from __future__ import annotations

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.viewport import Layout, effective_viewport, mobile_layout


@declare(id="viewport-meta", category="mobile", severity="serious",
         summary="No viewport meta tag with width=device-width, so phones render a shrunken desktop page.")
def rule(snapshot, ctx):
    if not snapshot.is_mobile:
        return
    content = effective_viewport(snapshot)
    layout = mobile_layout(content)
    screen = snapshot.screen_width or snapshot.device.get("width")
    laid_out = snapshot.client_width
    if layout.mobile_optimised:
        # width=device-width with an initial-scale below 1 can still widen the layout: trust
        # the rendered layout width over the tag when it says so.
        shrunk = layout.initial_scale is not None and layout.initial_scale < 1
        if not (shrunk and laid_out and screen and laid_out > screen + 2):
            return
        layout = Layout(False, "no-width", layout.width, layout.initial_scale)
    shrink = f" The phone lays it out {laid_out:g} px wide and shrinks it onto a {screen:g} px screen." if (
        laid_out and screen and laid_out > screen + 2) else ""
    evidence = {"viewport_meta": content, "problem": layout.problem,
                "layout_width": laid_out, "screen_width": screen}
    if layout.width is not None:
        evidence["width"] = layout.width
    if layout.initial_scale is not None:
        evidence["initial_scale"] = layout.initial_scale
    message = (f"The page is not set up for phones: {layout.describe()}.{shrink} "
               "Add <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">.")
    selector = None if content is None else 'meta[name="viewport"]'
    yield Finding(message, selector=selector, evidence=evidence, key=layout.problem)
