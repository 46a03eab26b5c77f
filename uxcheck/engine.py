"""Runs rules on snapshots: isolates rule errors, applies suppressions, adds fingerprints.

Step rules see one Snapshot; flow rules see every Capture of one flow on every device. A rule that
raises becomes a rule error on that step and the run goes on (Lighthouse: one audit's failure
never sinks the run).
"""
from __future__ import annotations

import hashlib
import re
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from .model import Capture, Finding, Rule, RuleContext
from .packs import ActivePacks, Suppression, choose_packs
from .snapshot import Snapshot

MAX_FINDINGS_PER_RULE = 50  # per step: past this, one more finding would only repeat the point


def fingerprint(rule_id: str, flow: str, step: str, device: str, url: str, selector: str | None,
                key: str | None) -> str:
    """Stable across runs for the same problem on the same page; never the message (it holds counts)."""
    path = urlsplit(url).path or "/"
    material = "\x1f".join([rule_id, flow, step, device, path, key or selector or ""])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


_NTH = re.compile(r":nth-of-type\(\d+\)")


def stable_key(f: Finding, item: Any) -> str | None:
    """The fingerprint's element part when the rule gives no key of its own.

    Recorded selectors count siblings (``section:nth-of-type(3)``), so an unrelated element
    inserted before the offender (an ad, a promo) would change them. The structural path without
    positions plus the element's own name or caption survives that; two identical offenders on one
    path share a fingerprint, which is the same problem twice.
    """
    if f.key:
        return f.key
    if not f.selector:
        return None
    label = ""
    if item is not None:
        label = (getattr(item, "name", "") or getattr(item, "caption", "") or getattr(item, "text", "") or "")[:80]
    return _NTH.sub("", f.selector) + "|" + label


@dataclass
class StepOutcome:
    findings: list[dict[str, Any]] = field(default_factory=list)
    suppressed: int = 0
    rule_errors: list[dict[str, str]] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)
    rule_time_s: float = 0.0


def _ignored_by_page(snapshot: Snapshot | None, rule_id: str, selector: str | None) -> bool:
    """data-uxcheck-ignore="rule-a,rule-b" (or "*"/"" for all) on the element or an ancestor."""
    if snapshot is None or not selector or not snapshot.ignore:
        return False
    item = snapshot.find(selector)
    zones: list[str] = []
    if item is not None and getattr(item, "ignore", None):
        zones.append(item.ignore)
    for zone in snapshot.ignore:
        zsel = zone.get("selector", "")
        if zsel and (selector == zsel or selector.startswith(zsel + " ")):
            zones.append(zone.get("rules", ""))
    for rules in zones:
        ids = {r.strip() for r in rules.split(",") if r.strip()}
        if not ids or "*" in ids or rule_id in ids:
            return True
    return False


def _suppressed(supps: Iterable[Suppression], rule_id: str, url: str, selector: str | None) -> bool:
    return any(s.matches(rule_id, url, selector) for s in supps)


def finding_record(rule: Rule, f: Finding, *, flow: str, step: str, device: str, url: str,
                   snapshot: Snapshot | None) -> dict[str, Any]:
    item = snapshot.find(f.selector) if (snapshot is not None and f.selector) else None
    bbox = dict(f.bbox) if f.bbox else None
    if bbox is None and item is not None:
        r = item.rect
        bbox = {"x": r.x, "y": r.y, "width": r.width, "height": r.height}
    if bbox is None and snapshot is not None and f.selector:
        bbox = _bbox_of_contents(snapshot, f.selector)
    html = f.html if f.html is not None else (getattr(item, "html", "") or None)
    if not html and snapshot is not None and f.selector:
        html = _excerpt_from_html(snapshot, f.selector)
    if html and len(html) > 300:
        html = html[:299] + "…"
    return {
        "rule": rule.id,
        "category": rule.meta.category,
        "severity": f.severity or rule.meta.severity,
        "message": f.message,
        "selector": f.selector,
        "evidence": _jsonable(f.evidence),
        "fingerprint": fingerprint(rule.id, flow, step, device, url, f.selector, stable_key(f, item)),
        "html": html,
        "bbox": bbox,
        "help_url": f"rules/{rule.id}.html",
        "review": bool(f.review),
    }


def _bbox_of_contents(snapshot: Snapshot, selector: str) -> dict[str, float] | None:
    """A container the collector did not measure (a message box, a form): the union of the
    measured, visible items inside it."""
    prefix = selector + " > "
    rects = [i.rect for i in (*snapshot.elements, *snapshot.blocks)
             if i.visible and i.rect.width > 0 and (i.selector == selector or i.selector.startswith(prefix))]
    if not rects:
        return None
    x, y = min(r.x for r in rects), min(r.y for r in rects)
    right, bottom = max(r.right for r in rects), max(r.bottom for r in rects)
    return {"x": x, "y": y, "width": round(right - x, 2), "height": round(bottom - y, 2)}


def _excerpt_from_html(snapshot: Snapshot, selector: str) -> str | None:
    """The element's markup from the page HTML (field values were never stored), at most 300 chars."""
    from lxml import etree

    from .parsing.dom_index import dom_index

    try:
        node = dom_index(snapshot).node(selector)
    except Exception:  # an unusual selector: no excerpt rather than no finding
        return None
    if node is None or not isinstance(node.tag, str):
        return None
    markup = " ".join(etree.tostring(node, encoding="unicode", with_tail=False).split())
    if len(markup) > 300:
        attrs = "".join(f' {k}="{v}"' for k, v in node.attrib.items())[:150]
        text = " ".join((node.text_content() or "").split())[:120]
        markup = f"<{node.tag}{attrs}>{text}…"
    return markup[:299] + "…" if len(markup) > 300 else markup


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)  # Decimal, dates, ...


def _rule_error(rule: Rule, exc: BaseException) -> dict[str, str]:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else ""
    return {"rule": rule.id, "error": f"{type(exc).__name__}: {exc}", "where": where}


def run_step_rules(snapshot: Snapshot, rules: Sequence[Rule], *, requested_packs: Sequence[str] | None,
                   flow: str, step: str, device: Any, extra_suppressions: Sequence[Suppression] = ()) -> StepOutcome:
    packs: ActivePacks = choose_packs(requested_packs, snapshot.signal_text)
    ctx = RuleContext(packs=packs, device=device, flow=flow)
    supps = (*packs.suppressions, *extra_suppressions)
    out = StepOutcome(packs=packs.names)
    device_name = getattr(device, "name", str(device))
    t0 = time.perf_counter()
    for rule in rules:
        if rule.meta.scope != "step":
            continue
        try:
            produced = 0
            for f in rule.check(snapshot, ctx):
                if _ignored_by_page(snapshot, rule.id, f.selector) or _suppressed(supps, rule.id, snapshot.url, f.selector):
                    out.suppressed += 1
                    continue
                produced += 1
                if produced > MAX_FINDINGS_PER_RULE:
                    continue
                out.findings.append(finding_record(rule, f, flow=flow, step=step, device=device_name,
                                                   url=snapshot.url, snapshot=snapshot))
        except Exception as exc:  # noqa: BLE001 - a broken rule must not sink the run
            out.rule_errors.append(_rule_error(rule, exc))
    out.rule_time_s = round(time.perf_counter() - t0, 4)
    return out


# A small statement page the rules thread judges while the browser starts: the first real page
# would otherwise pay for loading Babel's locale data, the packs and the compiled patterns (about
# half a second on 2 cores).
_WARM_UP_PAGE = {
    "url": "https://warm-up.invalid/statement", "lang": "en", "title": "Card statement",
    "html": "<main><h1>Card statement</h1><p>Statement period: 1 October 2026 to 31 October 2026</p>"
            "<p>Opening balance $100.00</p><p>Closing balance $96.80</p><a href='/contact'>Contact us</a>"
            "<p>Sorry, we can't change this online.</p><label>Email<input type=email required></label></main>",
    "blocks": [{"tag": "p", "selector": "main > p", "text": "Statement period: 1 October 2026 to 31 October 2026"}],
    "tables": [{"kind": "table", "selector": "#tx", "rows": [
        {"r": "header", "c": ["Date", "Description", "Amount"], "h": [0, 1, 2]},
        {"r": "body", "c": ["01 Oct 2026", "Coffee", "-$3.20"]},
        {"r": "footer", "c": ["Total", "", "-$3.20"], "h": [0]}]}],
}


def warm_up(rules: Sequence[Rule]) -> None:
    """Judge a small made-up page once and forget the result: loads what every rule loads lazily."""
    snapshot = Snapshot.from_dict(_WARM_UP_PAGE)
    run_step_rules(snapshot, rules, requested_packs=None, flow="warm-up", step="warm-up", device="desktop")


def run_flow_rules(captures: Sequence[Capture], rules: Sequence[Rule], *, requested_packs: Sequence[str] | None,
                   flow: str, extra_suppressions: Sequence[Suppression] = ()) -> list[tuple[Capture, dict[str, Any]]]:
    """Flow rules over every capture of one flow (all devices). Returns (capture, finding record) pairs;
    a flow rule says which capture a finding belongs to through ``evidence["capture"]`` (an index
    into ``captures``), else it lands on the first capture."""
    ok = [c for c in captures if c.snapshot is not None]
    if not ok:
        return []
    text = "\n".join(c.snapshot.signal_text for c in ok[:3])
    packs = choose_packs(requested_packs, text)
    ctx = RuleContext(packs=packs, device=None, flow=flow)
    supps = (*packs.suppressions, *extra_suppressions)
    out: list[tuple[Capture, dict[str, Any]]] = []
    for rule in rules:
        check = rule.check if rule.meta.scope == "flow" else rule.flow_check
        if check is None:
            continue
        try:
            for f in check(list(captures), ctx):
                evidence = dict(f.evidence)
                idx = evidence.pop("capture", None)
                cap = captures[idx] if isinstance(idx, int) and 0 <= idx < len(captures) else ok[0]
                if _ignored_by_page(cap.snapshot, rule.id, f.selector) or _suppressed(supps, rule.id, cap.url, f.selector):
                    continue
                f2 = Finding(f.message, f.selector, evidence, f.severity, f.review, f.key, f.html, f.bbox)
                out.append((cap, finding_record(rule, f2, flow=flow, step=cap.step_name, device=cap.device,
                                                url=cap.url, snapshot=cap.snapshot)))
        except Exception as exc:  # noqa: BLE001
            err = _rule_error(rule, exc)
            out.append((ok[0], {"rule_error": err}))
    return out
