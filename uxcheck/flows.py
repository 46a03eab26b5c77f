"""Flow model: flows of steps, from a flow file (YAML) or from `uxcheck audit` targets.

A flow is a customer journey; each step opens, clicks, fills... and every step that lands on a new
page is an audit point unless it says ``audit: false``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import UsageError

STEP_KINDS = ("goto", "click", "fill", "select", "check", "press", "wait_for", "expect_text", "audit")


@dataclass
class StepSpec:
    kind: str  # one of STEP_KINDS
    target: Any = None  # a URL/path, an element reference (str or mapping), a key, a text
    value: str | None = field(default=None, repr=False)  # fill: the value (maybe a secret); select: the option
    audit: bool | None = None  # None: audit when the step lands on a new page
    name: str | None = None  # the audit: name for a named audit point
    allow_writes: bool = False
    line: int | None = None  # where it is in the flow file
    secret: bool = False  # the value came from ${ENV}: never shown

    def describe(self) -> str:
        """A short description used as the step name in results (never a secret value)."""
        if self.kind == "audit":
            return str(self.name or "audit")
        if self.kind == "goto":
            return f"goto {self.target}"
        if self.kind == "press" and isinstance(self.target, dict):
            return f"press {self.value} on {describe_target(self.target)}".strip()
        return f"{self.kind} {describe_target(self.target)}".strip()


def describe_target(target: Any) -> str:
    if isinstance(target, str):
        return target
    if isinstance(target, dict):
        for key in ("name", "text", "label", "selector"):
            if target.get(key):
                return str(target[key])
    return ""


@dataclass
class FlowSpec:
    name: str
    steps: list[StepSpec]
    base_url: str | None = None
    devices: list[str] | None = None
    packs: list[str] | None = None
    storage_state: str | None = None
    suppress: list[Any] = field(default_factory=list)
    source: str | None = None
    # Starts from nothing (a URL audit, a crawled page): may run in a browser session shared with
    # other such flows, cleared in between (see sessions.py). Flow files always get their own.
    shares_session: bool = False


def target_url(target: str) -> str:
    """A URL from an audit target: http(s) and file URLs as they are, a local path as a file URL."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target):
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https", "file"):
            raise UsageError(f"{target}: only http(s) URLs, file:// URLs and local .html files can be audited")
        return target
    path = Path(target)
    if path.exists():
        return path.resolve().as_uri()
    if re.match(r"^[\w.-]+(:\d+)?(/|$)", target) and not target.endswith((".html", ".htm")):
        return "http://" + target  # `uxcheck audit 127.0.0.1:8000/statement`
    raise UsageError(f"{target}: no such file, and not a URL (use http://..., https://... or file://...)")


def flow_name_for(target: str) -> str:
    parts = urlsplit(target)
    if parts.scheme == "file":
        return Path(parts.path).stem or "page"
    name = (parts.netloc + parts.path).rstrip("/") or target
    return name


def audit_flows(targets: list[str]) -> list[FlowSpec]:
    """`uxcheck audit` makes one flow per target, named after it, with one step."""
    flows = []
    seen: dict[str, int] = {}
    for t in targets:
        url = target_url(t)
        name = flow_name_for(url)
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        flows.append(FlowSpec(name=name, steps=[StepSpec("goto", url, name=name)], shares_session=True))
    return flows


def slug(text: str) -> str:
    """A folder-safe name. Names cut short get a hash of the whole, so two long flow names that
    share their first 60 characters never share a screenshot folder."""
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if len(s) > 60:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        return f"{s[:50].rstrip('-')}-{digest}"
    return s or "flow"
