"""Unit tests for the service and data rules: phrase matching, field classification, page
structure, and each rule on small hand-made snapshots (no browser)."""
from __future__ import annotations


import pytest

from uxcheck.model import RuleContext
from uxcheck.packs import choose_packs
from uxcheck.parsing.contact_channels import cued_short_numbers, phone_numbers
from uxcheck.parsing.dom_index import dom_index
from uxcheck.parsing.personal_fields import autocomplete_kind, field_kind, is_optional, words_of_identifier
from uxcheck.parsing.phrases import Phrases
from uxcheck.rules import dead_end, no_human_contact, no_restock_info, unexplained_data_request
from uxcheck.rules.no_human_contact import help_page_signal
from uxcheck.snapshot import Block, Element, Snapshot


@pytest.fixture(scope="module")
def phrases() -> Phrases:
    return Phrases.for_context(RuleContext(packs=choose_packs(None, "")))


def ctx() -> RuleContext:
    return RuleContext(packs=choose_packs(None, ""))


def page(body: str, *, url: str = "https://shop.test/page", title: str = "Page", lang: str = "en",
         blocks: list[Block] | None = None, elements: list[Element] | None = None) -> Snapshot:
    html = f"<!DOCTYPE html><html lang='{lang}'><head><title>{title}</title></head><body>{body}</body></html>"
    return Snapshot(url=url, html=html, title=title, lang=lang, blocks=blocks or [], elements=elements or [])


def block(selector: str, text: str, tag: str = "p", landmark: str | None = None) -> Block:
    return Block(tag=tag, selector=selector, text=text, landmark=landmark)


def link(selector: str, name: str, href: str, landmark: str | None = None) -> Element:
    return Element(kind="link", tag="a", selector=selector, name=name, text=name, href=href, landmark=landmark)


def button(selector: str, name: str, landmark: str | None = None) -> Element:
    return Element(kind="button", tag="button", selector=selector, name=name, text=name, landmark=landmark)


def field(selector: str, label: str = "", input_type: str = "text", required: bool = True, **attrs: str) -> Element:
    return Element(kind="input", tag="input", selector=selector, name=label, label=label, input_type=input_type,
                   required=required, attrs={k.replace("_", "-"): v for k, v in attrs.items()})


# -- phrases ----------------------------------------------------------------------------------

def test_refusals_are_found_in_every_language_and_with_typographic_apostrophes(phrases):
    for text in ("We can’t change this order online.", "Die Anschrift kann online nicht geändert werden.",
                 "Une erreur est survenue", "Algo salió mal.", "Er is iets misgegaan", "Não foi possível carregar"):
        assert phrases.has("refusal", text), text
    assert not phrases.has("refusal", "Your order is on its way.")


def test_phrases_match_whole_words_only(phrases):
    assert phrases.has("human_channel", "Termin mit Ihrem Berater")
    assert not phrases.has("human_channel", "Persönliche Daten")  # "persönlich" is not in "persönliche"
    assert not phrases.has("out_of_stock", "Only 2 left in stock - order soon.")


def test_dismissals_are_exact_names_or_leading_words(phrases):
    assert phrases.is_exactly("dismiss", "OK")
    assert phrases.is_exactly("dismiss", "Schließen")
    assert not phrases.is_exactly("dismiss", "Call us")
    assert phrases.starts_with("dismiss", "Back to my orders")
    assert not phrases.starts_with("dismiss", "Return it for free")


def test_phone_numbers_in_text_but_not_dates_or_short_numbers():
    assert phone_numbers("Member Service Center: (608) 555-0143") == ["(608) 555-0143"]
    assert phone_numbers("Capitais: 4004 4828") == ["4004 4828"]
    assert phone_numbers("1-800-555-0199, 9am–9pm") == ["1-800-555-0199"]
    assert phone_numbers("Statement of 2026-10-31, 3 items, €12.50") == []


def test_short_service_numbers_need_a_call_word(phrases):
    assert cued_short_numbers("Appelez le 3639 (service gratuit)", phrases) == ["3639"]
    assert cued_short_numbers("Phone banking: 365 days a year", phrases) == []
    assert cued_short_numbers("Order 3639 shipped", phrases) == []


# -- field classification ----------------------------------------------------------------------

@pytest.mark.parametrize("el, kind", [
    (field("#a", "Birthday", autocomplete="bday"), "birth"),
    (field("#b", "Mobile", input_type="tel"), "phone"),
    (field("#c", "Steuerliche Identifikationsnummer *"), "national_id"),
    (field("#d", "", name="fecha_nacimiento"), "birth"),
    (field("#e", "", placeholder="Last 4 digits of SSN"), "national_id"),
    (field("#f", "Rekeningnummer (IBAN)"), "account"),
    (field("#g", "Numéro de carte", autocomplete="cc-number"), "card"),
    (field("#h", "Code postal"), "address"),
    (field("#i", "Full name", autocomplete="name"), None),
    (field("#j", "DNI / NIE", autocomplete="username"), None),  # a login identifier, not a data request
    (field("#k", "Search", input_type="search"), None),
    (field("#l", "Tipo de reforma"), None),
])
def test_field_kind(phrases, el, kind):
    assert field_kind(el, phrases) == kind


def test_identifier_words_and_optional_marks(phrases):
    assert words_of_identifier("steuerId") == "steuer id"
    assert words_of_identifier("ssn_last4") == "ssn last 4"
    assert autocomplete_kind("shipping tel-national") == "phone"
    assert is_optional(field("#x", "Telefone (opcional)", required=False), phrases)
    assert not is_optional(field("#x", "Telefone (opcional)", required=True), phrases)


# -- structure ------------------------------------------------------------------------------

def test_dom_index_resolves_collector_selectors_and_falls_back_to_shadow_hosts():
    snap = page("<main><div><p>a</p><p>b</p></div><order-notice id='n'></order-notice></main>")
    dom = dom_index(snap)
    second = dom.node("body > main > div > p:nth-of-type(2)")
    assert second is not None and second.text_content() == "b"
    assert dom.selector(second) == "body > main > div > p:nth-of-type(2)"
    host = dom.node("#n > div > p")  # inside an open shadow root: not in the HTML
    assert host is not None and host.get("id") == "n"


def test_help_pages_by_h1_title_first_part_or_hub_address(phrases):
    assert help_page_signal(page("", title="Contact Us | Pinecrest"), phrases)
    assert help_page_signal(page("", url="https://x.test/klantenservice"), phrases)
    assert not help_page_signal(page("", title="How to freeze your card | Help | Pebble",
                                     url="https://x.test/help/cards/freeze-card"), phrases)
    assert not help_page_signal(page("", title="Lumbar Support Pillow | Shop"), phrases)


# -- rules on small snapshots ---------------------------------------------------------------

REFUSAL_BODY = ("<main><h1>Change order</h1><div class='alert' role='alert'><p>We can't change this order "
                "online.</p>{extra}</div><p><a href='/orders'>Back to my orders</a></p></main>{footer}")


def refusal_page(extra: str = "", footer: str = "", extra_elements: list[Element] | None = None) -> Snapshot:
    elements = [link("body > main > p > a", "Back to my orders", "https://shop.test/orders")]
    return page(REFUSAL_BODY.format(extra=extra, footer=footer), url="https://shop.test/orders/1/change",
                blocks=[block("body > main > h1", "Change order", "h1", "main"),
                        block("body > main > div > p", "We can't change this order online.", landmark="main")],
                elements=elements + (extra_elements or []))


def test_dead_end_fires_on_a_refusal_with_only_a_back_link():
    findings = list(dead_end.rule(refusal_page(), ctx()))
    assert [f.review for f in findings] == [False]
    assert findings[0].selector == "body > main > div"
    assert findings[0].evidence["actions_offered"] == ["Back to my orders"]


def test_dead_end_accepts_a_phone_link_inside_the_message():
    snap = refusal_page("<a href='tel:+18005550199'>1-800-555-0199</a>",
                        extra_elements=[link("body > main > div > a", "1-800-555-0199", "tel:+18005550199")])
    assert list(dead_end.rule(snap, ctx())) == []


def test_dead_end_asks_for_review_when_only_the_footer_offers_contact():
    snap = refusal_page(footer="<footer><a href='/contact'>Contact us</a></footer>",
                        extra_elements=[link("body > footer > a", "Contact us", "https://shop.test/contact", "footer")])
    assert [f.review for f in dead_end.rule(snap, ctx())] == [True]


def test_dead_end_ignores_field_validation_messages():
    body = ("<form><div class='form-group'><label for='pc'>Postcode</label><input id='pc' aria-describedby='e'>"
            "<div id='e' class='invalid-feedback'>We can't find this postcode.</div></div><button>Next</button></form>")
    snap = page(body, blocks=[block("#e", "We can't find this postcode.", "div")])
    assert list(dead_end.rule(snap, ctx())) == []


def test_no_human_contact_fires_on_a_form_only_contact_page_and_not_with_a_phone():
    body = "<main><h1>Contact us</h1><form><textarea name='m'></textarea><button>Send</button></form>{p}</main>"
    elements = [Element(kind="heading", tag="h1", selector="body > main > h1", name="Contact us", level=1),
                field("body > main > form > textarea", "Message", input_type="textarea")]
    bare = page(body.format(p=""), url="https://bank.test/contact", elements=elements)
    findings = list(no_human_contact.rule(bare, ctx()))
    assert len(findings) == 1 and "a web form" in findings[0].evidence["offered"]
    with_phone = page(body.format(p="<p>Call 0345 700 0000, 8am to 8pm</p>"), url="https://bank.test/contact",
                      elements=elements, blocks=[block("body > main > p", "Call 0345 700 0000, 8am to 8pm")])
    assert list(no_human_contact.rule(with_phone, ctx())) == []


def test_no_restock_info_fires_without_notify_and_not_for_one_size_out():
    pdp = page("<main><h1>Linen shirt</h1><p>$89.00</p><p>Sold out</p></main>",
               blocks=[block("body > main > p:nth-of-type(1)", "$89.00", landmark="main"),
                       block("body > main > p:nth-of-type(2)", "Sold out", landmark="main")])
    assert len(list(no_restock_info.rule(pdp, ctx()))) == 1
    picker = page("<main><h1>Linen shirt</h1><p>$89.00</p><fieldset><legend>Size</legend>"
                  "<label><input type='radio' name='s'> M</label><label><input type='radio' name='s' disabled> "
                  "XL – out of stock</label></fieldset></main>",
                  blocks=[block("body > main > p", "$89.00", landmark="main"),
                          block("body > main > fieldset > label:nth-of-type(2)", "XL – out of stock", "label", "main")])
    assert list(no_restock_info.rule(picker, ctx())) == []


def test_unexplained_data_request_fires_until_a_hint_explains_the_field():
    body = ("<form><h1>Create your account</h1><label for='dob'>Date of birth</label><input id='dob'>"
            "<p id='why'>{why}</p><button>Create account</button></form>")
    el = field("#dob", "Date of birth", autocomplete="bday", aria_describedby="why")
    bare = page(body.format(why=""), elements=[el])
    assert [f.evidence["kind"] for f in unexplained_data_request.rule(bare, ctx())] == ["birth"]
    why = "We need this to check you are over 18."
    explained = page(body.format(why=why), elements=[Element(**{**el.__dict__, "description": why})])
    assert list(unexplained_data_request.rule(explained, ctx())) == []


def test_unexplained_data_request_skips_login_forms():
    body = "<form><input id='u' type='email'><input id='p' type='password'><button>Sign in</button></form>"
    snap = page(body, elements=[field("#u", "Email", input_type="email")])
    assert list(unexplained_data_request.rule(snap, ctx())) == []


def test_rules_still_find_problems_on_a_10000_row_statement():
    rows = "".join(f"<tr><td>2026-10-{i % 28 + 1:02d}</td><td>Card payment {i}</td><td>-{i % 97}.50</td></tr>"
                   for i in range(10000))
    body = (f"<header><a href='/contact'>Contact us</a></header><main><div class='alert' role='alert'>"
            f"<p id='msg'>We can't export this statement online.</p></div><form><label for='dob'>Date of birth"
            f"</label><input id='dob'></form><table id='tx'><tbody>{rows}</tbody></table>"
            f"<p id='oos'>Sold out</p></main>")
    blocks = [block("#msg", "We can't export this statement online.", landmark="main"),
              block("#oos", "Sold out", landmark="main")]
    blocks += [block(f"#tx > tbody > tr:nth-of-type({i + 1}) > td:nth-of-type(2)", f"Card payment {i}", "td", "main")
               for i in range(400)]
    elements = [field("#dob", "Date of birth", autocomplete="bday"),
                link("body > header > a", "Contact us", "https://bank.test/contact", "header")]
    context = ctx()
    list(no_restock_info.rule(page("<p>€ 1,00</p>", blocks=[block("body > p", "Sold out")]), context))  # warm Babel
    snap = page(body, url="https://bank.test/statement", blocks=blocks, elements=elements)
    results = {r.meta.id: list(r(snap, context)) for r in (dead_end.rule, no_human_contact.rule,
                                                          no_restock_info.rule, unexplained_data_request.rule)}
    # Their speed on such a page is measured by tests/bench/run.py, not asserted here.
    assert results["dead-end"] and results["unexplained-data-request"]


def test_need_help_box_on_a_task_page_with_only_a_bot():
    body = ("<main><h1>Order 1</h1><p>Delivered</p></main><aside><h2>Need help?</h2>"
            "<p>Ask our virtual assistant about returns.</p><button>Chat now</button>{extra}</aside>")
    elements = [Element(kind="heading", tag="h2", selector="body > aside > h2", name="Need help?", level=2),
                button("body > aside > button", "Chat now")]
    blocks = [block("body > aside > p", "Ask our virtual assistant about returns.")]
    bot_only = page(body.format(extra=""), url="https://shop.test/orders/1", blocks=blocks, elements=elements)
    findings = list(no_human_contact.rule(bot_only, ctx()))
    assert len(findings) == 1 and findings[0].selector == "body > aside"
    phone = blocks + [block("body > aside > p:nth-of-type(2)", "Or call 0800 123 4567, 8am to 8pm.")]
    with_phone = page(body.format(extra="<p>Or call 0800 123 4567, 8am to 8pm.</p>"), url="https://shop.test/orders/1",
                      blocks=[block("body > aside > p:nth-of-type(1)", blocks[0].text), phone[-1]], elements=elements)
    assert list(no_human_contact.rule(with_phone, ctx())) == []
