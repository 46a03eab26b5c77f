"""Drives flows in a browser: a session per (flow, device), shared by flows that start from
nothing (see sessions.py), steps, write-blocking, error steps.

The runner knows no rule by name: it captures each audited step (one round trip for the snapshot,
one capped screenshot, and crops of findings below it), hands the snapshot to the engine in the
rules thread and records what comes back.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import html
import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence
from urllib.parse import quote, quote_plus, urljoin

from . import engine
from .browser import connect_remote, device_profile, launch_args
from .capture import MASK_SELECTOR, collect, crop, device_info, screenshot
from .errors import NoBrowserError, UsageError
from .flows import FlowSpec, StepSpec, describe_target, slug
from .model import Capture, Device, Rule
from .packs import Suppression
from .results import new_results, summarise
from .sessions import Session, SessionPool
from .snapshot import Snapshot

NAV_TIMEOUT_MS = 30_000
ACTION_TIMEOUT_MS = 10_000
PRESS_NAV_WAIT_MS = 1_500  # how long a key press may take to start a navigation
MAX_CROPS_PER_STEP = 6  # findings below the screenshot that get a crop of their own
JUDGING_QUEUE = 4  # audited steps that may wait for the rules thread at once
FLOW_RULE_ROWS_KEPT = 200  # table rows a capture keeps for flow rules once step rules are done


@dataclass
class RunOptions:
    rules: Sequence[Rule]
    out_dir: Path
    devices: Sequence[str] = ("desktop", "mobile")
    packs: Sequence[str] | None = None
    workers: int = 1
    shard: tuple[int, int] | None = None  # (i, n), 1-based i
    allow_writes: bool = False
    save_snapshots: bool = False
    browser_path: str | None = None
    connect: str | None = None
    nav_timeout_ms: int = NAV_TIMEOUT_MS
    secrets: Sequence[str] = ()
    suppress: Sequence[Suppression] = ()
    on_step: Callable[[str], None] | None = None  # progress: called once per audited step


class StepFailed(Exception):
    """A step could not be carried out; ends its flow with an error step."""


def shard_flows(flows: Sequence[FlowSpec], shard: tuple[int, int] | None) -> list[FlowSpec]:
    """Deterministic slice i of n: by a hash of each flow's name, so it is stable as flows are added."""
    if not shard:
        return list(flows)
    i, n = shard
    return [f for f in flows
            if int(hashlib.sha256(f.name.encode("utf-8")).hexdigest(), 16) % n == i - 1]


def secret_forms(secrets: Sequence[str]) -> list[str]:
    """Each secret as pages and URLs may carry it: as typed, URL-encoded (a GET form puts it in the
    query string), HTML-escaped. Longest first, so a longer form is replaced before its parts."""
    forms: set[str] = set()
    for s in secrets:
        if s:
            forms.update({s, quote(s, safe=""), quote_plus(s), quote(s), html.escape(s, quote=True),
                          html.escape(s, quote=False)})
    return sorted(forms, key=len, reverse=True)


def redact(value: Any, secrets: Sequence[str]) -> Any:
    """Replace every secret value in strings anywhere in a JSON-like structure."""
    secrets = secret_forms(secrets)
    if not secrets:
        return value
    return _redact(value, secrets)


def _redact(value: Any, secrets: Sequence[str]) -> Any:
    if isinstance(value, str):
        for s in secrets:
            value = value.replace(s, "[secret]")
        return value
    if isinstance(value, dict):
        return {k: _redact(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v, secrets) for v in value]
    return value


CONTROL_ROLES = ("link", "button", "menuitem", "tab", "checkbox", "radio", "option", "switch")


def _candidates(page: Any, target: Any) -> list[Any]:
    """Ways of finding the element a step names, best first: every way of naming an element works
    in every step (a plain string, {text}, {role, name}, {label}, {selector}, {name})."""
    if isinstance(target, str):
        # A plain string is what the customer sees: the accessible name of a control, a field's
        # label, or else the element's visible text.
        by_name = page.get_by_role(CONTROL_ROLES[0], name=target, exact=True)
        for role in CONTROL_ROLES[1:]:
            by_name = by_name.or_(page.get_by_role(role, name=target, exact=True))
        return [by_name, page.get_by_label(target, exact=True), page.get_by_text(target, exact=True),
                page.get_by_text(target)]
    if isinstance(target, dict):
        if target.get("selector"):
            return [page.locator(target["selector"])]
        if target.get("role"):
            kw = {"name": target["name"]} if target.get("name") else {}
            return [page.get_by_role(target["role"], **kw)]
        if target.get("label"):
            return [page.get_by_label(target["label"], exact=True), page.get_by_label(target["label"])]
        if target.get("text"):
            # A control showing the text before any other element that contains it (a heading
            # "Sign in" above the "Sign in" button).
            text = target["text"]
            controls = page.get_by_role(CONTROL_ROLES[0], name=text)
            for role in CONTROL_ROLES[1:]:
                controls = controls.or_(page.get_by_role(role, name=text))
            return [controls, page.get_by_text(text)]
        if target.get("name"):
            return _candidates(page, target["name"])
    raise StepFailed(f"cannot tell which element {target!r} means")


def _locator(page: Any, target: Any) -> Any:
    """All the candidates at once (for waiting); `_resolve` picks the best one present now."""
    found = _candidates(page, target)
    union = found[0]
    for other in found[1:]:
        union = union.or_(other)
    return union.first


async def _resolve(page: Any, target: Any) -> Any:
    """The best candidate that is on the page now, else all of them (Playwright then waits)."""
    for candidate in _candidates(page, target):
        try:
            if await candidate.count():
                return candidate.first
        except Exception:
            pass
    return _locator(page, target)


async def _select(locator: Any, option: str | None) -> None:
    """An option by its visible text, else by its value."""
    try:
        await locator.select_option(label=option, timeout=ACTION_TIMEOUT_MS)
    except Exception:
        await locator.select_option(value=option, timeout=ACTION_TIMEOUT_MS)


async def _do_step(page: Any, step: StepSpec, base_url: str | None, timeout: int) -> None:
    kind, target = step.kind, step.target
    if kind == "goto":
        url = urljoin(base_url or "", str(target)) if base_url else str(target)
        response = await page.goto(url, wait_until="load", timeout=timeout)
        if response is not None and (response.status == 429 or response.status >= 500):
            raise StepFailed(f"the site answered HTTP {response.status} {response.status_text} for {url}".strip())
    elif kind == "click":
        await (await _resolve(page, target)).click(timeout=ACTION_TIMEOUT_MS)
    elif kind == "fill":
        await (await _resolve(page, target)).fill(step.value or "", timeout=ACTION_TIMEOUT_MS)
    elif kind == "select":
        await _select(await _resolve(page, target), step.value)
    elif kind == "check":
        if step.value == "false":
            await (await _resolve(page, target)).uncheck(timeout=ACTION_TIMEOUT_MS)
        else:
            await (await _resolve(page, target)).check(timeout=ACTION_TIMEOUT_MS)
    elif kind == "press":
        # A key press that submits a form starts its navigation a moment later: wait briefly for it
        # so the step is audited on the page it lands on.
        try:
            async with page.expect_navigation(wait_until="commit", timeout=PRESS_NAV_WAIT_MS):
                if isinstance(target, dict):  # press: {key: Enter, label: "Search"}
                    await (await _resolve(page, target)).press(str(step.value), timeout=ACTION_TIMEOUT_MS)
                else:
                    await page.keyboard.press(str(target))
        except Exception as exc:
            if "Timeout" not in type(exc).__name__ and "Timeout" not in str(exc):
                raise
    elif kind == "wait_for":
        if isinstance(target, dict) and not target.get("text"):
            await _locator(page, target).wait_for(timeout=timeout)
        else:
            await page.get_by_text(describe_target(target)).first.wait_for(timeout=timeout)
    elif kind == "expect_text":
        text = describe_target(target) if not isinstance(target, dict) else str(target.get("text", ""))
        where = page.locator(target["selector"]) if isinstance(target, dict) and target.get("selector") else page
        try:
            await where.get_by_text(text).first.wait_for(timeout=ACTION_TIMEOUT_MS)
        except Exception:
            raise StepFailed(f"expected the text {text!r} on {page.url}, but it is not there") from None
    elif kind == "audit":
        pass
    else:
        raise StepFailed(f"unknown step kind {kind!r}")
    if kind in ("click", "press"):
        # A click may start a navigation: let it settle before the snapshot.
        try:
            await page.wait_for_load_state("load", timeout=timeout)
        except Exception:
            pass


def _readable_error(exc: BaseException, step: StepSpec) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    name = type(exc).__name__
    # Which step: its description and, for a flow file, the line it is on.
    which = f"step '{step.describe()}'" + (f" (flow file line {step.line})" if step.line else "")
    if isinstance(exc, StepFailed):
        return f"{which} failed: {text}"
    if "Timeout" in name or "Timeout" in text:
        if step.kind in ("click", "fill", "select", "check", "press", "wait_for"):
            return f"{which} timed out: no element {describe_target(step.target)!r} could be found or used ({text})"
        return f"{which} timed out: {text}"
    if "ERR_CONNECTION_REFUSED" in text or "ERR_NAME_NOT_RESOLVED" in text or "ERR_ADDRESS_UNREACHABLE" in text:
        return f"the page could not be reached ({which}): {text}"
    if "crash" in text.lower() or "Target crashed" in text or "closed" in text.lower():
        return f"the browser tab crashed or closed during {which}: {text}"
    return f"{which} failed: {text}"


def _light(snap: Snapshot) -> Snapshot:
    """What flow rules keep of a snapshot: no page HTML, tables trimmed (memory stays flat)."""
    snap.html = ""
    snap.__dict__.pop("soup", None)
    snap.__dict__.pop("_derived", None)
    for t in snap.tables:
        if len(t.rows) > FLOW_RULE_ROWS_KEPT:
            t.rows = t.rows[:FLOW_RULE_ROWS_KEPT // 2] + t.rows[-FLOW_RULE_ROWS_KEPT // 2:]
    return snap


class Runner:
    def __init__(self, opts: RunOptions):
        self.opts = opts
        self.captures: dict[str, list[Capture]] = {}
        self.step_records: dict[tuple[str, str, int], dict[str, Any]] = {}  # (flow, device, index) -> step
        self._shot_lock = asyncio.Lock()
        self.pool = SessionPool()  # shared sessions of flows that need no state of their own
        # One thread runs the rules, step after step, in the order the steps were captured.
        self._rules_thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="uxcheck-rules")
        self._judging: list[asyncio.Future[None]] = []
        self._judging_slots = asyncio.Semaphore(JUDGING_QUEUE)

    async def _audit(self, page: Any, flow: FlowSpec, device: Device, index: int, step_name: str,
                     run_dir: str, step: dict[str, Any], depth: int | None = None,
                     inputs_changed: int = 0, writes_sent: int = 0, last: bool = False) -> None:
        t0 = time.perf_counter()
        snap = await collect(page, device)
        if self.opts.secrets:
            snap = Snapshot.from_dict(redact(snap.to_dict(), self.opts.secrets))
        t1 = time.perf_counter()
        step["url"] = snap.url
        step["title"] = snap.title
        settle = float(snap.timing.get("settle_s", 0.0))
        step["timing"] = {**step.get("timing", {}),  # action_s: the step itself (a goto: the page load)
                          "settle_s": round(settle, 3), "snapshot_s": round(t1 - t0 - settle, 3)}
        if self.opts.save_snapshots:
            step["snapshot"] = f"{run_dir}/{index}.snapshot.json"
        self.captures.setdefault(flow.name, []).append(
            Capture(flow.name, device.name, index, step_name, snap.url, "ok", snap, depth=depth,
                    inputs_changed=inputs_changed, writes_sent=writes_sent))
        self.step_records[(flow.name, device.name, index)] = step
        # The rules run in a thread of their own while the browser takes the screenshot and this
        # flow (or the next) goes on; at most JUDGING_QUEUE steps wait for them, so snapshots do
        # not pile up. The thread only sets the step's findings and rule timing.
        await self._judging_slots.acquire()
        job = asyncio.get_running_loop().run_in_executor(
            self._rules_thread, self._judge, snap, flow, device, step_name, step)
        self._judging.append(asyncio.ensure_future(self._judged(job, flow.name, device.name)))
        shot_rel = f"{run_dir}/{index}.jpg"
        try:
            # One screenshot at a time: the browser paints them in one process, and two at once
            # take longer than two in turn, while page loads and snapshots still overlap.
            async with self._shot_lock:
                shot = await screenshot(page, snap, self.opts.out_dir / shot_rel, device)
            step["screenshot"] = shot_rel
            step["screenshot_size"] = {"width": shot.width, "height": shot.height}
        except Exception as exc:  # a screenshot failure must not lose the findings
            step["screenshot_error"] = _readable_error(exc, StepSpec("audit"))
        step["timing"]["screenshot_s"] = round(time.perf_counter() - t1, 3)
        captured = (step.get("screenshot_size") or {}).get("height", 0)
        if step.get("screenshot") and float(snap.document.get("scroll_height") or 0) > captured:
            # Part of the page is not in the screenshot: while the page is still as judged, crop
            # what the findings point at down there, so the report can show it.
            waited = time.perf_counter()
            await asyncio.shield(job)
            cropped = time.perf_counter()
            await self._crop_findings(page, snap, step, device, captured, f"{run_dir}/{index}", scroll_back=not last)
            step["timing"].update(wait_for_rules_s=round(cropped - waited, 3),
                                  crops_s=round(time.perf_counter() - cropped, 3))

    async def _crop_findings(self, page: Any, snap: Snapshot, step: dict[str, Any], device: Device, captured: float,
                             prefix: str, scroll_back: bool = True) -> None:
        below = [f for f in step.get("findings") or []
                 if isinstance(f.get("bbox"), dict) and f["bbox"].get("height", 0) > 0
                 and f["bbox"].get("y", 0) + f["bbox"]["height"] > captured]
        try:
            async with self._shot_lock:
                for n, finding in enumerate(below[:MAX_CROPS_PER_STEP], start=1):
                    rel = f"{prefix}-crop{n}.jpg"
                    region = await crop(page, snap, finding["bbox"], self.opts.out_dir / rel, device)
                    finding["crop"] = {"path": rel, **region}
                if below and scroll_back:  # later steps of the flow see the page as it was
                    await page.evaluate("() => window.scrollTo(0, 0)")
        except Exception as exc:  # noqa: BLE001 - crops are a help; the findings stand without them
            step["crop_error"] = _readable_error(exc, StepSpec("audit"))

    def _judge(self, snap: Snapshot, flow: FlowSpec, device: Device, step_name: str, step: dict[str, Any]) -> int:
        """In the rules thread: the step rules on the full snapshot, then what flow rules keep of it."""
        outcome = engine.run_step_rules(snap, self.opts.rules, requested_packs=flow.packs or self.opts.packs,
                                        flow=flow.name, step=step_name, device=device,
                                        extra_suppressions=(*self.opts.suppress, *flow.suppress))
        step["findings"] = outcome.findings
        step["suppressed"] = outcome.suppressed
        step["packs"] = outcome.packs
        if outcome.rule_errors:
            step["rule_errors"] = outcome.rule_errors
        step["timing"]["rules_s"] = outcome.rule_time_s
        if self.opts.save_snapshots:
            path = self.opts.out_dir / step["snapshot"]
            path.write_text(json.dumps(snap.to_dict(), ensure_ascii=False), encoding="utf-8")
        _light(snap)
        return len(outcome.findings)

    async def _judged(self, job: Any, flow: str, device: str) -> None:
        try:
            found = await job
        finally:
            self._judging_slots.release()
        if self.opts.on_step:
            self.opts.on_step(f"{flow} {device} {found} findings")

    def warm_up(self) -> None:
        """Let the rules thread load what rules need (locale data, packs) while the browser starts."""
        self._rules_thread.submit(engine.warm_up, self.opts.rules)

    async def close(self) -> None:
        """Close the shared sessions and let the rules thread go (after the step it is on)."""
        await self.pool.close_all()
        self._rules_thread.shutdown(wait=True)

    async def finish_judging(self) -> None:
        """Wait until the rules have judged every audited step (before flow rules and results)."""
        pending, self._judging = self._judging, []
        await asyncio.gather(*pending)

    async def run_flow(self, browser: Any, pw: Any, flow: FlowSpec, device_name: str) -> dict[str, Any]:
        profile = device_profile(device_name, pw.devices)
        device = profile.device
        run_dir = f"{slug(flow.name)}-{slug(device_name)}"
        (self.opts.out_dir / run_dir).mkdir(parents=True, exist_ok=True)
        run: dict[str, Any] = {"flow": flow.name, "device": device_name,
                               "device_info": device_info(device),
                               "steps": []}
        ctx_opts = dict(profile.context_options)
        if flow.storage_state:
            ctx_opts["storage_state"] = flow.storage_state
        shared = flow.shares_session and not flow.storage_state
        session = self.pool.take(device_name) if shared else None
        if session is None:
            session = await Session.open(browser, device_name, ctx_opts, self.opts.allow_writes,
                                         self.opts.nav_timeout_ms)
        page, guard = session.page, session.guard
        healthy = True
        audit_index = 0
        # Clicks from the flow's start page (the first goto); a later goto is a typed URL no
        # customer would use, so after it the depth is unknown.
        depth: int | None = None
        gotos = 0
        inputs_changed = 0
        try:
            if shared and flow.steps and flow.steps[0].kind == "goto":
                await session.prepare_for(urljoin(flow.base_url or "", str(flow.steps[0].target)))
            for step in flow.steps:
                before = page.url
                session.navigations = 0
                guard.allow_now = step.allow_writes
                record: dict[str, Any] = {"name": step.describe(), "url": before, "status": "ok", "error": None,
                                          "screenshot": None, "findings": [], "suppressed": 0, "blocked_requests": []}
                try:
                    acted = time.perf_counter()
                    await _do_step(page, step, flow.base_url, self.opts.nav_timeout_ms)
                    record["timing"] = {"action_s": round(time.perf_counter() - acted, 3)}
                    if session.crashed:
                        raise StepFailed("the browser tab crashed")
                except Exception as exc:  # noqa: BLE001 - every failure becomes an error step
                    healthy = False
                    audit_index += 1
                    record.update(status="error", error=_readable_error(exc, step), url=page.url if not session.crashed else before)
                    if step.kind == "goto" and record["url"] in ("about:blank", ""):
                        record["url"] = urljoin(flow.base_url or "", str(step.target)) if flow.base_url else str(step.target)
                    record["blocked_requests"] = guard.take()
                    if not session.crashed:
                        try:
                            rel = f"{run_dir}/{audit_index}.jpg"
                            # masked like every screenshot: a field may hold a secret the flow typed
                            await page.screenshot(path=str(self.opts.out_dir / rel), type="jpeg", quality=60,
                                                  timeout=5000, mask=[page.locator(MASK_SELECTOR)],
                                                  mask_color="#9aa0a6")
                            record["screenshot"] = rel
                        except Exception:
                            pass
                    run["steps"].append(record)
                    if self.opts.on_step:
                        self.opts.on_step(f"{flow.name} {device_name} error")
                    break
                finally:
                    guard.allow_now = False
                landed = step.kind == "goto" or (step.kind in ("click", "press")
                                                 and (page.url != before or session.navigations > 0))
                if step.kind in ("fill", "select", "check"):
                    inputs_changed += 1
                if step.kind == "goto":
                    gotos += 1
                    depth = 0 if gotos == 1 else None
                elif landed and depth is not None:
                    depth += 1
                should_audit = step.audit if step.audit is not None else (landed or step.kind == "audit")
                if should_audit:
                    audit_index += 1
                    record["name"] = step.name or step.describe()
                    await self._audit(page, flow, device, audit_index, record["name"], run_dir, record, depth,
                                      inputs_changed, guard.sent, last=step is flow.steps[-1])
                    # Taken after the capture: route events of writes the page fired while loading
                    # can reach Python after goto() has returned.
                    record["blocked_requests"] = guard.take()
                    run["steps"].append(record)
                elif guard.blocked:
                    record["blocked_requests"] = guard.take()
                    record["audited"] = False
                    run["steps"].append(record)
        except BaseException:
            healthy = False
            raise
        finally:
            if shared:
                await self.pool.give_back(session, healthy)
            else:
                await session.close()
        return run

    async def run_all(self, flows: Sequence[FlowSpec]) -> dict[str, Any]:
        from playwright.async_api import async_playwright

        started = datetime.now(timezone.utc)
        t0 = time.perf_counter()
        results = new_results(started)
        flows = shard_flows(flows, self.opts.shard)
        self.warm_up()
        async with async_playwright() as pw:
            for flow in flows:  # fail early on an unknown device name, before any browser starts
                for d in flow.devices or self.opts.devices:
                    device_profile(d, pw.devices)
            browser = await self._browser(pw)
            try:
                sem = asyncio.Semaphore(max(1, self.opts.workers))
                jobs = [(f, d) for f in flows for d in (f.devices or self.opts.devices)]

                async def one(flow: FlowSpec, dev: str) -> dict[str, Any]:
                    async with sem:
                        return await self.run_flow(browser, pw, flow, dev)

                runs = await asyncio.gather(*(one(f, d) for f, d in jobs))
                await self.finish_judging()
            finally:
                await self.close()
                await browser.close()
        results["runs"] = list(runs)
        results["rules"] = [r.id for r in self.opts.rules]  # which rules ran (JUnit lists exactly these)
        self._flow_rules(flows, results)
        results["duration_s"] = round(time.perf_counter() - t0, 2)
        if self.opts.shard:
            results["shard"] = {"index": self.opts.shard[0], "count": self.opts.shard[1]}
        results = redact(results, self.opts.secrets)
        summarise(results)
        return results

    async def _browser(self, pw: Any) -> Any:
        if self.opts.connect:
            # launch options (system Chromium, our args) travel in the server's launch-options header
            return await connect_remote(pw, self.opts.connect, self.opts.browser_path)
        try:
            return await pw.chromium.launch(executable_path=self.opts.browser_path, args=launch_args(),
                                            headless=True)
        except Exception as exc:
            raise NoBrowserError(f"could not start the browser {self.opts.browser_path}: "
                                 f"{str(exc).splitlines()[0]}") from None

    def _flow_rules(self, flows: Sequence[FlowSpec], results: dict[str, Any]) -> None:
        for flow in flows:
            caps = self.captures.get(flow.name, [])
            if not caps:
                continue
            for cap, record in engine.run_flow_rules(caps, self.opts.rules, requested_packs=flow.packs or self.opts.packs,
                                                     flow=flow.name,
                                                     extra_suppressions=(*self.opts.suppress, *flow.suppress)):
                step = self.step_records.get((cap.flow, cap.device, cap.step_index))
                if step is None:
                    continue
                if "rule_error" in record:
                    step.setdefault("rule_errors", []).append(record["rule_error"])
                else:
                    step["findings"].append(record)


def run_flows(flows: Sequence[FlowSpec], opts: RunOptions) -> dict[str, Any]:
    if not flows:
        raise UsageError("nothing to audit")
    return asyncio.run(Runner(opts).run_all(flows))
