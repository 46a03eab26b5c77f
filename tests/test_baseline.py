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


STATEMENT = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Card activity</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/accounts">Accounts</a> <a href="/help">Help</a></nav></header>
{top}
<main>
  <h1>Card activity</h1>
  <section class="promos">{promos}</section>
  <section class="activity">
    <h2>October 2025 transactions</h2>
    <table class="tx">
      <thead><tr><th>Date</th><th>Description</th><th>Amount</th></tr></thead>
      <tbody>
        <tr><td>02/10/2025</td><td>TESCO STORES 2231</td><td>-£23.40</td></tr>
        <tr><td>05/10/2025</td><td>TFL TRAVEL CHARGE</td><td>-£8.10</td></tr>
        <tr><td>09/10/2025</td><td>SALARY ACME LTD</td><td>£2,150.00</td></tr>
        <tr><td>14/10/2025</td><td>AMAZON MARKETPLACE</td><td>-£61.99</td></tr>
        <tr><td>21/10/2025</td><td>COUNCIL TAX DD</td><td>-£142.00</td></tr>
        <tr><td>28/10/2025</td><td>NETFLIX.COM</td><td>-£10.99</td></tr>
      </tbody>
    </table>
  </section>
</main>
{bottom}
<footer><a href="/contact">Contact us</a></footer>
</body></html>"""
AD_A = '<div class="ad-slot"><a href="/offers/isa">Open a cash ISA at 4.1% AER</a></div>'
AD_B = '<div class="ad-slot"><a href="/offers/card">0% on purchases for 20 months</a><p>T&amp;Cs apply.</p></div>'
PROMOS = ['<article class="promo">Switch and get £175</article>', '<article class="promo">Travel insurance</article>',
          '<article class="promo">Refer a friend</article>']


@pytest.mark.browser
def test_fingerprints_survive_reordered_content_and_changed_ads(tmp_path: Path, browser_exe):
    """Run 1 is the baseline; run 2 reorders unrelated content and shows another ad: nothing new, nothing fixed."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from uxcheck.api import AuditSettings, audit

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    site = tmp_path / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/statement.html"
    try:
        runs = []
        variants = [dict(top=AD_A, promos="".join(PROMOS), bottom=""),
                    dict(top="", promos="".join(reversed(PROMOS)), bottom=AD_B)]
        for n, variant in enumerate(variants):
            (site / "statement.html").write_text(STATEMENT.format(**variant), encoding="utf-8")
            settings = AuditSettings(devices=["desktop"], only_rules=["missing-total"], formats=["json"],
                                     out_dir=tmp_path / f"run{n}", workers=1, browser=browser_exe)
            runs.append(audit([url], settings))
    finally:
        server.shutdown()
        server.server_close()
    first = [f for r in runs[0]["runs"] for s in r["steps"] for f in s["findings"]]
    assert [f["rule"] for f in first] == ["missing-total"], "the page really has a finding to keep"
    baseline = load_baseline(write_baseline(runs[0], tmp_path / "baseline.json"))
    apply_baseline(runs[1], baseline)
    assert runs[1]["summary"]["new"] == 0 and runs[1]["summary"]["fixed"] == 0
