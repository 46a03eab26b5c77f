"""JUnit XML so CI servers show uxcheck as tests: one testcase per rule per step.

classname is ``flow.device`` and name ``step / rule``; a rule's decided findings on the step are
its failure; review findings and findings already in the baseline pass and are listed in
system-out; a step that could not be audited is one testcase with an error.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..model import severity_rank
from .evidence import describe
from .ruledocs import installed_rules
from .tally import counts_against, iter_findings

# Characters XML 1.0 cannot carry at all; a page's text may hold them.
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: Any) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


def junit_tree(results: Mapping[str, Any], rule_ids: Iterable[str] | None = None) -> ET.ElementTree:
    """``rule_ids``: the rules that ran (default: installed rules plus every rule with a finding)."""
    rules = sorted(set(rule_ids) if rule_ids is not None else _rules_that_ran(results))
    root = ET.Element("testsuites", name="uxcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for run in results.get("runs") or []:
        suite_name = f"{run.get('flow') or 'flow'}.{run.get('device') or 'device'}"
        suite = ET.SubElement(root, "testsuite", name=clean(suite_name))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for step in run.get("steps") or []:
            for case, outcome in _step_cases(step, suite_name, rules):
                suite.append(case)
                counts["tests"] += 1
                if outcome:
                    counts[outcome] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("skipped", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    duration = results.get("duration_s")
    if isinstance(duration, (int, float)):
        root.set("time", f"{duration:.3f}")
    ET.indent(root)
    return ET.ElementTree(root)


def write_junit(results: Mapping[str, Any], out_dir: Path) -> Path:
    path = Path(out_dir) / "junit.xml"
    junit_tree(results).write(path, encoding="utf-8", xml_declaration=True)
    return path


def _rules_that_ran(results: Mapping[str, Any]) -> set[str]:
    ran = results.get("rules")  # a list of rule ids, if the runner records which ran
    if isinstance(ran, list) and ran:
        ids = {str(r.get("id") if isinstance(r, Mapping) else r) for r in ran}
    else:
        ids = set(installed_rules())
    return ids | {str(f.get("rule")) for _r, _i, _s, f in iter_findings(results) if f.get("rule")}


def _step_cases(step: Mapping[str, Any], classname: str, rules: list[str]):
    step_name = str(step.get("name") or "step")
    url = str(step.get("url") or "")
    if step.get("status") == "error":
        case = ET.Element("testcase", classname=clean(classname), name=clean(step_name), time="0")
        error = ET.SubElement(case, "error", message=clean(f"could not audit {url}: {step.get('error') or ''}"[:500]),
                              type="StepError")
        error.text = clean(step.get("error") or "The step could not be audited.")
        yield case, "errors"
        return
    findings = step.get("findings") or []
    rule_errors = {str(e.get("rule")): e for e in step.get("rule_errors") or [] if isinstance(e, Mapping)}
    for rid in rules:
        mine = [f for f in findings if str(f.get("rule")) == rid]
        case = ET.Element("testcase", classname=clean(classname), name=clean(f"{step_name} / {rid}"), time="0")
        failing = sorted((f for f in mine if counts_against(f)), key=lambda f: severity_rank(str(f.get("severity"))))
        passing_notes = [f for f in mine if not counts_against(f)]
        outcome = None
        if rid in rule_errors:
            err = ET.SubElement(case, "error", message=clean(str(rule_errors[rid].get("error", ""))[:500]),
                                type="RuleError")
            err.text = clean(f"{rule_errors[rid].get('error', '')}\n{rule_errors[rid].get('where', '')}".strip())
            outcome = "errors"
        elif failing:
            worst = failing[0].get("severity", "")
            summary = failing[0].get("message", "") if len(failing) == 1 else f"{len(failing)} findings"
            failure = ET.SubElement(case, "failure", message=clean(str(summary)[:500]), type=clean(worst))
            failure.text = clean("\n\n".join(_describe(f, url) for f in failing))
            outcome = "failures"
        if passing_notes:
            out = ET.SubElement(case, "system-out")
            out.text = clean("\n\n".join(
                ("[to review] " if f.get("review") else "[in baseline] ") + _describe(f, url) for f in passing_notes))
        yield case, outcome


def _describe(finding: Mapping[str, Any], url: str) -> str:
    lines = [f"{finding.get('severity', '')}: {finding.get('message', '')}", f"page: {url}"]
    if finding.get("selector"):
        lines.append(f"element: {finding['selector']}")
    for line in describe(finding.get("evidence")):
        lines.append(f"{line.label}: {line.value}")
    if finding.get("fingerprint"):
        lines.append(f"fingerprint: {finding['fingerprint']}")
    return "\n".join(lines)
