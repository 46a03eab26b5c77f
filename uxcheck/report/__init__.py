"""Reporters: each reads a results.json dict (../shared/contract.md) and writes one format.

The CLI calls :func:`write_reports`; a report can be rebuilt from a results.json alone.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import UsageError

FORMATS = ("html", "json", "sarif", "junit")


def _writer(fmt: str) -> Callable[[Mapping[str, Any], Path], Path]:
    # Imported on demand so `--format json` never pays for jinja2 or the rule registry.
    if fmt == "html":
        from .html import write_html
        return write_html
    if fmt == "json":
        from .jsonfile import write_json
        return write_json
    if fmt == "sarif":
        from .sarif import write_sarif
        return write_sarif
    if fmt == "junit":
        from .junit import write_junit
        return write_junit
    raise UsageError(f"unknown report format {fmt!r}: use a comma-separated list of {', '.join(FORMATS)}")


def write_reports(results: dict, out_dir: Path, formats: list[str]) -> dict[str, Path]:
    """Writes each format into out_dir; returns {format: main file written}.

    json -> results.json, html -> index.html (+ flow pages, rules/, report.css),
    sarif -> results.sarif, junit -> junit.xml.
    """
    wanted = []
    for fmt in formats:
        name = str(fmt).strip().lower()
        if name and name not in wanted:
            wanted.append(name)
    writers = {name: _writer(name) for name in wanted}  # every name checked before anything is written
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {name: writer(results, out) for name, writer in writers.items()}


__all__ = ["FORMATS", "write_reports"]
