"""The tables part of the collector: div/flex lists, definition lists and cards as rows of cells."""
import asyncio

import pytest

from uxcheck.parsing.money_tables import build_money_page

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>t</title></head><body>
<h2>Card activity</h2>
<div id="tx" class="tx-list">
  <div class="row"><span>01/10/2026</span><span>Tesco</span><span>-£12.50</span></div>
  <div class="row"><span>02/10/2026</span><span>Salary</span><span>£1,000.00</span></div>
  <div class="row total"><span>Total</span><span>£987.50</span></div>
</div>
<section><h2>Summary</h2><dl id="sum"><dt>Opening balance</dt><dd>£100.00</dd><dt>Closing balance</dt><dd>£1,087.50</dd></dl></section>
<div id="cards"><article><h3>Lamp</h3><p>£20.00</p></article><article><h3>Rug</h3><p>£80.00</p></article></div>
<div id="hosted"></div>
<script>const r = document.getElementById("hosted").attachShadow({mode: "open"});
r.innerHTML = '<ul><li><b>03/10/2026</b> <i>Shell</i> <em>-£40.00</em></li><li><b>04/10/2026</b> <i>Boots</i> <em>-£5.00</em></li></ul>';</script>
</body></html>"""


@pytest.mark.browser
def test_lists_dl_cards_and_shadow_rows(browser_exe, tmp_path):
    from playwright.async_api import async_playwright

    from uxcheck.capture import collect

    page_file = tmp_path / "p.html"
    page_file.write_text(PAGE, encoding="utf-8")

    async def go():
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=browser_exe)
            page = await browser.new_page()
            await page.goto(page_file.as_uri())
            snap = await collect(page)
            await browser.close()
            return snap

    snap = asyncio.run(go())
    by_kind = {}
    for t in snap.tables:
        by_kind.setdefault(t.kind, []).append(t)
    tx = next(t for t in by_kind["list"] if t.selector.endswith("#tx"))
    assert [c.text for c in tx.rows[0].cells] == ["01/10/2026", "Tesco", "-£12.50"]
    assert [c.text for c in tx.rows[-1].cells] == ["Total", "£987.50"]  # the total line is kept
    assert tx.extra["heading"] == "Card activity"
    dl = by_kind["dl"][0]
    assert [[c.text for c in r.cells] for r in dl.rows] == [["Opening balance", "£100.00"], ["Closing balance", "£1,087.50"]]
    assert any(t.selector.endswith("#cards") for t in by_kind["cards"])
    shadow = [t for t in by_kind["list"] if "Shell" in str([c.text for r in t.rows for c in r.cells])]
    assert shadow, "rows inside an open shadow root are collected"
    page = build_money_page(snap)
    statement = next(mt for mt in page.tables if mt.selector.endswith("#tx"))
    assert statement.is_statement and statement.totals[0].amount == statement.item_sum()
