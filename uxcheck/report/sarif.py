"""SARIF 2.1.0 for code-scanning tools: one rule descriptor per uxcheck rule, results located by
page URL and element selector, review findings as ``kind: "review"``.

Validated in tests against the official OASIS schema (tests/data/sarif-schema-2.1.0.json).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote

from ..model import DOC_HEADINGS, HELP_BASE_URL
from .ruledocs import RuleInfo, rule_catalogue
from .safety import slug
from .tally import iter_findings

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = HELP_BASE_URL.rsplit("/rules/", 1)[0] + "/"
FINGERPRINT_KEY = "uxcheckFingerprint/v1"

# SARIF has three failure levels; critical and serious both stop a release, so both are errors.
LEVELS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}
# GitHub code scanning reads this property to sort non-security alerts.
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}
_URI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def level_for(severity: str) -> str:
    return LEVELS.get(severity, "warning")


def sarif_log(results: Mapping[str, Any]) -> dict[str, Any]:
    """The SARIF log (a dict) for a results.json dict."""
    tool = results.get("tool") if isinstance(results.get("tool"), Mapping) else {}
    version = str(tool.get("version") or "0")
    rules = rule_catalogue(results)
    rule_ids = list(rules)
    driver: dict[str, Any] = {
        "name": str(tool.get("name") or "uxcheck"),
        "version": version,
        "semanticVersion": version,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(rule) for rule in rules.values()],
    }
    sarif_results = [
        _result(finding, run, step, rule_ids)
        for run, _index, step, finding in iter_findings(results)
    ]
    invocation: dict[str, Any] = {
        "executionSuccessful": not _every_step_failed(results),
        "toolExecutionNotifications": _notifications(results),
    }
    started = results.get("started_at")
    if isinstance(started, str) and _TIMESTAMP.match(started):
        invocation["startTimeUtc"] = started
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "results": sarif_results,
        "columnKind": "utf16CodeUnits",
    }
    summary = results.get("summary")
    if isinstance(summary, Mapping):
        run["properties"] = {"summary": _jsonable(summary)}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write_sarif(results: Mapping[str, Any], out_dir: Path) -> Path:
    path = Path(out_dir) / "results.sarif"
    text = json.dumps(sarif_log(results), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8", errors="replace")  # a page's lone surrogate becomes "?"
    return path


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    level = level_for(rule.severity)
    catches = rule.sections.get("What it catches") or rule.summary
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule.id) if part) or "Rule",
        "shortDescription": {"text": rule.summary or rule.id},
        "fullDescription": {"text": _plain(catches) or rule.id},
        "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
        "helpUri": f"{HELP_BASE_URL}{slug(rule.id, 'rule')}.html",
        "defaultConfiguration": {"level": level},
        "properties": {
            "category": rule.category,
            "severity": rule.severity,
            "problem.severity": PROBLEM_SEVERITY[level],
            "tags": sorted({"ux", rule.category}),
            "helpPage": rule.page,  # the same docs inside the report folder
        },
    }


def _help_text(rule: RuleInfo) -> str:
    parts = [rule.summary]
    for heading in DOC_HEADINGS:
        if rule.sections.get(heading):
            parts.append(f"{heading}:\n{rule.sections[heading]}")
    return "\n\n".join(p for p in parts if p) or rule.id


def _help_markdown(rule: RuleInfo) -> str:
    parts = [rule.summary]
    for heading in DOC_HEADINGS:
        if rule.sections.get(heading):
            parts.append(f"## {heading}\n\n{rule.sections[heading]}")
    return "\n\n".join(p for p in parts if p) or rule.id


def _result(finding: Mapping[str, Any], run: Mapping[str, Any], step: Mapping[str, Any],
            rule_ids: list[str]) -> dict[str, Any]:
    rid = str(finding.get("rule") or "unknown-rule")
    review = bool(finding.get("review"))
    severity = str(finding.get("severity") or "minor")
    flow, device, step_name = str(run.get("flow") or ""), str(run.get("device") or ""), str(step.get("name") or "")
    selector = str(finding["selector"]) if finding.get("selector") else None
    location: dict[str, Any] = {}
    uri = _uri(step.get("url"))
    if uri:
        location["physicalLocation"] = {"artifactLocation": {"uri": uri}}
    logical = {
        "kind": "element" if selector else "module",
        "name": selector or step_name or flow,
        "fullyQualifiedName": " > ".join(p for p in (flow, device, step_name, selector) if p),
    }
    location["logicalLocations"] = [logical]
    result: dict[str, Any] = {
        "ruleId": rid,
        "kind": "review" if review else "fail",
        # SARIF: a result that is not a failure carries level "none".
        "level": "none" if review else level_for(severity),
        "message": {"text": str(finding.get("message") or rid)},
        "locations": [location],
        "properties": {
            "flow": flow,
            "device": device,
            "step": step_name,
            "category": str(finding.get("category") or ""),
            "severity": severity,
            "review": review,
            "selector": selector,
            "evidence": _jsonable(finding.get("evidence") or {}),
            "bbox": _jsonable(finding.get("bbox")),
            "html": finding.get("html") if isinstance(finding.get("html"), str) else None,
        },
    }
    if rid in rule_ids:
        result["ruleIndex"] = rule_ids.index(rid)
    if finding.get("fingerprint"):
        result["partialFingerprints"] = {FINGERPRINT_KEY: str(finding["fingerprint"])}
    if isinstance(finding.get("new"), bool):
        result["baselineState"] = "new" if finding["new"] else "unchanged"
    return result


def _notifications(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Steps that could not be audited and rules that failed: the run's own problems."""
    notes = []
    for run in results.get("runs") or []:
        for step in run.get("steps") or []:
            where = f"{run.get('flow')} on {run.get('device')}, step {step.get('name')!s}"
            locations = []
            uri = _uri(step.get("url"))
            if uri:
                locations = [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]
            if step.get("status") == "error":
                notes.append({"level": "error", "locations": locations,
                              "message": {"text": f"{where} could not be audited: {step.get('error') or 'no reason given'}"}})
            for err in step.get("rule_errors") or []:
                if isinstance(err, Mapping):
                    note: dict[str, Any] = {
                        "level": "error", "locations": locations,
                        "message": {"text": f"{where}: rule {err.get('rule')} failed: {err.get('error')}"},
                    }
                    if err.get("rule"):
                        note["associatedRule"] = {"id": str(err["rule"])}
                    notes.append(note)
    return notes


def _every_step_failed(results: Mapping[str, Any]) -> bool:
    steps = [s for r in results.get("runs") or [] for s in r.get("steps") or []]
    return bool(steps) and all(s.get("status") == "error" for s in steps)


def _uri(url: Any) -> str | None:
    """The page URL as a valid URI reference (spaces and the like percent-encoded)."""
    if not isinstance(url, str) or not url.strip():
        return None
    return quote(url.strip(), safe=_URI_SAFE)


def _plain(text: str) -> str:
    return " ".join(str(text).split())


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str)) if value is not None else None
