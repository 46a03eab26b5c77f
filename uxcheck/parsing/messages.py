"""Messages the page shows the customer, and what the page offers around them.

Shared by the service rules: a refusal or an out-of-stock notice is judged by the container it
sits in (an alert, a dialog, a toast, a product card, the form it belongs to) and the actions that
container offers. Containers are recognised by structure and by the names front-end frameworks
give them (Bootstrap ``alert``, Material ``MuiSnackbar``, GOV.UK ``error-summary``...).
"""
from __future__ import annotations

import re
from typing import Any

from .dom_index import DomIndex, tag_name

# Roles and class-name parts of message containers.
MESSAGE_ROLES = {"alert", "alertdialog", "dialog", "status"}
MESSAGE_CLASS = re.compile(
    r"alert|toast|snackbar|modal|dialog|notice|notification|message|msg|error|warning|danger|callout|"
    r"flash|banner|empty-?state", re.IGNORECASE)
# Containers that stand on their own (nothing next to them belongs to the message).
SELF_CONTAINED_CLASS = re.compile(r"modal|dialog|toast|snackbar|popup|popover|overlay", re.IGNORECASE)
CONTROL_TAGS = {"input", "select", "textarea"}
NON_CONTROL_INPUTS = {"hidden", "submit", "button", "reset", "image"}


def classes(tag: Any) -> str:
    return tag.get("class") or ""


def is_message_box(tag: Any) -> bool:
    role = (tag.get("role") or "").split(" ")[0]
    if role in MESSAGE_ROLES or tag_name(tag) == "dialog" or tag.get("aria-modal") == "true":
        return True
    if tag.get("aria-live") in ("assertive", "polite"):
        return True
    return tag_name(tag) not in ("body", "html", "main", "form") and bool(MESSAGE_CLASS.search(classes(tag)))


def is_self_contained(tag: Any) -> bool:
    role = (tag.get("role") or "").split(" ")[0]
    return (role in ("dialog", "alertdialog") or tag_name(tag) == "dialog" or tag.get("aria-modal") == "true"
            or bool(SELF_CONTAINED_CLASS.search(classes(tag))))


def message_box(dom: DomIndex, node: Any, max_chars: int = 1500) -> Any:
    """The nearest alert, dialog, toast or notice around ``node`` (not a whole page region)."""
    found = None
    for anc in dom.ancestors(node):
        if tag_name(anc) in ("body", "html", "main"):
            break
        boxed = is_message_box(anc) and len(dom.text(anc)) <= max_chars
        if boxed:
            found = anc  # keep climbing: a toast's text part sits inside the toast
        elif found is not None:
            break
    return found


def is_control(tag: Any) -> bool:
    name = tag_name(tag)
    if name not in CONTROL_TAGS:
        return False
    return name != "input" or (tag.get("type") or "text").lower() not in NON_CONTROL_INPUTS


def controls_in(tag: Any) -> list[Any]:
    return [t for t in tag.xpath(".//input|.//select|.//textarea") if is_control(t)]


def is_field_hint(dom: DomIndex, node: Any) -> bool:
    """A message that belongs to one form field (validation text, a hint under an input)."""
    described = dom.described_ids()
    for anc in dom.ancestors(node):
        if anc.get("id") in described or tag_name(anc) in ("label", "option"):
            return True
        if tag_name(anc) in ("form", "body", "main", "fieldset") or is_message_box(anc) and anc is not node:
            return False
        ctls = controls_in(anc)
        if ctls:
            return len(ctls) == 1  # the first container with a field holds just that field
    return False


def form_of(dom: DomIndex, node: Any) -> Any:
    for anc in dom.ancestors(node):
        if tag_name(anc) == "form":
            return anc
    return None
