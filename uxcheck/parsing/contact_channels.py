"""Ways to reach the company that a page offers, sorted into people and machines.

People: a phone number (unless the page only describes a phone menu), an email address, advisers,
live chat, call-back, branches and appointments, or a link on to a contact page.
Machines: phone menus ("press 1 for ..."), chatbots and virtual assistants, web forms, FAQ search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .dom_index import in_chrome
from .phrases import Phrases, normalise
from ..snapshot import Block, Element, Snapshot

PHONE = re.compile(r"(?<![\w/.,-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{1,5}(?:[\s.-]\d{2,5}){1,5}(?![\w/-]|[.,]\d)")
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 7, 15
HELP_SEARCH = "a help search"


def phone_numbers(text: str) -> list[str]:
    """Phone numbers written in text (7 to 15 digits, not dates)."""
    out = []
    for m in PHONE.finditer(text or ""):
        raw = m.group(0).strip()
        digits = sum(ch.isdigit() for ch in raw)
        if MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS and not DATE_LIKE.match(raw):
            out.append(raw)
    return out


def ivr_pattern(phrases: Phrases) -> re.Pattern[str]:
    verbs = sorted((normalise(w) for w in phrases.words("ivr_press")), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in verbs) + r")\s+(?:the\s+)?[0-9*#](?!\d)")


@dataclass
class Channels:
    human: list[str] = field(default_factory=list)  # what reaches a person, as evidence
    machine: list[str] = field(default_factory=list)  # menus, bots, forms, FAQ search
    chrome_human: list[str] = field(default_factory=list)  # people reachable only from header/footer


def _path(url: str | None) -> str:
    return urlsplit(url or "").path.rstrip("/")


def cued_short_numbers(text: str, phrases: Phrases) -> list[str]:
    """Short service numbers introduced by a call word ("Appelez le 3639", "call 116 123")."""
    cues = sorted((normalise(w) for w in phrases.words("phone_cue")), key=len, reverse=True)
    if not cues:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) +
                         r")(?!\w)[^\d\n]{0,20}?(\d{3,6}(?:[ .]\d{2,4})?)(?!\d|\s*[^\W\d_])")
    return [m.group(1) for m in pattern.finditer(normalise(text))]


def contact_channels(snapshot: Snapshot, phrases: Phrases, blocks: list[Block] | None = None,
                     elements: list[Element] | None = None) -> Channels:
    """The channels of a page's main content, or of the given blocks and elements (a "Need help?"
    box); the page's chrome is looked at separately."""
    ch = Channels()
    main_blocks = blocks if blocks is not None else [b for b in snapshot.blocks if b.visible and not in_chrome(b)]
    main_elements = (elements if elements is not None
                     else [e for e in snapshot.elements if e.visible and not in_chrome(e)])
    main_text = "\n".join([b.text for b in main_blocks] + [e.name for e in main_elements if e.kind != "input"])
    ivr = ivr_pattern(phrases).search(normalise(main_text))
    bot = phrases.find("bot_channel", main_text)
    human_words = phrases.find("human_channel", main_text)
    if ivr:
        ch.machine.append(f"a phone menu ('{ivr.group(0)}')")
    if bot:
        ch.machine.append(f"an automated service ('{bot}')")
    if human_words:
        ch.human.append(f"'{human_words}'")
    chat = phrases.find("chat_channel", main_text)
    if chat and not bot:
        ch.human.append(f"chat ('{chat}')")

    here = _path(snapshot.url)
    for el in main_elements:
        href = (el.href or "").lower()
        if href.startswith("tel:"):
            (ch.machine if ivr and not human_words else ch.human).append(f"phone {el.name or href[4:]}")
        elif href.startswith("mailto:"):
            ch.human.append(f"email {href[7:]}")
        elif el.kind == "link" and phrases.has("contact_link", el.name) and _path(el.href) not in ("", here):
            ch.human.append(f"link '{el.name}'")
        elif el.kind == "input" and (el.input_type == "search" or el.role == "searchbox"):
            ch.machine.append(HELP_SEARCH)
        elif el.kind == "input" and el.input_type == "textarea":
            ch.machine.append("a web form")
    # Link and button names too: a number or address written as the link text ("0800 123 456").
    for text in [b.text for b in main_blocks] + [e.name for e in main_elements if e.kind in ("link", "button")]:
        for number in phone_numbers(text) + cued_short_numbers(text, phrases):
            (ch.machine if ivr and not human_words else ch.human).append(f"phone {number}")
        for address in EMAIL.findall(text):
            ch.human.append(f"email {address}")

    for el in snapshot.elements:
        if not (el.visible and in_chrome(el)):
            continue
        href = (el.href or "").lower()
        if href.startswith(("tel:", "mailto:")) or (el.kind == "link" and phrases.has("contact_link", el.name)
                                                    and _path(el.href) not in ("", here)):
            ch.chrome_human.append(el.name or href)
    for b in snapshot.blocks:
        if b.visible and in_chrome(b) and (phone_numbers(b.text) or EMAIL.search(b.text)):
            ch.chrome_human.append(b.text[:80])
    ch.human = list(dict.fromkeys(ch.human))
    ch.machine = list(dict.fromkeys(ch.machine))
    return ch
