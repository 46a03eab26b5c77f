"""Where snapshot items sit in the page's structure.

The collector records each element and text block with a CSS selector (nearest ancestor with a
unique id, then ``tag:nth-of-type`` steps). This index gives the same selector to every node of
``snapshot.soup`` in one pass, so a rule can go from a recorded item to its node and ask
structural questions: which dialog, alert, form or card holds it, which links and buttons sit
in that container, which page region (header, nav, footer) it belongs to.

Content inside shadow roots and iframes is not in the serialised HTML; such an item resolves to
its host element (the longest part of its selector that exists in the HTML).

Built once per snapshot and shared (``snapshot.derived``), and only by rules that need it: parsing
the HTML of a 10,000-row statement is not free.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable, Iterator

from ..snapshot import Block, Element, Snapshot

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
LANDMARK_TAGS = {"header": "header", "nav": "nav", "main": "main", "footer": "footer", "aside": "aside"}
LANDMARK_ROLES = {"banner": "header", "navigation": "nav", "main": "main", "contentinfo": "footer",
                  "complementary": "aside"}
CHROME = ("header", "nav", "footer")  # page regions repeated on every page


def collapse(text: str | None) -> str:
    return " ".join((text or "").split())


class DomIndex:
    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        self.soup = snapshot.soup
        self.by_selector: dict[str, Any] = {}
        self.selector_of: dict[int, str] = {}
        self._index()
        self._element_nodes: dict[str, Any] = {}

    # -- building ------------------------------------------------------------------------------
    def _index(self) -> None:
        root = self.soup.find("html")
        if root is None:
            return
        ids = Counter(t.get("id") for t in self.soup.find_all(id=True))
        stack: list[tuple[Any, str]] = [(root, "html")]
        while stack:
            tag, sel = stack.pop()
            self.by_selector.setdefault(sel, tag)
            self.selector_of[id(tag)] = sel
            children = [c for c in tag.children if getattr(c, "name", None)]
            per_name = Counter(c.name for c in children)
            seen: Counter = Counter()
            steps = []
            for child in children:
                seen[child.name] += 1
                steps.append((child, self._step(child, sel, ids, seen[child.name], per_name[child.name])))
            stack.extend(reversed(steps))

    @staticmethod
    def _step(tag: Any, parent_sel: str, ids: Counter, nth: int, same: int) -> str:
        """The collector's selector for ``tag`` (see ``U.selector`` in collector/core.js)."""
        tid = tag.get("id")
        if isinstance(tid, str) and _ID.match(tid) and ids[tid] == 1:
            return "#" + tid
        if tag.name == "body":
            return "body"
        step = tag.name if same == 1 else f"{tag.name}:nth-of-type({nth})"
        return step if parent_sel == "html" else f"{parent_sel} > {step}"

    # -- lookups -------------------------------------------------------------------------------
    def node(self, selector: str | None) -> Any:
        """The node a recorded selector names, or the nearest ancestor the HTML holds (shadow DOM)."""
        if not selector:
            return None
        selector = selector.split(" >>> ")[0]
        if selector in self.by_selector:
            return self.by_selector[selector]
        parts = selector.split(" > ")
        while len(parts) > 1:
            parts.pop()
            found = self.by_selector.get(" > ".join(parts))
            if found is not None:
                return found
        return None

    def node_of(self, item: Element | Block) -> Any:
        key = item.selector
        if key not in self._element_nodes:
            self._element_nodes[key] = self.node(key)
        return self._element_nodes[key]

    def selector(self, tag: Any) -> str | None:
        return self.selector_of.get(id(tag))

    @staticmethod
    def ancestors(tag: Any, include_self: bool = True) -> Iterator[Any]:
        node = tag if include_self else getattr(tag, "parent", None)
        while node is not None and getattr(node, "name", None) not in (None, "[document]"):
            yield node
            node = node.parent

    def contains(self, scope: Any, tag: Any) -> bool:
        return tag is not None and any(a is scope for a in self.ancestors(tag))

    def elements_in(self, scope: Any, kinds: Iterable[str] = ("link", "button", "input")) -> list[Element]:
        """The recorded elements (visible ones) whose node lies inside ``scope``."""
        kinds = tuple(kinds)
        return [e for e in self.snapshot.elements
                if e.kind in kinds and e.visible and self.contains(scope, self.node_of(e))]

    def blocks_in(self, scope: Any) -> list[Block]:
        return [b for b in self.snapshot.blocks if b.visible and self.contains(scope, self.node_of(b))]

    @staticmethod
    def landmark(tag: Any) -> str | None:
        """The outermost landmark around a node, like the collector's ``landmark``."""
        found = None
        node = tag
        while node is not None and getattr(node, "name", None) not in (None, "[document]"):
            role = (node.get("role") or "").split(" ")[0] if hasattr(node, "get") else ""
            lm = LANDMARK_ROLES.get(role) or LANDMARK_TAGS.get(node.name)
            if lm:
                found = lm
            node = node.parent
        return found

    @staticmethod
    def text(tag: Any) -> str:
        return collapse(tag.get_text(" ")) if tag is not None else ""


def dom_index(snapshot: Snapshot) -> DomIndex:
    """The shared index of ``snapshot`` (built on first use)."""
    return snapshot.derived("dom_index", DomIndex)


def in_chrome(item: Element | Block) -> bool:
    """A header, navigation or footer item: site chrome repeated on every page."""
    return item.landmark in CHROME
