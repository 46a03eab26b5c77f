"""Time `uxcheck crawl` of a 12-page local site with --workers 1 against --workers 2.

    python tests/bench/workers.py [--delay 0.3] [--repeat 2] [--devices desktop,mobile]

The site (tests/sites/crawl) answers every page after an artificial delay, like a real portal's
back end. Pacing is off (--rate 0) so only the workers differ. Prints one line per run and the
median of each setting. A measurement, not a test: the machine's load changes the figures.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.sites.crawl.server import crawl_site  # noqa: E402
from uxcheck.cli import main  # noqa: E402


def one_run(workers: int, delay: float, devices: list[str]) -> tuple[float, int]:
    with crawl_site(delay=delay) as site, tempfile.TemporaryDirectory() as out:
        argv = ["crawl", site.base_url + "/shop", "--max-pages", "12", "--max-depth", "5", "--rate", "0",
                "--workers", str(workers), "--format", "json", "--out", out]
        for d in devices:
            argv += ["--device", d]
        t0 = time.perf_counter()
        main(argv)
        return time.perf_counter() - t0, site.max_in_flight


def run() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--delay", type=float, default=0.3, help="server delay per page, seconds")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--devices", default="desktop", help="comma-separated devices")
    args = ap.parse_args()
    devices = [d for d in args.devices.split(",") if d]
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeat):
        for workers in (1, 2):  # interleaved, so a change in machine load hits both settings
            seconds, peak = one_run(workers, args.delay, devices)
            times[workers].append(seconds)
            print(f"workers={workers}: {seconds:.1f} s (pages in flight at the server: up to {peak})", flush=True)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"median: workers=1 {one:.1f} s, workers=2 {two:.1f} s, speed-up x{one / two:.2f} "
          f"(12 pages, {', '.join(devices)}, {args.delay}s server delay)")


if __name__ == "__main__":
    run()
