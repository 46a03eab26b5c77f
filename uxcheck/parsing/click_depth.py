"""Click depth of key tasks along a flow: the flow-level half of ``buried-link``.

A flow starts on a page (its first ``goto``) and every click that lands on a new page is one
click deeper (``Capture.depth``, set by the runner). A key task is *reached* on a page that is
about it (its main heading names it) and *offered* on a page that links to it; so it is
``depth`` clicks away on the first page about it, or ``depth + 1`` on the first page linking to
it. More clicks than the packs' ``thresholds.buried-link.max_click_depth`` is buried.

The flow is the path its author scripted, usually the one customers take; a task the flow
never meets is not judged.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from ..model import Capture, Finding
from .links import ProminenceLimits, key_task_links

try:  # pages about a task (their h1 names it); newer links.py only
    from .links import page_tasks
except ImportError:  # pragma: no cover
    def page_tasks(snapshot: Any, packs: Any) -> set[str]:
        return set()

RULE_ID = "buried-link"
DEFAULT_MAX_CLICK_DEPTH = 3


@dataclass(frozen=True)
class TaskDepth:
    task: str
    clicks: int
    capture: int  # index into the captures: where the task was first met
    how: str  # "page" (a page about the task) or "link" (a page linking to it)
    selector: str | None


def task_depths(captures: Sequence[Capture], packs: Any, device: str) -> dict[str, TaskDepth]:
    """Task id -> the fewest clicks from the start page at which this device's run met it."""
    limits = ProminenceLimits()
    found: dict[str, TaskDepth] = {}
    ordered = sorted((i for i, c in enumerate(captures)
                      if c.device == device and c.status == "ok" and c.snapshot is not None and c.depth is not None),
                     key=lambda i: captures[i].step_index)
    for i in ordered:
        cap = captures[i]
        for task in page_tasks(cap.snapshot, packs):
            _keep(found, TaskDepth(task, cap.depth, i, "page", None))
        for task, links in key_task_links(cap.snapshot, packs, limits).items():
            if links:
                _keep(found, TaskDepth(task, cap.depth + 1, i, "link", links[0].selector))
    return found


def _keep(found: dict[str, TaskDepth], candidate: TaskDepth) -> None:
    old = found.get(candidate.task)
    if old is None or candidate.clicks < old.clicks:
        found[candidate.task] = candidate


def click_depth_findings(captures: Sequence[Capture], ctx: Any) -> Iterator[Finding]:
    """Findings for key tasks more than ``max_click_depth`` clicks from the flow's start page."""
    limit = int(ctx.option(RULE_ID, "max_click_depth", DEFAULT_MAX_CLICK_DEPTH))
    tasks = ctx.packs.tasks() if ctx.packs is not None else {}
    for device in sorted({c.device for c in captures}):
        for task_id, depth in sorted(task_depths(captures, ctx.packs, device).items()):
            if depth.clicks <= limit:
                continue
            cap = captures[depth.capture]
            task = tasks.get(task_id)
            description = task.description if task is not None else task_id.replace("_", " ")
            path = [c.step_name for c in sorted(captures, key=lambda c: c.step_index)
                    if c.device == device and c.depth is not None and c.step_index <= cap.step_index]
            where = "this page" if depth.how == "page" else "a link on this page"
            yield Finding(
                f"Customers who want to {description} need {depth.clicks} clicks from the start page of this "
                f"journey to get there (the first way in is {where}); more than {limit} clicks is buried.",
                selector=depth.selector,
                evidence={"capture": depth.capture, "task": task_id, "clicks": depth.clicks,
                          "max_click_depth": limit, "met_on": depth.how, "path": path, "device": device},
                key=f"click-depth:{task_id}",
            )
