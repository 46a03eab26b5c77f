"""`uxcheck merge DIR...`: join the results of CI shards into one results.json and one report.

Each DIR is the ``--out`` of one shard (its results.json and the screenshot folders it names).
Runs are joined in shard order, the files they name are copied into the merged folder (renamed
when two shards used the same path), the summary is recomputed, and the exit code follows
``--fail-on`` like an audit. A merge that is missing shards, or holds one twice, says so.
"""
from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence

from .errors import UsageError
from .results import load_results, new_results, summarise

FILE_FIELDS = ("screenshot", "snapshot")  # step fields that name a file relative to the results folder


@dataclass
class Source:
    folder: Path
    results: dict[str, Any]
    position: int

    @property
    def shard(self) -> tuple[int, int] | None:
        s = self.results.get("shard")
        if isinstance(s, dict) and isinstance(s.get("index"), int) and isinstance(s.get("count"), int):
            return s["index"], s["count"]
        return None


@dataclass
class Merged:
    results: dict[str, Any]
    copies: list[tuple[Path, str]] = field(default_factory=list)  # (source file, relative path in out)
    warnings: list[str] = field(default_factory=list)


def _started(results: dict[str, Any]) -> datetime | None:
    try:
        return datetime.strptime(str(results.get("started_at")), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _coverage(sources: Sequence[Source]) -> list[str]:
    """Warnings about shards missing, counted differently or given twice."""
    shards = [s.shard for s in sources if s.shard]
    if not shards:
        return []
    warnings = []
    counts = sorted({n for _, n in shards})
    if len(counts) > 1:
        warnings.append(f"the shards were cut differently (into {', '.join(map(str, counts))} slices): "
                        "runs may be missing or repeated")
    n = counts[-1]
    given = [i for i, c in shards if c == n]
    missing = sorted(set(range(1, n + 1)) - set(given))
    twice = sorted({i for i in given if given.count(i) > 1})
    if missing:
        warnings.append(f"shard{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))} of {n} "
                        "missing: the merged report covers only part of the work")
    if twice:
        warnings.append(f"shard{'s' if len(twice) > 1 else ''} {', '.join(map(str, twice))} of {n} given twice")
    return warnings


def _merge_crawl(sources: Sequence[Source]) -> dict[str, Any] | None:
    crawls = [s.results["crawl"] for s in sources if isinstance(s.results.get("crawl"), dict)]
    if not crawls:
        return None
    merged = {k: v for k, v in crawls[0].items() if k not in ("pages", "skipped", "skipped_by_reason")}
    pages: dict[str, dict[str, Any]] = {}
    skipped: dict[str, dict[str, Any]] = {}
    for c in crawls:
        for p in c.get("pages", []):
            pages.setdefault(p.get("url", ""), p)
        for s in c.get("skipped", []):
            skipped.setdefault(s.get("url", ""), s)
    merged["pages_found"] = max(int(c.get("pages_found") or 0) for c in crawls)
    merged["pages"] = sorted(pages.values(), key=lambda p: (p.get("depth") is None, p.get("depth") or 0, p.get("url", "")))
    merged["skipped"] = list(skipped.values())
    by_reason: dict[str, int] = {}
    for s in merged["skipped"]:
        by_reason[s.get("reason", "")] = by_reason.get(s.get("reason", ""), 0) + 1
    merged["skipped_by_reason"] = dict(sorted(by_reason.items()))
    return merged


def merge_results(folders: Sequence[str | Path]) -> Merged:
    """The merged results of several result folders, and the files to copy with them."""
    if not folders:
        raise UsageError("merge: give at least one results folder")
    sources = [Source(Path(f), load_results(f), k) for k, f in enumerate(folders)]
    sources = [Source(s.folder if s.folder.is_dir() else s.folder.parent, s.results, s.position) for s in sources]
    # Shard order, whatever order the folders were given in: the merged file is the same either way.
    sources.sort(key=lambda s: (s.shard[0] if s.shard else sys.maxsize, s.position))

    starts = [t for t in (_started(s.results) for s in sources) if t]
    out = new_results(min(starts) if starts else None)
    merged = Merged(out, warnings=_coverage(sources))
    claimed: dict[str, Path] = {}  # relative path in out -> source file
    seen_runs: dict[tuple[str, str], Path] = {}
    for k, src in enumerate(sources, start=1):
        for run in src.results.get("runs", []):
            key = (str(run.get("flow")), str(run.get("device")))
            if key in seen_runs:
                merged.warnings.append(f"{src.folder}: the run {key[0]!r} on {key[1]} is also in {seen_runs[key]}; kept the first")
                continue
            seen_runs[key] = src.folder
            for step in run.get("steps", []):
                for name in FILE_FIELDS:
                    rel = step.get(name)
                    if not rel:
                        continue
                    file = src.folder / rel
                    if not file.is_file():
                        continue  # a missing screenshot must not fail the merge; the report shows none
                    target = rel
                    if claimed.get(target) not in (None, file):
                        target = f"shard-{k}/{rel}"
                    claimed[target] = file
                    step[name] = target
                    merged.copies.append((file, target))
            out["runs"].append(run)
    out["duration_s"] = max((float(s.results.get("duration_s") or 0) for s in sources), default=0.0)
    crawl = _merge_crawl(sources)
    if crawl is not None:
        out["crawl"] = crawl
    out["merged"] = {
        "sources": [{"dir": str(s.folder), "shard": ({"index": s.shard[0], "count": s.shard[1]} if s.shard else None),
                     "runs": len(s.results.get("runs", [])), "started_at": s.results.get("started_at"),
                     "duration_s": s.results.get("duration_s")} for s in sources],
        "warnings": list(merged.warnings),
    }
    summarise(out)
    return merged


def copy_files(copies: Sequence[tuple[Path, str]], out_dir: Path) -> None:
    for src, rel in copies:
        dst = out_dir / rel
        if dst.exists() and dst.resolve() == src.resolve():
            continue  # --out is one of the shard folders
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)


def merge(folders: Sequence[str | Path], out_dir: Path, formats: Sequence[str]) -> Merged:
    """Merge, copy the screenshots, write results.json and the reports into ``out_dir``."""
    from .api import write_reports

    merged = merge_results(folders)
    out_dir.mkdir(parents=True, exist_ok=True)
    copy_files(merged.copies, out_dir)
    write_reports(merged.results, out_dir, list(formats))
    return merged


def merge_command(args: Any, finish: Callable[..., int]) -> int:
    from .api import parse_formats

    out_dir = Path(args.out)
    merged = merge(args.dirs, out_dir, parse_formats(args.format))
    for w in merged.warnings:
        print(f"uxcheck merge: warning: {w}", file=sys.stderr)
    return finish(merged.results, args, out_dir)
