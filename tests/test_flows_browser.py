"""Flows in a real browser against a local site that records every request it receives:
writes are blocked unless allowed, secrets never reach any output, failing steps end their flow
with an error step while other flows go on."""
from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from tests.sites.server import recording_site
from uxcheck.api import AuditSettings, run_specs
from uxcheck.flowfile import load_flow_file

pytestmark = pytest.mark.browser


def run_flow_file(tmp_path: Path, text: str, env: dict[str, str] | None = None, **settings) -> dict:
    path = tmp_path / "flows.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_flow_file(path, env=env or {})
    out = tmp_path / "out"
    opts = AuditSettings(devices=["desktop"], formats=["json"], out_dir=out, workers=1,
                         secrets=loaded.secrets, suppress=loaded.suppress, **settings)
    return run_specs(loaded.flows, opts)


def steps_of(results: dict, flow: str | None = None) -> list[dict]:
    return [s for r in results["runs"] if flow is None or r["flow"] == flow for s in r["steps"]]


PAY_FLOW = """\
base_url: {base}
flows:
  - name: pay
    steps:
      - goto: /pay
      - fill: {{label: Payee, value: "Thames Water"}}
      - fill: {{selector: "#amount", value: "12.00"}}
      - click: {{role: button, name: Submit payment{allow}}}
"""


@pytest.fixture()
def site():
    with recording_site() as server:
        yield server


def test_a_form_post_is_blocked_by_default_and_listed_on_its_step(tmp_path, browser_exe, site):
    results = run_flow_file(tmp_path, PAY_FLOW.format(base=site.base_url, allow=""), browser=browser_exe)
    assert site.writes() == []  # the server never saw the POST
    submit = [s for s in steps_of(results) if s["name"] == "click Submit payment"]
    assert submit and submit[0]["blocked_requests"] == [{"method": "POST", "url": f"{site.base_url}/pay"}]
    assert all(s["status"] == "ok" for s in steps_of(results))


def test_allow_writes_on_the_step_lets_the_post_through(tmp_path, browser_exe, site):
    results = run_flow_file(tmp_path, PAY_FLOW.format(base=site.base_url, allow=", allow_writes: true"),
                            browser=browser_exe)
    assert [(r.method, r.path) for r in site.writes()] == [("POST", "/pay")]
    submit = [s for s in steps_of(results) if s["name"] == "click Submit payment"]
    assert submit and submit[0]["blocked_requests"] == []
    assert "Payment sent" in submit[0]["title"] or submit[0]["url"].endswith("/pay")


def test_allow_writes_for_the_run_lets_every_write_through(tmp_path, browser_exe, site):
    text = PAY_FLOW.format(base=site.base_url, allow="") + "      - goto: /accounts\n      - click: Freeze card\n"
    results = run_flow_file(tmp_path, text, browser=browser_exe, allow_writes=True)
    assert ("POST", "/pay") in [(r.method, r.path) for r in site.writes()]
    assert not any(s.get("blocked_requests") for s in steps_of(results))


def test_a_script_write_is_blocked_too(tmp_path, browser_exe, site):
    text = f"base_url: {site.base_url}\nflows:\n  - name: freeze\n    steps:\n      - goto: /accounts\n" \
           "      - click: Freeze card\n      - expect_text: Could not freeze your card\n"
    results = run_flow_file(tmp_path, text, browser=browser_exe)
    assert site.writes() == []
    blocked = [b for s in steps_of(results) for b in s.get("blocked_requests", [])]
    assert {"method": "PUT", "url": f"{site.base_url}/api/card/lock"} in blocked
    assert all(s["status"] == "ok" for s in steps_of(results))


def test_every_step_type_runs_and_a_failing_step_ends_only_its_flow(tmp_path, browser_exe, site):
    text = f"""\
base_url: {site.base_url}
flows:
  - name: statement
    steps:
      - goto: /login
      - fill: {{label: Customer number, value: "12345678"}}
      - fill: {{label: Passcode, value: "pass"}}
      - click: {{text: Sign in, allow_writes: true}}
      - expect_text: Your accounts
      - click: Statements
      - select: {{label: Period, option: Last month}}
      - check: Paperless statements
      - fill: {{label: Search transactions, value: coffee}}
      - press: Enter
      - wait_for: {{selector: "#tx"}}
      - audit: statement searched
  - name: broken
    steps:
      - goto: /accounts
      - click: {{role: button, name: Order a new card}}
      - goto: /statement
"""
    results = run_flow_file(tmp_path, text, browser=browser_exe)
    ok = steps_of(results, "statement")
    assert all(s["status"] == "ok" for s in ok), [s["error"] for s in ok]
    names = [s["name"] for s in ok]
    assert names[:3] == ["goto /login", "click Sign in", "click Statements"]
    assert "press Enter" in names and names[-1] == "statement searched"
    assert "period=last" in ok[-1]["url"] and "paperless=on" in ok[-1]["url"] and "q=coffee" in ok[-1]["url"]
    assert [r.method for r in site.writes()] == ["POST"]  # the sign-in, allowed on its step

    broken = steps_of(results, "broken")
    assert [s["status"] for s in broken] == ["ok", "error"]  # the flow ended at the failing step
    error = broken[-1]["error"]
    assert "click Order a new card" in error and "flow file line 20" in error
    assert broken[-1]["screenshot"] and (tmp_path / "out" / broken[-1]["screenshot"]).stat().st_size > 0


def test_secrets_never_reach_any_output(tmp_path, browser_exe, site):
    secret = "Zq7 s&cret@4401"
    flow_file = tmp_path / "flows.yaml"
    flow_file.write_text(f"""\
base_url: {site.base_url}
flows:
  - name: sign in
    steps:
      - goto: /login
      - fill: {{label: Customer number, value: "${{UX_TEST_CUSTOMER}}"}}
      - fill: {{label: Passcode, value: "${{UX_TEST_PASSCODE}}"}}
      - audit: filled in
      - click: {{text: Sign in, allow_writes: true}}
  - name: search
    steps:
      - goto: /statement
      - fill: {{label: Search transactions, value: "${{UX_TEST_PASSCODE}}"}}
      - press: Enter
      - audit: results
      - click: {{role: link, name: "${{UX_TEST_PASSCODE}}"}}
""", encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ, UX_TEST_PASSCODE=secret, UX_TEST_CUSTOMER="88001234")
    proc = subprocess.run(
        [sys.executable, "-m", "uxcheck.cli", "run", str(flow_file), "--out", str(out), "--device", "desktop",
         "--save-snapshots", "--format", "html,json,sarif,junit", "--workers", "1", "--browser", browser_exe],
        capture_output=True, text=True, env=env, timeout=240)
    assert proc.returncode in (0, 1), proc.stderr
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    search = steps_of(results, "search")
    assert search[-1]["status"] == "error"  # the link named after the secret does not exist
    assert any(s["name"] == "results" and "q=" in s["url"] for s in search)  # the secret was in the URL

    files = [p for p in out.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".json", ".html", ".jpg"} <= kinds and any(p.name.endswith(".snapshot.json") for p in files)
    assert any(p.suffix in (".sarif", ".xml") for p in files)
    forms = {secret, quote(secret, safe=""), quote_plus(secret), html.escape(secret)}  # as typed, in URLs, in HTML
    leaks = [(str(p), f) for p in files for f in forms if f.encode() in p.read_bytes()]
    assert leaks == [], f"the secret appears in {leaks}"
    assert not [f for f in forms if f in proc.stdout or f in proc.stderr]
    assert "[secret]" in json.dumps(results)  # redacted where it would have been (the search URL)


def test_login_through_a_storage_state_file_relative_to_the_flow_file(tmp_path, browser_exe, site):
    port = site.base_url.rsplit(":", 1)[1]
    (tmp_path / "auth").mkdir()
    (tmp_path / "auth" / "state.json").write_text(json.dumps({
        "cookies": [{"name": "hb_session", "value": "s-1", "domain": "127.0.0.1", "path": "/", "expires": -1,
                     "httpOnly": False, "secure": False, "sameSite": "Lax"}],
        "origins": [{"origin": f"http://127.0.0.1:{port}", "localStorage": [{"name": "hb_name", "value": "Ada"}]}],
    }))
    text = f"base_url: {site.base_url}\nstorage_state: auth/state.json\nflows:\n  - name: profile\n    steps:\n" \
           "      - goto: /whoami\n      - expect_text: Signed in as Ada\n"
    results = run_flow_file(tmp_path, text, browser=browser_exe)
    assert [s["status"] for s in steps_of(results)] == ["ok"], steps_of(results)


JOURNEYS = ("balance journey (inconsistent)", "balance journey (consistent twin)",
            "dispute a transaction on a phone (hidden)", "dispute a transaction on a phone (twin with a menu)",
            "log in and pay a bill")


def test_demo_flow_file_journey_rules_fire_on_the_broken_journeys_only(tmp_path, browser_exe):
    from uxcheck.demo.server import serving

    demo_flows = Path(__file__).resolve().parent.parent / "uxcheck" / "demo" / "flows.yaml"
    with serving(0) as base:
        loaded = load_flow_file(demo_flows, env={"UXCHECK_DEMO_URL": base})
        kinds = {s.kind for f in loaded.flows for s in f.steps}
        assert kinds == {"goto", "click", "fill", "select", "check", "press", "wait_for", "expect_text", "audit"}
        flows = [f for f in loaded.flows if f.name in JOURNEYS]
        opts = AuditSettings(devices=["desktop", "mobile"], formats=["json"], out_dir=tmp_path / "out", workers=2,
                             browser=browser_exe, suppress=loaded.suppress)
        results = run_specs(flows, opts)
        assert base.server.writes() == [("POST", "/login")] * 2  # one login per device; the payments were blocked

    def journey_rules(flow: str) -> set[str]:
        return {f["rule"] for s in steps_of(results, flow) for f in s["findings"]
                if f["rule"] in ("inconsistent-figure", "mobile-missing-task") and not f["review"]}

    assert journey_rules("balance journey (inconsistent)") == {"inconsistent-figure"}
    assert journey_rules("balance journey (consistent twin)") == set()
    assert journey_rules("dispute a transaction on a phone (hidden)") == {"mobile-missing-task"}
    assert journey_rules("dispute a transaction on a phone (twin with a menu)") == set()
    assert journey_rules("log in and pay a bill") == set()
    assert all(s["status"] == "ok" for r in results["runs"] for s in r["steps"])
    blocked = [b for s in steps_of(results, "log in and pay a bill") for b in s.get("blocked_requests", [])]
    assert blocked and all(b["method"] == "POST" and b["url"].endswith("/bank/pay/submit") for b in blocked)
