"""Engine: rule errors are isolated, suppressions apply, fingerprints are stable and keyed."""
from __future__ import annotations

from uxcheck import engine
from uxcheck.model import Device, Finding, rule
from uxcheck.packs import Suppression
from uxcheck.snapshot import Snapshot

DESKTOP = Device("desktop", 1280, 800, False)


def snap(**kw) -> Snapshot:
    data = {
        "url": "https://bank.test/statements?id=7",
        "title": "Statement",
        "elements": [
            {"kind": "link", "tag": "a", "selector": "#footer-contact", "name": "Contact",
             "rect": {"x": 10, "y": 2000, "width": 40, "height": 12}, "html": "<a id=footer-contact>Contact</a>"},
            {"kind": "link", "tag": "a", "selector": "#terms", "name": "Terms", "ignore": "small-text"},
        ],
        "blocks": [{"tag": "p", "selector": "main > p", "text": "Hello"}],
        "ignore": [{"selector": "#fine-print", "rules": "small-text,buried-link"}],
    }
    data.update(kw)
    return Snapshot.from_dict(data)


@rule(id="test-boom", category="test", severity="minor", summary="always raises")
def boom(snapshot, ctx):
    raise RuntimeError("kaput")
    yield  # pragma: no cover


@rule(id="small-text", category="mobile", severity="moderate", summary="fires on given selectors")
def small(snapshot, ctx):
    for sel in ("#footer-contact", "#terms", "#fine-print > a", None):
        yield Finding(f"small {sel}", selector=sel, evidence={"n": 3}, key=None)


def run(rules, s=None, supp=()):
    return engine.run_step_rules(s or snap(), rules, requested_packs=None, flow="f", step="s", device=DESKTOP,
                                 extra_suppressions=supp)


def test_rule_error_becomes_rule_error_and_others_still_run():
    out = run([boom, small])
    assert [e["rule"] for e in out.rule_errors] == ["test-boom"]
    assert "kaput" in out.rule_errors[0]["error"]
    assert out.findings, "the healthy rule's findings survive a broken rule"


def test_page_ignore_attribute_and_zones_suppress():
    out = run([small])
    selectors = [f["selector"] for f in out.findings]
    assert "#terms" not in selectors  # data-uxcheck-ignore on the element
    assert "#fine-print > a" not in selectors  # inside an ignored zone
    assert "#footer-contact" in selectors
    assert out.suppressed == 2


def test_suppress_list_with_reason():
    out = run([small], supp=[Suppression("small-text", "legal fine print", selector="#footer")])
    assert "#footer-contact" not in [f["selector"] for f in out.findings]
    assert out.suppressed == 3


def test_finding_record_fields_and_bbox_from_snapshot():
    out = run([small])
    f = next(f for f in out.findings if f["selector"] == "#footer-contact")
    assert f["rule"] == "small-text" and f["category"] == "mobile" and f["severity"] == "moderate"
    assert f["bbox"] == {"x": 10, "y": 2000, "width": 40, "height": 12}
    assert f["html"].startswith("<a id=footer-contact>")
    assert f["help_url"] == "rules/small-text.html"
    assert f["review"] is False
    assert len(f["fingerprint"]) == 16


def test_fingerprint_stable_and_ignores_query_and_message():
    a = engine.fingerprint("missing-total", "f", "s", "mobile", "https://x.test/st?page=1", "#tx", None)
    b = engine.fingerprint("missing-total", "f", "s", "mobile", "https://x.test/st?page=2", "#tx", None)
    c = engine.fingerprint("missing-total", "f", "s", "desktop", "https://x.test/st", "#tx", None)
    d = engine.fingerprint("missing-total", "f", "s", "mobile", "https://x.test/st", "#other", "tx-table")
    e = engine.fingerprint("missing-total", "f", "s", "mobile", "https://x.test/st", "#moved", "tx-table")
    assert a == b and a != c
    assert d == e, "a rule's stable key wins over a selector that moved"


def test_evidence_is_made_json_safe():
    from decimal import Decimal

    @rule(id="test-decimal", category="test", severity="minor", summary="decimal evidence")
    def dec(snapshot, ctx):
        yield Finding("x", evidence={"sum": Decimal("-12.50"), "rows": (1, 2)})

    out = run([dec])
    assert out.findings[0]["evidence"] == {"sum": "-12.50", "rows": [1, 2]}


def test_flow_check_attached_to_step_rule_runs_on_captures():
    from uxcheck.model import Capture

    @rule(id="test-flowy", category="test", severity="minor", summary="step rule with a flow check")
    def flowy(snapshot, ctx):
        return []

    @flowy.flow
    def _depth(captures, ctx):
        yield Finding("deep", selector="#footer-contact", evidence={"capture": 1})

    caps = [Capture("f", "desktop", 1, "one", "https://x.test/a", "ok", snap()),
            Capture("f", "desktop", 2, "two", "https://x.test/b", "ok", snap())]
    out = engine.run_flow_rules(caps, [flowy], requested_packs=None, flow="f")
    assert len(out) == 1
    cap, record = out[0]
    assert cap.step_name == "two" and record["rule"] == "test-flowy"
    assert "capture" not in record["evidence"]


def test_fingerprint_survives_an_unrelated_sibling_inserted_before_the_offender():
    @rule(id="test-table", category="test", severity="minor", summary="flags the statement table")
    def flag(snapshot, ctx):
        yield Finding("no total", selector=snapshot.tables[0].selector)

    def page(selector):
        return snap(tables=[{"kind": "table", "selector": selector, "caption": "Transactions", "rows": []}])

    before = run([flag], page("main > section:nth-of-type(2) > table")).findings[0]["fingerprint"]
    after = run([flag], page("main > section:nth-of-type(3) > table")).findings[0]["fingerprint"]
    other = run([flag], snap(tables=[{"kind": "table", "selector": "main > section:nth-of-type(3) > table",
                                      "caption": "Pending", "rows": []}])).findings[0]["fingerprint"]
    assert before == after
    assert other != after


def test_container_findings_get_an_excerpt_and_the_box_of_their_contents():
    @rule(id="test-box", category="test", severity="minor", summary="flags a message box")
    def box(snapshot, ctx):
        yield Finding("refused", selector="#refused")

    s = snap(html='<html><body><div id="refused" role="alert"><p>We can\'t change your order.</p></div></body></html>',
             blocks=[{"tag": "p", "selector": "#refused > p", "text": "We can't change your order.",
                      "rect": {"x": 20, "y": 300, "width": 400, "height": 24}}])
    f = run([box], s).findings[0]
    assert f["html"] == '<div id="refused" role="alert"><p>We can\'t change your order.</p></div>'
    assert f["bbox"] == {"x": 20, "y": 300, "width": 400, "height": 24}
