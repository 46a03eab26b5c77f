"""uxcheck's benchmark: uxcheck beside the bare-browser floor, on generated self-service pages.

    python tests/bench/run.py                  # 50 pages, phone profile, 3 repeats (about 10 minutes on 2 cores)
    python tests/bench/run.py --pages 10 --repeat 1 --rows 100,1000    # a quick look

Measures in one run, on pages served from 127.0.0.1:
  - the floor: bare Playwright, a fresh context per page, wait for load (a) alone, (b) + a viewport
    screenshot, (c) + the capped full-page screenshot uxcheck takes;
  - `uxcheck audit` of the same pages (report writing included), --workers 1 and --workers 2;
  - snapshot time and rule time per page for statements of R = 100, 1,000 and 10,000 rows,
    and the whole audit of each on both devices;
  - peak memory of the uxcheck process and of the browser process tree.
Prints a table (median, min-max over the repeats) with the ratios, and writes it as JSON to
tests/bench/out/bench.json. Not collected as tests: budgets are read from this, not asserted on time.
"""
from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pages as page_gen  # noqa: E402

from uxcheck.browser import device_profile, find_browser, launch_args  # noqa: E402
from uxcheck.capture import SCREENSHOT_SCREENS  # noqa: E402


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a browser closing a connection early
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# -- memory: the RSS of a process tree, sampled ----------------------------------------------------

def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return kids


def _proc_kib(pid: int, file: str, key: str) -> int:
    """A "Key:   N kB" line of /proc/PID/<file>, in KiB (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/{file}") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss_kib(pid: int) -> int:
    return _proc_kib(pid, "status", "VmRSS:")


def _pss_kib(pid: int) -> int:
    """Proportional set size: shared pages (Chromium's binary and libraries, mapped by every one of
    its processes) counted once across the tree, not once per process as summed RSS would."""
    return _proc_kib(pid, "smaps_rollup", "Pss:")


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


class TreeSampler:
    """Samples the memory of a process (python, RSS) and of its browser descendants (summed PSS,
    and summed RSS for comparison) every 200 ms."""

    def __init__(self, pid: int):
        self.pid, self.peak_self, self.peak_browser, self.peak_browser_rss = pid, 0, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            kids = _children()
            stack, browser, browser_rss = list(kids.get(self.pid, [])), 0, 0
            while stack:
                p = stack.pop()
                stack.extend(kids.get(p, []))
                if "chrom" in _comm(p) or "headless" in _comm(p):
                    browser += _pss_kib(p)
                    browser_rss += _rss_kib(p)
            self.peak_self = max(self.peak_self, _rss_kib(self.pid))
            self.peak_browser = max(self.peak_browser, browser)
            self.peak_browser_rss = max(self.peak_browser_rss, browser_rss)
            self._stop.wait(0.2)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# -- the floor: bare Playwright -----------------------------------------------------------------

async def floor(urls: list[str], device: str, mode: str, exe: str) -> float:
    """Bare Playwright, a fresh context per page (as the issue defines the floor); mode
    "viewport-one-tab" loads every page in one tab instead, the way uxcheck shares a session."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        prof = device_profile(device, pw.devices)
        browser = await pw.chromium.launch(executable_path=exe, args=launch_args())
        t0 = time.perf_counter()
        one_tab = mode == "viewport-one-tab"
        if one_tab:
            ctx = await browser.new_context(**prof.context_options)
            page = await ctx.new_page()
        for url in urls:
            if not one_tab:
                ctx = await browser.new_context(**prof.context_options)
                page = await ctx.new_page()
            await page.goto(url, wait_until="load")
            if mode in ("viewport", "viewport-one-tab"):
                await page.screenshot(type="jpeg", quality=70)
            elif mode == "capped":
                h = await page.evaluate("document.documentElement.scrollHeight")
                await page.screenshot(type="jpeg", quality=70, full_page=True,
                                      clip={"x": 0, "y": 0, "width": prof.device.width,
                                            "height": min(h, prof.device.height * SCREENSHOT_SCREENS)})
            if not one_tab:
                await ctx.close()
        elapsed = time.perf_counter() - t0
        await browser.close()
    return elapsed


def run_uxcheck(urls: list[str], devices: list[str], workers: int, exe: str, out: Path) -> dict:
    cmd = [sys.executable, "-m", "uxcheck.cli", "audit", *urls, "--out", str(out), "--browser", exe,
           "--workers", str(workers), "--format", "html,json"]
    for d in devices:
        cmd += ["--device", d]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "CI": "1"})
    with TreeSampler(proc.pid) as mem:
        proc.wait()
    elapsed = time.perf_counter() - t0
    results = json.loads((out / "results.json").read_text())
    steps = [s for r in results["runs"] for s in r["steps"]]
    return {"wall_s": elapsed, "exit": proc.returncode, "steps": len(steps),
            "errors": sum(1 for s in steps if s["status"] == "error"),
            "settle_s": [s.get("timing", {}).get("settle_s", 0) for s in steps],
            "snapshot_s": [s.get("timing", {}).get("snapshot_s", 0) for s in steps],
            "rules_s": [s.get("timing", {}).get("rules_s", 0) for s in steps],
            "screenshot_s": [s.get("timing", {}).get("screenshot_s", 0) for s in steps],
            "peak_uxcheck_mib": mem.peak_self / 1024, "peak_browser_mib": mem.peak_browser / 1024,
            "peak_browser_rss_mib": mem.peak_browser_rss / 1024}


def stats(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def fmt(s: dict, unit: str = "s") -> str:
    return f"{s['median']:.2f} {unit} ({s['min']:.2f}-{s['max']:.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rows", default="100,1000,10000")
    ap.add_argument("--device", default="mobile")
    args = ap.parse_args()
    exe = find_browser()
    rows = [int(r) for r in args.rows.split(",") if r]
    tmp = Path(tempfile.mkdtemp(prefix="uxcheck-bench-"))
    names = page_gen.generate(tmp / "site", args.pages)
    for r in rows:
        page_gen.generate_statement(tmp / "site", r)
    server, base = serve(tmp / "site")
    urls = [f"{base}/{n}" for n in names]
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform(), "browser": exe},
                    "pages": args.pages, "device": args.device, "repeat": args.repeat}
    try:
        modes = ("load", "viewport", "capped", "viewport-one-tab")
        res: dict[str, list[float]] = {k: [] for k in (*(f"floor_{m}" for m in modes), "ux_w1", "ux_w2")}
        mem: dict[str, list[float]] = {k: [] for k in ("uxcheck_w1", "uxcheck_w2", "browser_w1", "browser_w2",
                                                        "browser_rss_w1", "browser_rss_w2", "floor", "floor_rss")}
        parts: dict[str, list[float]] = {"settle_s": [], "snapshot_s": [], "screenshot_s": [], "rules_s": []}
        for i in range(args.repeat):
            for mode in modes:
                with TreeSampler(os.getpid()) as floor_mem:
                    res[f"floor_{mode}"].append(asyncio.run(floor(urls, args.device, mode, exe)))
                if mode == "capped":
                    mem["floor"].append(floor_mem.peak_browser / 1024)
                    mem["floor_rss"].append(floor_mem.peak_browser_rss / 1024)
            for w in (1, 2):
                r = run_uxcheck(urls, [args.device], w, exe, tmp / f"out-{i}-{w}")
                res[f"ux_w{w}"].append(r["wall_s"])
                if w == 1:
                    for part in parts:
                        parts[part].append(sum(r[part]))
                mem[f"uxcheck_w{w}"].append(r["peak_uxcheck_mib"])
                mem[f"browser_w{w}"].append(r["peak_browser_mib"])
                mem[f"browser_rss_w{w}"].append(r["peak_browser_rss_mib"])
                if r["errors"]:
                    print(f"warning: {r['errors']} error steps in run {i} workers={w}", file=sys.stderr)
            print(f"repeat {i + 1}/{args.repeat} done", file=sys.stderr)
        report["wall"] = {k: stats(v) for k, v in res.items()}
        report["per_page_s"] = {k: {kk: vv / args.pages for kk, vv in v.items()} for k, v in report["wall"].items()}
        report["ratio_ux_w1_to_floor_viewport"] = report["wall"]["ux_w1"]["median"] / report["wall"]["floor_viewport"]["median"]
        report["ratio_ux_w2_to_floor_viewport"] = report["wall"]["ux_w2"]["median"] / report["wall"]["floor_viewport"]["median"]
        report["ratio_w2_to_w1"] = report["wall"]["ux_w2"]["median"] / report["wall"]["ux_w1"]["median"]
        # uxcheck: the process's RSS; browser trees: PSS (and summed RSS); per workers setting.
        report["peak_memory_mib"] = {k: stats(v) for k, v in mem.items()}
        report["ux_w1_parts_s"] = {k: stats(v) for k, v in parts.items()}

        big: dict = {}
        for r in rows:
            url = f"{base}/statement-{r}.html"
            # Each size audited --repeat times on both devices, with one and two workers; per run the
            # slowest device's snapshot, rules and screenshot; medians (min-max) over the runs.
            entry: dict = {}
            for w in (1, 2):
                runs = [run_uxcheck([url], ["desktop", "mobile"], w, exe, tmp / f"out-rows-{r}-{w}-{i}")
                        for i in range(args.repeat)]
                entry[f"w{w}"] = {
                    "audit_both_devices_wall_s": stats([x["wall_s"] for x in runs]),
                    "errors": sum(x["errors"] for x in runs),
                    **{f"{part}_max": stats([max(x[part] or [0]) for x in runs])
                       for part in ("settle_s", "snapshot_s", "rules_s", "screenshot_s")},
                    "peak_uxcheck_mib": stats([x["peak_uxcheck_mib"] for x in runs]),
                    "peak_browser_mib": stats([x["peak_browser_mib"] for x in runs]),
                }
            big[r] = entry
        report["statement_rows"] = big
        # The memory budget is stated for 100 page-devices: the pages on both devices (50 pages: 100
        # page-devices), two workers.
        hundred = run_uxcheck(urls, ["desktop", "mobile"], 2, exe, tmp / "out-100")
        report["memory_both_devices_mib"] = {
            "uxcheck": round(hundred["peak_uxcheck_mib"]), "browser_tree": round(hundred["peak_browser_mib"]),
            "browser_tree_summed_rss": round(hundred["peak_browser_rss_mib"]), "wall_s": round(hundred["wall_s"], 2)}
    finally:
        server.shutdown()

    w = report["wall"]
    pm = report["peak_memory_mib"]
    lines = [
        f"uxcheck benchmark: {args.pages} pages, {args.device} profile, {args.repeat} repeats, "
        f"{os.cpu_count()} CPUs, {platform.platform()}",
        f"  floor  load only                 {fmt(w['floor_load'])}   {w['floor_load']['median'] / args.pages:.3f} s/page",
        f"  floor  load + viewport shot      {fmt(w['floor_viewport'])}   {w['floor_viewport']['median'] / args.pages:.3f} s/page",
        f"  floor  load + capped page shot   {fmt(w['floor_capped'])}   {w['floor_capped']['median'] / args.pages:.3f} s/page",
        f"  floor  viewport shot, one tab    {fmt(w['floor_viewport-one-tab'])}   "
        f"{w['floor_viewport-one-tab']['median'] / args.pages:.3f} s/page",
        f"  uxcheck audit --workers 1        {fmt(w['ux_w1'])}   {w['ux_w1']['median'] / args.pages:.3f} s/page",
        f"  uxcheck audit --workers 2        {fmt(w['ux_w2'])}   {w['ux_w2']['median'] / args.pages:.3f} s/page",
        f"  ratio uxcheck(w1) / floor(load+viewport shot) = {report['ratio_ux_w1_to_floor_viewport']:.2f}  (budget 1.5)",
        f"  ratio uxcheck(w2) / floor(load+viewport shot) = {report['ratio_ux_w2_to_floor_viewport']:.2f}",
        f"  ratio workers 2 / workers 1 = {report['ratio_w2_to_w1']:.2f}  (budget <= 1.0)",
        "  uxcheck --workers 1, summed over pages: " + ", ".join(
            f"{k.removesuffix('_s')} {fmt(v)}" for k, v in report["ux_w1_parts_s"].items()),
        f"  peak memory, {args.pages} page-devices: uxcheck process (RSS) w1 {fmt(pm['uxcheck_w1'], 'MiB')}, "
        f"w2 {fmt(pm['uxcheck_w2'], 'MiB')}",
        f"  peak memory, {args.pages} page-devices: browser tree (PSS) w1 {fmt(pm['browser_w1'], 'MiB')}, "
        f"w2 {fmt(pm['browser_w2'], 'MiB')}; the floor's {fmt(pm['floor'], 'MiB')}",
        f"               (summed RSS, shared pages counted per process: w1 {fmt(pm['browser_rss_w1'], 'MiB')}, "
        f"w2 {fmt(pm['browser_rss_w2'], 'MiB')}; the floor's {fmt(pm['floor_rss'], 'MiB')})",
        "  statement size curve (audit on desktop + mobile, one process):",
        "     rows  workers   wall s (min-max)      settle s  snapshot s  rules s  screenshot s  uxcheck MiB  browser MiB",
        "     (settle, snapshot, rules, screenshot: the slower device, median of the runs; browser: PSS)",
    ]
    for r, entry in big.items():
        for w, b in entry.items():
            lines.append(f"   {r:6d}  {w:>7}  {fmt(b['audit_both_devices_wall_s']):>20}  {b['settle_s_max']['median']:8.3f}"
                         f"  {b['snapshot_s_max']['median']:10.3f}  {b['rules_s_max']['median']:7.3f}"
                         f"  {b['screenshot_s_max']['median']:12.3f}  {b['peak_uxcheck_mib']['median']:11.0f}"
                         f"  {b['peak_browser_mib']['median']:11.0f}")
    m = report["memory_both_devices_mib"]
    lines.append(f"  {2 * args.pages} page-devices ({args.pages} pages x desktop + mobile, --workers 2): {m['wall_s']:.2f} s, peak memory "
                 f"uxcheck {m['uxcheck']} MiB, browser tree {m['browser_tree']} MiB PSS ({m['browser_tree_summed_rss']} summed RSS)")
    print("\n".join(lines))
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "bench.json").write_text(json.dumps(report, indent=2))
    print(f"written {out / 'bench.json'}")


if __name__ == "__main__":
    main()
