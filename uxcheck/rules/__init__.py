"""Built-in rules, one module per rule id; registered through the uxcheck.rules entry points."""
