"""Helpers for rule authors: load a saved snapshot, run one rule on it, compare findings."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .model import Finding, RuleContext
from .packs import ActivePacks, choose_packs
from .registry import load_registry
from .snapshot import Snapshot


def load_snapshot(path: str | Path) -> Snapshot:
    return Snapshot.load(path)


def context_for(snapshot: Snapshot, packs: Iterable[str] | None = None) -> RuleContext:
    active: ActivePacks = choose_packs(list(packs or []), snapshot.signal_text)
    return RuleContext(packs=active)


def run_rule(rule_id: str, snapshot: Snapshot, packs: Iterable[str] | None = None) -> list[Finding]:
    """Run one step rule on one snapshot, as the engine would (without fingerprints)."""
    rule = load_registry().rules[rule_id]
    return list(rule.check(snapshot, context_for(snapshot, packs)))


def fired(findings: Iterable[Finding]) -> list[Finding]:
    """Findings that count: review findings are scored as not fired."""
    return [f for f in findings if not f.review]
