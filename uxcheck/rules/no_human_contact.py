"""A help or contact page that offers no way to reach a person.

What it catches
Help, support and contact pages (recognised by their address, such as `/contact`, `/hilfe`,
`/aide`, `/ayuda`, `/klantenservice`, `/ajuda`, by a title part or by an h1 such as "Contact us",
"Hilfe & Kontakt", "Nous contacter", "Centro de ayuda") whose main content offers only machines:
an FAQ or help search, a chatbot or virtual assistant, a phone line described only as a menu
("press 1 for ...", "tapez 2"), or a web form, and no person: no phone number, no email address,
no live chat with advisers, no call-back, no branch or appointment, no link on to a contact page.
On other pages of a key flow (an order, a payment), a "Need help?" / "Brauchen Sie Hilfe?" /
"Besoin d'aide ?" box that offers only a bot, a phone menu, a form or a search is flagged the same way.

Why it hurts customers
People open the contact page when self-service has already failed them. If the page only loops
them back to FAQs, a bot or a form with a five-day reply, a customer with an urgent or unusual
problem (a blocked card, a wrong charge, a bereavement) has nowhere to go.

Example
Bad: `<h1>Contact us</h1><form>…<textarea name="message"></textarea><button>Send</button></form>`
Good: `<h1>Contact us</h1><p>Call <a href="tel:+18005550199">1-800-555-0199</a>, 8am–8pm ET,
or <a href="#chat">chat with an adviser</a>.</p><form>…</form>`

How to fix
Offer at least one way to reach a person on the help or contact page itself, with when it is
open: a phone number with opening hours, live chat with agents, an email address, a call-back
request or a branch appointment. Keep the bot and the FAQ, but not as the only doors.

Not flagged
- Pages that are not help or contact pages (a product page with a chatbot bubble), unless a
  "Need help?" box on them offers only machines; a "Questions?" heading over an FAQ list is not
  such a box.
- Help pages that link on to a contact page ("Contact us" in the page's content).
- Phone lines that mention advisers or a person, even when a menu comes first.
- When the only route to a person is in the page header or footer (a phone number in the footer):
  a `review` finding, since customers on a help page may or may not look there.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

from uxcheck.model import Finding, rule as declare
from uxcheck.parsing.contact_channels import HELP_SEARCH, contact_channels
from uxcheck.parsing.dom_index import dom_index, in_chrome, tag_name
from uxcheck.parsing.phrases import Phrases, normalise
from uxcheck.snapshot import Element, Snapshot

SECTION_MAX_CHARS = 1200  # a "Need help?" box, not the whole page
TITLE_SEPARATORS = re.compile(r"\s[|\-–—·:]\s|\s\|\s?|\|")


def slug(text: str) -> str:
    """"Centre d'aide" -> "centre-d-aide", "Hilfe & Kontakt" -> "hilfe-kontakt"."""
    t = unicodedata.normalize("NFKD", normalise(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def help_page_signal(snapshot: Snapshot, phrases: Phrases) -> str | None:
    """Why the page is a help or contact page ("h1 'Contact us'"), or None."""
    for h in snapshot.headings:
        if h.level == 1 and h.visible and phrases.is_exactly("help_page", h.name):
            return f"h1 '{h.name}'"
    # The title's first part names the page ("Contact us | Brand"); later parts are breadcrumbs
    # ("How to freeze your card | Help | Brand" is an article inside the help section).
    first = TITLE_SEPARATORS.split(snapshot.title or "")[0]
    if phrases.is_exactly("help_page", first):
        return f"title '{snapshot.title}'"
    segments = [s for s in unquote(urlsplit(snapshot.url or "").path).split("/") if s]
    if segments:
        last = slug(re.sub(r"\.\w{2,5}$", "", segments[-1]))
        slugs = {slug(w) for w in phrases.words("help_page")}
        # Only the hub itself: /help or /contact-us, not every article under /help/...
        if last in slugs or any(last.startswith(s + "-") and len(last) <= len(s) + 8 for s in slugs):
            return f"address '{urlsplit(snapshot.url).path}'"
    return None


def _main_selector(snapshot: Snapshot) -> str | None:
    for h in snapshot.headings:
        if h.level == 1 and h.visible:
            return h.selector
    return None


def _help_sections(snapshot: Snapshot, phrases: Phrases) -> Iterator[tuple[Element, Any]]:
    """"Need help?" boxes of a task page: a heading and the container it titles."""
    headings = [h for h in snapshot.headings if h.visible and not in_chrome(h)
                and phrases.is_exactly("help_section", h.name)]
    if not headings:
        return
    dom = dom_index(snapshot)
    for h in headings:
        node = dom.node_of(h)
        for anc in dom.ancestors(node, include_self=False):
            text = dom.text(anc)
            if tag_name(anc) in ("body", "html", "main") or len(text) > SECTION_MAX_CHARS:
                break
            if len(text) > len(h.name) + 10:
                yield h, anc
                break


def _section_findings(snapshot: Snapshot, phrases: Phrases) -> Iterator[Finding]:
    dom = None
    for heading, section in _help_sections(snapshot, phrases):
        dom = dom or dom_index(snapshot)
        channels = contact_channels(snapshot, phrases, dom.blocks_in(section), dom.elements_in(
            section, ("link", "button", "input", "heading")))
        # Only boxes that offer a way to "contact" a machine (bot, phone menu, web form) are judged:
        # a heading over FAQ answers and a search is not a contact box.
        contact_machines = [m for m in channels.machine if m != HELP_SEARCH]
        if channels.human or not contact_machines:
            continue
        yield Finding(
            f"The \"{heading.name}\" box offers only {', '.join(channels.machine)}: no phone number, email, "
            "live chat with a person, call-back or branch.",
            selector=dom.selector(section) or heading.selector,
            evidence={"help_section": heading.name, "offered": channels.machine},
            key=f"no-human-contact:section:{heading.selector}")


@declare(id="no-human-contact", category="service", severity="serious",
         summary="A help or contact page that offers only menus, bots or forms, with no way to reach a person.")
def rule(snapshot: Snapshot, ctx: Any) -> Iterator[Finding]:
    phrases = Phrases.for_context(ctx)
    signal = help_page_signal(snapshot, phrases)
    if signal is None:
        yield from _section_findings(snapshot, phrases)
        return
    channels = contact_channels(snapshot, phrases)
    if channels.human:
        return
    offered = channels.machine or ["help articles"]
    selector = _main_selector(snapshot)
    evidence = {"help_page": signal, "offered": offered}
    if channels.chrome_human:
        yield Finding(
            "This help page offers no way to reach a person in its content; the only one is in the page "
            f"header or footer ({channels.chrome_human[0][:60]}). Check whether customers would find it.",
            selector=selector, evidence={**evidence, "chrome": channels.chrome_human[:3]}, review=True,
            key="no-human-contact:chrome")
        return
    yield Finding(
        f"This help page offers only {', '.join(offered)}: no phone number, email, live chat with a person, "
        "call-back or branch.",
        selector=selector, evidence=evidence, key="no-human-contact")
