"""The HTML and JSON reports on a fixed results.json (no browser)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from uxcheck.errors import UsageError
from uxcheck.report import write_reports
from uxcheck.report.evidence import describe
from uxcheck.report.safety import safe_href, safe_relative_path

DATA = Path(__file__).parent / "data" / "report"


def load(name: str = "results.json") -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture()
def report_dir(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "shots", tmp_path / "shots")
    return tmp_path


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def all_findings(results: dict) -> list[tuple[dict, dict, dict]]:
    return [(run, step, f) for run in results["runs"] for step in run["steps"] for f in step["findings"]]


def test_write_reports_writes_every_format(report_dir: Path):
    results = load()
    written = write_reports(results, report_dir, ["html", "json", "sarif", "junit"])
    assert written == {
        "html": report_dir / "index.html",
        "json": report_dir / "results.json",
        "sarif": report_dir / "results.sarif",
        "junit": report_dir / "junit.xml",
    }
    assert all(p.exists() for p in written.values())


def test_json_is_pretty_utf8_and_round_trips(report_dir: Path):
    results = load()
    path = write_reports(results, report_dir, ["json"])["json"]
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == results
    assert "\n  " in text, "pretty-printed"
    assert "…" in text, "non-ASCII kept as UTF-8, not \\u escapes"


def test_unknown_format_is_a_usage_error_and_writes_nothing(report_dir: Path):
    with pytest.raises(UsageError, match="pdf"):
        write_reports(load(), report_dir, ["json", "pdf"])
    assert not (report_dir / "results.json").exists()


def test_index_lists_runs_worst_first_with_counts(report_dir: Path):
    write_reports(load(), report_dir, ["html"])
    soup = soup_of(report_dir / "index.html")
    rows = soup.select("table.runs tbody tr")
    labels = [(r.th.get_text(strip=True), r.find_all("td")[0].get_text(strip=True)) for r in rows]
    # both statement runs have a critical finding; checkout has only a moderate one
    assert labels[-1] == ("checkout", "desktop")
    totals = {li.get_text(" ", strip=True).split(" ", 1)[1]: int(li.select_one(".n").get_text())
              for li in soup.select(".overview .counts li")}
    assert totals == {"critical": 2, "serious": 2, "moderate": 2, "minor": 1, "to review": 1}
    categories = [r.th.get_text(strip=True) for r in soup.select("table.categories tbody tr")]
    assert set(categories) == {"statements", "mobile", "navigation", "data", "plugin stuff"}
    assert "balances" not in categories, "a review finding is never counted"


def test_flow_page_shows_every_finding_once_with_marks_for_those_on_the_screenshot(report_dir: Path):
    results = load()
    write_reports(results, report_dir, ["html"])
    soup = soup_of(report_dir / "flow-review-statement.html")
    cards = {li["data-fingerprint"]: li for li in soup.select("li.finding")}
    expected = [f for run, _s, f in all_findings(results) if run["flow"] == "review statement"]
    assert sorted(cards) == sorted(f["fingerprint"] for f in expected)
    for run, step, finding in all_findings(results):
        if run["flow"] != "review statement":
            continue
        card = cards[finding["fingerprint"]]
        assert finding["message"] in card.get_text(" ")
        assert card.select_one(".rule-link a")["href"] == f"rules/{finding['rule']}.html"
        marks = soup.select(f'g.mark[data-finding="{card["id"]}"]')
        bbox, size = finding.get("bbox"), step.get("screenshot_size")
        on_picture = bbox is not None and size is not None and bbox["y"] < size["height"]
        assert len(marks) == (1 if on_picture else 0), finding["rule"]
        if on_picture:
            rect = marks[0].select_one("rect")
            assert float(rect["x"]) == pytest.approx(bbox["x"]) and float(rect["y"]) == pytest.approx(bbox["y"])
            assert marks[0].select_one("text").get_text() == card.select_one(".num").get_text()
            where = card.select_one(".where").get_text()
            assert f"{bbox['width']:,.0f}×{bbox['height']:,.0f} px, {bbox['x']:,.0f} px from the left" in where
        elif bbox is not None:
            assert "Below the part of the page in the screenshot" in card.select_one(".where").get_text()


def test_review_findings_are_listed_apart(report_dir: Path):
    write_reports(load(), report_dir, ["html"])
    soup = soup_of(report_dir / "flow-review-statement.html")
    step = soup.select_one("section.step")
    decided = step.select(".findings:not(.reviews) > li.finding")
    reviews = step.select(".review-block li.finding")
    assert [li["data-rule"] for li in reviews] == ["period-mismatch"]
    assert "period-mismatch" not in [li["data-rule"] for li in decided]
    assert step.select_one(".findings-col h3").get_text(strip=True).startswith("6 findings")


def test_step_notes_errors_blocked_requests_and_suppressed(report_dir: Path):
    write_reports(load(), report_dir, ["html"])
    soup = soup_of(report_dir / "flow-review-statement.html")
    steps = soup.select("section.step")
    assert "2 findings suppressed" in steps[0].get_text(" ")
    second = steps[1].get_text(" ")
    assert "1 write request blocked" in second and "http://127.0.0.1:8000/api/track" in second
    assert "could not be audited" in second and "Timeout 30000 ms exceeded" in second


def test_rule_pages_exist_for_every_rule_including_unknown_ones(report_dir: Path):
    results = load()
    write_reports(results, report_dir, ["html"])
    for _run, _step, finding in all_findings(results):
        page = report_dir / finding["help_url"]
        assert page.exists(), finding["help_url"]
    unknown = soup_of(report_dir / "rules" / "some-plugin-rule.html").get_text(" ")
    assert "not installed" in unknown


def test_installed_rule_pages_carry_the_rules_own_docs(report_dir: Path):
    from uxcheck.registry import load_registry

    rules = load_registry().rules
    if not rules:
        pytest.skip("no rule installed yet")
    write_reports(load(), report_dir, ["html"])
    rid, rule = sorted(rules.items())[0]
    text = soup_of(report_dir / "rules" / f"{rid}.html").get_text(" ")
    assert rule.meta.summary in text
    for heading, body in rule.doc_sections().items():
        if heading != "Summary":
            assert heading in text
            first_words = " ".join(body.split()[:4])
            assert first_words.replace("`", "") in " ".join(text.split())


def test_every_page_is_self_contained_with_a_strict_csp(report_dir: Path):
    write_reports(load(), report_dir, ["html"])
    pages = list(report_dir.rglob("*.html"))
    assert len(pages) >= 4
    for page in pages:
        soup = soup_of(page)
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "default-src 'none'" in csp and "script-src 'none'" in csp and "style-src 'self'" in csp
        assert not soup.find_all("script") and not soup.find_all("style")
        assert not soup.find_all(style=True), "inline styles would break the CSP"
        for tag in soup.find_all(["link", "img", "a"]):
            target = tag.get("href") or tag.get("src")
            if not target or target.startswith("#"):
                continue
            parts = urlsplit(target)
            if parts.scheme in ("http", "https"):
                assert tag.name == "a", f"{page.name}: {tag.name} loads {target} from the network"
                continue
            assert not parts.scheme, target
            local = (page.parent / unquote(parts.path)).resolve()
            assert local.exists(), f"{page.name}: broken link {target}"
    assert [p.name for p in report_dir.rglob("*.css")] == ["report.css"]


def test_stylesheet_has_filters_print_and_phone_layouts(report_dir: Path):
    write_reports(load(), report_dir, ["html"])
    css = (report_dir / "report.css").read_text(encoding="utf-8")
    assert "@media print" in css and re.search(r"@media \(max-width: \d+px\)", css)
    for name in ("sev-critical", "sev-minor", "cat-statements", "cat-plugin-stuff"):
        assert f"#show-{name}:not(:checked)" in css
    flow = soup_of(report_dir / "flow-review-statement.html")
    boxes = {i["id"] for i in flow.select(".filters input[type=checkbox]")}
    assert {"show-sev-critical", "show-cat-statements", "show-review"} <= boxes


def test_report_rebuilds_from_results_without_a_screenshot(report_dir: Path):
    results = load()
    for run in results["runs"]:
        for step in run["steps"]:
            step["screenshot"] = None
    write_reports(results, report_dir, ["html"])
    soup = soup_of(report_dir / "flow-review-statement.html")
    assert not soup.select("g.mark")
    assert "No screenshot of this step" in soup.get_text(" ")


def test_evidence_is_rendered_readably():
    lines = describe({"rows": 14, "sum": "-1204.17", "total": "-1200.00"})
    assert lines[0].emphasis and "-1204.17 computed vs -1200.00 shown (off by 4.17)" == lines[0].value
    lines = describe({"period": "October 2026", "outside": ["2026-09-30", "2026-11-02"]})
    assert lines[0].value == "2026-09-30, 2026-11-02 (stated period: October 2026)"
    lines = describe({"x": 10, "y": 2400, "width": 80, "height": 12, "font_size": 9.5})
    assert lines[0].value == "80×12 px at 10 px from the left, 2400 px from the top"
    assert lines[1].label == "Font size" and lines[1].value == "9.5 px"
    many = describe({"dates": [f"d{i}" for i in range(30)]})[0].value
    assert many.endswith("… and 18 more")


@pytest.mark.parametrize("url, ok", [
    ("https://bank.test/a?b=1", True), ("http://x.test/", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), ("java\tscript:alert(1)", False), (" https://x.test", False),
    ("data:text/html,<script>", False), ("file:///etc/passwd", False), ("//evil.test/x", False), ("/path", False),
])
def test_only_plain_http_urls_become_links(url, ok):
    assert (safe_href(url) == url) is ok


@pytest.mark.parametrize("path, expected", [
    ("statement-mobile/1.jpg", "statement-mobile/1.jpg"), ("a b/1.jpg", "a%20b/1.jpg"),
    ("../x.jpg", None), ("/etc/passwd", None), ("javascript:alert(1)", None), ("C:\\x.jpg", None),
    ("a/../../x", None), ("", None), (None, None),
])
def test_screenshots_must_stay_inside_the_report_folder(path, expected):
    assert safe_relative_path(path) == expected


def test_rule_docs_keep_examples_verbatim_and_escaped():
    from uxcheck.report.ruledocs import doc_to_html

    html = str(doc_to_html(
        "Bad: linked only from the footer.\n"
        "    <footer><a href=\"/statements\">Statements</a></footer>\n"
        "Good: in the navigation (``nav``, see `min_font_px`).\n\n"
        "- one\n  continued\n- <b>two</b>"))
    soup = BeautifulSoup(html, "lxml")
    assert [p.get_text() for p in soup.find_all("p")] == [
        "Bad: linked only from the footer.", "Good: in the navigation (nav, see min_font_px)."]
    assert soup.pre.get_text() == '<footer><a href="/statements">Statements</a></footer>'
    assert [c.get_text() for c in soup.find_all("code")][1:] == ["nav", "min_font_px"]
    assert [li.get_text() for li in soup.find_all("li")] == ["one continued", "<b>two</b>"]
    assert not soup.find_all(["footer", "b"])
