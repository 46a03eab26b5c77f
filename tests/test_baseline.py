"""Baselines: write, load (clear errors), mark new findings, count fixed ones."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from uxcheck.baseline import apply_baseline, load_baseline, write_baseline
from uxcheck.errors import UsageError

DATA = Path(__file__).parent / "data" / "report"


def load() -> dict:
    return json.loads((DATA / "results.json").read_text(encoding="utf-8"))


def fingerprints(results: dict) -> set[str]:
    return {f["fingerprint"] for r in results["runs"] for s in r["steps"] for f in s["findings"]}


def test_round_trip_gives_the_runs_fingerprints(tmp_path: Path):
    results = load()
    path = write_baseline(results, tmp_path / "ci" / "baseline.json")
    assert load_baseline(path) == fingerprints(results)


def test_a_results_json_and_its_folder_work_as_baselines(tmp_path: Path):
    (tmp_path / "results.json").write_text(json.dumps(load()), encoding="utf-8")
    assert load_baseline(tmp_path) == fingerprints(load())


@pytest.mark.parametrize("content, problem", [
    (None, "no such baseline file"),
    ("{not json", "not valid JSON"),
    ('{"schema": "something/else", "runs": []}', "not a uxcheck baseline"),
    ("[1, 2]", "not a uxcheck baseline"),
])
def test_missing_or_invalid_baselines_are_usage_errors(tmp_path: Path, content, problem):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=problem) as info:
        load_baseline(path)
    assert str(path) in str(info.value)
    assert info.value.exit_code == 2


def test_same_run_against_its_own_baseline_has_nothing_new_or_fixed():
    results = load()
    apply_baseline(results, fingerprints(results))
    assert results["summary"]["new"] == 0 and results["summary"]["fixed"] == 0
    assert all(f["new"] is False for r in results["runs"] for s in r["steps"] for f in s["findings"])


def test_new_and_fixed_findings_are_counted(tmp_path: Path):
    before = load()
    before["runs"][0]["steps"][0]["findings"].append({
        "rule": "small-text", "category": "mobile", "severity": "minor", "message": "Tiny print.",
        "fingerprint": "fixed-since", "review": False})
    baseline = load_baseline(write_baseline(before, tmp_path / "b.json"))
    now = load()
    now["runs"][2]["steps"][0]["findings"][0]["fingerprint"] = "brand-new"
    apply_baseline(now, baseline)
    new = [f for r in now["runs"] for s in r["steps"] for f in s["findings"] if f["new"]]
    assert [f["fingerprint"] for f in new] == ["brand-new"]
    # unexplained-data-request's old fingerprint is gone too: fixed along with small-text
    assert now["summary"] == {**now["summary"], "new": 1, "fixed": 2}


def test_review_findings_are_never_counted_as_new():
    results = load()
    apply_baseline(results, set())
    decided = [f for r in results["runs"] for s in r["steps"] for f in s["findings"] if not f["review"]]
    assert results["summary"]["new"] == len(decided)
    review = next(f for r in results["runs"] for s in r["steps"] for f in s["findings"] if f["review"])
    assert review["new"] is True  # marked, but not counted


def test_findings_on_steps_not_audited_now_are_not_fixed(tmp_path: Path):
    baseline = load_baseline(write_baseline(load(), tmp_path / "b.json"))
    now = load()
    now["runs"] = [r for r in now["runs"] if r["device"] == "desktop"]  # this time: --device desktop
    statement = now["runs"][0]["steps"][0]
    statement["status"], statement["error"], statement["findings"] = "error", "timeout", []
    apply_baseline(now, baseline)
    assert now["summary"]["fixed"] == 0
