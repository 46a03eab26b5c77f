"""Find, launch or connect to a Chromium; device profiles from Playwright's device list."""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import NoBrowserError, UsageError
from .model import Device

# In a closed network Chromium stalls on refused connections without these.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-quic",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--mute-audio",
]

SYSTEM_BROWSERS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]
SYSTEM_PATHS = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
]

HOW_TO_GET_ONE = """No Chromium-family browser was found.
uxcheck looked at --browser, $UXCHECK_BROWSER, Playwright's own Chromium and the system's chromium/chrome.
Get one with any of:
  uxcheck install-browser                      # picks the best way for this machine
  python -m playwright install chromium        # Playwright's own build (needs its download host)
  sudo apt-get install -y chromium             # Debian/Ubuntu system package
or point uxcheck at an existing one: --browser /path/to/chrome  or  export UXCHECK_BROWSER=/path/to/chrome"""

DESKTOP = Device("desktop", 1280, 800, False, 1.0, False, None)
MOBILE_DEVICE_NAME = "Pixel 7"


def _playwright_browsers_dir() -> Path:
    """Where `playwright install` puts browsers (Playwright's documented default locations)."""
    env = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    if env == "0":
        try:
            import playwright

            return Path(playwright.__file__).parent / "driver" / "package" / ".local-browsers"
        except ImportError:  # pragma: no cover - playwright is a dependency
            return Path(os.devnull)
    if env:
        return Path(env)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ms-playwright"
    if sys.platform.startswith("win"):
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ms-playwright"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ms-playwright"


def playwright_chromium() -> str | None:
    """The Chromium that `playwright install chromium` put on this machine, if any."""
    # Asking Playwright starts its driver process (0.8 s on 2 cores): only when one was installed.
    try:
        if not any(_playwright_browsers_dir().glob("chromium*")):
            return None
    except OSError:
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dependency
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:
        return None
    return path if path and Path(path).exists() else None


def find_browser(explicit: str | None = None) -> str:
    """--browser, then $UXCHECK_BROWSER, then Playwright's Chromium, then a system Chromium/Chrome."""
    for source, candidate in (("--browser", explicit), ("UXCHECK_BROWSER", os.environ.get("UXCHECK_BROWSER"))):
        if candidate:
            resolved = shutil.which(candidate) or candidate
            if not Path(resolved).exists():
                raise NoBrowserError(f"{source} points at {candidate!r}, which does not exist.\n\n{HOW_TO_GET_ONE}")
            return resolved
    found = playwright_chromium()
    if found:
        return found
    for name in SYSTEM_BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    for path in SYSTEM_PATHS:
        if Path(path).exists():
            return path
    raise NoBrowserError(HOW_TO_GET_ONE)


def launch_args() -> list[str]:
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    return args


@dataclass(frozen=True)
class DeviceProfile:
    device: Device
    context_options: dict[str, Any]


def device_profile(name: str, playwright_devices: dict[str, Any]) -> DeviceProfile:
    """`desktop`, `mobile` (a Pixel 7 from Playwright's list) or any Playwright device name."""
    if name == "desktop":
        return DeviceProfile(DESKTOP, {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1})
    key = MOBILE_DEVICE_NAME if name == "mobile" else name
    if key not in playwright_devices:
        lowered = {k.lower(): k for k in playwright_devices}
        if key.lower() not in lowered:
            close = [k for k in playwright_devices if name.lower() in k.lower()][:5]
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise UsageError(f"unknown device {name!r}: use desktop, mobile or a Playwright device name.{hint}")
        key = lowered[key.lower()]
    spec = dict(playwright_devices[key])
    spec.pop("default_browser_type", None)
    vp = spec.get("viewport") or {"width": 390, "height": 844}
    device = Device(
        name=name,
        width=int(vp["width"]),
        height=int(vp["height"]),
        is_mobile=bool(spec.get("is_mobile")),
        device_scale_factor=float(spec.get("device_scale_factor") or 1),
        has_touch=bool(spec.get("has_touch")),
        user_agent=spec.get("user_agent"),
    )
    # Screenshots at the phone's full pixel ratio triple their cost and size for no gain in a report.
    spec["device_scale_factor"] = 1
    return DeviceProfile(device, spec)


LAUNCH_OPTIONS_HEADER = "x-playwright-launch-options"


def remote_launch_options(executable_path: str | None) -> dict[str, Any]:
    """What a Playwright browser server (`playwright run-server`) should launch for us.

    A server without a browser download of its own can still launch a system Chromium when the
    client names it; the server honours executablePath and args only when started with --unsafe.
    """
    options: dict[str, Any] = {"headless": True, "args": launch_args()}
    if executable_path:
        options["executablePath"] = executable_path
    return options


async def connect_remote(pw: Any, ws_url: str, executable_path: str | None = None, timeout_ms: int = 30_000) -> Any:
    """Connect to a remote browser server, passing our launch options in its launch-options header."""
    import json

    async def attempt(path: str | None) -> Any:
        headers = {LAUNCH_OPTIONS_HEADER: json.dumps(remote_launch_options(path))}
        return await pw.chromium.connect(ws_url, timeout=timeout_ms, headers=headers)

    try:
        return await attempt(executable_path)
    except Exception as exc:  # noqa: BLE001 - turned into one readable error below
        first = str(exc)
        missing = "Executable doesn't exist" in first
        if missing and not executable_path:
            # A server started beside uxcheck (same machine or image) can launch our own Chromium.
            try:
                return await attempt(find_browser())
            except Exception:  # noqa: BLE001
                pass
        hint = ""
        if missing:
            hint = ("\nThe server has no browser of its own: pass --browser with the path of a Chromium on the server's "
                    "machine and start the server with `playwright run-server --unsafe` so it accepts that path.")
        line = next((ln for ln in first.splitlines() if ln.strip()), type(exc).__name__)
        raise NoBrowserError(f"could not connect to the browser server at {ws_url}: {line}{hint}") from None
