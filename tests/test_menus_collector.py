"""The menus collector part in a real Chromium: closed menus, their toggles, and page regions."""
from __future__ import annotations

import asyncio

import pytest

from uxcheck.capture import collect

pytestmark = pytest.mark.browser

PAGE = """<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 16px sans-serif; }
  .sub { display: none; }
  li:hover > .sub { display: block; }
  #burger, .burger { display: none; }
  @media (max-width: 600px) {
    .burger { display: block; }
    #main-menu { display: none; }
    #burger:checked ~ #main-menu { display: block; }
  }
</style></head><body>
<header>
  <input type="checkbox" id="burger"><label class="burger" for="burger">Menu</label>
  <nav id="main-menu"><ul>
    <li><a id="top" href="/accounts">Accounts</a></li>
    <li><a href="/banking">Banking</a>
      <ul class="sub"><li><a id="drop" href="/banking/transfer">Transfer</a></li>
        <li><a href="/banking/service">Service</a>
          <ul class="sub"><li><a id="deep" href="/banking/service/statements">Statements</a></li></ul></li></ul></li>
  </ul></nav>
  <details><summary id="more">More</summary><a id="in-details" href="/disputes">Disputes</a></details>
  <div class="hover-menu"><span>Cards</span><div class="sub"><a id="hover-span" href="/cards/pin">PIN</a></div></div>
</header>
<article><p>Order 123</p><footer><a id="card-action" href="/orders/123/cancel">Cancel order</a></footer></article>
<ul style="visibility:hidden"><li><a id="faded" href="/help">Help</a></li></ul>
<div class="site-footer"><a id="div-footer" href="/contact">Contact us</a></div>
</body></html>"""


async def _menus(browser_exe: str, device: str):
    from playwright.async_api import async_playwright

    from uxcheck.browser import device_profile, launch_args

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=browser_exe, args=launch_args())
        try:
            prof = device_profile(device, p.devices)
            ctx = await browser.new_context(**prof.context_options)
            await ctx.route("http*://**", lambda route: route.abort())
            page = await ctx.new_page()
            await page.set_content(PAGE)
            snap = await collect(page, prof.device)
            assert not snap.parts.get("collector_errors")
            return snap.parts["menus"]
        finally:
            await browser.close()


def _layers(menus, element_id):
    return next(v for k, v in menus["layers"].items() if k.endswith("#" + element_id) or k.endswith(element_id))


def test_desktop_counts_each_closed_menu_with_its_toggle(browser_exe):
    menus = asyncio.run(_menus(browser_exe, "desktop"))
    assert not any(k.endswith("#top") for k in menus["layers"])  # shown: no layers
    drop = _layers(menus, "#drop")
    assert [(l["toggle"], l["toggle_visible"], l["toggle_in_menu"]) for l in drop] == [("Banking", True, True)]
    deep = _layers(menus, "#deep")
    assert [l["toggle"] for l in deep] == ["Banking", "Service"]
    # inside display:none core still reads the text; under visibility:hidden innerText is empty
    assert menus["names"][next(k for k in menus["layers"] if k.endswith("#faded"))] == "Help"
    # a hover menu labelled by plain text is opened by hovering that text
    assert [(l["toggle"], l["toggle_visible"]) for l in _layers(menus, "#hover-span")] == [("Cards", True)]
    details = _layers(menus, "#in-details")
    assert [(l["toggle"], l["toggle_visible"]) for l in details] == [("More", True)]


def test_phone_hamburger_is_a_menu_button_and_regions_are_corrected(browser_exe):
    menus = asyncio.run(_menus(browser_exe, "mobile"))
    top = _layers(menus, "#top")
    assert [(l["toggle"], l["toggle_visible"], l["toggle_in_menu"]) for l in top] == [("Menu", True, False)]
    assert [l["toggle"] for l in _layers(menus, "#deep")] == ["Menu", "Banking", "Service"]
    regions = menus["regions"]
    # a <footer> inside an article is not the page footer; a div.site-footer is one
    assert regions[next(k for k in regions if k.endswith("#card-action"))] is None
    assert regions[next(k for k in regions if k.endswith("#div-footer"))] == "footer"
