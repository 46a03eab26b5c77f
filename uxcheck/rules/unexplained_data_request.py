"""A form asks for personal data without saying why.

What it catches
A form field for personal data (email address, phone number, date of birth, national or tax id
such as SSN, Steuer-ID, numéro fiscal, DNI, BSN or CPF, account or card number, address),
recognised by its `autocomplete` token, input type, or label, placeholder, name or id in
English, German, French, Spanish, Dutch or Portuguese, that is required or not marked optional,
with no explanation near it of why it is needed or how it will be used: no hint text, no
`aria-describedby` description, no note in the field's own container, its fieldset or the form.
Also, as a `minor` finding: an identification step (forgotten login, find your account, track an
order) that accepts only an account number, where a name, email or customer id would do.

Why it hurts customers
People hesitate to hand over a birth date, a phone number or a tax id without a reason; many
abandon the form or type something false. Saying why ("so the courier can call you on the day",
"the law requires us to check your age") costs one line and earns the data.
Asking for an account number to identify someone locks out those who don't have it to hand.

Example
Bad: `<label for="dob">Date of birth*</label><input id="dob" autocomplete="bday" required>`
Good: `<label for="dob">Date of birth</label><p id="dob-why">We need this to check you are over
18, as the law requires.</p><input id="dob" autocomplete="bday" aria-describedby="dob-why" required>`

How to fix
Put one sentence next to the field (linked with `aria-describedby`) or in the fieldset's legend
saying why the data is needed and how it will be used; mark fields you don't really need as
optional, or drop them. For identification, accept other identifiers too (email, customer id,
name and date of birth).

Not flagged
- Login forms (an email next to a password) and sign-up emails used as the login.
- Search boxes.
- Forms whose heading makes the purpose obvious: a newsletter or notify-me email, card fields in
  a payment form, an address in a delivery or billing form, a phone number in a call-back form,
  the email of a contact form with a message box (for the reply).
- Email, phone, account number or postcode used to look the customer up in an identification step
  ("Find my order", "Forgot your password?"); birth dates and national ids still need a reason.
- Fields with a clear explanation, fields marked optional, and fields in the page header or footer
  that are not required.
"""
from __future__ import annotations

from typing import Any, Iterator

from uxcheck.model import Finding, rule as declare
from uxcheck.parsing.dom_index import DomIndex, collapse, dom_index, in_chrome, tag_name
from uxcheck.parsing.messages import controls_in
from uxcheck.parsing.personal_fields import describe, field_kind, is_data_input, is_optional
from uxcheck.parsing.phrases import Phrases
from uxcheck.snapshot import Element, Snapshot

HEADINGS = "self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"
EXPLAINS = ("data_purpose",)
EXPLAINS_NEARBY = ("data_purpose", "privacy_note")  # a privacy note counts next to the field only


def _form(dom: DomIndex, node: Any) -> Any:
    """The form a field belongs to: its <form>, else the nearest block holding other fields too."""
    for anc in dom.ancestors(node):
        if tag_name(anc) == "form":
            return anc
    for anc in dom.ancestors(node, include_self=False):
        if tag_name(anc) in ("body", "html") or len(controls_in(anc)) >= 2:
            return anc
    return dom.body


def _context(dom: DomIndex, form: Any) -> str:
    """What the form says it is for: its headings, legends, buttons and the heading before it."""
    parts = [form.get("aria-label") or ""]
    for tag in form.xpath(f".//*[{HEADINGS} or self::legend or self::button or self::summary]"):
        parts.append(dom.text(tag))
    for inp in form.xpath(".//input[@type='submit' or @type='button']"):
        parts.append(inp.get("value") or "")
    previous = form.xpath(f"preceding::*[{HEADINGS}][1]")
    if previous:
        parts.append(dom.text(previous[0]))
    for i, sib in enumerate(form.itersiblings(preceding=True)):
        if i >= 2:
            break
        if tag_name(sib) in ("p", "div") and len(dom.text(sib)) < 300:
            parts.append(dom.text(sib))
    return " | ".join(p for p in parts if p)


def _is_login_or_search(form: Any, fields: list[tuple[Element, str | None]]) -> bool:
    """A search form, or a sign-in form: one password and at most two identifiers (user id, PIN)."""
    if form.get("role") == "search":
        return True
    passwords = form.xpath(".//input[@type='password']")
    new_password = any((p.get("autocomplete") or "") == "new-password" for p in passwords)
    return len(passwords) == 1 and not new_password and len(fields) <= 2


def _obvious(kind: str, form: Any, context: str, phrases: Phrases) -> str | None:
    """Why the form's purpose already explains a field of this kind, or None."""
    if kind == "email":
        if form.xpath(".//input[@type='password']"):
            return "sign-in or sign-up email"
        if form.xpath(".//textarea"):
            return "reply address of a message form"
        concept = phrases.has_any(("purpose_newsletter", "notify_me"), context)
        if concept:
            return concept
    if kind in ("email", "phone", "account", "address") and phrases.has("identify_step", context):
        return "identifier in a look-up step (find my order, reset my login)"
    if kind in ("card", "account") and phrases.has("purpose_payment", context):
        return "payment form"
    if kind == "address" and phrases.has_any(("purpose_delivery", "purpose_payment"), context):
        return "delivery or billing address in a checkout"
    if kind == "phone" and phrases.has("human_channel", context):
        return "call-back form"
    return None


def _field_box(dom: DomIndex, node: Any, form: Any) -> Any:
    """The largest container around a field that holds no other field (its form-group)."""
    box = node
    for anc in dom.ancestors(node, include_self=False):
        if anc is form or tag_name(anc) in ("form", "body", "html") or len(controls_in(anc)) > 1:
            break
        box = anc
    return box


def _explanation(dom: DomIndex, el: Element, node: Any, form: Any, phrases: Phrases) -> str | None:
    if phrases.has_any(EXPLAINS_NEARBY, el.description):
        return "description"
    own = " ".join([el.label or "", el.name or "", el.attrs.get("placeholder", ""), el.attrs.get("title", "")])
    if phrases.has_any(EXPLAINS_NEARBY, own):
        return "label"
    if phrases.has_any(EXPLAINS_NEARBY, dom.text(_field_box(dom, node, form))):
        return "field hint"
    for anc in dom.ancestors(node, include_self=False):
        if tag_name(anc) == "fieldset":
            if phrases.has_any(EXPLAINS_NEARBY, dom.text(anc)):
                return "fieldset"
            break
        if anc is form:
            break
    if tag_name(form) not in ("body", "html") and phrases.has_any(EXPLAINS, dom.text(form) + " " + _context(dom, form)):
        return "form note"
    return None


def _identification_only_by_account(fields: list[tuple[Element, str | None]], form: Any, context: str,
                                    snapshot: Snapshot, phrases: Phrases) -> Element | None:
    if len(fields) != 1 or fields[0][1] != "account" or form.xpath(".//input[@type='password']"):
        return None
    heading = " | ".join([context, snapshot.title] + [h.name for h in snapshot.headings if h.level == 1])
    if phrases.has("identify_step", heading) and not phrases.has("purpose_payment", context):
        return fields[0][0]
    return None


@declare(id="unexplained-data-request", category="data", severity="moderate",
         summary="A form asks for personal data (email, phone, date of birth, id or account number) without saying why.")
def rule(snapshot: Snapshot, ctx: Any) -> Iterator[Finding]:
    phrases = Phrases.for_context(ctx)
    inputs = [e for e in snapshot.inputs if is_data_input(e)]
    kinds = {e.selector: field_kind(e, phrases) for e in inputs}
    if not any(kinds.values()):
        return
    dom = dom_index(snapshot)
    forms: dict[int, tuple[Any, list[tuple[Element, str | None]]]] = {}
    for el in inputs:
        node = dom.node_of(el)
        if node is None:
            continue
        form = _form(dom, node)
        forms.setdefault(id(form), (form, []))[1].append((el, kinds[el.selector]))

    for form, fields in forms.values():
        if _is_login_or_search(form, fields):
            continue
        context = _context(dom, form)
        reported: set[str] = set()
        for el, kind in fields:
            if kind is None or kind in reported or is_optional(el, phrases):
                continue
            if in_chrome(el) and not el.required:
                continue  # an optional-looking field in the header or footer is not prominent
            if _obvious(kind, form, context, phrases):
                continue
            node = dom.node_of(el)
            if _explanation(dom, el, node, form, phrases):
                continue
            reported.add(kind)
            label = collapse(el.label or el.name or el.attrs.get("placeholder") or el.attrs.get("name") or "")
            yield Finding(
                f"The form asks for {describe(kind)} (\"{label[:60]}\") without saying why it is needed "
                "or how it will be used.",
                selector=el.selector,
                evidence={"field": label[:120], "kind": kind, "required": bool(el.required),
                          "form": (context[:120] or None)},
                key=f"unexplained-data-request:{kind}:{el.selector}")
        only = _identification_only_by_account(fields, form, context, snapshot, phrases)
        if only is not None:
            label = collapse(only.label or only.name or "")
            yield Finding(
                f"This identification step accepts only an account number (\"{label[:60]}\"); customers "
                "who don't have it to hand have no other way to identify themselves (email, customer id, name).",
                selector=only.selector, severity="minor",
                evidence={"field": label[:120], "kind": "account", "other_identifiers": 0},
                key=f"unexplained-data-request:account-only:{only.selector}")
