"""A hostile results.json (script and markup in every site-controlled value) comes out escaped."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from uxcheck.report import write_reports

DATA = Path(__file__).parent / "data" / "report"
# Strings the hostile fixture puts in the site's text; each must show literally somewhere.
LITERALS = json.loads((DATA / "hostile-literals.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    shutil.copytree(DATA / "shots", out / "shots")
    results = json.loads((DATA / "hostile-results.json").read_text(encoding="utf-8"))
    write_reports(results, out, ["html", "json", "sarif", "junit"])
    return out


def pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_no_markup_from_the_site_survives(hostile_report: Path):
    for page in pages(hostile_report):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        # tags the templates never write: any of them would have come from the site
        assert not soup.find_all(["script", "iframe", "object", "embed", "style", "base", "b"]), page.name
        assert len(soup.find_all("title")) == 1
        assert all("filters" in f.get("class", []) for f in soup.find_all("form")), page.name
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), f"{page.name}: <{tag.name} {attr}>"
                text = " ".join(value) if isinstance(value, list) else str(value)
                if attr in ("href", "src", "action", "formaction", "xlink:href"):
                    scheme = urlsplit(text).scheme.lower()
                    assert scheme in ("", "http", "https"), f"{page.name}: {attr}={text}"
        svgs = soup.find_all("svg")
        assert all("marks" in s.get("class", []) for s in svgs), "only our own outline overlays"
        imgs = soup.find_all("img")
        assert all(img["src"] == "shots/desktop.jpg" for img in imgs), [i["src"] for i in imgs]


def test_hostile_text_shows_literally(hostile_report: Path):
    text = " ".join(
        " ".join(BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").get_text(" ").split())
        for p in pages(hostile_report))
    for literal in LITERALS:
        assert " ".join(literal.split()) in text, literal


def test_unsafe_urls_are_text_not_links(hostile_report: Path):
    for page in pages(hostile_report):
        html = page.read_text(encoding="utf-8")
        assert 'href="javascript' not in html.lower()
        assert "evil.test" not in html, "a crop from another host must not be loaded"
        assert "etc/passwd" not in html


def test_machine_formats_stay_well_formed(hostile_report: Path):
    import xml.etree.ElementTree as ET

    ET.parse(hostile_report / "junit.xml")
    sarif = json.loads((hostile_report / "results.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["message"]["text"].startswith("Table cell")
