"""A key task offered on the desktop view of a step is missing from, or unreachable in, its phone view.

What it catches
The desktop layout of a page offers a key task (statements, pay a bill, dispute a transaction,
contact, track or cancel an order, returns, ... from the packs), and the phone layout of the same
page does not: the link is hidden with CSS below a breakpoint and no phone menu, tab bar or drawer
offers it, or the phone template simply leaves it out.

Why it hurts customers
Most customers manage their money and orders on a phone. When the phone view drops "Dispute a
transaction" or "Cancel order", they conclude it cannot be done online and call, or give up and
live with the charge. "Use the desktop site" is not an answer on a bus.

Example
Bad: ``<nav class="desktop-only"><a href="/disputes">Dispute a transaction</a></nav>`` with
``@media (max-width: 600px) { .desktop-only { display: none } }`` and no phone menu.
Good: below 600px the same links move into a "Menu" button (``<details>`` or a toggle with
``aria-expanded``), a bottom tab bar or a "More" page.

How to fix
Give the phone layout every task the desktop one has: move links into the phone menu instead of
hiding them, and check each breakpoint against the list of key tasks.

Not flagged
A task the phone view offers behind the site menu (hamburger, ``<details>``, off-canvas drawer,
"More" button): one tap away is reachable; a task offered on the phone under another name but to
the same address (an icon button with an accessible name, "Docs" for "Statements"); tasks the
desktop view does not offer either; a step that failed on one of the devices. When the phone view
has a closed menu whose contents are not in the page yet (built only when opened), the finding
asks for a review instead.
"""
from __future__ import annotations

import re
from typing import Any, Iterator, Mapping, Sequence
from urllib.parse import urldefrag, urlsplit

from uxcheck.model import Capture, Finding
from uxcheck.model import rule as declare
from uxcheck.parsing.links import ProminenceLimits, TaskLink, key_task_links

RULE_ID = "mobile-missing-task"
PHONE_MAX_WIDTH = 600  # CSS px: narrower views are phone layouts
MENU_WORDS = re.compile(r"^(menu|more|navigation|open menu|main menu|men[uú]|menü|plus|mehr|más|meer|mais|メニュー|≡|☰)$",
                        re.IGNORECASE)


def _is_phone(cap: Capture) -> bool:
    snap = cap.snapshot
    width = float((snap.viewport or {}).get("width") or (snap.device or {}).get("width") or 0)
    return bool(snap.is_mobile) or (0 < width < PHONE_MAX_WIDTH)


def _opens_something(snap: Any, toggle_name: str) -> bool:
    """Is the control a customer would press to open this layer a real toggle? A plain link that
    leads to another page (the logo next to a hidden list) opens nothing."""
    named = [e for e in snap.elements if e.visible and (e.name or e.text or "").strip() == toggle_name.strip()]
    if not named:
        return True  # not recorded as an element (a <summary>, a styled label): trust the collector
    for e in named:
        href = (e.href or "").strip()
        if e.kind != "link" or e.attrs.get("aria-expanded") is not None or e.attrs.get("aria-controls") \
                or e.attrs.get("aria-haspopup") or not href or href.startswith(("#", "javascript:")) \
                or urlsplit(href).fragment and urlsplit(href).path in ("", urlsplit(snap.url).path):
            return True
    return False


def _reachable(el: Any, layers: Mapping[str, Any] | None, snap: Any = None) -> bool:
    """Shown now, or behind a menu whose toggle the customer can see."""
    chain = (layers or {}).get(el.selector) or []
    if chain:
        outer = chain[0]
        if snap is not None and outer.get("toggle_visible") and not outer.get("fallback") \
                and not _opens_something(snap, str(outer.get("toggle") or "")):
            return False
        return bool(outer.get("toggle_visible") or outer.get("fallback"))
    if layers is None and not el.visible:
        return el.collapsed_menus > 0
    return el.visible and el.rect.width >= 2 and el.rect.height >= 2


def _same_address(href: str | None) -> str | None:
    if not href or href.startswith(("javascript:", "mailto:", "tel:")):
        return None
    url, frag = urldefrag(href)
    parts = urlsplit(url)
    return (parts.path.rstrip("/") or "/") + ("?" + parts.query if parts.query else "") + ("#" + frag if frag else "")


def _offered_elsewhere(phone: Any, desktop_links: list[TaskLink]) -> bool:
    """A phone link or button to the same address as a desktop task link (another name, an icon)."""
    wanted = {_same_address(link.href) for link in desktop_links} - {None}
    if not wanted:
        return False
    menus = phone.part("menus")
    layers = menus.get("layers", {}) if isinstance(menus, Mapping) else None
    return any(e.kind == "link" and _same_address(e.href) in wanted and _reachable(e, layers, phone)
               for e in phone.elements)


def _phone_offers(phone: Any, links: list[TaskLink]) -> bool:
    """The phone links to the task (key_task_links keeps only links it judges reachable), through
    a control that really opens its menu."""
    menus = phone.part("menus")
    layers = menus.get("layers", {}) if isinstance(menus, Mapping) else None
    return any(_reachable(link.element, layers, phone) for link in links)


def _unbuilt_menu(phone: Any) -> str | None:
    """A visible, closed menu toggle with nothing behind it in the page: its contents may only be
    built when it opens, so what it offers cannot be known."""
    menus = phone.part("menus")
    layers = menus.get("layers", {}) if isinstance(menus, Mapping) else {}
    toggles_with_content = {str(layer[0].get("toggle") or "").strip().lower() for layer in layers.values() if layer}
    for e in phone.elements:
        if e.kind not in ("button", "link") or not e.visible:
            continue
        name = (e.name or e.text or "").strip()
        menu_like = (MENU_WORDS.match(name) is not None
                     or e.attrs.get("aria-haspopup") not in (None, "false")
                     or (e.attrs.get("aria-expanded") == "false" and e.landmark in ("header", "nav")))
        if menu_like and name.lower() not in toggles_with_content:
            return name or e.selector
    return None


def _same_step(a: Capture, b: Capture) -> bool:
    return a.step_name == b.step_name or urlsplit(a.url).path == urlsplit(b.url).path


def _pairs(captures: Sequence[Capture]) -> Iterator[tuple[int, int]]:
    """(desktop index, phone index) for each step audited on both kinds of device."""
    by_step: dict[int, list[int]] = {}
    for i, c in enumerate(captures):
        if c.status == "ok" and c.snapshot is not None:
            by_step.setdefault(c.step_index, []).append(i)
    for indexes in by_step.values():
        desktops = [i for i in indexes if not _is_phone(captures[i])]
        for p in (i for i in indexes if _is_phone(captures[i])):
            match = next((d for d in desktops if _same_step(captures[d], captures[p])), None)
            if match is not None:
                yield match, p


def _similar_control(phone: Any, label: str) -> str | None:
    """A phone control whose name is part of the desktop label ("Cancel" for "Cancel order"): maybe
    the same task under a shorter name, which a person should confirm."""
    want = " ".join(label.lower().split())
    if not want:
        return None
    menus = phone.part("menus")
    layers = menus.get("layers", {}) if isinstance(menus, Mapping) else None
    for e in phone.elements:
        if e.kind not in ("link", "button"):
            continue
        name = " ".join((e.name or e.text or "").lower().split())
        if len(name) >= 4 and name != want and (name in want or want in name) and _reachable(e, layers, phone):
            return e.name or e.text
    return None


@declare(id=RULE_ID, category="journey", severity="serious", scope="flow",
         summary="A key task offered on the desktop view of a step is missing from, or unreachable in, its phone view.")
def rule(captures: Sequence[Capture], ctx: Any) -> Iterator[Finding]:
    limits = ProminenceLimits.from_context(ctx)
    tasks = ctx.packs.tasks() if ctx.packs is not None else {}
    for d, p in _pairs(captures):
        desktop, phone = captures[d].snapshot, captures[p].snapshot
        on_desktop = key_task_links(desktop, ctx.packs, limits)
        on_phone = key_task_links(phone, ctx.packs, limits)
        unbuilt = None
        for task_id, links in on_desktop.items():
            named = [link for link in links if link.named] or links
            if _phone_offers(phone, on_phone.get(task_id, [])) or _offered_elsewhere(phone, named):
                continue
            if unbuilt is None:
                unbuilt = _unbuilt_menu(phone) or ""
            # The link that names the task most clearly: by its name and its address, easiest to find.
            best = min(named, key=lambda link: (link.matched_by != "name+href", len(link.problems), link.screens))
            similar = _similar_control(phone, best.name)
            hidden = next((e for e in phone.elements if e.selector == best.selector), None)
            task = tasks.get(task_id)
            description = task.description if task is not None else task_id.replace("_", " ")
            how = ("is hidden on phones and no phone menu offers it" if hidden is not None
                   else "is not on the phone page at all")
            message = (f'On a phone, customers cannot {description}: the desktop page offers '
                       f'"{best.name}", but it {how}.')
            if unbuilt:
                message += f' The closed "{unbuilt}" menu may offer it once opened; please check.'
            elif similar:
                message += f' The phone page has "{similar}", which may be the same; please check.'
            yield Finding(
                message,
                selector=best.selector if hidden is not None else None,
                evidence={"capture": p, "task": task_id, "task_description": description,
                          "desktop_label": best.name, "desktop_selector": best.selector, "href": best.href,
                          "desktop_region": best.region, "desktop_step": captures[d].step_name,
                          "phone_device": captures[p].device,
                          "on_phone": "hidden" if hidden is not None else "absent",
                          "unopened_menu": unbuilt or None, "similar_on_phone": similar},
                review=bool(unbuilt or similar),
                key=task_id,
            )
