"""Much of the page's text is too small to read on a phone.

What it catches
Lighthouse's legible-text measure, taken in the rendered page: of all visible text characters
(not `display:none`, not `visibility:hidden`, not zero-size), the share set in a font under
12 CSS px. The rule fails when that share is above 40 % (thresholds `min_font_px` and
`max_small_share` under `small-text` in the pack). The biggest offenders are named.

A page without a mobile viewport (see `viewport-meta`) is shrunk onto the screen, so its
CSS pixels are not what customers see: the sizes are scaled by screen width / layout width
first (a 16 px font on a 980 px layout shown on a 412 px screen reads as 6.7 px). Lighthouse
fails such pages too ("text is illegible because of a missing viewport config"); this rule
says how small the text really ends up.

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

RULE_ID = "small-text"


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
    client, screen = float(snapshot.client_width or 0), float(snapshot.screen_width or 0)
    scale = screen / client if client and screen and client > screen + 2 else 1.0
    small = sum(chars for size, chars in (text.get("by_size") or {}).items() if float(size) * scale < min_px)
    share = small / total
    if share <= max_share:
        return
    evidence = {"small_share": round(share, 3), "small_chars": int(small), "total_chars": int(total),
                "min_font_px": min_px, "max_small_share": max_share}
    if text.get("sample_stride", 1) > 1:
        evidence["sampled_every"] = text["sample_stride"]
    if scale < 1:
        evidence.update(scale=round(scale, 3), layout_width=client, screen_width=screen)
        yield Finding(
            f"{share:.0%} of the text is smaller than {min_px:g} px on a phone: without a mobile viewport "
            f"the page is laid out {client:g} px wide and shrunk to {scale:.0%} on the {screen:g} px screen, "
            f"so 16 px text shows at about {16 * scale:.0f} px.",
            selector=None, evidence=evidence, key="shrunk-page")
        return
    offenders = [o for o in text.get("offenders") or [] if float(o.get("font_size") or 0) < min_px]
    evidence["offenders"] = [{k: o.get(k) for k in ("selector", "font_size", "chars", "text")} for o in offenders[:10]]
    top = offenders[0] if offenders else None
    where = (f" The biggest block is {top.get('chars')} characters at {top.get('font_size'):g} px "
             f"(\u201c{(top.get('text') or '')[:50]}\u201d).") if top else ""
    yield Finding(
        f"{share:.0%} of the text on this page is smaller than {min_px:g} px, too small to read on a "
        f"phone without zooming.{where} Use at least {min_px:g} px, ideally 16 px for body text.",
        selector=top.get("selector") if top else None, evidence=evidence, key="small-share")
