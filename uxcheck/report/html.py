"""The HTML report: index.html, one page per flow, rules/<id>.html, one shared report.css.

Self-contained and safe to open from disk: a strict Content-Security-Policy allows only the
report's own stylesheet and images and no script at all; filters are pure CSS (:has + :checked);
everything taken from results (hence from the audited site) goes through jinja2's autoescape.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Mapping

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..model import DOC_HEADINGS, SEVERITIES
from .flowview import FlowView, build_flows
from .ruledocs import RuleInfo, _inline, doc_to_html, rule_catalogue
from .safety import slug
from .tally import iter_findings, severity_counts

CSP = ("default-src 'none'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One jinja2 environment per process: templates compile once, however many reports."""
    env = Environment(
        loader=PackageLoader("uxcheck.report", "templates"),
        autoescape=True,  # every template, whatever its name: the data comes from audited sites
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["cssname"] = lambda value: slug(value, "x")
    env.filters["doc"] = doc_to_html
    env.filters["doc_inline"] = lambda text: _inline(" ".join(str(text).split()))
    return env


def write_html(results: Mapping[str, Any], out_dir: Path) -> Path:
    """Writes the report folder and returns the path of index.html."""
    out_dir = Path(out_dir)
    (out_dir / "rules").mkdir(parents=True, exist_ok=True)
    env = environment()
    rules = rule_catalogue(results)
    flows = build_flows(results, rules)
    categories = sorted({str(f.get("category") or "other") for _r, _i, _s, f in iter_findings(results)}
                        | {r.category for r in rules.values()})
    severities = list(SEVERITIES) + sorted({str(f.get("severity")) for _r, _i, _s, f in iter_findings(results)}
                                           - set(SEVERITIES) - {"None"})
    common = _common(results)

    (out_dir / "report.css").write_text(stylesheet(severities, categories), encoding="utf-8", errors="replace")
    index = out_dir / "index.html"
    index.write_text(env.get_template("index.html").render(
        **common, root="", rule_root="", **_index_context(results, flows, rules, severities)), encoding="utf-8", errors="replace")
    flow_template = env.get_template("flow.html")
    for flow in flows:
        flow_categories = sorted({str(f.get("category") or "other") for f in flow.findings})
        (out_dir / flow.page).write_text(flow_template.render(
            **common, root="", rule_root="", flow=flow, severities=severities, categories=flow_categories),
            encoding="utf-8", errors="replace")
    rule_template = env.get_template("rule.html")
    for rule in rules.values():
        (out_dir / rule.page).write_text(rule_template.render(
            **common, root="../", rule_root="../", rule=rule, headings=DOC_HEADINGS), encoding="utf-8", errors="replace")
    (out_dir / "rules" / "index.html").write_text(env.get_template("rules_index.html").render(
        **common, root="../", rule_root="../", rules=list(rules.values())), encoding="utf-8", errors="replace")
    return index


def _common(results: Mapping[str, Any]) -> dict[str, Any]:
    tool = results.get("tool") if isinstance(results.get("tool"), Mapping) else {}
    return {
        "csp": CSP,
        "tool_name": str(tool.get("name") or "uxcheck"),
        "tool_version": str(tool.get("version") or ""),
        "started_at": str(results.get("started_at") or ""),
    }


def _index_context(results: Mapping[str, Any], flows: list[FlowView], rules: Mapping[str, RuleInfo],
                   severities: list[str]) -> dict[str, Any]:
    all_findings = [f for _r, _i, _s, f in iter_findings(results)]
    run_rows = [(flow.page, run) for flow in flows for run in flow.runs]
    run_rows.sort(key=lambda pr: (tuple(-pr[1].counts.get(s, 0) for s in severities), -pr[1].errors,
                                  pr[1].flow, pr[1].device))
    per_category: dict[str, Counter] = {}
    for finding in all_findings:
        if finding.get("review"):
            continue
        per_category.setdefault(str(finding.get("category") or "other"), Counter())[str(finding.get("severity"))] += 1
    categories = sorted(per_category.items(),
                        key=lambda kv: (tuple(-kv[1].get(s, 0) for s in severities), kv[0]))
    fired = Counter(str(f.get("rule")) for f in all_findings if not f.get("review"))
    summary = results.get("summary") if isinstance(results.get("summary"), Mapping) else {}
    baseline = None
    if "new" in summary or "fixed" in summary:
        baseline = {"new": summary.get("new", 0), "fixed": summary.get("fixed", 0)}
    duration = results.get("duration_s")
    return {
        "flows": flows,
        "devices": sorted({run.device for flow in flows for run in flow.runs}),
        "runs": [_RunRow(page, run) for page, run in run_rows],
        "severities": severities,
        "categories": categories,
        "fired": sorted(((rules[rid], n) for rid, n in fired.items() if rid in rules),
                        key=lambda rn: (rn[0].severity not in SEVERITIES,
                                        SEVERITIES.index(rn[0].severity) if rn[0].severity in SEVERITIES else 0,
                                        -rn[1], rn[0].id)),
        "totals": {
            "findings": sum(1 for f in all_findings if not f.get("review")),
            "reviews": sum(1 for f in all_findings if f.get("review")),
            "counts": severity_counts(all_findings),
            "errors": sum(1 for run in results.get("runs") or [] for s in run.get("steps") or []
                          if s.get("status") == "error"),
        },
        "baseline": baseline,
        "duration": f"{duration:.1f} s" if isinstance(duration, (int, float)) else None,
    }


class _RunRow:
    """A run summary with the flow page it lives on."""

    def __init__(self, page: str, run: Any):
        self.page = page
        self.__dict__.update(vars(run))


def stylesheet(severities: list[str], categories: list[str]) -> str:
    """The shared stylesheet plus the filter rules for this report's severities and categories."""
    base = files("uxcheck.report").joinpath("static/report.css").read_text(encoding="utf-8", errors="replace")
    rules = ["", "/* Filters: unticking a box hides its findings and their marks (generated). */"]
    for sev in severities:
        name = slug(sev, "x")
        rules.append(f"body:has(#show-sev-{name}:not(:checked)) .f-sev-{name} {{ display: none; }}")
    for cat in categories:
        name = slug(cat, "x")
        rules.append(f"body:has(#show-cat-{name}:not(:checked)) .f-cat-{name} {{ display: none; }}")
    rules.append("body:has(#show-review:not(:checked)) .f-review, "
                 "body:has(#show-review:not(:checked)) .review-block { display: none; }")
    return base + "\n".join(rules) + "\n"
