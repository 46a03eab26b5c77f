"""One audited step: one round trip into the page for the snapshot, plus a capped screenshot."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import Device
from .snapshot import Snapshot, collector_script

SCREENSHOT_SCREENS = 3  # captured height cap, in screens: a 10,000-row statement costs no more than 3 screens
TALL_PAGE_SCREENS = 12  # pages taller than this many screens get their first screen only (see screenshot())
MASK_SELECTOR = "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable=true]"


@lru_cache(maxsize=1)
def _script() -> str:
    return collector_script()


# Counts page.evaluate round trips made for snapshots (the one-round-trip-per-step guarantee is tested).
ROUND_TRIPS = {"count": 0}


async def collect(page: Any, device: Device | None = None) -> Snapshot:
    """The snapshot of the page as it is now: exactly one page.evaluate.

    Its timing tells apart ``settle_s``, the time the call waited before the script could run (a
    page still busy with its first rendering after load: about 1 s for a 10,000-row statement), and
    ``snapshot_s``, the collection itself, the transfer and the parsing.
    """
    t0, called_at = time.perf_counter(), time.time()
    ROUND_TRIPS["count"] += 1
    data = await page.evaluate(_script())
    return snapshot_from_collector(data, device, t0, called_at)


def snapshot_from_collector(data: Any, device: Device | None, t0: float, called_at: float) -> Snapshot:
    """The Snapshot from what the collector returned (its JSON string), for the async runner and
    the sync pytest plugin alike; ``t0`` (perf_counter) and ``called_at`` (epoch) are when the
    page.evaluate was made."""
    snap = Snapshot.from_dict(json.loads(data) if isinstance(data, str) else data)
    if device is not None:
        snap.device = device_info(device)
    _split_timing(snap, called_at, time.perf_counter() - t0)
    return snap


def device_info(device: Device) -> dict[str, Any]:
    """What a snapshot records of the device it was taken on."""
    return {"name": device.name, "width": device.width, "height": device.height, "is_mobile": device.is_mobile}


def _split_timing(snap: Snapshot, called_at: float, total: float) -> None:
    """Set ``settle_s`` and ``snapshot_s`` from when the call was made (epoch seconds), how long it
    took, and when the script reports it started."""
    started = snap.timing.pop("started_epoch_ms", None)
    # Same machine, same wall clock; bounded so that clock skew (a remote browser) cannot
    # make it negative or larger than the whole call.
    settle = min(max(0.0, started / 1000 - called_at), total) if isinstance(started, (int, float)) else 0.0
    snap.timing["settle_s"] = round(settle, 4)
    snap.timing["snapshot_s"] = round(total - settle, 4)


def _masks(page: Any, snap: Snapshot) -> list[Any]:
    """The form fields to paint over. Masking costs Playwright two more trips into the page (90 ms
    a page here), so a page the collector saw no field on (a statement, an article) skips it."""
    if snap.document.get("has_fields", True) is False:
        return []
    return [page.locator(MASK_SELECTOR)]


@dataclass
class Shot:
    path: Path
    width: int
    height: int  # captured height in CSS px (may be less than the page's)


def screenshot_plan(page: Any, snap: Snapshot, path: Path, device: Device) -> tuple[dict[str, Any], Shot]:
    """The options of the step's screenshot (for Playwright's async or sync page) and what it will
    hold: the top few screens, every form field masked. Animations are left running: the outlines
    come from the snapshot just taken, and fast-forwarding them would move things."""
    width = int(snap.client_width or device.width)
    doc_h = int(snap.document.get("scroll_height") or device.height)
    # Painting beyond the viewport makes Chromium lay out and raster the page at its full height:
    # seconds for a 10,000-row statement. Past TALL_PAGE_SCREENS only the first screen is taken.
    tall = doc_h > device.height * TALL_PAGE_SCREENS
    height = max(1, min(doc_h, device.height * (1 if tall else SCREENSHOT_SCREENS)))
    path.parent.mkdir(parents=True, exist_ok=True)
    options = dict(path=str(path), type="jpeg", quality=70, full_page=not tall,
                   clip={"x": 0, "y": 0, "width": min(width, device.width) if tall else width, "height": height},
                   mask=_masks(page, snap), mask_color="#9aa0a6", caret="hide", timeout=15000)
    return options, Shot(path, width, height)


async def screenshot(page: Any, snap: Snapshot, path: Path, device: Device) -> Shot:
    options, shot = screenshot_plan(page, snap, path, device)
    await page.screenshot(**options)
    return shot


CROP_MARGIN = 48  # CSS px of context above and below an element in its crop


async def crop(page: Any, snap: Snapshot, box: dict[str, float], path: Path, device: Device) -> dict[str, float]:
    """A JPEG of the screen-wide band around an element below the captured screenshot, form fields
    masked. The page is scrolled to it and photographed in the viewport: painting beyond the
    viewport would make Chromium raster the whole page. Returns the region, in page coordinates."""
    top = max(0.0, box["y"] - CROP_MARGIN)
    height = min(box["height"] + 2 * CROP_MARGIN, float(device.height))
    scrolled = await page.evaluate("(y) => { window.scrollTo(0, y); return window.scrollY; }", top)
    width = min(float(device.width), max(box["x"] + box["width"], 1.0))
    width = float(device.width) if width < device.width / 2 else width
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(
        path=str(path), type="jpeg", quality=70,
        clip={"x": 0, "y": top - scrolled, "width": width, "height": height},
        mask=_masks(page, snap), mask_color="#9aa0a6", timeout=10000,
    )
    return {"x": 0.0, "y": top, "width": width, "height": height}
