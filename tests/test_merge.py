"""`uxcheck merge`: shard results joined into one results.json and report (no browser needed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from uxcheck.cli import main
from uxcheck.merge import merge_results
from uxcheck.results import new_results, summarise, write_json


def _finding(rule: str, severity: str, fp: str) -> dict:
    return {"rule": rule, "category": "statements", "severity": severity, "message": f"{rule} here",
            "selector": "main table", "evidence": {}, "fingerprint": fp, "review": False}


def _shard(folder: Path, index: int, count: int, flows: dict[str, list[dict]], started: str,
           duration: float = 3.0) -> Path:
    """A shard's --out folder: results.json plus one screenshot per step, named as the runner names them."""
    results = new_results()
    results["started_at"] = started
    results["duration_s"] = duration
    results["shard"] = {"index": index, "count": count}
    for flow, findings in flows.items():
        rel = f"{flow}-desktop/1.jpg"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(f"jpeg of {flow} from shard {index}".encode())
        results["runs"].append({"flow": flow, "device": "desktop", "steps": [
            {"name": flow, "url": f"http://127.0.0.1/{flow}", "status": "ok", "error": None,
             "screenshot": rel, "findings": findings, "suppressed": 0}]})
    summarise(results)
    write_json(results, folder / "results.json")
    return folder


@pytest.fixture()
def shards(tmp_path: Path) -> list[Path]:
    return [
        _shard(tmp_path / "s1", 1, 2, {"statement": [_finding("missing-total", "serious", "a1")],
                                        "home": []}, "2026-11-23T10:00:05Z", 4.0),
        _shard(tmp_path / "s2", 2, 2, {"orders": [_finding("total-mismatch", "critical", "b1"),
                                                  _finding("small-text", "moderate", "b2")]},
               "2026-11-23T10:00:01Z", 6.5),
    ]


def test_merge_joins_runs_recomputes_summary_and_copies_screenshots(shards, tmp_path):
    out = tmp_path / "merged"
    code = main(["merge", str(shards[0]), str(shards[1]), "--out", str(out), "--format", "json"])
    merged = json.loads((out / "results.json").read_text())
    assert [r["flow"] for r in merged["runs"]] == ["statement", "home", "orders"]
    assert merged["summary"]["findings"] == 3
    assert merged["summary"]["by_rule"] == {"missing-total": 1, "small-text": 1, "total-mismatch": 1}
    assert merged["summary"]["by_severity"] == {"critical": 1, "serious": 1, "moderate": 1}
    assert merged["started_at"] == "2026-11-23T10:00:01Z"  # the earliest shard
    assert merged["duration_s"] == 6.5  # shards run side by side: the slowest one
    assert "shard" not in merged
    for run in merged["runs"]:
        shot = out / run["steps"][0]["screenshot"]
        assert shot.read_bytes().startswith(b"jpeg of " + run["flow"].encode())
    assert code == 1  # a critical and a serious finding: at or above the default --fail-on serious


def test_merge_exit_code_follows_fail_on(tmp_path):
    quiet = _shard(tmp_path / "q", 1, 1, {"home": [_finding("small-text", "moderate", "m1")]}, "2026-11-23T10:00:00Z")
    assert main(["merge", str(quiet), "--out", str(tmp_path / "o1"), "--format", "json"]) == 0
    assert main(["merge", str(quiet), "--out", str(tmp_path / "o2"), "--format", "json", "--fail-on", "moderate"]) == 1


def test_merge_is_the_same_whatever_order_the_folders_come_in(shards):
    a = merge_results(shards).results
    b = merge_results(list(reversed(shards))).results
    assert a["runs"] == b["runs"]
    assert a["summary"] == b["summary"]


def test_two_shards_with_the_same_screenshot_path_keep_both(tmp_path):
    # Two folders that both hold a run named "home" on desktop (e.g. two different sites merged).
    one = _shard(tmp_path / "x", 1, 2, {"home": []}, "2026-11-23T10:00:00Z")
    two = _shard(tmp_path / "y", 2, 2, {"other": []}, "2026-11-23T10:00:00Z")
    # make "other" reuse home's screenshot path
    data = json.loads((two / "results.json").read_text())
    (two / "home-desktop").mkdir()
    (two / "home-desktop" / "1.jpg").write_bytes(b"second")
    data["runs"][0]["steps"][0]["screenshot"] = "home-desktop/1.jpg"
    write_json(data, two / "results.json")
    merged = merge_results([one, two])
    targets = [rel for _, rel in merged.copies]
    assert len(set(targets)) == 2
    assert "home-desktop/1.jpg" in targets and any(t.startswith("shard-2/") for t in targets)


def test_merge_warns_about_missing_and_repeated_shards(tmp_path):
    s1 = _shard(tmp_path / "a", 1, 3, {"home": []}, "2026-11-23T10:00:00Z")
    s1b = _shard(tmp_path / "b", 1, 3, {"home": []}, "2026-11-23T10:00:00Z")
    merged = merge_results([s1, s1b])
    text = " ".join(merged.warnings)
    assert "shards 2, 3 of 3 missing" in text
    assert "shard 1 of 3 given twice" in text
    assert len(merged.results["runs"]) == 1  # the repeated run is kept once
    assert merged.results["merged"]["warnings"] == merged.warnings


def test_merge_of_a_folder_without_results_is_a_usage_error(tmp_path):
    assert main(["merge", str(tmp_path / "nothing"), "--out", str(tmp_path / "o")]) == 2


def test_merge_joins_crawl_pages_of_every_shard(tmp_path):
    folders = []
    for i, page in ((1, "/a"), (2, "/b")):
        f = _shard(tmp_path / f"c{i}", i, 2, {page.strip("/"): []}, "2026-11-23T10:00:00Z")
        data = json.loads((f / "results.json").read_text())
        data["crawl"] = {"start_url": "http://127.0.0.1/", "pages_found": 2,
                         "pages": [{"url": f"http://127.0.0.1{page}", "depth": i, "flow": page}],
                         "skipped": [{"url": "http://127.0.0.1/logout", "reason": "logout"}]}
        write_json(data, f / "results.json")
        folders.append(f)
    crawl = merge_results(folders).results["crawl"]
    assert [p["url"] for p in crawl["pages"]] == ["http://127.0.0.1/a", "http://127.0.0.1/b"]
    assert crawl["skipped_by_reason"] == {"logout": 1}
