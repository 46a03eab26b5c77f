"""Links and buttons too small or too crowded to tap on a phone.

What it catches
WCAG 2.5.8 (Target Size, Minimum) as axe-core's `target-size` and `target-offset` checks apply
it, measured in the rendered page: a link, button, field or other focusable control smaller
than 24x24 CSS px (0.05 px tolerance) fails unless a 24 px circle on its centre touches no
other target's area or circle. Whatever is drawn on top of a target (a sticky bar, another
button) is cut away first: only the uncovered part counts, and a target that is wholly covered
is not judged. Links inside running text are exempt, as WCAG says. Spacing follows axe-core's
getOffset: from the centre of the target's visible part to the nearest visible part of each
other target, and to that target's own 24 px circle when it is undersized too; targets riding
in a `position: fixed` bar are not neighbours of targets in the page. One finding per offending
target (at most 20; the evidence counts them all). Where axe-core would answer "incomplete"
(targets taken out of the tab order, content such as an image spilling out of the target),
the finding is a review finding.

Why it hurts customers
Tiny, tightly packed links ("1 2 3 4 Next", "Edit | Delete", icon buttons) make thumbs hit the
wrong one: the wrong statement month opens, the wrong item is removed from the basket, and
customers with tremors or large fingers cannot use the page at all.

Example
Bad: `<a href="?page=2" style="font-size:12px">2</a>` links 4 px apart in a pagination bar.
Good: `<a href="?page=2" style="display:inline-block;min-width:44px;min-height:44px">2</a>`.

How to fix
Give every control at least 24x24 px (44x44 px is better on phones) through padding or
`min-width`/`min-height`, or space small ones so their centres are 24 px or more apart.

Not flagged
Links in sentences and paragraphs; small targets with enough space around them; 44 px icon
buttons; targets hidden off-screen or covered entirely; desktop snapshots.
"""
from __future__ import annotations

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.tap_targets import NeighbourIndex, Target, judge

RULE_ID = "small-tap-target"
MAX_FINDINGS = 20


def _verdicts(snapshot, min_size: float):
    part = (snapshot.parts.get("mobile") or {}).get("targets") or {}
    targets = [Target.of(item) for item in part.get("items") or []]
    names = {e.selector: e.name for e in snapshot.elements if e.name}
    for t in targets:
        t.name = t.name or names.get(t.selector, "")
    index = NeighbourIndex(targets)
    out = []
    for t in targets:
        if t.in_text:
            continue
        verdict = judge(t, index.near(t, min_size), min_size)
        if verdict.outcome != "pass":
            out.append((t, verdict))
    return out, part


@declare(id=RULE_ID, category="mobile", severity="moderate",
         summary="Links and buttons too small or too crowded to tap (under 24x24 CSS px without spacing).",
         options={"min_size_px": 24})
def rule(snapshot, ctx):
    if not snapshot.is_mobile:
        return
    min_size = float(ctx.option(RULE_ID, "min_size_px", 24))
    failing, part = snapshot.derived(f"tap-targets:{min_size}", lambda s: _verdicts(s, min_size))
    count = sum(1 for _, v in failing if v.outcome == "fail")
    for t, v in failing[:MAX_FINDINGS]:
        size = v.size or t.bounds
        label = f"\u201c{t.name[:40]}\u201d" if t.name else f"A {t.role or t.tag or 'control'} without a name"
        evidence = {"width": round(size.width, 1), "height": round(size.height, 1), "min_size": min_size,
                    "closest_offset": v.closest_offset, "neighbours": v.neighbours[:5],
                    "failing_targets": count, "targets_judged": len(part.get("items") or []),
                    "targets_total": part.get("total")}
        crowd = f" with {len(v.neighbours)} other target(s) within its {min_size:g} px circle" if v.neighbours else ""
        if v.reason == "too-many-rects":
            message = f"{label} could not be measured: too many overlapping elements cover it; check its size by hand."
        else:
            message = (f"{label} is {size.width:.0f}x{size.height:.0f} px{crowd}, too small to tap reliably on a "
                       f"phone. Make it at least {min_size:g}x{min_size:g} px or space it out.")
        yield Finding(message, selector=t.selector, evidence=evidence, review=v.outcome == "review",
                      bbox=t.bounds.to_dict(), key=t.selector)
