"""WCAG 2.5.8 (target size, minimum) computed the way axe-core does, from the mobile part's targets.

A target passes when it is at least 24x24 CSS px (0.05 px rounding tolerance) after what covers
it is cut away (axe-core ``target-size``), or when a 24 px circle on its centre touches no other
target's area or circle (axe-core ``target-offset``). Targets inside running text are exempt.
The maths mirrors axe-core's ``lib/commons/math`` (splitRects, getOffset, rectHasMinimumSize)
and ``lib/commons/dom/get-target-size.js``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Literal, Mapping, Sequence

ROUNDING_MARGIN = 0.05
MAX_SPLIT_RECTS = 4000  # axe-core gives up (incomplete) beyond this many pieces


class TooManyRects(Exception):
    pass


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def area(self) -> float:
        return self.width * self.height

    @property
    def center(self) -> tuple[float, float]:
        return (self.left + self.width / 2, self.top + self.height / 2)

    @classmethod
    def of(cls, rect: Mapping[str, float]) -> "Box":
        x, y = rect.get("x") or 0.0, rect.get("y") or 0.0
        return cls(x, y, x + (rect.get("width") or 0.0), y + (rect.get("height") or 0.0))

    def encloses(self, other: "Box") -> bool:
        return (other.top >= self.top and other.left >= self.left
                and other.bottom <= self.bottom and other.right <= self.right)

    def overlaps(self, other: "Box", min_side: float = 1.0) -> bool:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        return w >= min_side and h >= min_side

    def to_dict(self) -> dict[str, float]:
        return {"x": round(self.left, 2), "y": round(self.top, 2),
                "width": round(self.width, 2), "height": round(self.height, 2)}


def has_min_size(box: Box, size: float) -> bool:
    return box.width + ROUNDING_MARGIN >= size and box.height + ROUNDING_MARGIN >= size


def _between(num: float, low: float, high: float) -> bool:
    return low < num < high


def _split_rect(box: Box, clip: Box) -> list[Box]:
    """Cut box along every edge of clip that crosses it (axe-core's splitRect)."""
    y_aligned = box.top < clip.bottom and box.bottom > clip.top
    x_aligned = box.left < clip.right and box.right > clip.left
    out = []
    if _between(clip.top, box.top, box.bottom) and x_aligned:
        out.append(Box(box.left, box.top, box.right, clip.top))
    if _between(clip.right, box.left, box.right) and y_aligned:
        out.append(Box(clip.right, box.top, box.right, box.bottom))
    if _between(clip.bottom, box.top, box.bottom) and x_aligned:
        out.append(Box(box.left, clip.bottom, box.right, box.bottom))
    if _between(clip.left, box.left, box.right) and y_aligned:
        out.append(Box(box.left, box.top, clip.left, box.bottom))
    if not out:
        if clip.encloses(box):
            return []
        out.append(box)
    return out


def split_rects(outer: Box | Sequence[Box], clips: Iterable[Box]) -> list[Box]:
    """The parts of outer that no clip covers (overlapping pieces, as axe-core returns them)."""
    boxes = [outer] if isinstance(outer, Box) else list(outer)
    for clip in clips:
        boxes = [piece for box in boxes for piece in _split_rect(box, clip)]
        if len(boxes) > MAX_SPLIT_RECTS:
            raise TooManyRects("splitRects: too many rects")
    return boxes


def largest_rect(boxes: Sequence[Box], min_size: float) -> Box | None:
    """The biggest box, preferring boxes that meet the minimum size (axe-core getLargestRect)."""
    best: Box | None = None
    for box in boxes:
        if best is None:
            best = box
            continue
        best_ok, box_ok = has_min_size(best, min_size), has_min_size(box, min_size)
        if best_ok != box_ok:
            best = best if best_ok else box
        else:
            best = best if best.area > box.area else box
    return best


def _closest_point(point: tuple[float, float], box: Box) -> tuple[float, float]:
    return (min(max(point[0], box.left), box.right), min(max(point[1], box.top), box.bottom))


def bounding(boxes: Sequence[Box]) -> Box:
    return Box(min(b.left for b in boxes), min(b.top for b in boxes),
               max(b.right for b in boxes), max(b.bottom for b in boxes))


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box.left <= point[0] <= box.right and box.top <= point[1] <= box.bottom


def offset(target: Sequence[Box], neighbour: Sequence[Box], radius: float, neighbour_is_big: bool = False) -> float:
    """How far the target's centre is from a neighbour (axe-core getOffset).

    The distance from the centre of the target's visible area to the nearest visible part of the
    neighbour; when the neighbour is itself undersized, also to the edge of the neighbour's own
    circle (the two 24 px circles must not meet). 0 when the centre lies on the neighbour.
    """
    if not target or not neighbour:
        return 0.0  # one of them is fully covered
    centre = bounding(target).center
    nearest = math.inf
    for box in neighbour:
        if _inside(centre, box):
            return 0.0
        nearest = min(nearest, math.dist(centre, _closest_point(centre, box)))
    if neighbour_is_big:
        return nearest
    to_circle = math.dist(centre, bounding(neighbour).center) - radius
    return max(0.0, min(nearest, to_circle))


@dataclass
class Target:
    selector: str
    boxes: list[Box]  # the line boxes of an inline target, else its one border box
    bounds: Box
    in_text: bool = False
    tabbable: bool = True
    href: str | None = None
    name: str = ""
    role: str = ""
    tag: str = ""
    covers: list[tuple[Box, bool]] = field(default_factory=list)  # (box, is a focusable widget)
    hit_own: int | None = None  # hit-test samples that landed on the target itself
    content_overflows: bool = False  # content (an image, say) reaches outside the target's box
    layer: str = ""  # the position:fixed box it sits in ("" for the page itself)

    @classmethod
    def of(cls, item: Mapping[str, Any]) -> "Target":
        bounds = Box.of(item.get("rect") or {})
        boxes = [Box.of(r) for r in item.get("rects") or []] or [bounds]
        covers = [(Box.of(c.get("rect") or {}), bool(c.get("widget"))) for c in item.get("covered_by") or []]
        hit = item.get("hit") or {}
        return cls(selector=item.get("selector", ""), boxes=boxes, bounds=bounds,
                   in_text=bool(item.get("in_text")), tabbable=bool(item.get("tabbable", True)),
                   href=item.get("href"), name=item.get("name", ""), covers=covers,
                   role=item.get("role") or "", tag=item.get("tag") or "",
                   hit_own=hit.get("own"), content_overflows=bool(item.get("content_overflows")),
                   layer=item.get("layer") or "")

    def fully_covered(self) -> bool:
        if any(c.encloses(self.bounds) for c, _ in self.covers):
            return True
        # Every hit-test sample landed on something else and together the covers hide it all.
        return self.hit_own == 0 and bool(self.covers) and not split_rects(self.bounds, [c for c, _ in self.covers])

    def pieces(self) -> list[Box]:
        """The uncovered parts of the target (axe-core getTargetRects)."""
        if not self.covers:
            return self.boxes
        memo = self.__dict__
        if "_pieces" not in memo:
            covers = [c for c, _ in self.covers if c.overlaps(self.bounds)]
            memo["_pieces"] = split_rects(self.boxes, covers) if covers else self.boxes
        return memo["_pieces"]

    def target_box(self, min_size: float) -> Box | None:
        """The largest uncovered box (axe-core getTargetSize); None when nothing is left."""
        if not self.covers and len(self.boxes) == 1:
            return self.boxes[0]
        return largest_rect(self.pieces(), min_size)


Outcome = Literal["pass", "fail", "review"]


@dataclass
class Verdict:
    outcome: Outcome
    reason: str  # exempt | covered | size | spacing | ...
    size: Box | None = None  # the target's usable box
    closest_offset: float | None = None  # px, as a diameter (axe-core's closestOffset)
    neighbours: list[str] = field(default_factory=list)


def _size_check(t: Target, min_size: float) -> tuple[Outcome, Box | None]:
    """axe-core target-size: big enough once other focusable widgets on top are cut away.

    Content that reaches outside the target (an image bigger than its link) may make it bigger
    than its box: then a small box cannot fail, only ask for review (axe-core's contentOverflow).
    """
    negative: Outcome = "fail" if t.tabbable else "review"
    if not has_min_size(t.bounds, min_size):
        return ("review" if t.content_overflows else negative), t.bounds
    widget_covers = [c for c, widget in t.covers if widget and c.overlaps(t.bounds)]
    if not widget_covers:
        return "pass", t.bounds
    best = largest_rect(split_rects(t.bounds, widget_covers), min_size)
    if best is None or not has_min_size(best, min_size):
        return ("review" if t.content_overflows else negative), best
    return "pass", best


def _offset_check(t: Target, near: Iterable[Target], min_size: float) -> tuple[Outcome, float, list[Target]]:
    """axe-core target-offset: no other target within the 24 px circle round the centre."""
    if has_min_size(t.bounds, min_size * 10):
        return "pass", min_size, []
    radius = min_size / 2
    own = t.pieces()
    closest, close = min_size, []
    for other in near:
        other_box = other.target_box(min_size)
        other_big = other_box is not None and has_min_size(other_box, min_size)
        if other_big and t.href and other.href == t.href:
            continue  # an equally good target to the same place
        dist = round(offset(own, other.pieces(), radius, other_big) * 10) / 10 * 2
        if dist + ROUNDING_MARGIN >= min_size:
            continue
        closest = min(closest, dist)
        close.append(other)
    if not close:
        return "pass", closest, []
    if not any(o.tabbable for o in close) or not t.tabbable:
        return "review", closest, close
    return "fail", closest, close


def judge(t: Target, near: Iterable[Target], min_size: float = 24.0) -> Verdict:
    """Pass, fail or review for one target (axe-core's target-size rule: either check passing)."""
    if t.in_text:
        return Verdict("pass", "exempt")
    if t.fully_covered() and not t.content_overflows:
        return Verdict("pass", "covered")
    size_outcome, size_box = _size_check(t, min_size)
    if size_outcome == "pass":
        return Verdict("pass", "size", size_box)
    try:
        off_outcome, closest, close = _offset_check(t, near, min_size)
    except TooManyRects:
        return Verdict("review", "too-many-rects", size_box)
    if off_outcome == "pass":
        return Verdict("pass", "spacing", size_box, closest)
    outcome: Outcome = "fail" if size_outcome == "fail" and off_outcome == "fail" else "review"
    return Verdict(outcome, "spacing", size_box, closest, [o.selector for o in close])


class NeighbourIndex:
    """Targets bucketed on a coarse grid, so each target meets only those near it."""

    CELL = 96.0

    def __init__(self, targets: Sequence[Target]):
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.targets = targets
        for i, t in enumerate(targets):
            for key in self._keys(t.bounds, 0):
                self.cells.setdefault(key, []).append(i)

    def _keys(self, box: Box, margin: float) -> Iterable[tuple[int, int]]:
        c = self.CELL
        for gx in range(int((box.left - margin) // c), int((box.right + margin) // c) + 1):
            for gy in range(int((box.top - margin) // c), int((box.bottom + margin) // c) + 1):
                yield (gx, gy)

    def near(self, target: Target, margin: float) -> list[Target]:
        b = target.bounds
        left, top, right, bottom = b.left - margin, b.top - margin, b.right + margin, b.bottom + margin
        found: set[int] = set()
        for key in self._keys(b, margin):
            found.update(self.cells.get(key, ()))
        out = []
        for i in sorted(found):
            other = self.targets[i]
            if other is target or other.layer != target.layer:
                continue
            ob = other.bounds
            if ob.left <= right and ob.right >= left and ob.top <= bottom and ob.bottom >= top:
                out.append(other)
        return out
