"""Terminal output: the stdout summary and the stderr progress (bar on a terminal, lines in CI)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from uxcheck.baseline import apply_baseline
from uxcheck.report.terminal import BarProgress, NoProgress, PlainProgress, progress, summary_text

DATA = Path(__file__).parent / "data" / "report"


def load() -> dict:
    return json.loads((DATA / "results.json").read_text(encoding="utf-8"))


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_summary_counts_worst_findings_and_report_path(tmp_path: Path):
    (tmp_path / "index.html").write_text("x")
    text = summary_text(load(), tmp_path)
    lines = text.splitlines()
    assert lines[0] == ("uxcheck: 7 findings (2 critical, 2 serious, 2 moderate, 1 minor) and 1 to review "
                        "in 5 steps (1 could not be audited).")
    worst = [ln.split()[0] for ln in lines if ln.startswith("  ") and ln.split()[0] in
             ("critical", "serious", "moderate", "minor")]
    assert worst == ["critical", "critical", "serious", "serious", "moderate"]
    assert "… and 2 more in the report." in text
    assert "Timeout 30000 ms exceeded" in text
    assert lines[-1] == f"Report: {tmp_path / 'index.html'}"
    assert len(lines) <= 24, "one screen"


def test_summary_points_at_results_json_without_html(tmp_path: Path):
    assert summary_text(load(), tmp_path).endswith(f"Report: {tmp_path / 'results.json'}")


def test_summary_shows_baseline_counts(tmp_path: Path):
    results = load()
    apply_baseline(results, {"3f1c9a0e2b7d", "no-longer-there"})
    text = summary_text(results, tmp_path)
    assert "Against the baseline: 6 new, 1 fixed." in text
    assert "[new]" in text


def test_plain_progress_lines_when_not_a_terminal():
    stream = io.StringIO()
    bar = progress(3, stream=stream)
    assert isinstance(bar, PlainProgress)
    bar.advance("statement mobile ok")
    bar.advance("statement desktop 2 findings")
    bar.close()
    assert stream.getvalue().splitlines() == ["[1/3] statement mobile ok", "[2/3] statement desktop 2 findings"]


def test_plain_progress_in_ci_even_on_a_terminal(monkeypatch):
    monkeypatch.setenv("CI", "true")
    stream = FakeTerminal()
    bar = progress(None, stream=stream)
    assert isinstance(bar, PlainProgress)
    bar.advance("checkout desktop ok")
    assert stream.getvalue() == "[1] checkout desktop ok\n"


def test_bar_on_a_terminal_and_nothing_when_disabled(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    bar = progress(2, stream=FakeTerminal())
    assert isinstance(bar, BarProgress)
    bar.advance("a")
    bar.advance("b")
    bar.close()
    assert isinstance(progress(2, enabled=False), NoProgress)


def test_summary_of_a_clean_run(tmp_path: Path):
    results = load()
    for run in results["runs"]:
        for step in run["steps"]:
            step["findings"] = []
    first = summary_text(results, tmp_path).splitlines()[0]
    assert first == "uxcheck: no findings in 5 steps (1 could not be audited)."
