"""SARIF 2.1.0: validates against the official OASIS schema; rules, locations, levels, fingerprints."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from uxcheck.baseline import apply_baseline
from uxcheck.report.sarif import FINGERPRINT_KEY, sarif_log, write_sarif

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def load(name: str = "results.json") -> dict:
    return json.loads((DATA / "report" / name).read_text(encoding="utf-8"))


def findings(results: dict) -> list[dict]:
    return [f for run in results["runs"] for step in run["steps"] for f in step["findings"]]


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:10])


def test_schema_rejects_a_broken_log(validator):
    """The vendored schema really checks: a result without a message is invalid."""
    log = sarif_log(load())
    del log["runs"][0]["results"][0]["message"]
    assert list(validator.iter_errors(log))


@pytest.mark.parametrize("name", ["results.json", "hostile-results.json"])
def test_log_validates_against_the_official_schema(validator, tmp_path: Path, name: str):
    path = write_sarif(load(name), tmp_path)
    assert_valid(validator, json.loads(path.read_text(encoding="utf-8")))


def test_one_rule_entry_per_rule_with_help_and_help_uri():
    results = load()
    driver = sarif_log(results)["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert {f["rule"] for f in findings(results)} <= set(ids)
    for rule in driver["rules"]:
        assert rule["help"]["text"] and rule["shortDescription"]["text"]
        assert rule["helpUri"].startswith("https://") and rule["helpUri"].endswith(f"/{rule['id']}.html")
        assert rule["properties"]["helpPage"] == f"rules/{rule['id']}.html"


def test_results_are_located_by_url_and_selector_with_levels_and_fingerprints():
    results = load()
    run = sarif_log(results)["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    out = run["results"]
    assert len(out) == len(findings(results))
    for finding, result in zip(findings(results), out):
        assert result["ruleId"] == finding["rule"] and rules[result["ruleIndex"]] == finding["rule"]
        assert result["partialFingerprints"] == {FINGERPRINT_KEY: finding["fingerprint"]}
        loc = result["locations"][0]
        assert loc["physicalLocation"]["artifactLocation"]["uri"].startswith("http://127.0.0.1:8000/")
        if finding.get("selector"):
            assert loc["logicalLocations"][0]["name"] == finding["selector"]
        if finding["review"]:
            assert (result["kind"], result["level"]) == ("review", "none")
        else:
            expected = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}
            assert (result["kind"], result["level"]) == ("fail", expected[finding["severity"]])


def test_error_steps_become_tool_notifications():
    invocation = sarif_log(load())["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    texts = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert len(texts) == 1 and "Timeout 30000 ms" in texts[0]


def test_baseline_state_follows_the_baseline(validator):
    results = load()
    keep = {f["fingerprint"] for f in findings(results)[:2]}
    apply_baseline(results, keep)
    log = sarif_log(results)
    assert_valid(validator, log)
    states = [r["baselineState"] for r in log["runs"][0]["results"]]
    assert states[:2] == ["unchanged", "unchanged"] and set(states[2:]) == {"new"}
