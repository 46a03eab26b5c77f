"""What each demo page is for, read from ``site/manifest.yaml``.

A page built to show a problem lists the rule ids it must trigger (``rules``), the devices that
show it (``devices``) and its corrected ``twin``; a corrected twin and a helper page (home, login,
payment form) list no rules. A page that is the last step of a journey (the flow rules judge
several steps together) lists the paths of the whole journey in ``flow``.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

__all__ = ["DemoPage", "demo_pages", "MANIFEST"]

MANIFEST = "manifest.yaml"
DEVICES = ("desktop", "mobile")


@dataclass(frozen=True)
class DemoPage:
    path: str                      # URL path on the demo server, e.g. "/bank/statement-no-total"
    title: str
    rules: tuple[str, ...] = ()    # rule ids this page is built to trigger; empty for a twin
    twin: str | None = None        # the corrected twin's path (on a problem page)
    devices: tuple[str, ...] = DEVICES  # devices on which the problem shows
    flow: tuple[str, ...] = ()     # paths of the journey ending here, for flow rules
    lang: str = "en"
    kind: str = "problem"          # problem | twin | helper
    description: str = ""

    @property
    def is_problem(self) -> bool:
        return bool(self.rules)


def _page(entry: dict[str, Any]) -> DemoPage:
    return DemoPage(
        path=str(entry["path"]),
        title=str(entry["title"]),
        rules=tuple(entry.get("rules") or ()),
        twin=entry.get("twin"),
        devices=tuple(entry.get("devices") or DEVICES),
        flow=tuple(entry.get("flow") or ()),
        lang=str(entry.get("lang", "en")),
        kind=str(entry.get("kind", "problem" if entry.get("rules") else "twin")),
        description=str(entry.get("description", "")),
    )


def demo_pages() -> list[DemoPage]:
    """Every page of the demo site, in manifest order."""
    text = resources.files("uxcheck.demo").joinpath("site", MANIFEST).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return [_page(entry) for entry in data.get("pages", [])]
