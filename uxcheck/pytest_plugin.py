"""pytest plugin: a ``uxcheck`` fixture that audits the page of a pytest-playwright test.

    def test_statement(page, uxcheck):
        page.goto("https://staging.example-bank.test/statement")
        uxcheck.audit(page, name="statement")      # fails the test on findings at or above --uxcheck-fail-on

Each test is one flow (named by its node id) and each ``audit`` call one step of it, captured in the
same single round trip as every audit (the in-page collector), screenshotted, and judged by the same
step rules, plus the flow rules across the test's audit points. At the end of the session the same
reports as ``uxcheck audit`` are written to ``--uxcheck-out``.

Registered through the ``pytest11`` entry point, so it is loaded in every pytest run of an
environment where uxcheck is installed: it adds only ``--uxcheck-*`` options and one fixture, imports
nothing heavy (no Playwright, no rules) until a test asks for the fixture, and writes nothing unless
something was audited.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SEVERITY_CHOICES = ("critical", "serious", "moderate", "minor")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("uxcheck", "uxcheck: audit the pages of browser tests")
    group.addoption("--uxcheck-fail-on", default="serious", choices=SEVERITY_CHOICES,
                    help="lowest severity of a finding that fails the test (default serious)")
    group.addoption("--uxcheck-out", default="reports/pytest", metavar="DIR",
                    help="where the session's uxcheck report goes (default reports/pytest)")
    group.addoption("--uxcheck-format", default="html,json", metavar="LIST",
                    help="report formats: html, json, sarif, junit (default html,json)")
    group.addoption("--uxcheck-pack", action="append", default=None, metavar="NAME",
                    help="rule pack(s) to apply (default: chosen from what each page shows)")
    group.addoption("--uxcheck-skip-rule", action="append", default=[], metavar="ID",
                    help="never run this rule (repeatable)")


@dataclass
class _Session:
    """What the session gathered: the results being built and the options they were built with."""

    out_dir: Path
    formats: list[str]
    fail_on: str
    packs: list[str] | None
    skip_rules: list[str]
    runs: list[dict[str, Any]] = field(default_factory=list)
    started: Any = None
    t0: float = field(default_factory=time.perf_counter)
    _rules: Any = None

    @property
    def rules(self) -> Any:
        if self._rules is None:
            from .registry import load_registry

            self._rules = load_registry().select([], list(self.skip_rules))
        return self._rules


_SESSION_KEY = pytest.StashKey[_Session]()


def pytest_configure(config: pytest.Config) -> None:
    from datetime import datetime, timezone

    config.stash[_SESSION_KEY] = _Session(
        out_dir=Path(config.getoption("--uxcheck-out")),
        formats=_formats(str(config.getoption("--uxcheck-format"))),
        fail_on=config.getoption("--uxcheck-fail-on"),
        packs=config.getoption("--uxcheck-pack"),
        skip_rules=list(config.getoption("--uxcheck-skip-rule") or []),
        started=datetime.now(timezone.utc),
    )


def _formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    known = ("html", "json", "sarif", "junit")
    bad = [f for f in formats if f not in known]
    if bad or not formats:
        raise pytest.UsageError(f"--uxcheck-format: unknown format(s) {', '.join(bad) or '(none)'}; "
                                f"use a comma-separated list of {', '.join(known)}")
    return formats


class Auditor:
    """The ``uxcheck`` fixture's value: ``audit(page, name=...)`` for each point of a test worth auditing."""

    def __init__(self, session: _Session, flow: str, device_name: str | None):
        self._session = session
        self.flow = flow
        self._device_name = device_name
        self._run: dict[str, Any] | None = None
        self._captures: list[Any] = []
        self._records: dict[int, dict[str, Any]] = {}  # capture index -> step record

    def audit(self, page: Any, name: str | None = None, *, fail_on: str | None = None,
              check: bool = True) -> list[dict[str, Any]]:
        """Audit the page as it is now. Returns the findings recorded for this step (and any that
        the flow rules now place on earlier steps of this test); with ``check`` (the default) fails
        the test when one of them is at or above ``fail_on`` (default ``--uxcheck-fail-on``)."""
        from . import engine
        from .model import Capture
        from .capture import device_info, snapshot_from_collector
        from .runner import _light
        from .snapshot import collector_script

        if _is_coroutine_api(page):
            raise TypeError("uxcheck.audit needs pytest-playwright's sync `page` (async pages: use uxcheck.api)")
        t0, called_at = time.perf_counter(), time.time()
        data = page.evaluate(collector_script())  # one round trip, as in every audit
        snap = snapshot_from_collector(data, None, t0, called_at)
        device = self._device(page, snap)
        snap.device = device_info(device)
        t1 = time.perf_counter()
        settle = snap.timing["settle_s"]
        run = self._ensure_run(device)
        index = len(run["steps"]) + 1
        name = name or f"audit {index}"
        step: dict[str, Any] = {"name": name, "url": snap.url, "title": snap.title, "status": "ok", "error": None,
                                "screenshot": None, "findings": [], "suppressed": 0, "blocked_requests": []}
        self._screenshot(page, snap, device, index, step)
        t2 = time.perf_counter()
        outcome = engine.run_step_rules(snap, self._session.rules, requested_packs=self._session.packs,
                                        flow=self.flow, step=name, device=device)
        step.update(findings=outcome.findings, suppressed=outcome.suppressed, packs=outcome.packs,
                    timing={"settle_s": round(settle, 3), "snapshot_s": round(t1 - t0 - settle, 3),
                            "screenshot_s": round(t2 - t1, 3),
                            "rules_s": outcome.rule_time_s})
        if outcome.rule_errors:
            step["rule_errors"] = outcome.rule_errors
        run["steps"].append(step)
        new = list(outcome.findings)
        self._captures.append(Capture(self.flow, device.name, index, name, snap.url, "ok", _light(snap)))
        self._records[index] = step
        new += self._flow_findings()
        if check:
            self._fail_if_needed(new, fail_on or self._session.fail_on, name)
        return new

    # -- parts --
    def _ensure_run(self, device: Any) -> dict[str, Any]:
        from .capture import device_info

        if self._run is None:
            self._run = {"flow": self.flow, "device": device.name,
                         "device_info": device_info(device),
                         "steps": []}
            self._session.runs.append(self._run)
        return self._run

    def _device(self, page: Any, snap: Any) -> Any:
        from .model import Device

        viewport = page.viewport_size or {"width": int(snap.viewport.get("width") or 1280),
                                          "height": int(snap.viewport.get("height") or 800)}
        is_mobile = bool(page.evaluate("() => navigator.maxTouchPoints > 0 && matchMedia('(pointer: coarse)').matches")) \
            if self._device_name is None else self._device_name not in ("desktop",)
        name = self._device_name or ("mobile" if is_mobile else "desktop")
        return Device(name, int(viewport["width"]), int(viewport["height"]), is_mobile)

    def _screenshot(self, page: Any, snap: Any, device: Any, index: int, step: dict[str, Any]) -> None:
        from .capture import screenshot_plan
        from .flows import slug

        rel = f"{slug(self.flow)}-{slug(device.name)}/{index}.jpg"
        try:
            # the same screenshot as every audit: capped height, fields masked
            options, shot = screenshot_plan(page, snap, self._session.out_dir / rel, device)
            page.screenshot(**options)
            step["screenshot"] = rel
            step["screenshot_size"] = {"width": shot.width, "height": shot.height}
        except Exception as exc:  # noqa: BLE001 - a screenshot failure must not lose the findings
            step["screenshot_error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__

    def _flow_findings(self) -> list[dict[str, Any]]:
        """Flow rules across this test's audit points; returns the findings not recorded before."""
        from . import engine

        if len(self._captures) < 2:
            return []
        known = {f["fingerprint"] for s in self._records.values() for f in s["findings"]}
        new = []
        for cap, record in engine.run_flow_rules(self._captures, self._session.rules,
                                                 requested_packs=self._session.packs, flow=self.flow):
            step = self._records.get(cap.step_index)
            if step is None:
                continue
            if "rule_error" in record:
                step.setdefault("rule_errors", []).append(record["rule_error"])
            elif record["fingerprint"] not in known:
                known.add(record["fingerprint"])
                step["findings"].append(record)
                new.append(record)
        return new

    @staticmethod
    def _fail_if_needed(findings: list[dict[str, Any]], fail_on: str, name: str) -> None:
        from .model import severity_rank

        limit = severity_rank(fail_on)
        bad = [f for f in findings if not f.get("review") and severity_rank(f["severity"]) <= limit]
        if bad:
            lines = [f"uxcheck: {len(bad)} finding{'s' if len(bad) != 1 else ''} at or above {fail_on} on '{name}':"]
            for f in bad:
                where = f" ({f['selector']})" if f.get("selector") else ""
                lines.append(f"  [{f['severity']}] {f['rule']}: {f['message']}{where}")
            pytest.fail("\n".join(lines), pytrace=False)


def _is_coroutine_api(page: Any) -> bool:
    import inspect

    return inspect.iscoroutinefunction(getattr(page, "evaluate", None))


@pytest.fixture
def uxcheck(request: pytest.FixtureRequest) -> Auditor:
    """Audit the current page of a pytest-playwright test: ``uxcheck.audit(page, name="...")``."""
    session = request.config.stash[_SESSION_KEY]
    device = None
    try:
        chosen = request.config.getoption("--device")  # pytest-playwright's device option, when it is loaded
        if chosen:
            device = str(chosen)
    except ValueError:
        pass
    return Auditor(session, request.node.nodeid, device)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    state = session.config.stash.get(_SESSION_KEY, None)
    if state is None or not state.runs:
        return
    from .api import write_reports
    from .results import new_results, summarise

    results = new_results(state.started)
    results["runs"] = state.runs
    results["duration_s"] = round(time.perf_counter() - state.t0, 2)
    summarise(results)
    write_reports(results, state.out_dir, state.formats)
    state.written = results  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    state = config.stash.get(_SESSION_KEY, None)
    results = getattr(state, "written", None) if state else None
    if not results:
        return
    s = results["summary"]
    terminalreporter.write_line(
        f"uxcheck: {s['findings']} findings in {s['steps']} audited steps; report in {state.out_dir}")
