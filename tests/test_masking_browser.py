"""Screenshots mask every form field, and skip the masking trips only on pages without any: the
collector's has_fields must see fields wherever they are (shadow roots, rows the walk skips)."""
import asyncio

import pytest

from uxcheck.browser import launch_args
from uxcheck.capture import collect

pytestmark = pytest.mark.browser

HEAD = "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>t</title></head><body>"
ROWS = "".join(f"<tr><td>{i}</td><td>Row {i}</td></tr>" for i in range(1200))
PAGES = {
    "statement": HEAD + f"<h1>Statement</h1><table><tbody>{ROWS}</tbody></table></body></html>",
    "search": HEAD + "<form><label>Search <input name=q></label></form></body></html>",
    "note": HEAD + "<div contenteditable=true>Notes</div></body></html>",
    "checkbox only": HEAD + "<label><input type=checkbox> Remember me</label></body></html>",
    # a text field in row 600 of 1,200: the collector's walk skips the middle rows of big tables
    "field mid-table": HEAD + "<table><tbody>" + ROWS.replace("<td>600</td>", "<td><input name=memo></td>")
                       + "</tbody></table></body></html>",
    "shadow field": HEAD + "<div id=h></div><script>document.getElementById('h').attachShadow({mode:'open'})"
                    ".innerHTML = '<input name=card>';</script></body></html>",
}


def test_has_fields_sees_every_maskable_field(browser_exe):
    from playwright.async_api import async_playwright

    async def go() -> dict[str, bool]:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=browser_exe, args=launch_args())
            page = await browser.new_page()
            seen = {}
            for name, html in PAGES.items():
                await page.set_content(html)
                seen[name] = (await collect(page)).document["has_fields"]
            await browser.close()
            return seen

    assert asyncio.run(go()) == {"statement": False, "search": True, "note": True, "checkbox only": False,
                                 "field mid-table": True, "shadow field": True}


FIELD_PAGE = (HEAD + "<h1>Pay</h1><label for=card>Card number</label>"
              "<input id=card value='4111 1111 1111 1111' style='position:absolute;left:100px;top:150px;"
              "width:300px;height:40px;font-size:24px;background:#fff;color:#000'></body></html>")


def _pixel(browser_exe: str, jpeg: bytes, x: int, y: int) -> tuple[int, int, int]:
    """The colour at (x, y) of a JPEG, decoded by Chromium (no image library needed)."""
    import base64

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_exe, args=launch_args())
        page = browser.new_page()
        rgb = page.evaluate("""async ([src, x, y]) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.createElement("canvas"); c.width = img.width; c.height = img.height;
            const g = c.getContext("2d"); g.drawImage(img, 0, 0);
            return Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3));
        }""", ["data:image/jpeg;base64," + base64.b64encode(jpeg).decode(), x, y])
        browser.close()
    return tuple(rgb)


def test_a_field_with_a_value_is_painted_over_in_the_screenshot(browser_exe, tmp_path):
    from uxcheck.api import AuditSettings, audit

    page = tmp_path / "pay.html"
    page.write_text(FIELD_PAGE, encoding="utf-8")
    out = tmp_path / "out"
    results = audit([str(page)], AuditSettings(devices=["desktop"], formats=["json"], out_dir=out, workers=1,
                                               browser=browser_exe))
    shot = (out / results["runs"][0]["steps"][0]["screenshot"]).read_bytes()
    inside, outside = _pixel(browser_exe, shot, 250, 170), _pixel(browser_exe, shot, 250, 260)
    assert all(abs(a - b) <= 12 for a, b in zip(inside, (0x9A, 0xA0, 0xA6))), inside  # the mask colour
    assert min(outside) > 240, outside  # the white page below the field: the sample point is right
