"""The phone-view rules: viewport parsing (browser and axe-core semantics), WCAG 2.5.8 geometry,
and each rule's decision on small hand-made snapshots (no browser)."""
from __future__ import annotations

import math
import time

import pytest

from uxcheck.model import RuleContext
from uxcheck.packs import choose_packs
from uxcheck.parsing.tap_targets import Box, NeighbourIndex, Target, judge, offset, split_rects
from uxcheck.parsing.viewport import mobile_layout, parse_float, parse_viewport, zoom_blockers
from uxcheck.registry import load_registry
from uxcheck.snapshot import Snapshot

PHONE = {"name": "mobile", "width": 412, "height": 839, "is_mobile": True}


# ---- viewport meta: browser reading --------------------------------------------------------
@pytest.mark.parametrize("content, optimised, problem", [
    (None, False, "missing"),
    ("", False, "empty"),
    ("width=device-width, initial-scale=1", True, ""),
    ("width=device-width", True, ""),
    ("WIDTH = Device-Width ; Initial-Scale = 1.0", True, ""),  # case, spaces round '=', semicolons
    ("width=device-width initial-scale=1", True, ""),  # white space separates pairs too
    ("initial-scale=1", True, ""),  # no width: laid out at device width / 1
    ("initial-scale=2.0", True, ""),
    ("initial-scale=0.5", False, "no-width"),  # twice the screen width
    ("minimum-scale=1", False, "no-width"),
    ("width=1024", False, "fixed-width"),
    ("width=1024px, initial-scale=1", False, "fixed-width"),  # browsers read the leading number
    ("width=320", False, "fixed-width"),  # right for one phone only
    ("width=device-height", False, "device-height"),
    ("width=auto, initial-scale=1", True, ""),  # an invalid width is ignored; the scale decides
    ("user-scalable=no", False, "no-width"),
])
def test_mobile_layout(content, optimised, problem):
    layout = mobile_layout(content)
    assert (layout.mobile_optimised, layout.problem) == (optimised, problem)


def test_parse_viewport_last_value_wins_and_keys_lowercase():
    assert parse_viewport("Width=1024, width=device-width") == {"width": "device-width"}
    assert parse_viewport(" , ;  ") == {}


@pytest.mark.parametrize("text, value", [("1.5", 1.5), ("2px", 2.0), (".5", 0.5), ("-1", -1.0), ("1e1", 10.0)])
def test_parse_float_like_javascript(text, value):
    assert parse_float(text) == value


@pytest.mark.parametrize("text", ["yes", "", "px2", None])
def test_parse_float_nan(text):
    assert math.isnan(parse_float(text))


# ---- zoom: axe-core's meta-viewport check --------------------------------------------------
@pytest.mark.parametrize("content, blocked", [
    ("width=device-width, initial-scale=1", []),
    ("user-scalable=no", ["user-scalable=no"]),
    ("user-scalable=0", ["user-scalable=0"]),
    ("user-scalable=0.5", ["user-scalable=0.5"]),
    ("user-scalable=-0.5", ["user-scalable=-0.5"]),
    ("user-scalable=-1", []),  # -1 is not strictly between -1 and 1
    ("user-scalable=1", []),
    ("user-scalable=yes", []),
    ("user-scalable=device-width", []),
    ("user-scalable=maybe", ["user-scalable=maybe"]),  # an unknown word blocks
    ("maximum-scale=1", ["maximum-scale=1"]),
    ("maximum-scale=1.99", ["maximum-scale=1.99"]),
    ("maximum-scale=2", []),
    ("maximum-scale=5", []),
    ("maximum-scale=-1", []),  # negative values are ignored
    ("maximum-scale=yes", ["maximum-scale=yes"]),  # only device-width/-height are accepted words
    ("maximum-scale=device-width", []),
    ("width=device-width; maximum-scale=1.0", ["maximum-scale=1.0"]),
    ("width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no",
     ["maximum-scale=1", "user-scalable=no"]),
    ("USER-SCALABLE = NO", ["user-scalable=no"]),
    ("user-scalable=", []),  # no value: skipped like axe-core
    ("", []),
    (None, []),
])
def test_zoom_blockers_mirror_axe(content, blocked):
    assert zoom_blockers(content) == blocked


# ---- WCAG 2.5.8 geometry ------------------------------------------------------------------
def box(x, y, w, h):
    return Box(x, y, x + w, y + h)


def target(x, y, w, h, **kw):
    return Target(selector=kw.pop("selector", f"#t{x}-{y}"), boxes=[box(x, y, w, h)], bounds=box(x, y, w, h), **kw)


def test_split_rects_cuts_the_covered_part_away():
    pieces = split_rects(box(0, 0, 100, 40), [box(0, 0, 60, 40)])
    assert pieces == [box(60, 0, 40, 40)]
    assert split_rects(box(10, 10, 20, 20), [box(0, 0, 100, 100)]) == []  # enclosed: nothing left
    assert split_rects(box(0, 0, 10, 10), [box(50, 50, 10, 10)]) == [box(0, 0, 10, 10)]  # apart


def test_offset_is_distance_to_rect_or_circle():
    a, b = [box(0, 0, 10, 10)], [box(30, 0, 10, 10)]  # centres 30 apart, gap 20
    assert offset(a, b, 12) == pytest.approx(min(30 - 12, 25))  # undersized neighbour: its circle counts
    assert offset(a, b, 12, neighbour_is_big=True) == pytest.approx(25)  # big one: only its area
    assert offset(a, [box(0, 0, 40, 40)], 12) == 0.0  # the centre lies on the neighbour
    assert offset([], b, 12) == 0.0  # fully covered


def test_offset_uses_the_centre_of_all_visible_pieces():
    # axe-core getOffset: a link wrapping over two lines is measured from its overall centre.
    two_lines = [box(0, 0, 80, 20), box(0, 23, 36, 20)]
    above = [box(0, -23, 80, 20)]
    assert offset(above, two_lines, 12) == pytest.approx(min(13.0, math.dist((40, -13), (40, 21.5)) - 12))


@pytest.mark.parametrize("gap, outcome", [(2, "fail"), (13, "fail"), (14.1, "pass"), (30, "pass")])
def test_small_targets_pass_only_with_spacing(gap, outcome):
    # 10x10 targets side by side: they pass once centres are >= 24 apart and the 12 px circle
    # misses the neighbour's box (gap >= 14 for 10 px boxes... rounded to 0.1 like axe-core).
    a, b = target(0, 0, 10, 10), target(10 + gap, 0, 10, 10)
    assert judge(a, [b]).outcome == outcome


def test_big_target_passes_whatever_its_neighbours():
    assert judge(target(0, 0, 44, 44), [target(44, 0, 44, 44)]).outcome == "pass"
    assert judge(target(0, 0, 23.96, 23.96), [target(24, 0, 10, 10)]).outcome == "pass"  # 0.05 px tolerance


def test_inline_text_links_are_exempt():
    a = target(0, 0, 30, 14, in_text=True)
    assert judge(a, [target(32, 0, 30, 14)]).reason == "exempt"


def test_covering_widget_shrinks_a_target():
    covered = target(0, 0, 30, 30, covers=[(box(0, 0, 20, 30), True)])
    assert judge(covered, [target(0, 0, 20, 30)]).outcome == "fail"
    not_a_widget = target(0, 0, 30, 30, covers=[(box(0, 0, 20, 30), False)])
    assert judge(not_a_widget, []).outcome == "pass"


def test_fully_covered_target_is_not_judged():
    hidden = target(0, 0, 10, 10, covers=[(box(-5, -5, 400, 80), False)], hit_own=0)
    assert judge(hidden, [target(12, 0, 10, 10)]).reason == "covered"


def test_not_tabbable_target_asks_for_review():
    a, b = target(0, 0, 10, 10, tabbable=False), target(12, 0, 10, 10)
    assert judge(a, [b]).outcome == "review"


def test_same_destination_big_neighbour_does_not_crowd():
    icon = target(0, 0, 16, 16, href="https://shop.test/cart")
    label = target(18, 0, 120, 30, href="https://shop.test/cart")
    assert judge(icon, [label]).outcome == "pass"


def test_content_overflow_turns_a_small_target_into_a_review():
    a, b = target(0, 0, 10, 10, content_overflows=True), target(12, 0, 10, 10)
    assert judge(a, [b]).outcome == "review"


def test_fixed_layer_targets_are_not_neighbours_of_page_targets():
    page_link, fixed_link = target(0, 0, 10, 10), target(12, 0, 10, 10, layer="#bar")
    idx = NeighbourIndex([page_link, fixed_link])
    assert idx.near(page_link, 24) == []


def test_neighbour_index_finds_only_nearby_targets():
    ts = [target(i * 100, 0, 10, 10) for i in range(50)]
    idx = NeighbourIndex(ts)
    assert [t.selector for t in idx.near(ts[3], 24)] == []
    close = target(312, 0, 10, 10, selector="#close")
    idx = NeighbourIndex(ts + [close])
    assert "#close" in [t.selector for t in idx.near(ts[3], 24)]


# ---- the rules on hand-made snapshots ------------------------------------------------------
def run(rule_id, snap):
    rule = load_registry().rules[rule_id]
    ctx = RuleContext(packs=choose_packs([], ""), device=None, flow="test")
    return list(rule.check(snap, ctx))


def phone_snapshot(**mobile):
    meta = mobile.pop("viewport_meta", "width=device-width, initial-scale=1")
    client = mobile.pop("client_width", 412)
    return Snapshot(url="https://bank.test/", device=dict(PHONE), viewport_meta=meta,
                    client_width=client, screen_width=412,
                    parts={"mobile": {"viewport_metas": [] if meta is None else [meta], **mobile}})


def test_rules_skip_desktop_snapshots():
    snap = phone_snapshot(viewport_meta=None)
    snap.device = {"name": "desktop", "is_mobile": False}
    for rid in ("viewport-meta", "zoom-disabled", "horizontal-overflow", "small-text", "small-tap-target"):
        assert run(rid, snap) == []


def test_viewport_meta_uses_the_last_tag():
    snap = phone_snapshot()
    snap.parts["mobile"]["viewport_metas"] = ["width=device-width", "width=1200"]
    findings = run("viewport-meta", snap)
    assert findings and findings[0].evidence["problem"] == "fixed-width"


def test_small_text_share_threshold():
    text = {"total_chars": 1000, "by_size": {"16": 590, "10": 410}, "offenders": [
        {"selector": "footer", "font_size": 10, "chars": 410, "text": "small print"}]}
    findings = run("small-text", phone_snapshot(text=text))
    assert findings and findings[0].selector == "footer" and findings[0].evidence["small_share"] == 0.41
    text["by_size"] = {"16": 610, "10": 390}
    assert run("small-text", phone_snapshot(text=text)) == []


def test_small_text_leaves_shrunk_pages_to_viewport_meta():
    text = {"total_chars": 100, "by_size": {"10": 100}, "offenders": []}
    assert run("small-text", phone_snapshot(viewport_meta=None, client_width=980, text=text)) == []
    assert run("small-text", phone_snapshot(viewport_meta="width=1024", client_width=1024, text=text)) == []
    assert run("small-text", phone_snapshot(text=text))  # the same text on a mobile layout


def overflow(scroll, offenders=(), body="visible"):
    return {"scroll_width": scroll, "client_width": 412, "screen_width": 412, "html_overflow_x": "visible",
            "body_overflow_x": body, "offenders": list(offenders), "offender_count": len(offenders)}


def test_horizontal_overflow_names_the_widest_offender():
    offenders = [{"selector": "#promo", "kind": "sticks-out", "right": 500, "content_right": 480, "tag": "div"},
                 {"selector": "#tx", "kind": "sticks-out", "right": 833, "content_right": 830, "tag": "table"}]
    findings = run("horizontal-overflow", phone_snapshot(overflow=overflow(833, offenders)))
    assert [f.selector for f in findings] == ["#tx"]
    assert run("horizontal-overflow", phone_snapshot(overflow=overflow(413))) == []  # within 2 px


def test_horizontal_overflow_cut_off_needs_content_past_the_edge():
    decorative = {"selector": ".blob", "kind": "cut-off", "clip": "body", "right": 530, "content_right": None}
    assert run("horizontal-overflow", phone_snapshot(overflow=overflow(530, [decorative], body="hidden"))) == []
    form = {"selector": "form > div", "kind": "cut-off", "clip": "body", "right": 576, "content_right": 560, "tag": "div"}
    findings = run("horizontal-overflow", phone_snapshot(overflow=overflow(576, [form], body="hidden")))
    assert findings and findings[0].selector == "form > div"


def test_small_tap_target_caps_findings_and_counts_them():
    items = [{"selector": f"#p{i}", "rect": {"x": i * 12, "y": 0, "width": 10, "height": 10}, "tabbable": True}
             for i in range(30)]
    findings = run("small-tap-target", phone_snapshot(targets={"items": items, "total": 30}))
    assert len(findings) == 20 and findings[0].evidence["failing_targets"] == 30


def test_small_tap_target_is_fast_on_ten_thousand_targets():
    items = [{"selector": f"#r{i}", "rect": {"x": 16, "y": i * 48, "width": 60, "height": 20}, "tabbable": True}
             for i in range(10000)]
    snap = phone_snapshot(targets={"items": items, "total": 10000})
    started = time.process_time()  # CPU time: other processes on the machine do not count
    assert run("small-tap-target", snap) == []  # 20 px tall but 48 px apart: enough spacing
    assert time.process_time() - started < 1.0
