"""Library entry points used by the CLI, the demo and the pytest plugin."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from .browser import find_browser
from .errors import UsageError
from .flows import FlowSpec, audit_flows
from .packs import Suppression, load_pack
from .registry import load_registry
from .results import write_json
from .runner import RunOptions, run_flows

DEFAULT_DEVICES = ("desktop", "mobile")
FORMATS = ("html", "json", "sarif", "junit")


@dataclass
class AuditSettings:
    devices: Sequence[str] = DEFAULT_DEVICES
    packs: Sequence[str] | None = None
    only_rules: Sequence[str] = ()
    skip_rules: Sequence[str] = ()
    formats: Sequence[str] = ("html", "json")
    out_dir: Path = Path("reports")
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    shard: tuple[int, int] | None = None
    allow_writes: bool = False
    save_snapshots: bool = False
    browser: str | None = None
    connect: str | None = None
    nav_timeout_ms: int = 30_000
    secrets: Sequence[str] = ()
    suppress: Sequence[Suppression] = ()
    on_step: Callable[[str], None] | None = None
    baseline: set[str] | None = None  # fingerprints of an earlier run (uxcheck.baseline.load_baseline)


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--format: unknown format(s) {', '.join(bad) or '(none)'}; use a comma-separated list of {', '.join(FORMATS)}")
    return formats


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard {text!r}: expected I/N, e.g. 1/4") from None
    if not (n >= 1 and 1 <= i <= n):
        raise UsageError(f"--shard {text!r}: I must be between 1 and N")
    return (i, n)


def run_specs(flows: Sequence[FlowSpec], settings: AuditSettings) -> dict[str, Any]:
    """Audit flows and write the reports. Returns the results (the contract's results.json)."""
    rules = load_registry().select(list(settings.only_rules), list(settings.skip_rules))
    for p in settings.packs or []:
        load_pack(p)  # an invalid pack is a usage error before any browser starts
    # With --connect the browser runs on the server: only an explicitly named one is passed on to it.
    browser_path = (settings.browser or os.environ.get("UXCHECK_BROWSER")) if settings.connect \
        else find_browser(settings.browser)
    opts = RunOptions(
        rules=rules, out_dir=settings.out_dir, devices=list(settings.devices), packs=settings.packs,
        workers=settings.workers, shard=settings.shard, allow_writes=settings.allow_writes,
        save_snapshots=settings.save_snapshots, browser_path=browser_path, connect=settings.connect,
        nav_timeout_ms=settings.nav_timeout_ms, secrets=list(settings.secrets), suppress=list(settings.suppress),
        on_step=settings.on_step,
    )
    results = run_flows(flows, opts)
    write_reports(results, settings.out_dir, list(settings.formats), settings.baseline)
    return results


def audit(targets: Sequence[str], settings: AuditSettings | None = None) -> dict[str, Any]:
    """Audit pages (URLs, file:// URLs or local .html paths): one flow per target, one step each."""
    if not targets:
        raise UsageError("give at least one page to audit")
    return run_specs(audit_flows(list(targets)), settings or AuditSettings())


def write_reports(results: dict[str, Any], out_dir: Path, formats: list[str],
                  baseline: set[str] | None = None) -> dict[str, Path]:
    """Every requested format; with a baseline, findings are marked new or not first, so the
    reports are written once and say what is new and what got fixed."""
    if baseline is not None:
        from .baseline import apply_baseline
        from .results import summarise

        apply_baseline(results, baseline)
        summarise(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        from .report import write_reports as write_all
    except ImportError:
        write_all = None
    if write_all is None:
        return {"json": write_json(results, out_dir / "results.json")}
    written = write_all(results, out_dir, formats)
    if "json" not in formats:
        # results.json is what baselines, merge and the HTML report are rebuilt from: always keep it.
        written["json"] = write_json(results, out_dir / "results.json")
    return written
