"""Record the snapshots of the multi-step journey cases of the flow rules' corpus.

    python tests/corpus/record_journeys.py            # cases with a missing snapshot
    python tests/corpus/record_journeys.py --force    # every journey case
    python tests/corpus/record_journeys.py inconsistent-figure/bank-gb-overview-vs-account

A journey case is ``tests/corpus/<rule-id>/<case>/journey.yaml`` with its step pages next to it::

    description: Overview and account page disagree on the balance
    locale: en-GB
    devices: [desktop, mobile]          # optional (default both)
    steps:
      - {page: overview.html, url: https://bank.test/accounts}
      - {page: account.html, url: https://bank.test/accounts/4821, inputs_changed: 1, writes_sent: 0}
    fire: [{rule: inconsistent-figure, step: 2}]   # step: the finding's step (optional)
    not_fire: [mobile-missing-task]

This writes ``<page stem>.<device>.json`` per step and device, captured as record.py captures a
page (local file, no network), with the step's ``url`` as the snapshot's URL.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from uxcheck.browser import device_profile, find_browser, launch_args  # noqa: E402
from uxcheck.capture import collect  # noqa: E402


def journey_cases(selected: list[str]) -> list[Path]:
    found = sorted(p.parent for p in HERE.glob("*/*/journey.yaml"))
    if selected:
        found = [c for c in found if any(str(c).endswith(s.rstrip("/")) for s in selected)]
    return found


async def record(case_dirs: list[Path], force: bool) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=find_browser(), args=launch_args())
        profiles = {name: device_profile(name, p.devices) for name in ("desktop", "mobile")}
        for case in case_dirs:
            spec = yaml.safe_load((case / "journey.yaml").read_text(encoding="utf-8")) or {}
            for device in spec.get("devices", ["desktop", "mobile"]):
                for step in spec["steps"]:
                    out = case / f"{Path(step['page']).stem}.{device}.json"
                    if out.exists() and not force:
                        continue
                    prof = profiles[device]
                    ctx = await browser.new_context(**prof.context_options)
                    await ctx.route("http*://**", lambda route: route.abort())  # nothing goes to the network
                    page = await ctx.new_page()
                    await page.goto((case / step["page"]).as_uri(), wait_until="load")
                    snap = await collect(page, prof.device)
                    snap.url = step.get("url") or f"https://corpus.test/{case.parent.name}/{case.name}/{step['page']}"
                    snap.timing = {}
                    snap.save(out)
                    await ctx.close()
                    print(f"recorded {out.relative_to(HERE)}")
        await browser.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--force"]
    asyncio.run(record(journey_cases(args), "--force" in sys.argv))
