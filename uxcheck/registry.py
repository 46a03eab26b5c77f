"""Loads rules from the ``uxcheck.rules`` entry points, built-ins exactly like third-party ones."""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points

from .errors import PluginError, UsageError
from .model import Rule

GROUP = "uxcheck.rules"
log = logging.getLogger("uxcheck")


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)  # rule id -> why it could not load

    def select(self, only: list[str] | None = None, skip: list[str] | None = None) -> list[Rule]:
        """The rules to run: --rule (only) and --skip-rule (skip). Unknown ids are a usage error."""
        for rid in list(only or []) + list(skip or []):
            if rid in self.broken:
                raise PluginError(f"rule {rid!r} was asked for but could not be loaded: {self.broken[rid]}")
            if rid not in self.rules:
                raise UsageError(f"unknown rule {rid!r}; `uxcheck rules` lists them all")
        chosen = [r for rid, r in sorted(self.rules.items()) if not only or rid in only]
        return [r for r in chosen if r.id not in set(skip or [])]


def _warn(rule_id: str, reason: str) -> None:
    print(f"uxcheck: warning: skipping rule {rule_id!r}: {reason}", file=sys.stderr)


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    reg = Registry()
    for ep in entry_points(group=GROUP):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not sink the others
            dist = getattr(ep, "dist", None)
            where = f"package {dist.name}" if dist is not None else ep.value
            reason = f"{type(exc).__name__}: {exc} (from {where})"
            reg.broken[ep.name] = reason
            _warn(ep.name, reason)
            continue
        if not isinstance(obj, Rule):
            reg.broken[ep.name] = f"{ep.value} is not a rule (decorate it with uxcheck.model.rule)"
            _warn(ep.name, reg.broken[ep.name])
            continue
        if obj.id != ep.name:
            reg.broken[ep.name] = f"entry point {ep.name!r} loads rule {obj.id!r}; they must match"
            _warn(ep.name, reg.broken[ep.name])
            continue
        if obj.id in reg.rules and reg.rules[obj.id] is not obj:
            raise PluginError(f"two plugins declare the rule id {obj.id!r}; uninstall one of them")
        reg.rules[obj.id] = obj
    return reg
