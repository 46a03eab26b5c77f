"""Snapshots serialise to JSON and load back, keeping fields they don't model."""
from __future__ import annotations

from uxcheck.snapshot import SCHEMA, Snapshot, collector_script


def test_round_trip_keeps_everything(tmp_path):
    data = {
        "url": "https://bank.test/", "title": "T", "lang": "de-DE", "html": "<html></html>",
        "viewport_meta": "width=device-width", "viewport": {"width": 412, "height": 839},
        "client_width": 412, "screen_width": 412, "document": {"scroll_width": 500, "scroll_height": 2000},
        "elements": [{"kind": "link", "tag": "a", "selector": "#a", "name": "Kontoauszüge", "future_field": 1,
                      "rect": {"x": 1, "y": 2, "width": 3, "height": 4}}],
        "blocks": [{"tag": "p", "selector": "p", "text": "Hallo"}],
        "tables": [{"kind": "table", "selector": "#tx", "rows": [
            {"role": "header", "cells": [{"text": "Datum", "header": True}]},
            {"role": "body", "cells": [{"text": "1,00", "colspan": 2}]}]}],
        "mobile": {"text": {"total_chars": 10}},
    }
    s = Snapshot.from_dict(data)
    assert s.elements[0].extra == {"future_field": 1}
    assert s.elements[0].rect.bottom == 6
    assert s.tables[0].rows[1].cells[0].colspan == 2
    assert s.part("mobile") == {"text": {"total_chars": 10}}
    path = tmp_path / "s.json"
    s.save(path)
    again = Snapshot.load(path)
    assert again.to_dict() == s.to_dict()
    assert again.to_dict()["schema"] == SCHEMA
    assert again.find("#tx").kind == "table"


def test_derived_views_are_computed_once():
    s = Snapshot.from_dict({"url": "x"})
    calls = []
    s.derived("k", lambda snap: calls.append(1) or 42)
    assert s.derived("k", lambda snap: calls.append(1) or 43) == 42
    assert calls == [1]


def test_collector_script_is_one_function_with_core_first():
    js = collector_script()
    assert js.startswith("() => {")
    assert js.index("U.parts.core") < js.index("U.parts.tables")
