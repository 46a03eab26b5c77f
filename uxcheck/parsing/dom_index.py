"""Where snapshot items sit in the page's structure.

The collector records each element and text block with a CSS selector (nearest ancestor with a
unique id, then ``tag:nth-of-type`` steps). This index walks the same steps in the page's HTML
(parsed with lxml, once per snapshot, and only by rules that need it), so a rule can go from a
recorded item to its node and ask structural questions: which dialog, alert, form or card holds
it, which links and buttons sit in that container, what the node's text is.

Selectors are resolved lazily with each parent's children grouped by tag and cached, so a
10,000-row statement costs a parse and a few lookups, not a walk over every node.

Content inside shadow roots and iframes is not in the serialised HTML; such an item resolves to
its host element (the longest part of its selector that exists in the HTML).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable, Iterator

from ..snapshot import Block, Element, Snapshot

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_STEP = re.compile(r"^([a-z][a-z0-9-]*)(?::nth-of-type\((\d+)\))?$")
CHROME = ("header", "nav", "footer")  # page regions repeated on every page


def collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def parse_html(snapshot: Snapshot) -> Any:
    """The page's HTML as an lxml tree (the <html> element), shared by every rule."""
    import lxml.html

    html = snapshot.html or "<html><body></body></html>"
    try:
        return lxml.html.document_fromstring(html)
    except Exception:  # empty or unparsable markup: an empty page
        return lxml.html.document_fromstring("<html><body></body></html>")


def tag_name(node: Any) -> str:
    tag = getattr(node, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


class DomIndex:
    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.root = snapshot.derived("lxml_document", parse_html)
        self.body = self.root.find("body") if self.root.tag == "html" else None
        if self.body is None:
            self.body = self.root
        with_id = self.root.xpath("//*[@id]")
        id_counts = Counter(el.get("id") for el in with_id)
        self.ids = {el.get("id"): el for el in with_id if id_counts[el.get("id")] == 1}
        self._described: set[str] | None = None
        self._children: dict[int, dict[str, list[Any]]] = {}
        self._resolved: dict[str, Any] = {}
        self._selectors: dict[int, str] = {}

    # -- selectors -----------------------------------------------------------------------------
    def _by_tag(self, parent: Any) -> dict[str, list[Any]]:
        key = id(parent)
        if key not in self._children:
            groups: dict[str, list[Any]] = {}
            for child in parent:
                name = tag_name(child)
                if name:
                    groups.setdefault(name, []).append(child)
            self._children[key] = groups
        return self._children[key]

    def node(self, selector: str | None) -> Any:
        """The node a recorded selector names, or the nearest ancestor the HTML holds (shadow DOM)."""
        if not selector:
            return None
        selector = selector.split(" >>> ")[0]
        if selector in self._resolved:
            return self._resolved[selector]
        steps = selector.split(" > ")
        first = steps[0]
        if first.startswith("#"):
            current = self.ids.get(first[1:])
        elif first == "body":
            current = self.body
        else:  # "head > title": a step from the <html> element
            current = self._step(self.root, first)
        found = current
        for step in steps[1:]:
            if current is None:
                break
            current = self._step(current, step)
            if current is not None:
                found = current
        self._resolved[selector] = found
        return found

    def _step(self, parent: Any, step: str) -> Any:
        m = _STEP.match(step)
        if not m:
            return None
        group = self._by_tag(parent).get(m.group(1), [])
        index = int(m.group(2) or 1) - 1
        return group[index] if 0 <= index < len(group) else None

    def selector(self, node: Any) -> str | None:
        """The collector's selector for a node (see ``U.selector`` in collector/core.js)."""
        if node is None:
            return None
        key = id(node)
        if key in self._selectors:
            return self._selectors[key]
        parts: list[str] = []
        current = node
        while current is not None and tag_name(current):
            nid = current.get("id")
            name = tag_name(current)
            if nid and _ID.match(nid) and self.ids.get(nid) is current:
                parts.insert(0, "#" + nid)
                break
            if name in ("html", "body"):
                parts.insert(0, name)
                break
            parent = current.getparent()
            same = self._by_tag(parent).get(name, [current]) if parent is not None else [current]
            parts.insert(0, name if len(same) == 1 else f"{name}:nth-of-type({same.index(current) + 1})")
            current = parent
        sel = " > ".join(parts)
        sel = sel[len("html > "):] if sel.startswith("html > ") else sel
        self._selectors[key] = sel
        return sel

    def node_of(self, item: Element | Block) -> Any:
        return self.node(item.selector)

    # -- structure -----------------------------------------------------------------------------
    @staticmethod
    def ancestors(node: Any, include_self: bool = True) -> Iterator[Any]:
        if node is None:
            return
        if include_self:
            yield node
        yield from node.iterancestors()

    @staticmethod
    def contains(scope: Any, node: Any) -> bool:
        if node is None or scope is None:
            return False
        return node is scope or any(a is scope for a in node.iterancestors())

    def elements_in(self, scope: Any, kinds: Iterable[str] = ("link", "button", "input")) -> list[Element]:
        """The recorded visible elements whose node lies inside ``scope``."""
        kinds = tuple(kinds)
        return [e for e in self.snapshot.elements
                if e.kind in kinds and e.visible and self.contains(scope, self.node_of(e))]

    def blocks_in(self, scope: Any) -> list[Block]:
        return [b for b in self.snapshot.blocks if b.visible and self.contains(scope, self.node_of(b))]

    def described_ids(self) -> set[str]:
        """Ids that some field points to with aria-describedby or aria-errormessage."""
        if self._described is None:
            ids: set[str] = set()
            for ctl in self.root.xpath("//*[@aria-describedby or @aria-errormessage]"):
                for attr in ("aria-describedby", "aria-errormessage"):
                    ids.update((ctl.get(attr) or "").split())
            self._described = ids
        return self._described

    def main_of(self, node: Any) -> Any:
        """The main landmark around ``node``, else the body."""
        for anc in self.ancestors(node):
            if tag_name(anc) == "main" or anc.get("role") == "main":
                return anc
        return self.body

    @staticmethod
    def text(node: Any) -> str:
        return collapse(node.text_content()) if node is not None else ""


def dom_index(snapshot: Snapshot) -> DomIndex:
    """The shared index of ``snapshot`` (built on first use)."""
    return snapshot.derived("dom_index", DomIndex)


def in_chrome(item: Element | Block) -> bool:
    """A header, navigation or footer item: site chrome repeated on every page."""
    return item.landmark in CHROME
