"""Re-record the corpus snapshots with a real browser.

    python tests/corpus/record.py            # record cases that have no snapshot yet
    python tests/corpus/record.py --force    # re-record every case (after a collector change)
    python tests/corpus/record.py missing-total/bank-de-tfoot   # just these cases

Each case folder holds page.html (plus any assets) and expect.yaml; this writes desktop.json and
mobile.json next to them, captured exactly as `uxcheck audit` captures a step.
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


def cases(selected: list[str]) -> list[Path]:
    found = sorted(p.parent for p in HERE.glob("*/*/expect.yaml"))
    if selected:
        found = [c for c in found if any(str(c).endswith(s.rstrip("/")) for s in selected)]
    return found


async def record(case_dirs: list[Path], force: bool) -> None:
    from playwright.async_api import async_playwright

    exe = find_browser()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=exe, args=launch_args())
        profiles = {name: device_profile(name, p.devices) for name in ("desktop", "mobile")}
        for case in case_dirs:
            expect = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8")) or {}
            for name in expect.get("devices", ["desktop", "mobile"]):
                out = case / f"{name}.json"
                if out.exists() and not force:
                    continue
                prof = profiles[name]
                ctx = await browser.new_context(**prof.context_options, java_script_enabled=True)
                # Corpus pages are local files: nothing may go to the network.
                await ctx.route("http*://**", lambda route: route.abort())
                page = await ctx.new_page()
                await page.goto((case / "page.html").as_uri(), wait_until="load")
                snap = await collect(page, prof.device)
                snap.url = expect.get("url") or f"https://corpus.test/{case.parent.name}/{case.name}/"
                snap.timing = {}
                snap.save(out)
                await ctx.close()
                print(f"recorded {case.relative_to(HERE)}/{name}.json")
        await browser.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--force"]
    asyncio.run(record(cases(args), "--force" in sys.argv))
