"""Plugin-facing types: rule metadata, findings, severities and the context a rule runs in.

Everything a rule plugin needs is here; a rule never touches Playwright, files or globals.
A rule module looks like this::

    '''<docs under the headings What it catches / Why it hurts customers / Example /
    How to fix / Not flagged>'''
    from uxcheck.model import Finding, rule

    @rule(id="my-rule", category="navigation", severity="moderate",
          summary="One line that says what it catches.")
    def check(snapshot, ctx):
        for el in snapshot.elements:
            if ...:
                yield Finding("Plain words a product owner acts on.", selector=el.selector,
                              evidence={"font_size": el.font_size})

and is registered in its distribution's ``pyproject.toml``::

    [project.entry-points."uxcheck.rules"]
    my-rule = "my_package.my_rule:check"
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal, Mapping

Severity = Literal["critical", "serious", "moderate", "minor"]
SEVERITIES: tuple[Severity, ...] = ("critical", "serious", "moderate", "minor")
Scope = Literal["step", "flow"]
Category = str  # navigation, statements, balances, mobile, service, data, journey, or a plugin's own

DOC_HEADINGS = ("What it catches", "Why it hurts customers", "Example", "How to fix", "Not flagged")
HELP_BASE_URL = "https://uxcheck.dev/rules/"  # overridden by reports with a local docs page


def severity_rank(severity: str) -> int:
    """0 for critical … 3 for minor; unknown severities rank last."""
    try:
        return SEVERITIES.index(severity)  # type: ignore[arg-type]
    except ValueError:
        return len(SEVERITIES)


@dataclass(frozen=True)
class Finding:
    """What a rule yields. The engine adds rule id, category, fingerprint, bbox and html excerpt."""

    message: str
    selector: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # None: the rule's default severity
    review: bool = False  # the rule could not decide and asks a person to look
    key: str | None = None  # stable part of the fingerprint (defaults to the selector)
    html: str | None = None  # markup excerpt; the engine fills it from the snapshot when absent
    bbox: Mapping[str, float] | None = None  # CSS px of the full page


@dataclass(frozen=True)
class RuleMeta:
    id: str
    category: Category
    severity: Severity
    summary: str
    scope: Scope = "step"
    options: Mapping[str, Any] = field(default_factory=dict)  # pack options read, with defaults


@dataclass
class Rule:
    meta: RuleMeta
    check: Callable[..., Iterable[Finding]]
    doc: str = ""
    # A step rule may also judge whole flows (e.g. buried-link's click depth): check(captures, ctx).
    flow_check: Callable[..., Iterable[Finding]] | None = None

    def flow(self, fn: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        """Decorator: attach a flow-level check to a step rule (same id, same docs)."""
        self.flow_check = fn
        return fn

    @property
    def id(self) -> str:
        return self.meta.id

    def doc_sections(self) -> dict[str, str]:
        """The docstring split under DOC_HEADINGS (heading -> text)."""
        return split_doc(self.doc)

    def __call__(self, *args: Any, **kwargs: Any) -> Iterable[Finding]:
        return self.check(*args, **kwargs)


def split_doc(doc: str) -> dict[str, str]:
    sections: dict[str, str] = {}
    current = "Summary"
    lines: list[str] = []
    for line in (doc or "").strip().splitlines():
        stripped = line.strip().rstrip(":")
        if stripped in DOC_HEADINGS:
            sections[current] = "\n".join(lines).strip()
            current, lines = stripped, []
        else:
            lines.append(line)
    sections[current] = "\n".join(lines).strip()
    return {k: v for k, v in sections.items() if v}


_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def rule(
    *,
    id: str,
    category: Category,
    severity: Severity,
    summary: str,
    scope: Scope = "step",
    options: Mapping[str, Any] | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Rule]:
    """Declare a rule. The module docstring is its documentation.

    A ``step`` rule is called as ``check(snapshot, ctx)``; a ``flow`` rule as
    ``check(captures, ctx)`` with every capture of one flow on every device.
    """
    if not _ID.match(id):
        raise ValueError(f"rule id {id!r} must be lower-case words joined by '-'")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {id}: severity must be one of {SEVERITIES}")

    def wrap(fn: Callable[..., Iterable[Finding]]) -> Rule:
        module = sys.modules.get(fn.__module__)
        doc = (module.__doc__ if module is not None else None) or fn.__doc__ or ""
        meta = RuleMeta(id, category, severity, summary, scope, dict(options or {}))
        return Rule(meta=meta, check=fn, doc=doc)

    return wrap


@dataclass(frozen=True)
class Device:
    name: str  # "desktop", "mobile" or a Playwright device name
    width: int
    height: int
    is_mobile: bool
    device_scale_factor: float = 1.0
    has_touch: bool = False
    user_agent: str | None = None


@dataclass
class RuleContext:
    """What a rule may read besides the snapshot: the active packs and the run's options."""

    packs: Any  # uxcheck.packs.ActivePacks
    device: Device | None = None
    flow: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, rule_id: str, name: str, default: Any = None) -> Any:
        """A threshold from the active packs (``thresholds: {rule-id: {name: value}}``)."""
        return self.packs.threshold(rule_id, name, default) if self.packs is not None else default


@dataclass
class Capture:
    """One audited step of a flow on one device, as flow rules see it."""

    flow: str
    device: str
    step_index: int
    step_name: str
    url: str
    status: str
    snapshot: Any  # uxcheck.snapshot.Snapshot | None
    depth: int | None = None  # clicks from the flow's start page, when known
    # What may have changed the figures shown since the run began (inconsistent-figure compares only
    # captures in the same state): form inputs filled, selected or checked, and writes let through.
    inputs_changed: int = 0
    writes_sent: int = 0

