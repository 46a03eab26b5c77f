"""Scale: deterministic shards, concurrent workers under per-host politeness, a remote browser server."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sites.crawl.server import crawl_site
from uxcheck.cli import main
from uxcheck.crawl import _in_shard
from uxcheck.flows import FlowSpec
from uxcheck.runner import shard_flows

NAMES = [f"flow {i}: {word}" for i, word in enumerate(
    "statement balance payees cards orders returns contact help settings profile loans savings "
    "mortgage insurance invest alerts documents tax travel rewards".split())]


def _flows(names):
    return [FlowSpec(name=n, steps=[]) for n in names]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
def test_shards_cover_the_work_once(n):
    slices = [[f.name for f in shard_flows(_flows(NAMES), (i, n))] for i in range(1, n + 1)]
    everything = [name for s in slices for name in s]
    assert sorted(everything) == sorted(NAMES)  # union is the whole, and nothing twice
    assert len(everything) == len(set(everything))
    if n > 1:
        assert sum(1 for s in slices if s) > 1  # the work is really split


def test_shards_are_stable_across_processes_and_as_flows_are_added():
    code = ("import json, sys; from uxcheck.runner import shard_flows; from uxcheck.flows import FlowSpec; "
            "names = json.loads(sys.argv[1]); "
            "print(json.dumps([f.name for f in shard_flows([FlowSpec(name=n, steps=[]) for n in names], (2, 3))]))")
    outputs = set()
    for seed in ("1", "12345"):  # Python's own hash() would differ between these
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code, json.dumps(NAMES)], capture_output=True, text=True,
                              env=env, timeout=60, check=True)
        outputs.add(done.stdout.strip())
    assert len(outputs) == 1
    before = {f.name for f in shard_flows(_flows(NAMES), (2, 3))}
    after = {f.name for f in shard_flows(_flows(NAMES + ["a new flow", "another new flow"]), (2, 3))}
    assert before <= after  # adding flows never moves an existing one to another shard


def test_crawl_pages_are_sharded_like_flows():
    for name in NAMES:
        owners = [i for i in (1, 2, 3) if _in_shard(name, (i, 3))]
        assert len(owners) == 1
        assert _in_shard(name, None)


# -- workers and politeness, measured at the server --------------------------------------------------

def _crawl_peak(tmp_path: Path, browser_exe: str, *extra: str) -> tuple[int, dict]:
    with crawl_site(delay=1.0) as site:  # long enough for loads to overlap on a busy machine
        code = main(["crawl", site.base_url + "/help", "--max-depth", "1", "--device", "desktop", "--rate", "0",
                     "--format", "json", "--out", str(tmp_path), "--browser", browser_exe, *extra])
        peak = site.max_in_flight
    assert code in (0, 1)
    return peak, json.loads((tmp_path / "results.json").read_text())


@pytest.mark.browser
def test_workers_load_pages_at_once_and_host_concurrency_caps_them(tmp_path, browser_exe):
    peak, results = _crawl_peak(tmp_path / "two", browser_exe, "--workers", "2")
    pages = {p["url"].rsplit("/", 1)[-1] for p in results["crawl"]["pages"]}
    assert {"help", "contact", "faq", "accounts"} <= pages
    assert peak >= 2
    polite_peak, polite = _crawl_peak(tmp_path / "polite", browser_exe, "--workers", "2", "--host-concurrency", "1")
    assert polite_peak == 1
    def order(r):
        return [(p["url"].split("/", 3)[-1], p["depth"]) for p in r["crawl"]["pages"]]
    assert order(polite) == order(results)  # same pages, same order, whatever the concurrency


# -- a remote browser server ---------------------------------------------------------------------------

def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _start_server(*extra: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "playwright", "run-server", "--port", str(port),
                             "--host", "127.0.0.1", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline() if proc.stdout else ""
        if "Listening" in line:
            return proc, f"ws://127.0.0.1:{port}/"
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the Playwright browser server did not start")


@pytest.fixture()
def browser_server():
    proc, ws = _start_server("--unsafe")  # --unsafe: the server accepts our executablePath and args
    yield ws
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.browser
def test_audit_on_a_remote_browser_server(browser_server, site, tmp_path, browser_exe):
    page = site + "/" + next(p.name for p in sorted((Path(__file__).parent / "pages").glob("*.html")))
    code = main(["audit", page, "--connect", browser_server, "--device", "desktop", "--format", "json",
                 "--out", str(tmp_path)])
    results = json.loads((tmp_path / "results.json").read_text())
    step = results["runs"][0]["steps"][0]
    assert step["status"] == "ok", step.get("error")
    assert step["screenshot"] and (tmp_path / step["screenshot"]).is_file()
    assert code in (0, 1)


@pytest.mark.browser
def test_a_server_that_refuses_our_browser_says_what_to_do(tmp_path, capsys, site, browser_exe):
    proc, ws = _start_server()  # without --unsafe the server ignores executablePath
    try:
        code = main(["audit", site + "/", "--connect", ws, "--device", "desktop", "--format", "json",
                     "--out", str(tmp_path)])
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    if code != 3:
        pytest.skip("this Playwright server has a browser of its own")
    err = capsys.readouterr().err
    assert "could not connect to the browser server" in err and "--unsafe" in err
