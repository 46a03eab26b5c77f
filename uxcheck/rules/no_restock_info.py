"""An out-of-stock product with no date, no notify-me and no alternative.

What it catches
A product shown as out of stock or unavailable ("Sold out", "Out of stock", "Ausverkauft",
"Nicht vorrätig", "Rupture de stock", "Épuisé", "Agotado", "Sin existencias", "Uitverkocht",
"Esgotado") where neither the product (its card in a listing, or the product page) nor the page
says when it will be back ("Back in stock on 12 Dec", "Expected in 2 weeks"), offers to tell the
customer ("Notify me", "Email me when available", an email field, "Benachrichtigen",
"M'alerter", "Avísame") or points to an alternative (similar items, other sizes or colours,
another store, click & collect). Words that also describe services ("unavailable", "nicht
verfügbar", "indisponible", "no disponible") count only next to a price or an add-to-cart button.

Why it hurts customers
"Sold out" with nothing else ends the visit: the customer cannot tell whether to wait, where else
to look, or how to hear when it is back, and buys elsewhere. A date, a notify-me or a pointer to
similar products keeps them.

Example
Bad: `<span class="badge">Sold out</span><button disabled>Sold out</button>`
Good: `<p>Sold out — back in stock around 12 December.</p><form><label>Email</label>
<input type="email"><button>Notify me</button></form><a href="/similar/123">See similar items</a>`

How to fix
Say when the product is expected back (or that it will not return), offer a notify-me by email,
and link to alternatives: other sizes or colours, similar products, availability in stores.

Not flagged
- One size or colour out of stock in a variant picker while others can be chosen.
- Low stock ("Only 2 left in stock").
- A product card in a listing that is sold out while the card or the page offers similar items,
  a notify-me or a restock date.
- Services that are "currently unavailable" (maintenance pages): no price, no basket; see
  `dead-end` for those.
"""
from __future__ import annotations

from typing import Any, Iterator

from uxcheck.model import Finding, rule as declare
from uxcheck.parsing.dates import find_dates
from uxcheck.parsing.dom_index import DomIndex, collapse, dom_index, in_chrome, tag_name
from uxcheck.parsing.money import find_money
from uxcheck.parsing.phrases import Phrases
from uxcheck.snapshot import Block, Element, Snapshot

WAY_BACK = ("restock", "notify_me", "alternative")
VARIANT_GROUP_MAX_CHARS = 600
CARD_MAX_CHARS = 1500
NEAR_TEXT_CHARS = 300
OPTIONS = ".//label|.//option|.//*[@role='radio']|.//*[@role='option']|.//button[@aria-pressed]|.//li"


def _has_price(text: str, lang: str) -> bool:
    return next(iter(find_money(text, lang or None)), None) is not None


def _variant_group(dom: DomIndex, node: Any) -> Any:
    """A size/colour picker around ``node``: a group of two or more choosable options."""
    for anc in dom.ancestors(node):
        name = tag_name(anc)
        if name in ("form", "main", "body") or len(dom.text(anc)) > VARIANT_GROUP_MAX_CHARS:
            return None
        role = anc.get("role") or ""
        radios = anc.xpath(".//input[@type='radio']")
        if name in ("fieldset", "select") or role in ("radiogroup", "listbox", "group") or len(radios) >= 2:
            return anc
    return None


def _other_variant_available(dom: DomIndex, group: Any, phrases: Phrases) -> bool:
    options = [o for o in group.xpath(OPTIONS) if dom.text(o)]
    available = 0
    for opt in options:
        disabled = (opt.get("disabled") is not None or opt.get("aria-disabled") == "true"
                    or any(i.get("disabled") is not None for i in opt.xpath(".//input")))
        if not disabled and not phrases.has("out_of_stock", dom.text(opt)):
            available += 1
    return len(options) >= 2 and available >= 1


def _card(dom: DomIndex, node: Any, lang: str) -> Any:
    """The product card holding ``node`` in a listing: the priced block repeated beside siblings."""
    for anc in dom.ancestors(node):
        if tag_name(anc) in ("main", "body") or len(dom.text(anc)) > CARD_MAX_CHARS:
            return None
        if not _has_price(dom.text(anc), lang):
            continue
        for item in (anc, anc.getparent()):  # the priced block or its wrapper is the repeated card
            parent = item.getparent() if item is not None else None
            if parent is None:
                continue
            twins = [s for s in parent.iterchildren(item.tag)
                     if s is not item and s.get("class") == item.get("class")]
            if len(twins) >= 1:
                return item
        return None
    return None


def _way_back(dom: DomIndex, scope: Any, phrases: Phrases) -> str | None:
    for el in dom.elements_in(scope, ("link", "button", "input")):
        if in_chrome(el):
            continue
        if el.kind == "input" and el.input_type == "email":
            return "an email field (notify me)"
        concept = phrases.has_any(WAY_BACK, el.name)
        if concept:
            return f"{concept}: '{collapse(el.name)[:60]}'"
    for b in dom.blocks_in(scope):
        if in_chrome(b):
            continue
        concept = phrases.has_any(WAY_BACK, b.text)
        if concept:
            return f"{concept}: '{phrases.find(concept, b.text)}'"
    return None


def _restock_date(texts: list[str], lang: str) -> str | None:
    for text in texts:
        for frag in find_dates(text, lang or None):
            if frag.day and frag.month:
                return frag.text.strip()
    return None


def _candidates(snapshot: Snapshot, phrases: Phrases) -> Iterator[tuple[Block | Element, str]]:
    items: list[Block | Element] = [b for b in snapshot.blocks if b.visible and b.tag not in ("option",)]
    items += [e for e in snapshot.elements if e.visible and e.kind in ("button", "link")]
    for item in items:
        if in_chrome(item):
            continue
        text = item.text if isinstance(item, Block) else (item.name or item.text)
        hit = phrases.find("out_of_stock", text)
        if hit:
            yield item, hit


@declare(id="no-restock-info", category="service", severity="moderate",
         summary="An out-of-stock item with no expected date, no notify-me and no alternative.")
def rule(snapshot: Snapshot, ctx: Any) -> Iterator[Finding]:
    phrases = Phrases.for_context(ctx)
    candidates = list(_candidates(snapshot, phrases))
    if not candidates:
        return
    dom = dom_index(snapshot)
    lang = snapshot.lang
    page_way_back: dict[int, str | None] = {}
    judged: set[int] = set()
    for item, hit in candidates:
        node = dom.node_of(item)
        if node is None:
            continue
        group = _variant_group(dom, node)
        if group is not None and _other_variant_available(dom, group, phrases):
            continue  # one size or colour is out, others can be bought
        card = _card(dom, node, lang)
        page = dom.main_of(node)
        scope = card if card is not None else page
        if id(scope) in judged:
            continue
        sold_here = any(_has_price(b.text, lang) for b in dom.blocks_in(scope)) or any(
            phrases.has("add_to_cart", e.name) for e in dom.elements_in(scope, ("button", "link", "input")))
        if phrases.is_exactly("out_of_stock_ambiguous", hit) and not sold_here:
            continue  # "currently unavailable" with no price or basket: a service, not a product
        judged.add(id(scope))
        own_text = item.text if isinstance(item, Block) else item.name
        parent = node.getparent()
        parent_text = dom.text(parent) if parent is not None else ""
        # A date counts beside the notice only: "Back 12 Dec" yes, a delivery date elsewhere no.
        date = _restock_date([own_text, parent_text if len(parent_text) <= NEAR_TEXT_CHARS else ""], lang)
        if date:
            continue
        reason = _way_back(dom, scope, phrases)
        if reason is None and card is not None:
            if id(page) not in page_way_back:
                page_way_back[id(page)] = _way_back(dom, page, phrases)
            reason = page_way_back[id(page)]
        if reason:
            continue
        heading = next((e.name for e in dom.elements_in(scope, ("heading",))), "") or snapshot.title
        where = "product card" if card is not None else "product page"
        selector = (dom.selector(card) if card is not None else None) or item.selector
        yield Finding(
            f"\"{heading[:80]}\" is shown as \"{hit}\" with no expected date, no way to be notified and "
            "no alternative (similar items, other sizes, another store).",
            selector=selector,
            evidence={"stock_text": collapse(own_text)[:160], "product": heading[:120], "where": where},
            key=f"no-restock-info:{selector}")
