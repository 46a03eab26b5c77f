"""Precision and recall of the flow (journey) rules over their labelled corpus, with no browser.

Two kinds of case under ``tests/corpus/<rule-id>/<case>/``:

- a page with ``expect.yaml`` and its ``desktop.json`` / ``mobile.json`` snapshots: one step seen
  on two devices (the flow is "open this page");
- a journey with ``journey.yaml`` (see tests/corpus/record_journeys.py): several steps, each a page
  with ``<page stem>.<device>.json`` snapshots, and what may have changed between steps.

Both become the Capture list the runner would hand to flow rules.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from uxcheck.model import Capture, RuleContext
from uxcheck.packs import choose_packs
from uxcheck.registry import load_registry
from uxcheck.snapshot import Snapshot

CORPUS = Path(__file__).parent / "corpus"
JOURNEY_RULES = ("inconsistent-figure", "mobile-missing-task")
MIN_PRECISION, MIN_RECALL = 0.95, 0.90


@dataclass
class Case:
    name: str
    expect: dict
    captures: list[Capture]


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


def _page_case(folder: Path) -> Case | None:
    expect = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8")) or {}
    caps = []
    for device in expect.get("devices", ["desktop", "mobile"]):
        path = folder / f"{device}.json"
        if not path.exists():
            return None
        snap = Snapshot.load(path)
        caps.append(Capture(folder.name, device, 1, "open page", snap.url, "ok", snap, depth=0))
    return Case(f"{folder.parent.name}/{folder.name}", expect, caps)


def _journey_case(folder: Path) -> Case | None:
    spec = yaml.safe_load((folder / "journey.yaml").read_text(encoding="utf-8")) or {}
    caps = []
    for device in spec.get("devices", ["desktop", "mobile"]):
        for k, step in enumerate(spec["steps"], start=1):
            path = folder / f"{Path(step['page']).stem}.{device}.json"
            if not path.exists():
                return None
            snap = Snapshot.load(path)
            caps.append(Capture(folder.name, device, k, step.get("name", f"step {k}"), snap.url, "ok", snap,
                                depth=k - 1, inputs_changed=int(step.get("inputs_changed", 0)),
                                writes_sent=int(step.get("writes_sent", 0))))
    return Case(f"{folder.parent.name}/{folder.name}", spec, caps)


def journey_corpus() -> list[Case]:
    cases = []
    for rid in JOURNEY_RULES:
        for folder in sorted((CORPUS / rid).glob("*/")):
            case = (_journey_case(folder) if (folder / "journey.yaml").exists()
                    else _page_case(folder) if (folder / "expect.yaml").exists() else None)
            if case is not None:
                cases.append(case)
    return cases


def context_for(case: Case) -> RuleContext:
    """As the engine builds it for flow rules: packs from the first captures' text."""
    text = "\n".join(c.snapshot.signal_text for c in case.captures[:3])
    return RuleContext(packs=choose_packs(case.expect.get("packs"), text), flow=case.name)


def findings(rule, case: Case) -> list:
    return list(rule.check(case.captures, context_for(case)))


def fired(rule, case: Case, step: int | None = None, device: str | None = None) -> bool:
    for f in findings(rule, case):
        if f.review:
            continue
        cap = case.captures[f.evidence.get("capture", 0)]
        if step is not None and cap.step_index != step:
            continue
        if device is not None and cap.device != device:
            continue
        return True
    return False


def score(cases: list[Case]) -> dict[str, Score]:
    rules = load_registry().rules
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        for item in case.expect.get("fire", []) or []:
            item = {"rule": item} if isinstance(item, str) else item
            rule = rules[item["rule"]]
            if fired(rule, case, item.get("step"), item.get("device")):
                scores[rule.id].tp += 1
            else:
                scores[rule.id].fn += 1
                scores[rule.id].misses.append(case.name)
        for rid in case.expect.get("not_fire", []) or []:
            if rid not in JOURNEY_RULES:
                continue
            if fired(rules[rid], case):
                scores[rid].fp += 1
                scores[rid].false_alarms.append(case.name)
            else:
                scores[rid].tn += 1
    return dict(scores)


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return journey_corpus()


def test_every_case_is_recorded():
    missing = []
    for rid in JOURNEY_RULES:
        for folder in sorted((CORPUS / rid).glob("*/")):
            if (folder / "journey.yaml").exists() and _journey_case(folder) is None:
                missing.append(str(folder))
            elif (folder / "expect.yaml").exists() and _page_case(folder) is None:
                missing.append(str(folder))
    assert not missing, f"record them (tests/corpus/record.py, tests/corpus/record_journeys.py): {missing}"


def test_journey_rules_precision_and_recall(cases, capsys):
    scores = score(cases)
    lines = [f"{'rule':22} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} {'precision':>9} {'recall':>7}"]
    problems = []
    for rid in JOURNEY_RULES:
        s = scores.get(rid, Score())
        lines.append(f"{rid:22} {s.tp:4} {s.fp:4} {s.fn:4} {s.tn:4} {s.precision:9.3f} {s.recall:7.3f}")
        if s.precision < MIN_PRECISION or s.recall < MIN_RECALL:
            problems.append(f"{rid}: precision {s.precision:.3f} recall {s.recall:.3f}; "
                            f"missed {s.misses}, false alarms {s.false_alarms}")
        if s.tp + s.fn < 4 or s.fp + s.tn < 4:
            problems.append(f"{rid}: needs at least 4 positive and 4 negative cases")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not problems, "\n".join(problems)


def test_findings_point_at_a_capture_and_say_what_differs(cases):
    rule = load_registry().rules["inconsistent-figure"]
    checked = 0
    for case in cases:
        for f in findings(rule, case):
            idx = f.evidence["capture"]
            assert 0 <= idx < len(case.captures)
            assert f.evidence["value"] != f.evidence["other_value"]
            assert f.evidence["value"] in f.message and f.evidence["other_value"] in f.message
            checked += 1
    assert checked, "no inconsistent-figure finding in the corpus to check"


def _capture_at(path: Path, depth: int, index: int) -> Capture:
    snap = Snapshot.load(path)
    return Capture("depth", "desktop", index, f"step {index}", snap.url, "ok", snap, depth=depth)


def test_click_depth_flags_a_task_first_met_too_many_clicks_deep():
    rule = load_registry().rules["buried-link"]
    assert rule.flow_check is not None, "buried-link has no flow-level click-depth check"
    plain = CORPUS / "inconsistent-figure" / "bank-ja-same-balance-ok" / "meisai.desktop.json"  # no task links
    tasks_page = CORPUS / "mobile-missing-task" / "bank-gb-hamburger-ok" / "desktop.json"  # Statements, Contact
    deep = [_capture_at(plain, d, d + 1) for d in range(4)] + [_capture_at(tasks_page, 4, 5)]
    ctx = RuleContext(packs=choose_packs(["banking"], ""), flow="depth")
    found = [f for f in rule.flow_check(deep, ctx) if f.evidence.get("task") == "statements"]
    assert found and found[0].evidence["clicks"] == 5 and found[0].evidence["capture"] == 4
    assert found[0].evidence["max_click_depth"] == 3

    shallow = [_capture_at(plain, 0, 1), _capture_at(tasks_page, 1, 2)]
    assert not [f for f in rule.flow_check(shallow, ctx) if f.evidence.get("task") == "statements"]

    unknown = [_capture_at(tasks_page, None, 1)]  # after a typed URL the depth is unknown: not judged
    assert not list(rule.flow_check(unknown, ctx))


def test_a_10000_row_statement_is_judged_without_a_false_alarm():
    from dataclasses import replace

    from uxcheck.parsing.money import find_money
    from uxcheck.snapshot import Block, Rect

    list(find_money("£1.00", "en_GB"))  # Babel's locale data loads once per process
    base = Snapshot.load(CORPUS / "inconsistent-figure" / "bank-gb-overview-table-vs-account" / "account.desktop.json")
    rows = []
    for i in range(10_000):
        y, sel = 1000 + i * 30, f"#tx > tbody > tr:nth-of-type({i + 1}) > td:nth-of-type"
        rows += [Block("td", f"{sel}(1)", f"{i % 28 + 1:02d} Oct 2026", rect=Rect(0, y, 100, 20)),
                 Block("td", f"{sel}(2)", f"CARD PAYMENT {i}", rect=Rect(100, y, 200, 20)),
                 Block("td", f"{sel}(3)", f"-£{i % 97}.{i % 100:02d}", rect=Rect(300, y, 100, 20)),
                 Block("td", f"{sel}(4)", f"£{1000 + i:,}.00", rect=Rect(400, y, 100, 20))]
    caps = [Capture("big", "desktop", k, f"step {k}", base.url, "ok", replace(base, blocks=base.blocks + rows), depth=k)
            for k in (1, 2)]
    rule = load_registry().rules["inconsistent-figure"]
    # Its speed is measured by tests/bench/run.py (rule time per page at 100, 1,000 and 10,000 rows).
    found = list(rule.check(caps, RuleContext(packs=choose_packs(["banking"], ""))))
    assert not [f for f in found if not f.review]  # same page twice: nothing differs


def _case(name: str) -> Case:
    return next(c for c in journey_corpus() if c.name.endswith(name))


def test_figures_are_compared_only_between_captures_in_the_same_state():
    from dataclasses import replace

    rule = load_registry().rules["inconsistent-figure"]
    case = _case("bank-gb-overview-table-vs-account")
    assert fired(rule, case)
    # A form filled between the steps (on both devices): the figures may have changed.
    changed = Case(case.name, case.expect, [replace(c, inputs_changed=1 if c.step_index == 2 else 0)
                                            for c in case.captures])
    assert not findings(rule, changed)
    # A payment sent on one device while the other ran: whatever differs asks for a review.
    paid = Case(case.name, case.expect, [replace(c, writes_sent=1) if c.device == "mobile" else c
                                         for c in case.captures])
    assert findings(rule, paid) and all(f.review for f in findings(rule, paid))
