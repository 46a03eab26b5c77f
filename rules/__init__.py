"""Built-in rule packs (YAML). This folder ships in the wheel as uxcheck.rulepacks."""
