"""Much of the page's text is too small to read on a phone.

What it catches
Lighthouse's legible-text measure, taken in the rendered page: of all visible text characters
(not `display:none`, not `visibility:hidden`, not zero-size), the share set in a font under
12 CSS px. The rule fails when that share is above 40 % (thresholds `min_font_px` and
`max_small_share` under `small-text` in the pack). The biggest offenders are named.

Like Lighthouse, the rule judges only pages with a mobile viewport (`width=device-width`, or
`initial-scale` >= 1 and no width, and a layout as wide as the screen). Without one the phone
shrinks the whole page (16 px text on a 980 px layout shows at about 7 px on a 412 px screen):
then every size is too small and the cause is the viewport, which `viewport-meta` reports (and
`horizontal-overflow` reports the too-wide layout). Reporting it a third time here would only
repeat that finding, so such pages are left to those rules.

Why it hurts customers
Amounts, dates and conditions set in 9-11 px type force customers to pinch-zoom for every
line, or to guess; on a statement or a checkout that means misread figures and abandoned tasks.

Example
Bad: a transactions list in `font-size: 11px` that makes up most of the page.
Good: body text at 16 px, secondary text no smaller than 12-13 px.

How to fix
Set body text to 16 px and keep secondary text at 12 px or more; use a mobile viewport so the
page is not shrunk.

Not flagged
Fine-print footers, legal lines and captions when they are a small share of the text; text that
is hidden (collapsed menus, `display:none`, `visibility:hidden`); desktop snapshots.
"""
from __future__ import annotations

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.viewport import effective_viewport, mobile_layout

RULE_ID = "small-text"


def _mobile_viewport(snapshot) -> bool:
    """A mobile viewport tag and a layout no wider than the screen (CSS px are what people see)."""
    if not mobile_layout(effective_viewport(snapshot)).mobile_optimised:
        return False
    client, screen = float(snapshot.client_width or 0), float(snapshot.screen_width or 0)
    return not (client and screen and client > screen + 2)


@declare(id=RULE_ID, category="mobile", severity="moderate",
         summary="Much of the text is too small to read on a phone (under 12 CSS px).",
         options={"min_font_px": 12, "max_small_share": 0.40})
def rule(snapshot, ctx):
    if not snapshot.is_mobile:
        return
    text = (snapshot.parts.get("mobile") or {}).get("text") or {}
    total = float(text.get("total_chars") or 0)
    if total <= 0:
        return
    min_px = float(ctx.option(RULE_ID, "min_font_px", 12))
    max_share = float(ctx.option(RULE_ID, "max_small_share", 0.40))
    if not _mobile_viewport(snapshot):
        return  # the page is shrunk as a whole: viewport-meta's finding, not a text-size one
    small = sum(chars for size, chars in (text.get("by_size") or {}).items() if float(size) < min_px)
    share = small / total
    if share <= max_share:
        return
    evidence = {"small_share": round(share, 3), "small_chars": int(small), "total_chars": int(total),
                "min_font_px": min_px, "max_small_share": max_share}
    if text.get("sample_stride", 1) > 1:
        evidence["sampled_every"] = text["sample_stride"]
    offenders = [o for o in text.get("offenders") or [] if float(o.get("font_size") or 0) < min_px]
    evidence["offenders"] = [{k: o.get(k) for k in ("selector", "font_size", "chars", "text")} for o in offenders[:10]]
    top = offenders[0] if offenders else None
    where = (f" The biggest block is {top.get('chars')} characters at {top.get('font_size'):g} px "
             f"(\u201c{(top.get('text') or '')[:50]}\u201d).") if top else ""
    yield Finding(
        f"{share:.0%} of the text on this page is smaller than {min_px:g} px, too small to read on a "
        f"phone without zooming.{where} Use at least {min_px:g} px, ideally 16 px for body text.",
        selector=top.get("selector") if top else None, evidence=evidence, key="small-share")
