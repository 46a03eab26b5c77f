"""Documentation generated from the rules themselves (the README's rule table).

    python -m uxcheck.docs      # prints the rule table as Markdown
"""
from __future__ import annotations

from .registry import load_registry


def rules_markdown_table() -> str:
    reg = load_registry()
    lines = ["| id | category | severity | what it catches |", "|---|---|---|---|"]
    for rid in sorted(reg.rules, key=lambda r: (reg.rules[r].meta.category, r)):
        meta = reg.rules[rid].meta
        lines.append(f"| `{rid}` | {meta.category} | {meta.severity} | {meta.summary} |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(rules_markdown_table())
