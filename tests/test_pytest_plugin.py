"""The pytest plugin: the `uxcheck` fixture on pytest-playwright's page, run in a separate pytest."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest_plugins = ["pytester"]

CONFTEST = """
import pytest
from uxcheck.browser import find_browser, launch_args

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # pytest-playwright's own browser download is not needed: use the Chromium uxcheck finds.
    return {**browser_type_launch_args, "executable_path": find_browser(), "args": launch_args()}
"""

GOOD = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Statement</title></head>
<body><main><h1>October statement</h1>
<table id="tx"><thead><tr><th>Date</th><th>Description</th><th>Amount</th></tr></thead>
<tbody><tr><td>02/10/2026</td><td>Coffee</td><td>-£3.20</td></tr>
<tr><td>05/10/2026</td><td>Salary</td><td>£2,000.00</td></tr>
<tr><td>09/10/2026</td><td>Rent</td><td>-£900.00</td></tr></tbody>
<tfoot><tr><th colspan="2">Total</th><td>£1,096.80</td></tr></tfoot></table></main></body></html>"""

BAD = GOOD.replace("£1,096.80", "£1,196.80")  # the total no longer adds up


TESTS = """
def test_good_statement(page, uxcheck):
    page.goto(GOOD_URL)
    found = uxcheck.audit(page, name="good statement")
    assert not [f for f in found if f["severity"] in ("critical", "serious")]

def test_bad_statement(page, uxcheck):
    page.goto(BAD_URL)
    uxcheck.audit(page, name="bad statement")

def test_without_uxcheck():
    assert 1 + 1 == 2
"""


@pytest.mark.browser
def test_fixture_fails_a_test_on_serious_findings_and_writes_the_report(pytester, browser_exe, tmp_path):
    pages = tmp_path / "site"
    pages.mkdir()
    (pages / "good.html").write_text(GOOD, encoding="utf-8")
    (pages / "bad.html").write_text(BAD, encoding="utf-8")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_statement=f"GOOD_URL = {(pages / 'good.html').as_uri()!r}\n"
                                       f"BAD_URL = {(pages / 'bad.html').as_uri()!r}\n" + TESTS)
    out = tmp_path / "report"
    result = pytester.runpytest_subprocess("--uxcheck-out", str(out), "--uxcheck-format", "json,html", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*test_bad_statement*", "*total-mismatch*"])
    results = json.loads((out / "results.json").read_text())
    flows = {run["flow"].split("::")[-1].split("[")[0]: run for run in results["runs"]}  # node ids: test_x[chromium]
    assert set(flows) == {"test_good_statement", "test_bad_statement"}  # the test without the fixture is not a flow
    bad_steps = flows["test_bad_statement"]["steps"]
    assert bad_steps[0]["name"] == "bad statement"
    assert "total-mismatch" in {f["rule"] for f in bad_steps[0]["findings"]}
    assert (out / bad_steps[0]["screenshot"]).is_file()
    assert (out / "index.html").is_file() or any(out.glob("*.html"))
    assert results["summary"]["findings"] >= 1


@pytest.mark.browser
def test_check_false_records_findings_without_failing_the_test(pytester, browser_exe, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(BAD, encoding="utf-8")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_one=f"""
def test_bad_statement_recorded_only(page, uxcheck):
    page.goto({page.as_uri()!r})
    found = uxcheck.audit(page, name="bad", check=False)
    assert any(f["rule"] == "total-mismatch" for f in found)
""")
    result = pytester.runpytest_subprocess("--uxcheck-out", str(tmp_path / "r"), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_plugin_leaves_runs_that_do_not_use_it_alone(pytester, tmp_path):
    pytester.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = pytester.runpytest_subprocess("--uxcheck-out", str(tmp_path / "never"), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert not (tmp_path / "never").exists()  # nothing audited, nothing written


def test_plugin_module_imports_neither_playwright_nor_rules():
    code = ("import sys, uxcheck.pytest_plugin; "
            "heavy = [m for m in sys.modules if m.startswith(('playwright', 'uxcheck.rules', 'bs4'))]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_bad_report_format_is_a_usage_error(pytester):
    pytester.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = pytester.runpytest_subprocess("--uxcheck-format", "pdf", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--uxcheck-format*pdf*"])


def test_fail_on_decides_which_findings_fail_a_test():
    from uxcheck.pytest_plugin import Auditor

    moderate = {"rule": "small-text", "severity": "moderate", "message": "Text too small.", "selector": "p"}
    review = {"rule": "total-mismatch", "severity": "critical", "message": "Look at this.", "review": True}
    Auditor._fail_if_needed([moderate, review], "serious", "home")  # nothing at or above serious that counts
    with pytest.raises(pytest.fail.Exception, match=r"\[moderate\] small-text: Text too small. \(p\)"):
        Auditor._fail_if_needed([moderate], "moderate", "home")
