"""Re-creates the tiny JPEG screenshots of the report fixtures (run once; needs Chromium).

Pillow is not a dependency, so the fixture pictures are rendered by the browser itself.
"""
from pathlib import Path

from playwright.sync_api import sync_playwright

from uxcheck.browser import find_browser, launch_args

HERE = Path(__file__).parent / "shots"
PAGE = """<!doctype html><meta charset=utf-8><style>
body{margin:0;font:16px sans-serif;background:#fff} header{height:70px;background:#123}
.row{height:44px;margin:6px 16px;background:#e9eef5} .foot{height:120px;background:#ddd;margin-top:40px}
</style><header></header><h1 style="margin:16px">Statement</h1>""" + "<div class=row></div>" * 30 + "<div class=foot></div>"

SHOTS = {"desktop": (1280, 1000), "mobile": (412, 1800)}

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=find_browser(), args=launch_args())
    for name, (width, height) in SHOTS.items():
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.set_content(PAGE)
        page.screenshot(path=str(HERE / f"{name}.jpg"), type="jpeg", quality=40,
                        clip={"x": 0, "y": 0, "width": width, "height": height}, full_page=True)
        page.close()
    browser.close()
