"""`uxcheck install-browser`: get a Chromium the best way this machine allows."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from .browser import HOW_TO_GET_ONE, find_browser
from .errors import NoBrowserError


def _have_browser() -> str | None:
    try:
        return find_browser()
    except NoBrowserError:
        return None


def _run(cmd: list[str], timeout: int) -> bool:
    print(f"uxcheck: running {' '.join(cmd)}", file=sys.stderr, flush=True)
    try:
        return subprocess.run(cmd, timeout=timeout, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"uxcheck: {cmd[0]} did not finish: {exc}", file=sys.stderr)
        return False


def install_browser() -> int:
    found = _have_browser()
    if found:
        print(f"A browser is already available: {found}")
        return 0
    # 1. Playwright's own build, where its download host is reachable.
    if _run([sys.executable, "-m", "playwright", "install", "chromium"], timeout=180) and _have_browser():
        print(f"Installed Playwright's Chromium: {find_browser()}")
        return 0
    # 2. The system package manager (Debian/Ubuntu), when we may use it.
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if shutil.which("apt-get") and is_root:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        ok = subprocess.run(["apt-get", "update", "-q"], env=env, check=False).returncode == 0
        ok = ok and subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], env=env, check=False).returncode == 0
        if ok and _have_browser():
            print(f"Installed Debian's chromium: {find_browser()}")
            return 0
    print(HOW_TO_GET_ONE, file=sys.stderr)
    return 3
