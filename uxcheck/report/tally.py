"""Walks a results dict and counts its findings; shared by every reporter.

Reporters read results only (see ../shared/design.md), so this works on the plain results.json
dict and never on engine objects.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterator, Mapping

from ..model import SEVERITIES, severity_rank


def iter_findings(results: Mapping[str, Any]) -> Iterator[tuple[dict, int, dict, dict]]:
    """(run, step index, step, finding) for every finding, in results order."""
    for run in results.get("runs") or []:
        for index, step in enumerate(run.get("steps") or []):
            for finding in step.get("findings") or []:
                yield run, index, step, finding


def is_review(finding: Mapping[str, Any]) -> bool:
    return bool(finding.get("review"))


def counts_against(finding: Mapping[str, Any]) -> bool:
    """A finding that fails a check: decided (not review) and not already in a baseline."""
    return not is_review(finding) and finding.get("new", True) is not False


def severity_counts(findings: list[Mapping[str, Any]]) -> dict[str, int]:
    """Decided findings per severity, every known severity present, worst first."""
    counter = Counter(str(f.get("severity", "minor")) for f in findings if not is_review(f))
    ordered = {sev: counter.pop(sev, 0) for sev in SEVERITIES}
    ordered.update(sorted(counter.items()))
    return ordered


def category_counts(findings: list[Mapping[str, Any]]) -> dict[str, int]:
    counter = Counter(str(f.get("category") or "other") for f in findings if not is_review(f))
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def worst_first_key(findings: list[Mapping[str, Any]]) -> tuple[int, ...]:
    """Sort key: more critical findings first, then more serious, and so on."""
    counts = severity_counts(findings)
    return tuple(-counts.get(sev, 0) for sev in SEVERITIES)


def by_severity(findings: list[dict]) -> list[dict]:
    """Findings worst first, keeping results order among equals."""
    return sorted(findings, key=lambda f: severity_rank(str(f.get("severity"))))


def run_findings(run: Mapping[str, Any]) -> list[dict]:
    return [f for step in run.get("steps") or [] for f in step.get("findings") or []]


def run_label(run: Mapping[str, Any]) -> str:
    return f"{run.get('flow') or 'flow'} · {run.get('device') or 'device'}"
