"""The `uxcheck` command: arguments and exit codes, nothing else (the work is in api.py)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .errors import UsageError, UxcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_RUN_FAILED = 0, 1, 2, 3
SEVERITY_CHOICES = ("critical", "serious", "moderate", "minor")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its message short and ours
        self.print_usage(sys.stderr)
        raise UsageError(f"{self.prog}: {message}")


def _common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("audit options")
    g.add_argument("--device", action="append", metavar="NAME",
                   help="desktop, mobile or a Playwright device name (repeatable; default: desktop and mobile)")
    g.add_argument("--pack", action="append", metavar="NAME",
                   help="rule pack: generic, banking, retail or a path to a pack file (repeatable; default: chosen per page)")
    g.add_argument("--rule", action="append", metavar="ID", default=[], help="run only these rules (repeatable)")
    g.add_argument("--skip-rule", action="append", metavar="ID", default=[], help="never run these rules (repeatable)")
    g.add_argument("--format", default="html,json", metavar="LIST", help="comma-separated: html, json, sarif, junit (default html,json)")
    g.add_argument("--out", default="reports", metavar="DIR", help="where results go (default reports/)")
    g.add_argument("--fail-on", default="serious", choices=SEVERITY_CHOICES, help="lowest severity that makes the exit code 1")
    g.add_argument("--baseline", metavar="FILE", help="an earlier results.json: only findings not in it count for the exit code")
    g.add_argument("--write-baseline", metavar="FILE", help="write this run's findings as a baseline")
    g.add_argument("--browser", metavar="PATH", help="a Chromium-family executable (default: $UXCHECK_BROWSER, Playwright's, the system's)")
    g.add_argument("--connect", metavar="WS_URL", help="use a remote browser (Playwright server / browser grid)")
    g.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N", help="pages audited at once (default: CPU cores)")
    g.add_argument("--shard", metavar="I/N", help="audit only the I-th of N deterministic slices of the work")
    g.add_argument("--allow-writes", action="store_true", help="let every step send writes (POST, PUT, PATCH, DELETE) to the site")
    g.add_argument("--save-snapshots", action="store_true", help="also write each step's snapshot as JSON")
    g.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="page load timeout (default 30)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="uxcheck", description="Audit the customer-facing self-service of a web portal.")
    parser.add_argument("--version", action="version", version=f"uxcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("audit", help="audit pages (URL, file:// URL or local .html path)")
    p.add_argument("targets", nargs="+", metavar="TARGET")
    _common(p)

    p = sub.add_parser("run", help="run the flows of a flow file (YAML)")
    p.add_argument("flowfile", metavar="FLOWFILE")
    _common(p)

    p = sub.add_parser("demo", help="start the bundled demo portal on 127.0.0.1 and audit it")
    p.add_argument("--serve", action="store_true", help="only serve the demo portal (Ctrl-C to stop)")
    p.add_argument("--port", type=int, default=0, help="port for --serve (default: a free one)")
    p.add_argument("--flows", action="store_true",
                   help="run the demo's flow file (customer journeys, every step type) instead of one audit per page")
    _common(p)

    p = sub.add_parser("rules", help="list every rule: id, category, severity, one-line summary")
    p.add_argument("--format", choices=("text", "json"), default="text")

    sub.add_parser("install-browser", help="get a Chromium the best way this machine allows")

    p = sub.add_parser("crawl", help="discover same-origin pages from URL and audit them")
    p.add_argument("url", metavar="URL")
    p.add_argument("--max-pages", type=int, default=50)
    p.add_argument("--max-depth", type=int, default=3)
    p.add_argument("--respect-robots", action="store_true", help="honour robots.txt")
    p.add_argument("--sitemap", metavar="URL", help="audit the pages of this sitemap instead of discovering them")
    p.add_argument("--url-replace", action="append", default=[], metavar="FROM=TO",
                   help="rewrite sitemap URLs (e.g. production host to staging)")
    p.add_argument("--rate", type=float, default=4.0, metavar="PAGES_PER_S", help="politeness: pages per second per host")
    p.add_argument("--host-concurrency", type=int, default=4, metavar="N",
                   help="politeness: pages of one host loading at once (default 4)")
    _common(p)

    p = sub.add_parser("merge", help="join the results of several shards into one results.json and report")
    p.add_argument("dirs", nargs="+", metavar="DIR")
    p.add_argument("--out", default="reports", metavar="DIR")
    p.add_argument("--format", default="html,json", metavar="LIST")
    p.add_argument("--fail-on", default="serious", choices=SEVERITY_CHOICES)
    return parser


def _settings(args: argparse.Namespace, **over: Any) -> Any:
    from .api import AuditSettings, parse_formats, parse_shard

    if args.workers < 1:
        raise UsageError("--workers must be 1 or more")
    settings = AuditSettings(
        devices=args.device or ["desktop", "mobile"],
        packs=args.pack,
        only_rules=args.rule,
        skip_rules=args.skip_rule,
        formats=parse_formats(args.format),
        out_dir=Path(args.out),
        workers=args.workers,
        shard=parse_shard(args.shard),
        allow_writes=args.allow_writes,
        save_snapshots=args.save_snapshots,
        browser=args.browser,
        connect=args.connect,
        nav_timeout_ms=int(args.timeout * 1000),
        baseline=_load_baseline(args),
    )
    for k, v in over.items():
        setattr(settings, k, v)
    return settings


def _load_baseline(args: argparse.Namespace) -> set[str] | None:
    """Read before the run, so a missing or broken baseline stops it before any browser starts."""
    if not getattr(args, "baseline", None):
        return None
    from .baseline import load_baseline

    return load_baseline(args.baseline)


def _progress(total: int | None) -> Any:
    try:
        from .report.terminal import progress
    except ImportError:
        return None
    return progress(total)


def _finish(results: dict[str, Any], args: argparse.Namespace, out_dir: Path) -> int:
    """Writing a baseline, the summary on stdout, the exit code (the baseline was applied when
    the reports were written)."""
    from .results import all_steps_failed, failing

    if getattr(args, "write_baseline", None):
        from .baseline import write_baseline

        write_baseline(results, Path(args.write_baseline))
    print(_summary(results, out_dir))
    if all_steps_failed(results):
        print("uxcheck: every page failed to load; see the errors above and in the report.", file=sys.stderr)
        return EXIT_RUN_FAILED
    return EXIT_FINDINGS if failing(results, args.fail_on) else EXIT_OK


def _summary(results: dict[str, Any], out_dir: Path) -> str:
    try:
        from .report.terminal import summary_text
    except ImportError:
        summary_text = None
    if summary_text is not None:
        return summary_text(results, out_dir)
    s = results["summary"]
    sev = ", ".join(f"{n} {k}" for k, n in s.get("by_severity", {}).items()) or "none"
    return f"uxcheck: {s['findings']} findings ({sev}) in {s.get('steps', 0)} steps. Results: {out_dir / 'results.json'}"


def cmd_audit(args: argparse.Namespace) -> int:
    from .api import run_specs
    from .flows import audit_flows

    flows = audit_flows(args.targets)
    bar = _progress(len(flows) * len(args.device or ["desktop", "mobile"]))
    settings = _settings(args, on_step=bar.advance if bar else None)
    try:
        results = run_specs(flows, settings)
    finally:
        if bar:
            bar.close()
    return _finish(results, args, settings.out_dir)


def cmd_run(args: argparse.Namespace) -> int:
    from .api import run_specs
    from .flowfile import load_flow_file

    loaded = load_flow_file(args.flowfile)
    overrides: dict[str, Any] = {"secrets": loaded.secrets, "suppress": loaded.suppress}
    if loaded.devices and not args.device:
        overrides["devices"] = loaded.devices
    if loaded.packs and not args.pack:
        overrides["packs"] = loaded.packs
    bar = _progress(None)
    settings = _settings(args, on_step=bar.advance if bar else None, **overrides)
    try:
        results = run_specs(loaded.flows, settings)
    finally:
        if bar:
            bar.close()
    return _finish(results, args, settings.out_dir)


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo.server import serving

    if args.serve:
        with serving(args.port) as base:
            print(f"uxcheck demo portal at {base}/ (Ctrl-C to stop)", flush=True)
            try:
                import time

                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return EXIT_OK
    from .api import run_specs
    from .demo.flows import demo_flows

    with serving(0) as base:
        # One flow per page, and the journeys as multi-step flows so the journey rules show too.
        flows = demo_flows(str(base))
        if getattr(args, "flows", False):  # `uxcheck demo --flows`: the demo's flow file, on this server
            flows = _demo_flow_file(base)
        bar = _progress(len(flows) * len(args.device or ["desktop", "mobile"]))
        settings = _settings(args, on_step=bar.advance if bar else None)
        try:
            results = run_specs(flows, settings)
        finally:
            if bar:
                bar.close()
    code = _finish(results, args, settings.out_dir)
    index = settings.out_dir / "index.html"
    if index.exists():
        print(f"Open the report: {index.resolve().as_uri()}")
    # The demo is built to show findings: they are the point, not a failure of the command.
    return EXIT_OK if code == EXIT_FINDINGS else code


def _demo_flow_file(base: str) -> list[Any]:
    """The flows of uxcheck/demo/flows.yaml with its ${UXCHECK_DEMO_URL} set to the served demo."""
    from importlib import resources

    from .flowfile import load_flow_file

    path = resources.files("uxcheck.demo").joinpath("flows.yaml")
    return load_flow_file(str(path), env={**os.environ, "UXCHECK_DEMO_URL": str(base)}).flows


def cmd_rules(args: argparse.Namespace) -> int:
    from .registry import load_registry

    reg = load_registry()
    rules = [reg.rules[k] for k in sorted(reg.rules)]
    if args.format == "json":
        print(json.dumps([{"id": r.id, "category": r.meta.category, "severity": r.meta.severity,
                           "scope": r.meta.scope, "summary": r.meta.summary,
                           "help_url": f"rules/{r.id}.html"}
                          for r in rules], indent=2))
        return EXIT_OK
    width = max((len(r.id) for r in rules), default=10)
    print(f"{'id':{width}}  {'category':10}  {'severity':8}  summary")
    for r in rules:
        print(f"{r.id:{width}}  {r.meta.category:10}  {r.meta.severity:8}  {r.meta.summary}")
    for rid, why in sorted(reg.broken.items()):
        print(f"{rid:{width}}  (could not be loaded: {why})", file=sys.stderr)
    return EXIT_OK


def cmd_install_browser(args: argparse.Namespace) -> int:
    from .install import install_browser

    return install_browser()


def cmd_crawl(args: argparse.Namespace) -> int:
    from .crawl import crawl_command

    return crawl_command(args, _settings, _finish)


def cmd_merge(args: argparse.Namespace) -> int:
    from .merge import merge_command

    return merge_command(args, _finish)


COMMANDS = {"audit": cmd_audit, "run": cmd_run, "demo": cmd_demo, "rules": cmd_rules,
            "install-browser": cmd_install_browser, "crawl": cmd_crawl, "merge": cmd_merge}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return EXIT_USAGE
        return COMMANDS[args.command](args)
    except UxcheckError as exc:
        print(f"uxcheck: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("uxcheck: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
