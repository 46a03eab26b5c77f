"""Flow files (``uxcheck run FLOWFILE``): read, check and turn into FlowSpecs before anything runs.

The format is the contract's (``/work/shared/contract.md``)::

    base_url: https://staging.example-bank.test
    devices: [desktop, mobile]
    packs: [banking]
    storage_state: auth.json          # relative to the flow file
    suppress: [{rule: small-text, selector: footer, reason: "legal fine print"}]
    flows:
      - name: review statement
        steps:
          - goto: /accounts
          - click: Statements
          - fill: {label: "Card number", value: "${CARD_NUMBER}"}
          - audit: statement page

Every problem (bad YAML, an unknown step or key, a missing field, a wrong type, an unset
``${VAR}``) is an :class:`~uxcheck.errors.InvalidFileError` naming the file, the line and what is
expected. Values that come from ``${VAR}`` inside steps are secrets: they are collected in
:attr:`LoadedFlows.secrets` so the runner can redact them everywhere. The top-level settings
(``base_url``, ``storage_state``, ``devices``, ``packs``) may use ``${VAR}`` too but are
configuration, not secrets: redacting the base URL would make every URL in a report unreadable.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InvalidFileError
from .flows import STEP_KINDS, FlowSpec, StepSpec
from .packs import Suppression, parse_suppressions

__all__ = ["LoadedFlows", "load_flow_file", "parse_flow_file"]

TOP_KEYS = ("base_url", "devices", "packs", "storage_state", "suppress", "flows")
FLOW_KEYS = ("name", "steps", "base_url", "devices", "packs", "storage_state", "suppress")
ELEMENT_KEYS = ("text", "role", "name", "label", "selector")
STEP_OPTION_KEYS = ("allow_writes", "audit")  # allowed next to the step kind and inside its mapping
# Extra keys each step kind's mapping accepts besides the ways of naming an element.
EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "goto": ("url",),
    "click": (),
    "fill": ("value",),
    "select": ("option",),
    "check": ("checked",),
    "press": ("key",),
    "wait_for": (),
    "expect_text": (),
    "audit": (),
}
ELEMENT_STEPS = ("click", "fill", "select", "check", "press", "wait_for")
ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class LoadedFlows:
    """What a flow file asks for. ``secrets`` are the values the runner must never show."""

    path: str
    flows: list[FlowSpec]
    devices: list[str] | None = None
    packs: list[str] | None = None
    secrets: list[str] = field(default_factory=list)
    suppress: list[Suppression] = field(default_factory=list)
    base_url: str | None = None
    storage_state: str | None = None


def load_flow_file(path: str | Path, env: dict[str, str] | None = None) -> LoadedFlows:
    """Read and check a flow file. ``env`` defaults to the process environment."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidFileError(str(path), None, "no such flow file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidFileError(str(path), None, f"cannot read the flow file: {exc}") from None
    return parse_flow_file(text, str(path), env=os.environ if env is None else env, base_dir=p.resolve().parent)


def parse_flow_file(text: str, path: str, env: Any = None, base_dir: Path | None = None) -> LoadedFlows:
    return _Parser(path, dict(os.environ if env is None else env), base_dir or Path.cwd()).parse(text)


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


_KIND_NAMES = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value"}


def _kind_name(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG:
            return "nothing"
        return f"the value {node.value!r}"
    return _KIND_NAMES.get(type(node), "something else")


class _Parser:
    def __init__(self, path: str, env: dict[str, str], base_dir: Path):
        self.path, self.env, self.base_dir = path, env, base_dir
        self.secrets: list[str] = []

    # -- helpers ------------------------------------------------------------------------------
    def fail(self, node: yaml.Node | None, problem: str) -> InvalidFileError:
        return InvalidFileError(self.path, _line(node), problem)

    def items(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping (key: value), not {_kind_name(node)}")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for knode, vnode in node.value:
            key = str(knode.value)
            if key not in allowed:
                raise self.fail(knode, f"{what}: unknown key {key!r}; expected one of {', '.join(allowed)}")
            if key in out:
                raise self.fail(knode, f"{what}: {key!r} is given twice")
            out[key] = (knode, vnode)
        return out

    def text(self, node: yaml.Node, what: str, secret: bool) -> str:
        """A scalar as written (``12.00`` stays ``12.00``), with ``${VAR}`` filled in."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL_TAG:
            raise self.fail(node, f"{what} must be a text, not {_kind_name(node)}")
        raw = str(node.value)

        def fill(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.env:
                raise self.fail(node, f"{what} uses ${{{name}}}, but the environment variable {name} is not set")
            value = self.env[name]
            if secret and value:
                self.secrets.append(value)
            return value

        out = ENV_REF.sub(fill, raw)
        if not out.strip():
            raise self.fail(node, f"{what} must not be empty")
        return out

    def boolean(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL_TAG:
            raise self.fail(node, f"{what} must be true or false, not {_kind_name(node)}")
        return yaml.safe_load(node.value) is True if node.value else False

    def text_list(self, node: yaml.Node, what: str) -> list[str]:
        if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG:
            return [self.text(node, what, secret=False)]
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list of names like [desktop, mobile], not {_kind_name(node)}")
        if not node.value:
            raise self.fail(node, f"{what} must name at least one")
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or item.tag != STR_TAG:
                raise self.fail(item, f"{what}: every entry must be a name, not {_kind_name(item)}")
        return [self.text(item, f"{what} entry", secret=False) for item in node.value]

    # -- the file -----------------------------------------------------------------------------
    def parse(self, text: str) -> LoadedFlows:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise InvalidFileError(self.path, mark.line + 1 if mark else None,
                                   f"not valid YAML: {exc.problem or exc.context}") from None
        except yaml.YAMLError as exc:
            raise InvalidFileError(self.path, None, f"not valid YAML: {exc}") from None
        if root is None:
            raise InvalidFileError(self.path, 1, "the flow file is empty; it needs `flows:` with at least one flow")
        top = self.items(root, "a flow file", TOP_KEYS)
        if "flows" not in top:
            raise self.fail(root, "missing `flows:` (a list of flows, each with `name:` and `steps:`)")
        defaults = self.settings(top)
        loaded = LoadedFlows(path=self.path, flows=[], devices=defaults.get("devices"), packs=defaults.get("packs"),
                             base_url=defaults.get("base_url"), storage_state=defaults.get("storage_state"))
        if "suppress" in top:
            loaded.suppress = self.suppress(top["suppress"][1])

        flows_node = top["flows"][1]
        if not isinstance(flows_node, yaml.SequenceNode) or not flows_node.value:
            raise self.fail(flows_node, "`flows:` must be a list of flows, each with `name:` and `steps:`")
        names: dict[str, int | None] = {}
        for fnode in flows_node.value:
            flow = self.flow(fnode, defaults)
            if flow.name in names:
                raise self.fail(fnode, f"two flows are named {flow.name!r} (the other is on line {names[flow.name]}); "
                                       "flow names must be unique")
            names[flow.name] = _line(fnode)
            loaded.flows.append(flow)
        loaded.secrets = list(dict.fromkeys(self.secrets))
        return loaded

    def settings(self, items: dict[str, tuple[yaml.Node, yaml.Node]]) -> dict[str, Any]:
        """base_url, devices, packs, storage_state: at the top or per flow."""
        out: dict[str, Any] = {}
        if "base_url" in items:
            node = items["base_url"][1]
            url = self.text(node, "base_url", secret=False)
            if not re.match(r"^https?://[^/\s]+", url):
                raise self.fail(node, f"base_url must be an http(s) URL like https://portal.example.test, not {url!r}")
            out["base_url"] = url
        if "devices" in items:
            out["devices"] = self.text_list(items["devices"][1], "devices")
        if "packs" in items:
            out["packs"] = [self.pack(name, items["packs"][1])
                            for name in self.text_list(items["packs"][1], "packs")]
        if "storage_state" in items:
            node = items["storage_state"][1]
            state = Path(self.text(node, "storage_state", secret=False))
            if not state.is_absolute():
                state = self.base_dir / state
            if not state.is_file():
                raise self.fail(node, f"storage_state: no such file {str(state)!r} (paths are relative to the flow file)")
            out["storage_state"] = str(state)
        return out

    def pack(self, name: str, node: yaml.Node) -> str:
        """A pack name as it is, a pack file relative to the flow file."""
        if name.endswith((".yaml", ".yml")) or "/" in name:
            p = Path(name)
            if not p.is_absolute():
                p = self.base_dir / p
            if not p.is_file():
                raise self.fail(node, f"packs: no such pack file {str(p)!r} (paths are relative to the flow file)")
            return str(p)
        return name

    def suppress(self, node: yaml.Node) -> list[Suppression]:
        return parse_suppressions(node, yaml.safe_load(yaml.serialize(node)) or [], self.path)

    def flow(self, node: yaml.Node, defaults: dict[str, Any]) -> FlowSpec:
        items = self.items(node, "a flow", FLOW_KEYS)
        if "name" not in items:
            raise self.fail(node, "a flow needs `name:` (what the journey is, e.g. review statement)")
        if "steps" not in items:
            raise self.fail(node, "a flow needs `steps:` (a list of steps such as `- goto: /accounts`)")
        name = self.text(items["name"][1], "name", secret=False)
        own = self.settings(items)
        settings = {**defaults, **own}
        steps_node = items["steps"][1]
        if not isinstance(steps_node, yaml.SequenceNode) or not steps_node.value:
            raise self.fail(steps_node, f"flow {name!r}: `steps:` must be a list with at least one step")
        steps = [self.step(s) for s in steps_node.value]
        for step in steps:
            if step.kind == "goto" and not settings.get("base_url") and not re.match(r"^[a-zA-Z][\w+.-]*://", str(step.target)):
                raise InvalidFileError(self.path, step.line,
                                       f"goto {step.target!r} is a path, but there is no base_url to resolve it against; "
                                       "add `base_url:` or use a full URL")
        if steps[0].kind != "goto":
            # Without a first goto the page is about:blank: every later step would fail.
            raise InvalidFileError(self.path, steps[0].line, f"flow {name!r} must start with a `goto:` step")
        return FlowSpec(name=name, steps=steps, base_url=settings.get("base_url"), devices=settings.get("devices"),
                        packs=settings.get("packs"), storage_state=settings.get("storage_state"),
                        suppress=self.suppress(items["suppress"][1]) if "suppress" in items else [],
                        source=self.path)

    # -- steps --------------------------------------------------------------------------------
    def step(self, node: yaml.Node) -> StepSpec:
        kinds = ", ".join(STEP_KINDS)
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise self.fail(node, f"a step must be a mapping with one of: {kinds} (e.g. `- goto: /accounts`)")
        present = [str(k.value) for k, _ in node.value]
        step_kinds = [k for k in present if k in STEP_KINDS]
        for knode, _ in node.value:
            key = str(knode.value)
            if key not in STEP_KINDS and key not in STEP_OPTION_KEYS:
                raise self.fail(knode, f"unknown step {key!r}; expected one of: {kinds} "
                                       f"(plus {', '.join(STEP_OPTION_KEYS)} next to it)")
        # `audit:` is a step of its own (a named audit point) unless another step kind sits next to it.
        others = [k for k in step_kinds if k != "audit"]
        if len(others) > 1:
            raise self.fail(node, f"one step per list item: found {' and '.join(others)}; put each on its own `- ` line")
        items = self.items(node, "a step", STEP_KINDS + ("allow_writes",))
        if others:
            kind = others[0]
        elif "audit" in items:
            kind = "audit"
        else:
            raise self.fail(node, f"a step needs one of: {kinds}")
        knode, vnode = items[kind]
        step = StepSpec(kind=kind, line=_line(knode))
        if kind == "audit":
            step.name = self.text(vnode, "audit", secret=False)
            step.audit = True
        else:
            self.step_body(step, vnode)
        if "allow_writes" in items:
            step.allow_writes = self.boolean(items["allow_writes"][1], "allow_writes") or step.allow_writes
        if kind != "audit" and "audit" in items:
            self.audit_option(step, items["audit"][1])
        return step

    def audit_option(self, step: StepSpec, node: yaml.Node) -> None:
        """`audit: false` (don't audit), `audit: true` (always audit) or `audit: NAME` (a named point)."""
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG:
            step.audit = self.boolean(node, "audit")
        else:
            step.name = self.text(node, "audit (true, false or a name for this audit point)", secret=False)
            step.audit = True

    def step_body(self, step: StepSpec, node: yaml.Node) -> None:
        kind = step.kind
        if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG:
            if kind in ("fill", "select"):
                need = "value" if kind == "fill" else "option"
                raise self.fail(node, f"{kind} needs a mapping with the element and the {need}, "
                                      f"e.g. `{kind}: {{label: \"Amount\", {need}: \"12.00\"}}`")
            # goto: a path or URL; press: a key; expect_text: a text; others: an accessible name or visible text
            step.target = self.text(node, kind, secret=True)
            return
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{kind} must be a text or a mapping, not {_kind_name(node)}")
        allowed = (ELEMENT_KEYS if kind in ELEMENT_STEPS or kind == "expect_text" else ()) \
            + EXTRA_KEYS[kind] + STEP_OPTION_KEYS
        items = self.items(node, kind, allowed)
        target: dict[str, str] = {}
        for key in ELEMENT_KEYS:
            if key in items:
                target[key] = self.text(items[key][1], f"{kind}.{key}", secret=True)
        if "allow_writes" in items:
            step.allow_writes = self.boolean(items["allow_writes"][1], f"{kind}.allow_writes")
        if "audit" in items:
            self.audit_option(step, items["audit"][1])
        if kind == "goto":
            if "url" not in items:
                raise self.fail(node, "goto needs a path or URL: `goto: /accounts` or `goto: {url: /accounts}`")
            step.target = self.text(items["url"][1], "goto.url", secret=True)
            return
        if kind == "expect_text":
            if "text" not in target:
                raise self.fail(node, "expect_text needs the text: `expect_text: \"Closing balance\"` or `{text: ...}`")
            step.target = target if "selector" in target else target["text"]
            return
        if kind == "press":
            if "key" not in items:
                raise self.fail(node, "press needs a key: `press: Enter` or `press: {key: Enter, label: \"Search\"}`")
            key = self.text(items["key"][1], "press.key", secret=False)
            step.target = key
            step.value = None
            if target:
                step.value = key
                step.target = target
            return
        if not target:
            raise self.fail(node, f"{kind} needs an element: a text, or one of "
                                  f"{', '.join('{' + k + ': ...}' for k in ELEMENT_KEYS)}")
        step.target = target
        if kind == "fill":
            if "value" not in items:
                raise self.fail(node, "fill needs `value:` (the text to type)")
            vnode = items["value"][1]
            if not isinstance(vnode, yaml.ScalarNode) or vnode.tag == NULL_TAG:
                raise self.fail(vnode, f"fill.value must be a text, not {_kind_name(vnode)}")
            step.value = self._value(vnode)
            step.secret = bool(ENV_REF.search(str(vnode.value)))
        elif kind == "select":
            if "option" not in items:
                raise self.fail(node, "select needs `option:` (the visible text or value of the option)")
            step.value = self.text(items["option"][1], "select.option", secret=True)
        elif kind == "check" and "checked" in items:
            step.value = "true" if self.boolean(items["checked"][1], "check.checked") else "false"

    def _value(self, node: yaml.ScalarNode) -> str:
        """A fill value: may be empty (clearing a field), ``${VAR}`` filled in and kept secret."""
        if not str(node.value):
            return ""
        return self.text(node, "fill.value", secret=True)
