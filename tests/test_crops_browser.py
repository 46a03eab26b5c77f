"""Findings below the capped screenshot get a crop of their own, taken while the page is as judged,
and the report shows it; findings inside the screenshot do not."""
from __future__ import annotations

import json

import pytest

from uxcheck.api import AuditSettings, audit, write_reports

pytestmark = pytest.mark.browser

ROWS = "".join(f"<tr><td>0{i % 9 + 1} Oct 2026</td><td>Card payment {i}</td><td>-£{i}.50</td></tr>" for i in range(300))
# A statement six screens tall with only a footer link to reach a person: buried-link points at
# it, far below the three screens the screenshot keeps. The viewport meta is missing, so
# viewport-meta fires too, on the page as a whole (no element, no crop).
PAGE = ("<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>Card statement</title></head>"
        "<body><header><h1>Card statement</h1><a href='/accounts'>Accounts</a></header><main>"
        "<p>Statement period: 1 October 2026 to 31 October 2026</p><table id='tx'><thead><tr><th>Date</th>"
        f"<th>Description</th><th>Amount</th></tr></thead><tbody>{ROWS}</tbody></table></main>"
        "<footer><small><a href='/contact'>Contact us</a> · <a href='/privacy'>Privacy</a></small></footer></body></html>")


def test_a_finding_below_the_screenshot_gets_its_own_crop(tmp_path, browser_exe):
    page = tmp_path / "statement.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    results = audit([str(page)], AuditSettings(devices=["desktop"], formats=["html", "json"], out_dir=out,
                                               workers=1, browser=browser_exe, packs=["banking"]))
    write_reports(results, out, ["html", "json"])
    step = results["runs"][0]["steps"][0]
    captured = step["screenshot_size"]["height"]
    below = [f for f in step["findings"] if f.get("bbox") and f["bbox"]["y"] >= captured]
    assert below, "no finding below the screenshot: the test page no longer tests crops"
    for f in below:
        crop = f["crop"]
        assert (out / crop["path"]).read_bytes()[:2] == b"\xff\xd8"  # a JPEG
        # the region holds the element, with a margin, in page coordinates
        assert crop["y"] <= f["bbox"]["y"] and f["bbox"]["y"] + f["bbox"]["height"] <= crop["y"] + crop["height"]
    inside = [f for f in step["findings"] if not f.get("bbox") or f["bbox"]["y"] + f["bbox"]["height"] <= captured]
    assert all("crop" not in f for f in inside)
    assert {"wait_for_rules_s", "crops_s"} <= set(step["timing"])
    saved = json.loads((out / "results.json").read_text())
    assert saved["runs"][0]["steps"][0]["findings"][0].keys() == step["findings"][0].keys()
    flow_page = next(p for p in out.glob("flow-*.html")).read_text(encoding="utf-8")
    assert "shown in the crop below" in flow_page and below[0]["crop"]["path"] in flow_page
