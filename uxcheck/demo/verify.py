"""Check an audit of the demo portal against what each page is built to show.

    python -m uxcheck.demo.verify reports/results.json

A problem page must get a (non-review) finding of each of its rules on each of its devices;
its corrected twin must get none of them on any device; any other finding is listed as extra.
Steps are matched to pages by URL path, so it works for ``uxcheck demo`` and for flow runs.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

from .manifest import DemoPage, demo_pages

__all__ = ["Mismatch", "fired_by_page", "mismatches"]


@dataclass(frozen=True)
class Mismatch:
    kind: str      # missed | twin-fires | extra | not-audited
    path: str
    rule: str
    device: str

    def __str__(self) -> str:
        what = {"missed": "did not fire on its problem page", "twin-fires": "fired on a corrected twin",
                "extra": "fired where no page expects it",
                "not-audited": "no step of the audit opened this page"}[self.kind]
        return f"{self.kind:10s} {self.rule:26s} {self.device:8s} {self.path}  ({what})"


def fired_by_page(results: Mapping[str, Any]) -> dict[str, dict[str, set[str]]]:
    """URL path -> rule id -> devices on which it fired (review findings do not count)."""
    fired: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for run in results.get("runs", []):
        device = run.get("device", "")
        for step in run.get("steps", []):
            path = urlsplit(step.get("url") or "").path or "/"
            fired[path]  # an audited page with no findings is still audited
            for finding in step.get("findings", []):
                if not finding.get("review"):
                    fired[path][finding["rule"]].add(device)
    return fired


def mismatches(results: Mapping[str, Any], pages: Iterable[DemoPage] | None = None) -> list[Mismatch]:
    pages = list(pages if pages is not None else demo_pages())
    fired = fired_by_page(results)
    audited_devices = {run.get("device", "") for run in results.get("runs", [])}
    twin_rules: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        if page.twin:
            twin_rules[page.twin] |= set(page.rules)
    found: list[Mismatch] = []
    for page in pages:
        if page.path not in fired:
            found.append(Mismatch("not-audited", page.path, ",".join(page.rules) or "-", "-"))
            continue
        on_page = fired[page.path]
        for rule in page.rules:
            for device in page.devices:
                if device in audited_devices and device not in on_page.get(rule, set()):
                    found.append(Mismatch("missed", page.path, rule, device))
        for rule, devices in sorted(on_page.items()):
            if rule in page.rules:
                continue
            kind = "twin-fires" if rule in twin_rules.get(page.path, set()) else "extra"
            found.extend(Mismatch(kind, page.path, rule, d) for d in sorted(devices))
    return found


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print("usage: python -m uxcheck.demo.verify RESULTS_JSON", file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as fh:
        results = json.load(fh)
    found = mismatches(results)
    for mismatch in found:
        print(mismatch)
    print(f"{len(found)} mismatches")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
