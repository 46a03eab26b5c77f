"""results.json: the contract's results dict, pretty-printed UTF-8."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping


def write_json(results: Mapping[str, Any], out_dir: Path) -> Path:
    path = Path(out_dir) / "results.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, ensure_ascii=False, default=str)
    path.write_text(text + "\n", encoding="utf-8", errors="replace")
    return path
