"""Which browser uxcheck finds, in the documented order, without a browser: --browser, then
$UXCHECK_BROWSER, then Playwright's own Chromium, then the system's; else exact instructions."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from uxcheck import browser
from uxcheck.errors import NoBrowserError


@pytest.fixture()
def nothing_installed(monkeypatch, tmp_path):
    """No Playwright browsers, no system browser on PATH or at the usual places."""
    empty = tmp_path / "ms-playwright"
    empty.mkdir()
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(empty))
    monkeypatch.delenv("UXCHECK_BROWSER", raising=False)
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser, "SYSTEM_PATHS", [])

    def no_driver():
        raise AssertionError("Playwright's driver was started although no Playwright browser is installed")

    import playwright.sync_api

    monkeypatch.setattr(playwright.sync_api, "sync_playwright", no_driver)
    return empty


def fake_exe(folder: Path, name: str) -> str:
    path = folder / name
    path.write_text("")
    return str(path)


def test_nothing_found_says_exactly_how_to_get_a_browser(nothing_installed):
    with pytest.raises(NoBrowserError) as err:
        browser.find_browser()
    text = str(err.value)
    for command in ("uxcheck install-browser", "python -m playwright install chromium",
                    "apt-get install -y chromium", "--browser", "UXCHECK_BROWSER"):
        assert command in text


def test_explicit_browser_comes_first_then_the_environment(nothing_installed, tmp_path, monkeypatch):
    explicit, from_env = fake_exe(tmp_path, "my-chrome"), fake_exe(tmp_path, "env-chrome")
    monkeypatch.setenv("UXCHECK_BROWSER", from_env)
    assert browser.find_browser(explicit) == explicit
    assert browser.find_browser() == from_env


def test_a_missing_explicit_browser_is_an_error_not_a_fallback(nothing_installed, tmp_path, monkeypatch):
    monkeypatch.setenv("UXCHECK_BROWSER", fake_exe(tmp_path, "env-chrome"))
    with pytest.raises(NoBrowserError, match="--browser points at"):
        browser.find_browser(str(tmp_path / "no-such-chrome"))


def test_playwrights_chromium_before_the_systems(nothing_installed, tmp_path, monkeypatch):
    (nothing_installed / "chromium-1234").mkdir()
    pw_exe, system_exe = fake_exe(tmp_path, "pw-chrome"), fake_exe(tmp_path, "chromium")

    @contextlib.contextmanager
    def fake_driver():
        yield type("P", (), {"chromium": type("C", (), {"executable_path": pw_exe})()})()

    import playwright.sync_api

    monkeypatch.setattr(playwright.sync_api, "sync_playwright", fake_driver)
    monkeypatch.setattr(browser.shutil, "which", lambda name: system_exe if name == "chromium" else None)
    assert browser.find_browser() == pw_exe
    (nothing_installed / "chromium-1234").rmdir()  # gone: the driver is not asked, the system's is used
    monkeypatch.setattr(playwright.sync_api, "sync_playwright", lambda: pytest.fail("driver started"))
    assert browser.find_browser() == system_exe
