"""The flows that audit the demo portal, built from its manifest.

Every page gets a one-step flow, except the steps of a journey: the flow rules
(``inconsistent-figure``) compare the steps of one flow, so a journey is audited as one flow
that opens its pages in order. ``mobile-missing-task`` compares the devices of each step, so
it needs no special flow, only both devices.
"""
from __future__ import annotations

from ..flows import FlowSpec, StepSpec
from .manifest import DemoPage, demo_pages

__all__ = ["demo_flows"]


def demo_flows(base_url: str, pages: list[DemoPage] | None = None) -> list[FlowSpec]:
    """One flow per page, and one multi-step flow per journey, on the demo served at base_url."""
    pages = pages if pages is not None else demo_pages()
    by_path = {p.path: p for p in pages}
    base = base_url.rstrip("/")
    in_journey = {step for p in pages if len(p.flow) > 1 for step in p.flow}
    flows: list[FlowSpec] = []
    for page in pages:
        if len(page.flow) > 1 and page.flow[-1] == page.path:
            steps = [StepSpec("goto", f"{base}{step}", name=by_path[step].title if step in by_path else step)
                     for step in page.flow]
            # only gotos, from nothing: a shared session, cleared in between, is enough
            flows.append(FlowSpec(name=f"journey to {page.path.strip('/')}", steps=steps, shares_session=True))
        elif page.path not in in_journey:
            flows.append(FlowSpec(name=page.path.strip("/") or "home",
                                  steps=[StepSpec("goto", f"{base}{page.path}", name=page.title or page.path)],
                                  shares_session=True))
    return flows
