"""`uxcheck audit` end to end in a real Chromium: results.json per the contract, exit codes,
error steps, one snapshot round trip per step, collector fidelity."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from uxcheck import capture
from uxcheck.api import AuditSettings, audit
from uxcheck.cli import main

pytestmark = pytest.mark.browser

CONTRACT_SEVERITIES = {"critical", "serious", "moderate", "minor"}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "uxcheck.cli", *args], capture_output=True, text=True, timeout=300)


def check_results_contract(results: dict) -> None:
    assert results["schema"] == "uxcheck/results@1"
    assert results["tool"]["name"] == "uxcheck" and re.match(r"\d+\.\d+\.\d+", results["tool"]["version"])
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", results["started_at"])
    assert isinstance(results["duration_s"], (int, float))
    for run in results["runs"]:
        assert set(run) >= {"flow", "device", "steps"}
        for step in run["steps"]:
            assert set(step) >= {"name", "url", "status", "error", "screenshot", "findings"}
            assert step["status"] in ("ok", "error")
            assert (step["error"] is None) == (step["status"] == "ok")
            for f in step["findings"]:
                assert set(f) >= {"rule", "category", "severity", "message", "selector", "evidence", "fingerprint"}
                assert f["severity"] in CONTRACT_SEVERITIES
                assert isinstance(f["evidence"], dict)
                assert re.fullmatch(r"[0-9a-f]{12,64}", f["fingerprint"])
                if f.get("html") is not None:
                    assert len(f["html"]) <= 300
    s = results["summary"]
    assert s["findings"] == sum(s["by_rule"].values()) == sum(s["by_severity"].values())


def test_audit_results_follow_the_contract_on_both_devices(site, browser_exe, tmp_path):
    out = tmp_path / "out"
    code = main(["audit", f"{site}/no-viewport.html", f"{site}/clean.html", "--out", str(out),
                 "--browser", browser_exe, "--rule", "viewport-meta"])
    results = json.loads((out / "results.json").read_text())
    check_results_contract(results)
    runs = {(r["flow"], r["device"]): r for r in results["runs"]}
    assert {d for _, d in runs} == {"desktop", "mobile"}
    assert len(runs) == 4, "one flow per target, one run per device"
    for run in results["runs"]:
        assert len(run["steps"]) == 1
        step = run["steps"][0]
        assert step["status"] == "ok"
        assert (out / step["screenshot"]).stat().st_size > 1000
    bad = [r for (flow, dev), r in runs.items() if flow.endswith("no-viewport.html") and dev == "mobile"][0]
    assert [f["rule"] for f in bad["steps"][0]["findings"]] == ["viewport-meta"]
    clean = [r for (flow, _), r in runs.items() if flow.endswith("clean.html")]
    assert all(not r["steps"][0]["findings"] for r in clean)
    assert code == 1, "a serious finding makes the exit code 1"


def test_exit_0_when_nothing_at_or_above_fail_on(site, browser_exe, tmp_path):
    assert main(["audit", f"{site}/clean.html", "--out", str(tmp_path), "--browser", browser_exe,
                 "--rule", "viewport-meta"]) == 0
    assert main(["audit", f"{site}/no-viewport.html", "--out", str(tmp_path), "--browser", browser_exe,
                 "--rule", "viewport-meta", "--fail-on", "critical"]) == 0


def test_exit_3_without_a_browser(site, tmp_path):
    r = run_cli("audit", f"{site}/clean.html", "--out", str(tmp_path), "--browser", "/nonexistent/chrome")
    assert r.returncode == 3
    assert "uxcheck install-browser" in r.stderr and "apt-get install -y chromium" in r.stderr
    assert "Traceback" not in r.stderr


def test_unreachable_page_is_an_error_step_and_the_rest_goes_on(site, browser_exe, closed_port, tmp_path):
    dead = f"http://127.0.0.1:{closed_port}/statement"
    code = main(["audit", dead, f"{site}/clean.html", "--out", str(tmp_path), "--browser", browser_exe,
                 "--device", "desktop"])
    results = json.loads((tmp_path / "results.json").read_text())
    steps = {r["flow"]: r["steps"][0] for r in results["runs"]}
    err = next(s for f, s in steps.items() if str(closed_port) in f)
    assert err["status"] == "error" and "could not be reached" in err["error"]
    assert err["url"] == dead
    ok = next(s for f, s in steps.items() if "clean" in f)
    assert ok["status"] == "ok"
    assert code in (0, 1)


def test_exit_3_when_every_target_is_unreachable(browser_exe, closed_port, tmp_path):
    code = main(["audit", f"http://127.0.0.1:{closed_port}/", "--out", str(tmp_path), "--browser", browser_exe,
                 "--device", "desktop"])
    assert code == 3
    assert (tmp_path / "results.json").exists(), "the results are still written"


def test_exit_2_on_bad_usage(tmp_path):
    for args in (["audit", "/no/such/file.html"],
                 ["audit", "x.html", "--rule", "no-such-rule"],
                 ["audit", "x.html", "--format", "pdf"],
                 ["audit", "x.html", "--shard", "3/2"],
                 ["frobnicate"]):
        r = run_cli(*args, "--out", str(tmp_path)) if args[0] != "frobnicate" else run_cli(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert "Traceback" not in r.stderr


def test_invalid_pack_file_is_exit_2_with_file_and_line(tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text("pack: mine\nkey_tasks:\n  pay:\n    words: [pay]\n")
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>")
    r = run_cli("audit", str(page), "--pack", str(pack), "--out", str(tmp_path / "o"))
    assert r.returncode == 2
    assert f"{pack}:4" in r.stderr and "language code" in r.stderr


def test_unknown_device_is_exit_2(tmp_path, site):
    r = run_cli("audit", f"{site}/clean.html", "--device", "Nokia 3310 Ultra", "--out", str(tmp_path))
    assert r.returncode == 2 and "unknown device" in r.stderr


def test_one_snapshot_round_trip_per_step(site, browser_exe, tmp_path):
    before = capture.ROUND_TRIPS["count"]
    results = audit([f"{site}/fidelity.html", f"{site}/clean.html"],
                    AuditSettings(out_dir=tmp_path, browser=browser_exe, workers=2))
    steps = [s for r in results["runs"] for s in r["steps"]]
    assert len(steps) == 4  # 2 pages x 2 devices, every rule run on each
    assert capture.ROUND_TRIPS["count"] - before == 4


def test_collector_fidelity(site, browser_exe, tmp_path):
    results = audit([f"{site}/fidelity.html"], AuditSettings(out_dir=tmp_path, browser=browser_exe,
                                                             devices=["desktop"], save_snapshots=True))
    step = results["runs"][0]["steps"][0]
    from uxcheck.snapshot import Snapshot

    snap = Snapshot.load(tmp_path / step["snapshot"])
    names = {e.name: e for e in snap.elements}
    assert "Pay now" in names, "open shadow roots are collected"
    assert "Help inside a frame" in names, "same-origin iframes are collected"
    frame_link = names["Help inside a frame"]
    assert frame_link.rect.y > 0 and frame_link.selector.startswith("#frame >>> ")
    hidden = names["Statements"]
    assert not hidden.visible and hidden.landmark == "header" and hidden.menu_depth == 2 and hidden.collapsed_menus == 1
    assert names["Contact us"].landmark == "footer" and names["Contact us"].font_size == 10
    email = next(e for e in snap.inputs if e.attrs.get("id") == "email")
    assert email.label == "Email" and email.required and email.description == "We send your statement alerts here."
    tx = next(t for t in snap.tables if t.selector == "#tx")
    assert [r.role for r in tx.rows] == ["header", "body", "body", "footer"]
    assert tx.rows[3].cells[1].text == "20.50"
    grid = next(t for t in snap.tables if t.selector == "#grid")
    assert grid.kind == "grid" and grid.rows[0].role == "header" and grid.rows[1].cells[1].text == "4.00"
    assert snap.viewport_meta == "width=device-width, initial-scale=1"
    terms = names["Terms"]
    assert terms.ignore == "small-text"
    # Nothing typed or prefilled reaches the snapshot, the results or the report.
    everything = "".join(p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".jpg")
    for secret in ("typed-secret", "prefilled-secret", "textarea-secret"):
        assert secret not in everything


def test_write_requests_are_blocked_by_default(browser_exe, tmp_path):
    """A page that fires a POST on load: the request never leaves the browser and is listed."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            seen.append("GET " + self.path)
            body = b"""<!doctype html><meta name=viewport content="width=device-width"><title>t</title>
            <p>hello</p><script>fetch('/api/track', {method: 'POST', body: 'x'}).catch(() => {});</script>"""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            seen.append("POST " + self.path)
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/page"
        results = audit([url], AuditSettings(out_dir=tmp_path, browser=browser_exe, devices=["desktop"]))
    finally:
        server.shutdown()
    assert not [s for s in seen if s.startswith("POST")]
    step = results["runs"][0]["steps"][0]
    assert step["blocked_requests"] == [{"method": "POST", "url": url.replace("/page", "/api/track")}]


def test_baseline_counts_only_new_findings_for_the_exit_code(site, browser_exe, tmp_path):
    page = f"{site}/no-viewport.html"
    common = ["--browser", browser_exe, "--rule", "viewport-meta", "--device", "mobile"]
    baseline = tmp_path / "baseline.json"
    assert main(["audit", page, "--out", str(tmp_path / "a"), "--write-baseline", str(baseline), *common]) == 1
    assert main(["audit", page, "--out", str(tmp_path / "b"), "--baseline", str(baseline), *common]) == 0
    results = json.loads((tmp_path / "b" / "results.json").read_text())
    assert results["summary"]["new"] == 0 and results["summary"]["findings"] == 1
    assert all(f["new"] is False for r in results["runs"] for s in r["steps"] for f in s["findings"])


def test_missing_baseline_stops_the_run_before_it_starts(site, tmp_path):
    r = run_cli("audit", f"{site}/clean.html", "--out", str(tmp_path), "--baseline", str(tmp_path / "nope.json"))
    assert r.returncode == 2 and "no such baseline file" in r.stderr
    assert not (tmp_path / "results.json").exists()
