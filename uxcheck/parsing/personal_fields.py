"""Which personal data a form field asks for, and whether the page says why.

A field's kind comes first from the standards (the HTML ``autocomplete`` tokens and input types),
then from its words: label, accessible name, placeholder and ``name``/``id`` split into words
("steuerId" -> "steuer id", "fecha_nacimiento" -> "fecha nacimiento"), in every language of the
packs (``data_email``, ``data_phone``, ``data_birth``, ``data_national_id``, ``data_account``,
``data_card``, ``data_address``).
"""
from __future__ import annotations

import re

from .phrases import Phrases
from ..snapshot import Element

KINDS = ("national_id", "account", "card", "birth", "phone", "email", "address")  # most specific first
KIND_NAMES = {"national_id": "national or tax id", "account": "account number", "card": "card number",
              "birth": "date of birth", "phone": "phone number", "email": "email address",
              "address": "address"}
NOT_DATA_TYPES = {"hidden", "submit", "button", "reset", "image", "checkbox", "radio", "search", "password",
                  "file", "range", "color"}


def autocomplete_kind(token_string: str | None) -> str | None:
    """The kind an ``autocomplete`` attribute names (WHATWG autofill field names)."""
    for token in reversed((token_string or "").lower().split()):
        if token == "email":
            return "email"
        if token.startswith("tel"):
            return "phone"
        if token.startswith("bday"):
            return "birth"
        if token.startswith("cc-") and token not in ("cc-name", "cc-given-name", "cc-family-name",
                                                      "cc-additional-name", "cc-type"):
            return "card"
        if token in ("street-address", "postal-code") or token.startswith(("address-line", "address-level")):
            return "address"
        if token in ("username", "name", "given-name", "family-name", "off", "on", "country", "country-name",
                     "organization", "new-password", "current-password", "one-time-code"):
            return None
    return None


def words_of_identifier(value: str | None) -> str:
    """"steuerId" -> "steuer id", "ssn_last4" -> "ssn last 4", "fecha-nacimiento" -> "fecha nacimiento"."""
    v = re.sub(r"([a-z])([A-Z])", r"\1 \2", value or "")
    v = re.sub(r"([A-Za-z])(\d)", r"\1 \2", v)
    return re.sub(r"[_\-.\[\]]+", " ", v).lower().strip()


def field_words(el: Element) -> str:
    parts = [el.label or "", el.name or "", el.attrs.get("placeholder", ""), el.attrs.get("title", ""),
             words_of_identifier(el.attrs.get("name")), words_of_identifier(el.attrs.get("id"))]
    return " | ".join(p for p in parts if p)


def is_data_input(el: Element) -> bool:
    if el.kind != "input" or not el.visible:
        return False
    if (el.input_type or "text") in NOT_DATA_TYPES or el.role == "searchbox":
        return False
    return "disabled" not in el.attrs and el.attrs.get("aria-disabled") != "true"


def field_kind(el: Element, phrases: Phrases) -> str | None:
    """The personal data ``el`` asks for, or None."""
    if not is_data_input(el):
        return None
    autocomplete = el.attrs.get("autocomplete")
    kind = autocomplete_kind(autocomplete)
    if kind:
        return kind
    if autocomplete and autocomplete.lower().split()[-1:] in (["username"], ["name"], ["given-name"],
                                                                ["family-name"], ["organization"]):
        return None
    if el.input_type == "email":
        return "email"
    if el.input_type == "tel":
        return "phone"
    words = field_words(el)
    for kind in KINDS:
        if phrases.has(f"data_{kind}", words):
            return kind
    return None


def is_optional(el: Element, phrases: Phrases) -> bool:
    return not el.required and phrases.has("optional_field", " ".join([el.label or "", el.name or "",
                                                                         el.attrs.get("placeholder", "")]))


def describe(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)

