"""The HTML report in real Chromium, opened from file:// at desktop and phone sizes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from uxcheck.report import write_reports

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data" / "report"
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def build(tmp_path_factory, name: str) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp(name.split(".")[0])
    shutil.copytree(DATA / "shots", out / "shots")
    results = json.loads((DATA / name).read_text(encoding="utf-8"))
    write_reports(results, out, ["html"])
    return out, results


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return build(tmp_path_factory, "results.json")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build(tmp_path_factory, "hostile-results.json")


@pytest.fixture(scope="module")
def chromium(browser_exe):
    from playwright.sync_api import sync_playwright

    from uxcheck.browser import launch_args

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_exe, args=launch_args())
        yield browser
        browser.close()


class Watched:
    """A page that records every request, dialog and console error."""

    def __init__(self, browser, size: str):
        self.context = browser.new_context(**SIZES[size])
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        # (polled from Python: the report's CSP forbids the eval that wait_for_function needs)
        for _ in range(100):
            if self.page.evaluate("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"{path.name}: a screenshot did not load")

    def close(self) -> None:
        self.context.close()


PLACEMENT_JS = """() => {
  const cards = [...document.querySelectorAll('li.finding')].map(li => {
    const r = li.getBoundingClientRect();
    return {id: li.id, fp: li.dataset.fingerprint, w: r.width, h: r.height,
            shown: getComputedStyle(li).display !== 'none', border: getComputedStyle(li).borderLeftWidth};
  });
  const marks = [...document.querySelectorAll('g.mark')].map(g => {
    const box = g.querySelector('rect').getBoundingClientRect();
    const img = g.closest('.pic').querySelector('img');
    const pic = img.getBoundingClientRect();
    return {finding: g.dataset.finding, x: box.x - pic.x, y: box.y - pic.y, w: box.width, h: box.height,
            picW: pic.width, picH: pic.height, natW: img.naturalWidth, shown: getComputedStyle(g).display !== 'none'};
  });
  return {cards, marks, overflow: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.mark.parametrize("size", list(SIZES))
def test_every_finding_is_shown_with_its_outline_on_the_screenshot(chromium, report, size):
    out, results = report
    watched = Watched(chromium, size)
    try:
        for flow in sorted({r["flow"] for r in results["runs"]}):
            page_file = out / f"flow-{flow.replace(' ', '-')}.html"
            watched.open(page_file)
            state = watched.page.evaluate(PLACEMENT_JS)
            cards = {c["fp"]: c for c in state["cards"]}
            marks = {m["finding"]: m for m in state["marks"]}
            assert state["overflow"] <= 1, f"{flow}: the report scrolls sideways at {size} size"
            for run in (r for r in results["runs"] if r["flow"] == flow):
                for step in run["steps"]:
                    for finding in step["findings"]:
                        card = cards[finding["fingerprint"]]
                        assert card["shown"] and card["w"] > 100 and card["h"] > 40, finding["rule"]
                        assert card["border"] == "5px", "report.css applied"
                        bbox, shot = finding.get("bbox"), step.get("screenshot_size")
                        if not bbox or not shot or bbox["y"] >= shot["height"]:
                            assert card["id"] not in marks
                            continue
                        mark = marks[card["id"]]
                        scale = mark["picW"] / shot["width"]
                        assert mark["shown"] and mark["natW"] == shot["width"]
                        assert mark["x"] == pytest.approx(bbox["x"] * scale, abs=1.5)
                        assert mark["y"] == pytest.approx(bbox["y"] * scale, abs=1.5)
                        assert mark["w"] == pytest.approx(max(bbox["width"], 6) * scale, abs=1.5)
                        assert mark["h"] == pytest.approx(max(bbox["height"], 6) * scale, abs=1.5)
                        assert 0 <= mark["x"] and mark["x"] + mark["w"] <= mark["picW"] + 1
        watched.open(out / "index.html")
        assert watched.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    finally:
        watched.close()
    assert all(url.startswith("file://") for url in watched.requests), watched.requests
    assert not watched.dialogs and not watched.errors, watched.errors


def test_filters_hide_findings_and_their_outlines(chromium, report):
    out, _results = report
    watched = Watched(chromium, "desktop")
    try:
        watched.open(out / "flow-review-statement.html")
        page = watched.page
        critical = page.locator("li.finding.f-sev-critical")
        assert critical.count() == 2 and critical.first.is_visible()
        page.locator("label[for=show-sev-critical]").click()
        assert not critical.first.is_visible()
        assert page.locator("g.mark.f-sev-critical").first.evaluate("g => getComputedStyle(g).display") == "none"
        assert page.locator("li.finding.f-sev-serious").first.is_visible()
        page.locator("label[for=show-review]").click()
        assert not page.locator(".review-block").is_visible()
        page.locator("label[for=show-cat-mobile]").click()
        assert not page.locator("li.finding.f-cat-mobile").first.is_visible()
    finally:
        watched.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_hostile_report_runs_nothing_and_shows_the_text_literally(chromium, hostile, size):
    out, _results = hostile
    watched = Watched(chromium, size)
    shown = []
    try:
        # every top-level page and the rule pages built from the findings (installed rules' pages
        # differ only in their own docs, which do not come from the site)
        from uxcheck.registry import load_registry

        installed = set(load_registry().rules)
        hostile_pages = sorted(out.glob("*.html")) + [p for p in sorted((out / "rules").glob("*.html"))
                                                       if p.stem not in installed]
        assert len(hostile_pages) >= 5  # index, two flow pages, the rule list, the hostile rule's page
        for page_file in hostile_pages:
            watched.page.goto(page_file.resolve().as_uri())
            watched.page.wait_for_load_state("load")
            hover = watched.page.locator("a, td, li.finding").all()[:8] if page_file.name.startswith("flow-") else []
            for link in hover:  # mouse over the site's text: no handler may fire
                if link.is_visible():
                    link.hover(timeout=2000)
            assert watched.page.evaluate("typeof window.__pwned") == "undefined", page_file.name
            assert watched.page.evaluate("document.querySelectorAll('script').length") == 0
            watched.page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            shown.append(" ".join(watched.page.inner_text("body").split()))
    finally:
        watched.close()
    text = " ".join(shown)
    for literal in json.loads((DATA / "hostile-literals.json").read_text(encoding="utf-8")):
        assert " ".join(literal.split()) in text, literal
    assert not watched.dialogs
    assert all(url.startswith("file://") for url in watched.requests), watched.requests
