"""What the reports say about each rule, from the rule's own docstring via the registry.

A finding may name a rule that is not installed here (a results.json from another machine, or a
plugin still being written); such rules get a page built from what the findings themselves say.
"""
from __future__ import annotations

import itertools
import re
import textwrap
import warnings
from dataclasses import dataclass, field
from typing import Any, Mapping

from markupsafe import Markup, escape

from ..model import HELP_BASE_URL
from .safety import slug
from .tally import iter_findings


@dataclass(frozen=True)
class RuleInfo:
    id: str
    category: str
    severity: str
    summary: str
    sections: Mapping[str, str] = field(default_factory=dict)  # heading -> text
    installed: bool = True

    @property
    def page(self) -> str:
        """Path of its docs page inside the report folder."""
        return f"rules/{slug(self.id, 'rule')}.html"

    @property
    def public_url(self) -> str:
        return f"{HELP_BASE_URL}{slug(self.id, 'rule')}.html"

    def first_paragraph(self, heading: str) -> str:
        text = self.sections.get(heading, "")
        return text.split("\n\n", 1)[0].strip()


def installed_rules() -> dict[str, Any]:
    """The registry's rules; a broken or absent registry gives none rather than no report."""
    try:
        from ..registry import load_registry

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the CLI already warned about broken plugins
            return dict(load_registry().rules)
    except Exception:  # the report must still be written from results alone
        return {}


def rule_catalogue(results: Mapping[str, Any], include_installed: bool = True) -> dict[str, RuleInfo]:
    """Every rule named by a finding, plus (optionally) every installed rule, by id."""
    catalogue: dict[str, RuleInfo] = {}
    registry = installed_rules()
    if include_installed:
        for rid, rule in registry.items():
            catalogue[rid] = _from_rule(rule)
    for _run, _i, _step, finding in iter_findings(results):
        rid = str(finding.get("rule") or "unknown-rule")
        if rid in catalogue:
            continue
        if rid in registry:
            catalogue[rid] = _from_rule(registry[rid])
        else:
            catalogue[rid] = RuleInfo(
                id=rid,
                category=str(finding.get("category") or "other"),
                severity=str(finding.get("severity") or "minor"),
                summary="This rule is not installed where the report was written, so its documentation is not available.",
                installed=False,
            )
    return dict(sorted(catalogue.items()))


def _from_rule(rule: Any) -> RuleInfo:
    meta = rule.meta
    try:
        sections = rule.doc_sections()
    except Exception:
        sections = {}
    return RuleInfo(meta.id, meta.category, meta.severity, meta.summary, sections)


_CODE_SPAN = re.compile(r"``(.+?)``|`([^`\n]+)`")


def _inline(text: str) -> Markup:
    """Escape, then turn ``code`` and `code` spans into <code> (the content stays escaped)."""
    escaped = str(escape(text))
    return Markup(_CODE_SPAN.sub(lambda m: f"<code>{m.group(1) or m.group(2)}</code>", escaped))


def _is_code_line(line: str) -> bool:
    return line.startswith(("    ", "\t")) or line.lstrip().startswith("<")


def doc_to_html(text: str) -> Markup:
    """A docstring section as safe HTML: paragraphs, bullet lists and code examples.

    Indented lines, fenced blocks and lines that start with markup are examples, shown verbatim;
    prose around them stays prose ("Bad: ..." then the bad markup, "Good: ..." then the good).
    """
    out: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").strip("\n")):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        first = lines[0].strip()
        if first.startswith("```"):
            body = "\n".join(ln for ln in lines if not ln.strip().startswith("```"))
            out.append(f"<pre><code>{escape(textwrap.dedent(body).strip())}</code></pre>")
        elif first.startswith(("- ", "* ")):  # a list; unmarked lines continue the item before
            items: list[str] = []
            for ln in (ln.strip() for ln in lines):
                if ln.startswith(("- ", "* ")):
                    items.append(ln[2:])
                elif items:
                    items[-1] += " " + ln
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
        else:
            for is_code, group in itertools.groupby(lines, key=_is_code_line):
                chunk = list(group)
                if is_code:
                    out.append(f"<pre><code>{escape(textwrap.dedent(chr(10).join(chunk)).strip())}</code></pre>")
                else:
                    out.append(f"<p>{_inline(' '.join(ln.strip() for ln in chunk))}</p>")
    return Markup("\n".join(out))
