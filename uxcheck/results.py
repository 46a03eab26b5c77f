"""The results.json model of ../shared/contract.md: building, summarising, loading, the fail-on decision."""
from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from . import __version__
from .errors import UsageError
from .model import SEVERITIES, severity_rank

SCHEMA = "uxcheck/results@1"


def new_results(started: datetime | None = None) -> dict[str, Any]:
    started = started or datetime.now(timezone.utc)
    return {
        "schema": SCHEMA,
        "tool": {"name": "uxcheck", "version": __version__},
        "started_at": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_s": 0.0,
        "runs": [],
        "summary": {"findings": 0, "by_rule": {}, "by_severity": {}},
    }


def iter_findings(results: dict[str, Any]) -> Iterator[tuple[dict, dict, dict]]:
    """(run, step, finding) for every finding."""
    for run in results.get("runs", []):
        for step in run.get("steps", []):
            for finding in step.get("findings", []):
                yield run, step, finding


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    """Counts of findings that count (review findings are counted apart)."""
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    review = 0
    errors = 0
    for _, _, f in iter_findings(results):
        if f.get("review"):
            review += 1
            continue
        by_rule[f["rule"]] += 1
        by_severity[f["severity"]] += 1
    for run in results.get("runs", []):
        errors += sum(1 for s in run.get("steps", []) if s.get("status") == "error")
    summary = dict(results.get("summary") or {})
    summary.update({
        "findings": sum(by_rule.values()),
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": {s: by_severity[s] for s in SEVERITIES if by_severity[s]},
        "review": review,
        "error_steps": errors,
        "steps": sum(len(r.get("steps", [])) for r in results.get("runs", [])),
    })
    results["summary"] = summary
    return summary


def failing(results: dict[str, Any], fail_on: str) -> list[dict[str, Any]]:
    """Findings at or above ``fail_on`` that count for the exit code: not review, not in the baseline."""
    limit = severity_rank(fail_on)
    return [f for _, _, f in iter_findings(results)
            if not f.get("review") and f.get("new", True) and severity_rank(f["severity"]) <= limit]


def all_steps_failed(results: dict[str, Any]) -> bool:
    steps = [s for r in results.get("runs", []) for s in r.get("steps", [])]
    return bool(steps) and all(s.get("status") == "error" for s in steps)


def write_json(results: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


def load_results(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    if p.is_dir():
        p = p / "results.json"
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{p}: no such results file") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{p}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise UsageError(f"{p}: not a uxcheck results file (expected \"schema\": \"{SCHEMA}\")")
    return data
