"""Key-task links (uxcheck.parsing.links) and the buried-link rule on hand-built snapshots."""
from __future__ import annotations

import time

import pytest

from uxcheck.model import RuleContext
from uxcheck.packs import choose_packs
from uxcheck.parsing.links import (BELOW_FOLD, DEEP_MENU, FAINT, FOOTER, TINY, UNNAMED, ProminenceLimits, TaskMatcher,
                                   contrast_ratio, key_task_links, relative_luminance, text_contrast, url_destinations)
from uxcheck.rules.buried_link import rule as buried_link
from uxcheck.snapshot import Element, Rect, Snapshot

BLACK, WHITE = [0, 0, 0, 1], [255, 255, 255, 1]


def link(name, href=None, *, landmark="nav", y=40.0, font=15.0, color=BLACK, bg=WHITE, opacity=1.0, weight=400,
         visible=True, selector=None, kind="link"):
    return Element(kind=kind, tag="a" if kind == "link" else "button", selector=selector or f"#{abs(hash((name, href, y)))}",
                   text=name, name=name, href=href, landmark=landmark, rect=Rect(10, y, 120, 20), visible=visible,
                   font_size=font, font_weight=weight, color=color, background=bg, opacity=opacity)


def snap(*elements, mobile=False, menus=None, height=4000.0):
    vw, vh = (412, 839) if mobile else (1280, 800)
    s = Snapshot(url="https://bank.test/", elements=list(elements),
                 viewport={"width": vw, "height": vh}, device={"name": "mobile" if mobile else "desktop",
                                                               "is_mobile": mobile, "width": vw, "height": vh},
                 document={"scroll_height": height})
    if menus is not None:
        s.parts["menus"] = menus
    return s


def ctx(*packs):
    return RuleContext(packs=choose_packs(list(packs) or ["banking"], ""))


def findings(s, *packs):
    return list(buried_link.check(s, ctx(*packs)))


# -- WCAG contrast ---------------------------------------------------------------------------------

def test_relative_luminance_and_contrast_follow_wcag():
    assert relative_luminance([255, 255, 255]) == pytest.approx(1.0)
    assert relative_luminance([0, 0, 0]) == 0.0
    assert contrast_ratio([0, 0, 0], [255, 255, 255]) == pytest.approx(21.0)
    assert contrast_ratio([118, 118, 118], [255, 255, 255]) == pytest.approx(4.54, abs=0.01)  # the classic #767676
    assert contrast_ratio([255, 255, 255], [118, 118, 118]) == contrast_ratio([118, 118, 118], [255, 255, 255])


def test_text_contrast_fades_with_alpha_and_opacity():
    solid = text_contrast(BLACK, WHITE)
    assert solid == pytest.approx(21.0)
    assert text_contrast([0, 0, 0, 0.5], WHITE) < solid
    assert text_contrast(BLACK, WHITE, opacity=0.3) == pytest.approx(text_contrast([0, 0, 0, 0.3], WHITE))
    assert text_contrast(BLACK, None) is None  # over an image: unknown


# -- matching --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def matcher():
    return TaskMatcher(choose_packs(["banking", "retail"], "").tasks())


@pytest.mark.parametrize("label, tasks", [
    ("Statements", {"statements"}),
    ("Kontoauszüge", {"statements"}),
    ("Relevés de compte", {"statements"}),
    ("Pay & transfer", {"pay_bill", "transfer"}),
    ("PayPal", set()),
    ("Apple Pay", set()),
    ("Privacy statement", set()),
    ("Statement on accessibility", set()),
    ("Relevé d'identité bancaire (RIB)", set()),
    ("Update contact details", set()),
    ("Help & Contact", {"contact"}),
    ("Cancel", set()),
    ("Start a return", {"returns"}),
    ("Read our guide to understanding the charges on your monthly card statement", set()),  # a sentence
    ("お問い合わせはこちら", {"contact"}),
    ("返品・交換について", {"returns"}),
    ("返品不可の商品", set()),
    ("お支払い方法", set()),
])
def test_labels_name_tasks_as_whole_words(matcher, label, tasks):
    assert matcher.named_tasks(label) == tasks


@pytest.mark.parametrize("href, tasks", [
    ("https://bank.test/accounts/123/statements", {"statements"}),
    ("/de/service/postfach/kontoauszuege.html", {"statements"}),
    ("/olb/documents-and-more?tab=statements", {"statements"}),
    ("https://shop.test/#/account/returns", {"returns"}),
    ("/orders/1234/return", {"returns"}),
    ("/legal/privacy-statement", set()),
    ("/statements/2026/10", set()),  # one statement, not the statements page
    ("/statements/october-2026.pdf", set()),  # a download
    ("https://www.paypal.com/uk/", set()),
    ("javascript:void(0)", set()),
])
def test_urls_spell_tasks_by_their_destination(matcher, href, tasks):
    assert matcher.url_tasks(href) == tasks


def test_url_destinations_keep_route_and_query_values():
    assert url_destinations("https://x.test/app/#/cards/disputes?tab=open") == ["app", "disputes", "open"]
    assert url_destinations("/documents?tab=statements&id=12345") == ["documents", "statements"]


# -- prominence ------------------------------------------------------------------------------------

def test_footer_only_task_is_buried_and_header_task_is_not():
    s = snap(link("Transfers", "/transfers", landmark="nav"),
             link("Statements", "/statements", landmark="footer", y=3600, font=13))
    links = key_task_links(s, ctx().packs)
    assert links["transfer"][0].prominent
    assert links["statements"][0].problems == (FOOTER, BELOW_FOLD)
    [f] = findings(s)
    assert f.key == "statements" and f.selector == links["statements"][0].selector
    assert f.evidence["region"] == "footer" and f.evidence["why"] == [FOOTER, BELOW_FOLD]
    assert "footer" in f.message


def test_task_with_a_prominent_entry_elsewhere_is_not_buried():
    header = link("Statements", "/statements", landmark="nav")
    footer = link("Statements", "/statements", landmark="footer", y=3600)
    s = snap(header, footer)
    links = key_task_links(s, ctx().packs)["statements"]
    assert [l.also_prominent_elsewhere for l in links] == [False, True]
    assert findings(s) == []


@pytest.mark.parametrize("kwargs, problem", [
    ({"font": 10}, TINY),
    ({"color": [200, 200, 200, 1]}, FAINT),
    ({"color": [0, 0, 0, 1], "opacity": 0.2}, FAINT),
    ({"y": 3000}, BELOW_FOLD),
])
def test_tiny_faint_and_far_down_links_are_buried(kwargs, problem):
    s = snap(link("View statements", "/statements", landmark="main", **kwargs))
    [f] = findings(s)
    assert problem in f.evidence["why"]


def test_bold_brand_coloured_nav_text_is_not_faint():
    orange = [245, 120, 20, 1]  # white on this is about 2.6:1
    s = snap(link("Statements", "/statements", color=WHITE, bg=orange, weight=700))
    assert findings(s) == []
    s = snap(link("Statements", "/statements", color=WHITE, bg=orange, weight=400))
    assert FAINT in findings(s)[0].evidence["why"]


def test_link_named_for_something_else_is_buried_and_icon_without_name_too():
    s = snap(link("Documents & more", "/olb/documents-and-more?tab=statements"))
    [f] = findings(s)
    assert f.evidence["why"] == [UNNAMED] and "Documents & more" in f.message
    s = snap(link("", "/account/statements"))
    [f] = findings(s)
    assert "icon with no name" in f.message


def test_menu_depth_counts_closed_layers_and_phones_get_their_hamburger():
    sub = link("Statements", "/statements", visible=False, selector="#deep")
    dropdown = {"layers": {"#deep": [{"toggle": "Accounts", "toggle_visible": True, "toggle_in_menu": True}]}}
    two = {"layers": {"#deep": [{"toggle": "Banking", "toggle_visible": True, "toggle_in_menu": True},
                                {"toggle": "Service", "toggle_visible": False, "toggle_in_menu": True}]}}
    burger = {"layers": {"#deep": [{"toggle": "Menu", "toggle_visible": True, "toggle_in_menu": False},
                                   {"toggle": "Accounts", "toggle_visible": False, "toggle_in_menu": True}]}}
    assert findings(snap(sub, menus=dropdown)) == []
    [f] = findings(snap(sub, menus=two))
    assert f.evidence["why"] == [DEEP_MENU] and f.evidence["menus_to_open"] == ["Banking", "Service"]
    assert findings(snap(sub, menus=burger, mobile=True)) == []
    assert DEEP_MENU in findings(snap(sub, menus=burger, mobile=False))[0].evidence["why"]


def test_links_this_device_does_not_offer_are_ignored():
    # the phone drawer on a desktop page: closed, and its toggle is not shown
    drawer = {"layers": {"#m": [{"toggle": "Menu", "toggle_visible": False, "toggle_in_menu": False}]}}
    s = snap(link("Statements", "/statements", visible=False, selector="#m"),
             link("Statements", "/statements", landmark="footer", y=3600), menus=drawer)
    assert [l.region for l in key_task_links(s, ctx().packs)["statements"]] == ["footer"]
    assert findings(s)[0].evidence["region"] == "footer"


def test_fixed_bottom_bar_in_a_footer_is_not_fine_print():
    s = snap(link("Statements", "/statements", landmark="footer", y=760), height=5000)
    assert findings(s) == []


def test_phone_number_link_offers_contact():
    s = snap(link("0330 123 4567", "tel:+443301234567", landmark="main", y=200),
             link("Contact us", "/contact", landmark="footer", y=3600))
    assert findings(s, "retail") == []


def test_thresholds_come_from_the_packs():
    s = snap(link("Statements", "/statements", landmark="main", font=11))
    assert findings(s)
    limits = ProminenceLimits(min_font_px=10)
    assert key_task_links(s, ctx().packs, limits)["statements"][0].prominent


def test_ten_thousand_links_are_judged_fast():
    rows = [link(f"Card payment {i}", f"/tx/{i}/details", landmark="main", y=300 + i * 30, selector=f"#r{i}")
            for i in range(10000)]
    s = snap(link("Statements", "/statements", landmark="footer", y=300000), *rows, height=310000)
    c = ctx("banking", "retail")
    t0 = time.process_time()  # CPU time: a busy machine must not fail the test
    [f] = list(buried_link.check(s, c))
    assert time.process_time() - t0 < 1.0
    assert f.key == "statements"


def test_pages_without_a_footer_landmark_still_end_in_one():
    end = link("Returns", "/returns", landmark=None, y=3900)
    s = snap(link("Help", "/help", landmark=None, y=20), end, height=4000)
    assert key_task_links(s, ctx("retail").packs)["returns"][0].region == "footer"
    s = snap(link("Help", "/help", landmark=None, y=20), end,
             link("Privacy", "/privacy", landmark="footer", y=3950), height=4000)
    assert key_task_links(s, ctx("retail").packs)["returns"][0].region is None
