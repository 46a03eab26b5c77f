"""The README stays true to the code: its rule table is the one generated from the rules."""
from __future__ import annotations

from pathlib import Path

from uxcheck.docs import rules_markdown_table

CONTRACT_RULE_IDS = {
    "buried-link", "missing-total", "total-mismatch", "period-mismatch", "balance-unreconciled", "viewport-meta",
    "zoom-disabled", "horizontal-overflow", "small-text", "small-tap-target", "dead-end", "no-human-contact",
    "no-restock-info", "unexplained-data-request", "inconsistent-figure", "mobile-missing-task",
}


def test_every_contract_rule_is_registered_and_loads():
    from uxcheck.registry import load_registry

    reg = load_registry()
    assert not reg.broken, reg.broken
    assert set(reg.rules) >= CONTRACT_RULE_IDS


def test_readme_rule_table_is_generated_from_the_rules():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert rules_markdown_table() in readme, "regenerate it with: python -m uxcheck.docs"


def test_every_rule_documents_the_fixed_headings():
    from uxcheck.model import DOC_HEADINGS
    from uxcheck.registry import load_registry

    for rule in load_registry().rules.values():
        sections = rule.doc_sections()
        missing = [h for h in DOC_HEADINGS if not sections.get(h)]
        assert not missing, f"{rule.id} docs lack {missing}"
