"""A viewport meta tag that stops customers from zooming in.

What it catches
The viewport meta tag forbids pinch-zoom: `user-scalable=no` (or `0`, or any number between
-1 and 1, or an unknown word), or `maximum-scale` below 2 (or an unknown word). This is exactly
axe-core's `meta-viewport` check (WCAG 1.4.4 Resize text): the content is split on commas and
semicolons, `yes`, `device-width` and `device-height` are accepted, and a negative
`maximum-scale` is ignored as browsers ignore it. Every viewport meta tag on the page is checked.

Why it hurts customers
Customers with less than perfect eyesight zoom in to read a balance, a due date or the small
print of a contract. Blocking zoom leaves them unable to read it at all, and some browsers honour
the block.

Example
Bad: `<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">`.
Good: `<meta name="viewport" content="width=device-width, initial-scale=1">`.

How to fix
Remove `user-scalable=no` and `maximum-scale` (or set `maximum-scale` to 2 or more, e.g. 5).
If zoom was blocked to stop iOS from zooming into form fields, give the fields a 16 px font instead.

Not flagged
`user-scalable=yes`, `user-scalable=1`, `maximum-scale=5`, `maximum-scale=2`, `maximum-scale=-1`,
`maximum-scale=device-width`; pages without a viewport tag (that is `viewport-meta`'s finding);
desktop snapshots.
"""
from __future__ import annotations

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.viewport import viewport_contents, zoom_blockers


@declare(id="zoom-disabled", category="mobile", severity="serious",
         summary="The viewport forbids zooming (user-scalable=no, maximum-scale below 2).")
def rule(snapshot, ctx):
    if not snapshot.is_mobile:
        return
    for content in viewport_contents(snapshot):
        blockers = zoom_blockers(content)
        if not blockers:
            continue
        yield Finding(
            f"Customers cannot zoom in to read this page on a phone: the viewport meta tag says "
            f"{' and '.join(blockers)}. Remove it so people can enlarge small text.",
            selector='meta[name="viewport"]',
            evidence={"viewport_meta": content, "blocking": blockers},
            key=",".join(sorted(b.split("=")[0] for b in blockers)))
        return  # one page, one tag problem: a second identical tag adds nothing
