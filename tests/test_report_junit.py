"""JUnit XML: one testcase per rule per step, failures carry the findings; parsed back here."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from uxcheck.baseline import apply_baseline
from uxcheck.report.junit import junit_tree, write_junit

DATA = Path(__file__).parent / "data" / "report"
RULES = ["buried-link", "missing-total", "period-mismatch", "small-tap-target", "some-plugin-rule",
         "total-mismatch", "unexplained-data-request", "viewport-meta", "zoom-disabled"]


def load(name: str = "results.json") -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def parse(results: dict) -> ET.Element:
    text = ET.tostring(junit_tree(results, RULES).getroot(), encoding="unicode")
    return ET.fromstring(text)


def test_file_parses_and_counts_add_up(tmp_path: Path):
    results = load()
    root = ET.parse(write_junit(results, tmp_path)).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["review statement.desktop", "review statement.mobile", "checkout.desktop"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_one_testcase_per_rule_per_step_and_one_per_error_step():
    results = load()
    root = parse(results)
    ok_steps = [(r, s) for r in results["runs"] for s in r["steps"] if s["status"] == "ok"]
    error_steps = [(r, s) for r in results["runs"] for s in r["steps"] if s["status"] == "error"]
    cases = root.iter("testcase")
    names = [(c.get("classname"), c.get("name")) for c in cases]
    expected = [(f"{r['flow']}.{r['device']}", f"{s['name']} / {rid}") for r, s in ok_steps for rid in RULES]
    expected += [(f"{r['flow']}.{r['device']}", s["name"]) for r, s in error_steps]
    assert sorted(names) == sorted(expected)
    errors = [c for c in root.iter("testcase") if c.find("error") is not None]
    assert len(errors) == 1 and "Timeout 30000 ms" in errors[0].find("error").text


def test_failures_carry_the_findings_and_review_findings_pass():
    results = load()
    root = parse(results)
    failing = {(c.get("classname"), c.get("name")): c.find("failure")
               for c in root.iter("testcase") if c.find("failure") is not None}
    decided = [(r, s, f) for r in results["runs"] for s in r["steps"] for f in s["findings"] if not f["review"]]
    assert len(failing) == len(decided)  # one finding per rule per step in this fixture
    for run, step, finding in decided:
        failure = failing[(f"{run['flow']}.{run['device']}", f"{step['name']} / {finding['rule']}")]
        assert failure.get("type") == finding["severity"]
        assert finding["message"] in failure.text and finding["fingerprint"] in failure.text
    review = next(c for c in root.iter("testcase") if c.get("name") == "open statement / period-mismatch"
                  and c.get("classname") == "review statement.desktop")
    assert review.find("failure") is None and "[to review]" in review.find("system-out").text


def test_findings_in_the_baseline_do_not_fail():
    results = load()
    apply_baseline(results, {f["fingerprint"] for r in results["runs"] for s in r["steps"] for f in s["findings"]})
    root = parse(results)
    assert root.get("failures") == "0"
    assert any("[in baseline]" in (c.findtext("system-out") or "") for c in root.iter("testcase"))


def test_control_characters_from_a_page_do_not_break_the_xml():
    results = load()
    results["runs"][0]["steps"][0]["findings"][0]["message"] = "bad \x00\x1b[31m byte \ud800"
    root = parse(results)
    assert "bad" in ET.tostring(root, encoding="unicode")
