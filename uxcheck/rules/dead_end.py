"""A refusal or error message that leaves the customer nowhere to go.

What it catches
A message that says no or reports a failure ("We can't change this order online", "Die Anschrift
kann online nicht geändert werden", "Une erreur est survenue", "Algo salió mal", a 404 or 500
page) where the message's own container (the alert, dialog, toast or notice, and the block it
sits in; for a page that is only the message, the page's main content) offers no way forward:
no alternative action, no link, phone number or chat to reach a person, no retry, no form to fix
the input and no word on what happens next. Actions that only close or leave the message ("OK",
"Close", "×", "Back to my orders", "Return to the home page") are not a way forward.

Why it hurts customers
A customer who is told "no" with nothing else has to guess what to do: search the site for a
phone number, try again blindly, or give up. Refusals happen at the moments that matter most
(cancelling, changing an order, closing an account), so a dead end there turns into complaints,
calls to the wrong line and lost customers.

Example
Bad: `<div role="alert">We can't change this order online.</div><button>Back</button>`
Good: `<div role="alert">We can't change this order online because it has been packed.
Call us on <a href="tel:+443301234567">0330 123 4567</a> (8am–8pm) and we'll stop it, or
<a href="/returns">return it for free</a>.</div>`

How to fix
Put the way forward inside the message: what the customer can do instead, a link or phone
number (with opening hours) to a person who can help, a retry button, or what will happen next
("we'll email you when ..."). A generic "Contact us" link in the page footer is not enough: a
customer who has just been refused looks at the message, not at the footer. When the footer is
the only route to a person, the rule asks for a review instead of reporting a failure.

Not flagged
- A refusal that offers an alternative ("We can't ship to P.O. boxes — choose another address"
  with the address picker), a contact, a retry, or says what happens next.
- Validation hints that belong to one form field ("Please enter a valid postcode"): the field
  itself is the way forward.
- Refusals inside a form the customer can correct and send again (a declined card above the card
  fields).
- Policy text that mentions what cannot be done ("Personalised items cannot be returned") in an
  ordinary page, as opposed to a message shown to the customer.
- Out-of-stock notices (see `no-restock-info`); "unavailable" counts as one on pages that sell things.
- When the only route to a person is in the header, navigation or footer: a `review` finding.
"""
from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import urlsplit

from uxcheck.model import Finding, rule as declare
from uxcheck.parsing.dom_index import DomIndex, collapse, dom_index, in_chrome, tag_name
from uxcheck.parsing.messages import form_of, is_field_hint, is_self_contained, message_box
from uxcheck.parsing.phrases import Phrases
from uxcheck.snapshot import Block, Element, Snapshot

SHORT_PAGE_CHARS = 800  # a page whose main text is this short is the message (error pages)
PARENT_MAX_CHARS = 1500  # an inline alert's parent block counts as its context up to this size
MAX_DISMISS_WORDS = 5  # "Back to your accounts" leaves; a longer name starting with "back" may not
SKIP_TAGS = ("td", "th", "label", "option", "legend", "dt")


def _main_text_chars(snapshot: Snapshot) -> int:
    return sum(len(b.text) for b in snapshot.blocks if b.visible and not in_chrome(b))


def _alert_coloured(block: Block) -> bool:
    """Red text, or a tinted warning background (pink, amber): how pages mark an error."""
    c, bg = block.color, block.background
    if c and len(c) >= 3 and c[0] >= 150 and c[0] - c[1] >= 80 and c[0] - c[2] >= 80:
        return True
    return bool(bg and len(bg) >= 3 and bg[0] >= 235 and bg[0] - bg[2] >= 12 and bg[0] - bg[1] <= 60
                and not (bg[0] == bg[1] == bg[2]))


def _salient(block: Block, box: Any, snapshot: Snapshot, phrases: Phrases) -> bool:
    """Shown as a message: in an alert/dialog, the page's h1, marked in error colours, or a page
    that is just the message."""
    if box is not None or block.tag == "h1" or _alert_coloured(block):
        return True
    if phrases.has("refusal", snapshot.title) and block.landmark in (None, "main"):
        return True
    return snapshot.derived("dead_end.main_chars", _main_text_chars) <= SHORT_PAGE_CHARS


def _scope(dom: DomIndex, node: Any, box: Any) -> list[Any]:
    """The containers whose actions and text count as the message's way forward."""
    if box is not None:
        scopes = [box]
        parent = box.getparent()
        if (not is_self_contained(box) and parent is not None and tag_name(parent) not in ("body", "html")
                and len(dom.text(parent)) <= PARENT_MAX_CHARS):
            scopes.append(parent)
        form = form_of(dom, box)
        if form is not None and not is_self_contained(box):
            scopes.append(form)
        return scopes
    for anc in dom.ancestors(node):
        if tag_name(anc) in ("form", "main") or (anc.get("role") or "") == "main":
            return [anc]
    return [dom.body]


def _is_dismissal(el: Element, phrases: Phrases) -> bool:
    name = collapse(el.name or el.text)
    if not name or phrases.is_exactly("dismiss", name):
        return True
    if el.kind == "link" and el.href:
        target = urlsplit(el.href)
        if target.path in ("", "/") and not target.query and not target.fragment:
            return True  # the site's home page: leaving, not a way forward
    return (phrases.starts_with("dismiss", name) and len(name.split()) <= MAX_DISMISS_WORDS
            and not phrases.has("way_forward", name))


def _is_forward_action(el: Element, phrases: Phrases) -> bool:
    if el.attrs.get("disabled") is not None or el.attrs.get("aria-disabled") == "true":
        return False
    href = (el.href or "").lower()
    if href.startswith(("tel:", "mailto:", "sms:")):
        return True
    if el.kind == "input":
        return True
    return not _is_dismissal(el, phrases)


def _way_forward(dom: DomIndex, scopes: list[Any], phrases: Phrases) -> tuple[str | None, list[str]]:
    """What the message's containers offer: (reason it is fine or None, action names seen)."""
    seen: list[str] = []
    for scope in scopes:
        for el in dom.elements_in(scope):
            if in_chrome(el):
                continue
            seen.append(el.name or el.input_type or el.tag)
            if _is_forward_action(el, phrases):
                return f"{el.kind} '{collapse(el.name)[:60]}'", seen
        for b in dom.blocks_in(scope):
            if in_chrome(b):
                continue
            hit = phrases.find("way_forward", b.text)
            if hit:
                return f"text '{hit}'", seen
    return None, seen


def _chrome_contact(snapshot: Snapshot, phrases: Phrases) -> Element | None:
    for el in snapshot.elements:
        if el.kind != "link" or not el.visible or not in_chrome(el):
            continue
        if (el.href or "").lower().startswith(("tel:", "mailto:")) or phrases.has_any(
                ("contact_link", "help_page"), el.name):
            return el
    return None


def _candidates(snapshot: Snapshot, phrases: Phrases) -> Iterator[tuple[Block, str]]:
    for block in snapshot.blocks:
        if not block.visible or in_chrome(block) or block.tag in SKIP_TAGS:
            continue
        hit = phrases.find("refusal", block.text)
        if hit and not _stock_notice(block.text, snapshot, phrases):
            yield block, hit


def _stock_notice(text: str, snapshot: Snapshot, phrases: Phrases) -> bool:
    """Out-of-stock notices are judged by no-restock-info, not as refusals ("unavailable" only
    where the page sells things)."""
    stock = phrases.find("out_of_stock", text)
    if not stock:
        return False
    if not phrases.is_exactly("out_of_stock_ambiguous", stock):
        return True
    return any(phrases.has("add_to_cart", e.name) for e in snapshot.elements if e.kind in ("button", "link"))


@declare(id="dead-end", category="service", severity="serious",
         summary="A refusal or error that offers no way forward: no alternative, no person to contact, no retry.")
def rule(snapshot: Snapshot, ctx: Any) -> Iterator[Finding]:
    phrases = Phrases.for_context(ctx)
    candidates = list(_candidates(snapshot, phrases))
    if not candidates:
        return
    dom = dom_index(snapshot)
    judged: set[int] = set()
    for block, hit in candidates:
        node = dom.node_of(block)
        if node is None or is_field_hint(dom, node):
            continue
        box = message_box(dom, node)
        if not _salient(block, box, snapshot, phrases):
            continue
        scopes = _scope(dom, node, box)
        if id(scopes[0]) in judged:
            continue
        judged.add(id(scopes[0]))
        reason, seen = _way_forward(dom, scopes, phrases)
        if reason:
            continue
        where = dom.selector(box) if box is not None else None
        selector = where or block.selector
        message = collapse(" ".join(b.text for b in dom.blocks_in(box))) if box is not None else block.text
        message = message or block.text
        evidence = {"message": message[:300], "refusal": hit, "actions_offered": seen[:8]}
        contact = _chrome_contact(snapshot, phrases)
        if contact is not None:
            yield Finding(
                f"The message \"{message[:120]}\" offers no way forward; the only route to a person is "
                f"\"{contact.name}\" in the page {contact.landmark}. Check whether customers would find it.",
                selector=selector, evidence={**evidence, "chrome_contact": contact.name}, review=True,
                key=f"dead-end:{selector}")
            continue
        yield Finding(
            f"The message \"{message[:120]}\" tells the customer no but offers no way forward: "
            "no alternative, no one to contact, no retry and nothing about what happens next.",
            selector=selector, evidence=evidence, key=f"dead-end:{selector}")
