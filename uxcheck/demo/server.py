"""Serve the bundled demo portal on 127.0.0.1.

``serving()`` starts a quiet ``ThreadingHTTPServer`` in a daemon thread and yields the base URL::

    with serving() as base_url:          # "http://127.0.0.1:54321"
        ...                              # audit it
        base_url.server.requests         # [("GET", "/"), ("POST", "/bank/pay/submit"), ...]

Reads the site with ``importlib.resources`` so it works from a wheel as well as a checkout.
Every request is recorded (method, path as sent, query included), so tests can prove that a
write was or was not sent. Writes (POST, PUT, PATCH, DELETE) never change anything: they get a
small "done" page, except the demo login, which answers like a real one (303 to the accounts).
``?slow=MS`` on any URL delays the answer by MS milliseconds (capped), for timeout tests.
"""
from __future__ import annotations

import contextlib
import mimetypes
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import TYPE_CHECKING, Iterator, NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from .manifest import DemoPage, demo_pages

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["DemoServer", "RecordedRequest", "ServedURL", "serving", "demo_pages", "DemoPage", "site_root"]

HOST = "127.0.0.1"
MAX_SLOW_MS = 60_000  # a typo in ?slow= must not hang a test run for hours
LOGIN_PATH = "/login"
LOGIN_LANDING = "/bank/accounts"

# Content types the site uses; mimetypes' answers vary between machines (Windows registry).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".yaml": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".ico": "image/x-icon",
}

DONE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Done - Northwind</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/northwind.css"></head>
<body><main class="page"><h1>Done</h1>
<p>We received your request ({method} {path}). This is a demo: nothing was changed.</p>
<p><a class="button" href="/">Back to the demo home page</a></p></main></body></html>
"""


class RecordedRequest(NamedTuple):
    method: str
    path: str  # as sent in the request line, query string included


def site_root() -> Traversable:
    """The folder of the static site, inside the installed package."""
    return resources.files("uxcheck.demo").joinpath("site")


class DemoServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that remembers every request it answered."""

    daemon_threads = True  # a slow request in flight never blocks shutdown

    def __init__(self, port: int = 0) -> None:
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self.site = site_root()
        super().__init__((HOST, port), DemoRequestHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def record(self, method: str, path: str) -> None:
        with self._lock:
            self._requests.append(RecordedRequest(method, path))

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the requests received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def writes(self) -> list[RecordedRequest]:
        """The requests that would have changed something on a real site."""
        return [r for r in self.requests if r.method not in ("GET", "HEAD", "OPTIONS")]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        # A browser that gives up on a ?slow= page closes the socket mid-answer: not worth a traceback.
        pass


class ServedURL(str):
    """The base URL (a plain str to callers) that also carries the server it points at."""

    server: DemoServer

    def __new__(cls, server: DemoServer) -> "ServedURL":
        url = super().__new__(cls, server.base_url)
        url.server = server
        return url

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.server.requests


class DemoRequestHandler(BaseHTTPRequestHandler):
    server: DemoServer
    server_version = "NorthwindDemo/1.0"
    protocol_version = "HTTP/1.1"

    # -- quiet: no per-request lines on stderr
    def log_message(self, format: str, *args) -> None:  # noqa: A002, ANN002
        pass

    # -- reads
    def do_GET(self) -> None:
        self._answer_read(send_body=True)

    def do_HEAD(self) -> None:
        self._answer_read(send_body=False)

    # -- writes: accepted, recorded, never acted on
    def do_POST(self) -> None:
        self._answer_write()

    def do_PUT(self) -> None:
        self._answer_write()

    def do_PATCH(self) -> None:
        self._answer_write()

    def do_DELETE(self) -> None:
        self._answer_write()

    def _start(self) -> str:
        """Record the request, honour ?slow=, and return its path without the query."""
        self.server.record(self.command, self.path)
        parts = urlsplit(self.path)
        slow = parse_qs(parts.query).get("slow")
        if slow:
            try:
                delay_ms = min(max(int(slow[0]), 0), MAX_SLOW_MS)
            except ValueError:
                delay_ms = 0
            time.sleep(delay_ms / 1000)
        return unquote(parts.path) or "/"

    def _answer_read(self, send_body: bool) -> None:
        path = self._start()
        generated = GENERATED.get(path)
        if generated is not None:
            name, make = generated
            self._send(HTTPStatus.OK, make(self.server.base_url).encode("utf-8"), _content_type(name), send_body)
            return
        found = self._find(path)
        if found is None:
            not_found = self.server.site.joinpath("404.html")
            self._send(HTTPStatus.NOT_FOUND, not_found.read_bytes(), CONTENT_TYPES[".html"], send_body)
            return
        name, body = found
        self._send(HTTPStatus.OK, body, _content_type(name), send_body)

    def _answer_write(self) -> None:
        path = self._start()
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)  # drain the body so the connection stays usable
        if self.command == "POST" and path == LOGIN_PATH:
            self.send_response(HTTPStatus.SEE_OTHER)
            self.send_header("Location", LOGIN_LANDING)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = DONE_PAGE.format(method=self.command, path=_escape(path)).encode("utf-8")
        self._send(HTTPStatus.OK, body, CONTENT_TYPES[".html"], True)

    def _find(self, path: str) -> tuple[str, bytes] | None:
        """The file a URL path names: exact file, clean URL (+ .html) or folder index."""
        segments = [s for s in path.split("/") if s]
        if any(s in (".", "..") or s.startswith(".") for s in segments):
            return None
        node = self.server.site
        for segment in segments[:-1]:
            node = node.joinpath(segment)
            if not node.is_dir():
                return None
        candidates: list[Traversable] = []
        if not segments:
            candidates.append(node.joinpath("index.html"))
        else:
            last = segments[-1]
            candidates += [node.joinpath(last), node.joinpath(last + ".html"),
                           node.joinpath(last).joinpath("index.html")]
        for candidate in candidates:
            if candidate.is_file():
                return candidate.name, candidate.read_bytes()
        return None

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def robots_txt(base_url: str) -> str:
    return f"User-agent: *\nAllow: /\nDisallow: /login\n\nSitemap: {base_url}/sitemap.xml\n"


def sitemap_xml(base_url: str) -> str:
    """Every page of the manifest, with absolute URLs on the address actually served."""
    urls = "\n".join(f"  <url><loc>{_escape(base_url + page.path)}</loc></url>" for page in demo_pages())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}\n</urlset>\n")


# Files whose content depends on the address the site is served on.
GENERATED = {"/robots.txt": ("robots.txt", robots_txt), "/sitemap.xml": ("sitemap.xml", sitemap_xml)}


def _content_type(name: str) -> str:
    suffix = name[name.rfind("."):].lower() if "." in name else ""
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@contextlib.contextmanager
def serving(port: int = 0) -> Iterator[ServedURL]:
    """Serve the demo site on 127.0.0.1 (a free port when 0) while the block runs."""
    server = DemoServer(port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="uxcheck-demo-server", daemon=True)
    thread.start()
    try:
        yield ServedURL(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
