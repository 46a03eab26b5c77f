"""The mobile collector part in a real Chromium on the phone profile: what it measures and how fast."""
from __future__ import annotations

import asyncio

import pytest

from uxcheck.capture import collect

pytestmark = pytest.mark.browser

DW = '<meta name="viewport" content="width=device-width, initial-scale=1">'

PAGE = DW + """
<style>body{margin:0;font:16px sans-serif} footer{font-size:10px}</style>
<p>Read our <a href="/terms">terms</a> before you pay your bill this month.</p>
<nav id="pager"><a href="?p=1">1</a> <a href="?p=2">2</a></nav>
<div id="box" style="overflow-x:auto"><table style="width:900px"><tr><td>wide but in its own box</td></tr></table></div>
<div id="wide" style="width:600px">sticks out</div>
<div style="display:none;font-size:8px">hidden tiny text that must not count</div>
<footer>small print</footer>
<button id="big" style="position:absolute;top:300px;left:0;width:100px;height:40px">Pay</button>
<div id="over" style="position:absolute;top:300px;left:0;width:60px;height:40px;background:red"></div>
"""

TEN_THOUSAND_ROWS = DW + "<style>body{margin:0;font:14px sans-serif}</style><table id='tx'>" + "".join(
    f"<tr><td>2026-11-{i % 28 + 1:02d}</td><td>Card payment {i}</td><td><a href='/tx/{i}'>{i}.00</a></td></tr>"
    for i in range(10000)) + "</table>"


async def _mobile_part(browser_exe: str, html: str):
    from playwright.async_api import async_playwright

    from uxcheck.browser import device_profile, launch_args

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=browser_exe, args=launch_args())
        try:
            prof = device_profile("mobile", p.devices)
            ctx = await browser.new_context(**prof.context_options)
            await ctx.route("http*://**", lambda route: route.abort())
            page = await ctx.new_page()
            await page.set_content(html)
            snap = await collect(page, prof.device)
            return snap.parts["mobile"], snap.parts.get("collector_errors")
        finally:
            await browser.close()


def test_mobile_part_measures_text_overflow_and_targets(browser_exe):
    part, errors = asyncio.run(_mobile_part(browser_exe, PAGE))
    assert not errors and not part.get("errors")
    text = part["text"]
    assert text["by_size"].get("8") is None  # display:none text is not counted
    assert text["offenders"][0]["selector"].endswith("footer") and text["offenders"][0]["font_size"] == 10

    overflow = part["overflow"]
    assert overflow["client_width"] == 412 and overflow["scroll_width"] >= 600
    assert [o["selector"] for o in overflow["offenders"]] == ["#wide"]  # the scroll box's table is fine

    targets = {t["selector"]: t for t in part["targets"]["items"]}
    assert targets["body > p > a"]["in_text"] is True
    assert targets["#pager > a:nth-of-type(1)"]["in_text"] is False  # only other links on its line
    cover = targets["#big"]["covered_by"][0]
    assert cover["selector"] == "#over" and cover["widget"] is False and cover["rect"]["width"] == 60


def test_mobile_part_is_cheap_on_a_ten_thousand_row_statement(browser_exe):
    part, errors = asyncio.run(_mobile_part(browser_exe, TEN_THOUSAND_ROWS))
    assert not errors and not part.get("errors")
    # The walk keeps the first 100 and last 50 rows of a row group over 300 (core.js): the
    # targets and text of the middle rows are the same kind and are not measured again.
    assert part["targets"]["total"] == 150 and len(part["targets"]["items"]) == 150
    assert part["text"]["sample_stride"] >= 1 and part["text"]["total_chars"] > 1500
    # Generous on a shared machine; typically a few hundred ms.
    assert part["timing"]["total_ms"] < 5000, part["timing"]
