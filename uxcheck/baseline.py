"""Baselines: accept today's findings so CI fails only on new ones, and count what got fixed.

A baseline is a results.json (``--write-baseline`` writes one; any earlier results.json works as
``--baseline``). Findings are matched by fingerprint, which is stable across runs for the same
problem on the same page (see engine.fingerprint).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import UsageError

BASELINE_SCHEMAS = ("uxcheck/results@1",)
Place = tuple[str, str, str]  # (flow, device, step name)


class Baseline(set):
    """The baseline's fingerprints, remembering where each was found.

    Where matters for "fixed": a finding on a step that was not audited this time (another device,
    another shard, a page that failed to load) is not fixed, just not looked at.
    """

    def __init__(self, places: dict[str, Place] | None = None):
        super().__init__(places or {})
        self.places: dict[str, Place] = dict(places or {})


def write_baseline(results: dict[str, Any], path: Path) -> Path:
    """Writes the run's findings as a baseline (a results.json without per-step extras)."""
    path = Path(path)
    baseline = {
        "schema": "uxcheck/results@1",
        "tool": results.get("tool", {"name": "uxcheck"}),
        "started_at": results.get("started_at"),
        "runs": [
            {
                "flow": run.get("flow"),
                "device": run.get("device"),
                "steps": [
                    {
                        "name": step.get("name"),
                        "url": step.get("url"),
                        "status": step.get("status"),
                        "findings": [_baseline_finding(f) for f in step.get("findings") or []],
                    }
                    for step in run.get("steps") or []
                ],
            }
            for run in results.get("runs") or []
        ],
        "summary": {k: v for k, v in (results.get("summary") or {}).items() if k not in ("new", "fixed")},
    }
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _baseline_finding(finding: dict[str, Any]) -> dict[str, Any]:
    keep = ("rule", "category", "severity", "message", "selector", "evidence", "fingerprint", "review")
    return {k: finding[k] for k in keep if k in finding}


def load_baseline(path: str | Path) -> Baseline:
    """The fingerprints in a baseline file (a results.json or its folder)."""
    p = Path(path)
    if p.is_dir():
        p = p / "results.json"
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{p}: no such baseline file; write one with --write-baseline {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{p}: cannot read the baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{p}:{exc.lineno}: the baseline is not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("schema") not in BASELINE_SCHEMAS or not isinstance(data.get("runs"), list):
        raise UsageError(f"{p}: not a uxcheck baseline (expected a results.json with \"schema\": "
                         f"\"{BASELINE_SCHEMAS[0]}\" and \"runs\"); write one with --write-baseline")
    places: dict[str, Place] = {}
    for run in data["runs"]:
        if not isinstance(run, dict):
            continue
        for step in run.get("steps") or []:
            if not isinstance(step, dict):
                continue
            for finding in step.get("findings") or []:
                if isinstance(finding, dict) and finding.get("fingerprint"):
                    places[str(finding["fingerprint"])] = (str(run.get("flow")), str(run.get("device")),
                                                           str(step.get("name")))
    return Baseline(places)


def apply_baseline(results: dict[str, Any], fingerprints: set[str]) -> None:
    """Marks every finding ``new`` (not in the baseline) or not, and counts new and fixed findings.

    ``summary["new"]`` counts new decided findings (review findings never count);
    ``summary["fixed"]`` counts baseline fingerprints no longer found on a step that was audited
    this time (when the baseline says where they were; otherwise all that are no longer found).
    """
    seen: set[str] = set()
    audited: set[Place] = set()
    new = 0
    for run in results.get("runs") or []:
        for step in run.get("steps") or []:
            if step.get("status", "ok") != "error":
                audited.add((str(run.get("flow")), str(run.get("device")), str(step.get("name"))))
            for finding in step.get("findings") or []:
                fp = str(finding.get("fingerprint") or "")
                seen.add(fp)
                finding["new"] = fp not in fingerprints
                if finding["new"] and not finding.get("review"):
                    new += 1
    summary = results.setdefault("summary", {})
    summary["new"] = new
    gone = set(fingerprints) - seen
    places = getattr(fingerprints, "places", None)
    if places:
        gone = {fp for fp in gone if fp not in places or places[fp] in audited}
    summary["fixed"] = len(gone)
