"""What uxcheck prints: a one-screen summary on stdout, progress on stderr.

Progress is a rich bar when stderr is a terminal, and plain lines ("[3/10] statement mobile ok")
in CI or when piped, so logs stay readable.
"""
from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any, Mapping, TextIO

from ..model import SEVERITIES, severity_rank
from .tally import iter_findings, severity_counts

WORST_SHOWN = 5


def summary_text(results: Mapping[str, Any], out_dir: Path) -> str:
    """A short summary: counts by severity, the worst findings, where the report is."""
    findings = [(run, step, f) for run, _i, step, f in iter_findings(results)]
    decided = [t for t in findings if not t[2].get("review")]
    reviews = len(findings) - len(decided)
    counts = severity_counts([f for _r, _s, f in findings])
    steps = [s for run in results.get("runs") or [] for s in run.get("steps") or []]
    errors = sum(1 for s in steps if s.get("status") == "error")

    by_sev = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
    head = f"uxcheck: {len(decided)} finding{'s' if len(decided) != 1 else ''} ({by_sev})" if decided \
        else "uxcheck: no findings"
    if reviews:
        head += f" and {reviews} to review"
    head += f" in {len(steps)} step{'s' if len(steps) != 1 else ''}"
    if errors:
        head += f" ({errors} could not be audited)"
    lines = [head + "."]

    summary = results.get("summary") if isinstance(results.get("summary"), Mapping) else {}
    if "new" in summary or "fixed" in summary:
        lines.append(f"Against the baseline: {summary.get('new', 0)} new, {summary.get('fixed', 0)} fixed.")

    worst = sorted(decided, key=lambda t: (severity_rank(str(t[2].get("severity"))), t[2].get("new") is False))
    if worst:
        lines.append("Worst findings:")
        width = max(len(s) for s in SEVERITIES)
        for run, step, f in worst[:WORST_SHOWN]:
            where = f"{run.get('flow')} · {run.get('device')} · {step.get('name')}"
            new = " [new]" if f.get("new") is True else ""
            lines.append(f"  {str(f.get('severity')):<{width}}  {f.get('rule')}{new}  ({where})")
            lines.append(f"  {'':<{width}}  {_one_line(f.get('message'))}")
        if len(worst) > WORST_SHOWN:
            lines.append(f"  … and {len(worst) - WORST_SHOWN} more in the report.")
    for run in results.get("runs") or []:
        for step in run.get("steps") or []:
            if step.get("status") == "error":
                lines.append(f"Could not audit {run.get('flow')} · {run.get('device')} · {step.get('name')}: "
                             f"{_one_line(step.get('error'))}")
                break
    out = Path(out_dir)
    index = out / "index.html"
    target = index if index.exists() else out / "results.json"
    lines.append(f"Report: {target}")
    return "\n".join(lines)


def _one_line(text: Any, limit: int = 160) -> str:
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class PlainProgress:
    """One line per audited step: for CI logs and pipes."""

    def __init__(self, total: int | None, stream: TextIO):
        self.total, self.stream, self.done = total, stream, 0
        self._lock = threading.Lock()

    def advance(self, label: str = "") -> None:
        with self._lock:
            self.done += 1
            count = f"{self.done}/{self.total}" if self.total else str(self.done)
            self.stream.write(f"[{count}] {label}\n")
            self.stream.flush()

    def close(self) -> None:
        pass


class BarProgress:
    """A rich progress bar on a terminal; removed when done so the summary stands alone."""

    def __init__(self, total: int | None, stream: TextIO):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                  MofNCompleteColumn(), TimeElapsedColumn(),
                                  console=Console(file=stream), transient=True)
        self._task = self._progress.add_task("auditing", total=total)
        self._lock = threading.Lock()
        self._progress.start()

    def advance(self, label: str = "") -> None:
        with self._lock:
            self._progress.update(self._task, advance=1, description=label or "auditing")

    def close(self) -> None:
        self._progress.stop()


class NoProgress:
    def advance(self, label: str = "") -> None:
        pass

    def close(self) -> None:
        pass


def progress(total: int | None, enabled: bool = True, stream: TextIO | None = None) -> Any:
    """A progress reporter with ``.advance(label)`` and ``.close()``, writing to stderr."""
    if not enabled:
        return NoProgress()
    stream = stream or sys.stderr
    interactive = bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("CI")
    if interactive:
        try:
            return BarProgress(total, stream)
        except Exception:  # a terminal rich cannot drive still gets plain lines
            pass
    return PlainProgress(total, stream)
