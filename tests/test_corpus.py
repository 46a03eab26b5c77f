"""Precision and recall of every rule over the labelled corpus, with no browser."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from uxcheck.model import RuleContext
from uxcheck.packs import choose_packs
from uxcheck.registry import load_registry
from uxcheck.snapshot import Snapshot

CORPUS = Path(__file__).parent / "corpus"
MIN_PRECISION = 0.95
MIN_RECALL = 0.90
MIN_CASES_PER_RULE = 4  # a rule needs positives and hard negatives before its score means anything


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_cases() -> list[tuple[Path, dict, dict[str, Snapshot]]]:
    out = []
    for expect_path in sorted(CORPUS.glob("*/*/expect.yaml")):
        case = expect_path.parent
        expect = yaml.safe_load(expect_path.read_text(encoding="utf-8")) or {}
        snaps = {p.stem: Snapshot.load(p) for p in sorted(case.glob("*.json"))}
        out.append((case, expect, snaps))
    return out


def fired_on(rule, expect: dict, snaps: dict[str, Snapshot], device: str | None,
             selector: str | None) -> bool:
    for name, snap in snaps.items():
        if device and name != device:
            continue
        ctx = RuleContext(packs=choose_packs(expect.get("packs"), snap.signal_text),
                          device=None, flow="corpus")
        for f in rule.check(snap, ctx):
            if f.review:
                continue
            if selector and selector not in (f.selector or ""):
                continue
            return True
    return False


def score_corpus() -> dict[str, Score]:
    registry = load_registry()
    scores: dict[str, Score] = defaultdict(Score)
    for case, expect, snaps in load_cases():
        name = f"{case.parent.name}/{case.name}"
        for item in expect.get("fire", []) or []:
            item = {"rule": item} if isinstance(item, str) else item
            rule = registry.rules.get(item["rule"])
            if rule is None or rule.meta.scope != "step":
                continue
            if fired_on(rule, expect, snaps, item.get("device"), item.get("selector")):
                scores[rule.id].tp += 1
            else:
                scores[rule.id].fn += 1
                scores[rule.id].misses.append(name)
        for rid in expect.get("not_fire", []) or []:
            rule = registry.rules.get(rid)
            if rule is None or rule.meta.scope != "step":
                continue
            if fired_on(rule, expect, snaps, None, None):
                scores[rid].fp += 1
                scores[rid].false_alarms.append(name)
            else:
                scores[rid].tn += 1
    return dict(scores)


@pytest.fixture(scope="module")
def corpus_scores() -> dict[str, Score]:
    return score_corpus()


def test_corpus_has_snapshots():
    cases = load_cases()
    assert cases, "the corpus is empty"
    unrecorded = [str(c) for c, e, s in cases if not s]
    assert not unrecorded, f"cases without snapshots (run tests/corpus/record.py): {unrecorded}"


def test_precision_and_recall(corpus_scores, capsys):
    lines = [f"{'rule':28} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} {'precision':>9} {'recall':>7}"]
    failures = []
    for rid, s in sorted(corpus_scores.items()):
        lines.append(f"{rid:28} {s.tp:4} {s.fp:4} {s.fn:4} {s.tn:4} {s.precision:9.3f} {s.recall:7.3f}")
        if s.precision < MIN_PRECISION or s.recall < MIN_RECALL:
            failures.append(f"{rid}: precision {s.precision:.3f}, recall {s.recall:.3f}; "
                            f"missed {s.misses}, false alarms {s.false_alarms}")
        if s.tp + s.fn < 2 or s.fp + s.tn < 2:
            failures.append(f"{rid}: needs at least 2 positive and 2 negative cases")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not failures, "\n".join(failures)
