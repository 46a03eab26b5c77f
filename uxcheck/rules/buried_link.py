"""A key task has a link, but only where customers won't find it.

What it catches
For each key task of the active packs (pay a bill, statements, transfer, dispute a charge, contact,
help, track / cancel / change an order, returns) that the page links to, every link and button to
it is hard to find: it sits only in the page footer or fine print, its text is tiny (under
``min_font_px``) or faint (WCAG contrast under ``min_contrast``), it hides in a sub-menu of a
drop-down (menu level above ``max_menu_depth``), it starts more than ``fold_screens`` screens down
the page (``mobile_fold_screens`` on phones), or its label does not name the task (the statements
page reached only through "Documents & more", or an icon with no name).

Why it hurts customers
Customers scan the top of the page and the main menu for the thing they came to do. When the only
way in is 10 px grey text in the footer or three menus deep, they give up and call, which costs
them time and the company money; for tasks like disputing a charge it can cost them their rights.

Example
Bad: the statements page is linked only from the footer.
    <footer><a href="/statements" style="font-size:11px;color:#aaa">Statements</a></footer>
Good: it is in the main navigation as well.
    <nav><a href="/statements">Statements</a></nav> ... <footer><a href="/statements">Statements</a></footer>

How to fix
Put the task in the main navigation or as a visible button in the page's main content, labelled
with the words customers use ("Statements", "Returns"), in legible text. Keep footer links as a
second way in. Do not nest key tasks deeper than a drop-down.

Not flagged
A task with at least one easy entry point (header, navigation or main content, within the first
screens, legible, named) even if it also appears in the footer; the task the page itself is about
(its main heading names it: a "Returns" page need not link to returns prominently); a standard drop-down or mega-menu
one level deep; the site menu behind a hamburger button on a phone; footer links for things that
are not key tasks (careers, press); phrases that only contain a task word ("Privacy statement",
"Accessibility statement", "Apple Pay"); links the page does not show on this device at all.
In a flow, the same rule also flags a task first met more than ``max_click_depth`` clicks from
the flow's start page (uxcheck/parsing/click_depth.py, attached with ``rule.flow``).
"""
from __future__ import annotations

from typing import Any, Iterator

from uxcheck.model import Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.links import (BELOW_FOLD, DEEP_MENU, FAINT, FOOTER, TINY, UNNAMED, ProminenceLimits, TaskLink,
                                   is_phone, key_task_links, page_tasks)

RULE_ID = "buried-link"
# Worse problems first: they decide which link the finding points at and how the message reads.
PROBLEM_ORDER = (DEEP_MENU, FOOTER, BELOW_FOLD, UNNAMED, TINY, FAINT)


def _easiest(links: list[TaskLink]) -> TaskLink:
    """The link a customer is most likely to find anyway: fewest and mildest problems, highest up."""
    def cost(link: TaskLink) -> tuple:
        return (len(link.problems), max(PROBLEM_ORDER.index(p) * -1 for p in link.problems), link.screens)
    return min(links, key=cost)


def _reasons(link: TaskLink) -> list[str]:
    """What is wrong with a link, as phrases that follow "it ..."."""
    out = []
    if DEEP_MENU in link.problems:
        path = " › ".join(t for t in link.toggles if t)
        out.append(f"sits {link.menu_level} menu levels deep" + (f" ({path})" if path else ""))
    if FOOTER in link.problems:
        out.append("is only in the page footer")
    if BELOW_FOLD in link.problems:
        out.append(f"first appears {link.screens:.1f} screens down the page")
    if UNNAMED in link.problems:
        out.append("has a label that does not name the task" if (link.name or "").strip() else "is an icon with no name")
    if TINY in link.problems:
        out.append(f"is set in {link.font_size:g} px text")
    if FAINT in link.problems and link.contrast is not None:
        out.append(f"is faint (contrast {link.contrast:.1f}:1)")
    return out


def _joined(phrases: list[str]) -> str:
    return ", ".join(phrases[:-1]) + (" and " if len(phrases) > 1 else "") + phrases[-1]


def _evidence(task_id: str, description: str, links: list[TaskLink], best: TaskLink,
              limits: ProminenceLimits, phone: bool) -> dict[str, Any]:
    return {
        "task": task_id,
        "task_description": description,
        "links": len(links),
        "selectors": [link.selector for link in links[:5]],
        "label": best.name,
        "href": best.href,
        "region": best.region,
        "font_size_px": best.font_size,
        "contrast": best.contrast,
        "menu_level": best.menu_level,
        "menus_to_open": list(best.toggles),
        "screens_down": best.screens,
        "why": [p for p in PROBLEM_ORDER if p in best.problems],
        # the limits it was judged by, so a reader can check the claim
        "limits": {"min_font_px": limits.min_font_px, "min_contrast": limits.min_contrast,
                   "max_menu_depth": limits.max_menu_depth,
                   "fold_screens": limits.mobile_fold_screens if phone else limits.fold_screens},
    }


def _message(description: str, links: list[TaskLink], best: TaskLink) -> str:
    label = (best.name or "").strip()
    reasons = _reasons(best)
    if label:
        which = f'"{label}"'
    else:  # an icon with no name: say so once, as the subject
        which = "an icon with no name"
        reasons = [r for r in reasons if r != "is an icon with no name"] or ["does not say where it leads"]
    if len(links) == 1:
        return f"Customers who want to {description} will struggle to find it: the only link, {which}, {_joined(reasons)}."
    return (f"Customers who want to {description} will struggle to find it: all {len(links)} links are hard to find; "
            f"even the easiest, {which}, {_joined(reasons)}.")


@declare(id=RULE_ID, category="navigation", severity="serious",
         summary="A key task is linked only where customers won't find it (footer, fine print, deep menus, far down).",
         options={"fold_screens": 3, "mobile_fold_screens": 6, "min_font_px": 12, "min_contrast": 3.0,
                  "max_menu_depth": 2, "max_click_depth": 3})
def rule(snapshot: Any, ctx: Any) -> Iterator[Finding]:
    tasks = ctx.packs.tasks() if ctx.packs is not None else {}
    limits = ProminenceLimits.from_context(ctx)
    by_task = key_task_links(snapshot, ctx.packs, limits)
    already_here = page_tasks(snapshot, ctx.packs) if by_task else set()
    for task_id, links in by_task.items():
        if not links or task_id in already_here or any(link.prominent for link in links):
            continue
        task = tasks.get(task_id)
        description = task.description if task is not None else task_id.replace("_", " ")
        best = _easiest(links)
        yield Finding(_message(description, links, best), selector=best.selector,
                      evidence=_evidence(task_id, description, links, best, limits, is_phone(snapshot)),
                      key=task_id)


# The flow-level half (clicks from a flow's start page) lives in uxcheck/parsing/click_depth.py.
from uxcheck.parsing.click_depth import click_depth_findings  # noqa: E402

rule.flow(click_depth_findings)
