"""Shared fixtures: a browser executable and a local web server on 127.0.0.1."""
from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="session")
def browser_exe() -> str:
    """A Chromium for browser tests. In CI a missing browser is a failure, not a skip."""
    from uxcheck.browser import find_browser
    from uxcheck.errors import NoBrowserError

    try:
        return find_browser()
    except NoBrowserError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"no browser in CI: {exc}")
        pytest.skip("no browser on this machine (uxcheck install-browser)")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def site() -> str:
    """tests/pages served on 127.0.0.1 (never any other address)."""
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
