"""A small bank site for flow tests, served on 127.0.0.1, that records every request it receives.

    with recording_site() as site:       # site.base_url == "http://127.0.0.1:PORT"
        ...
        site.requests                    # [("GET", "/accounts"), ("POST", "/pay"), ...]

POST /login answers like a real sign-in (303 to the accounts); every other write gets a small
"done" page. Nothing is stored: the recording is what the tests look at.
"""
from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator, NamedTuple
from urllib.parse import urlsplit

ROOT = Path(__file__).parent / "harbour"
DONE = (b"<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        b"<meta name='viewport' content='width=device-width, initial-scale=1'><title>Done - Harbour Bank</title>"
        b"</head><body><main><h1>Payment sent</h1><p>Thank you.</p><a href='/accounts'>Back to your accounts</a>"
        b"</main></body></html>")


class Recorded(NamedTuple):
    method: str
    path: str


class RecordingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[Recorded] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def writes(self) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.method not in ("GET", "HEAD", "OPTIONS")]


class _Handler(BaseHTTPRequestHandler):
    server: RecordingServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _record(self) -> str:
        with self.server.lock:
            self.server.requests.append(Recorded(self.command, self.path))
        return urlsplit(self.path).path

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self._record().strip("/") or "index"
        page = ROOT / f"{path}.html"
        if "/" in path or "." in path or not page.is_file():
            self._send(404, b"<!doctype html><title>Not found</title><h1>Not found</h1>")
        else:
            self._send(200, page.read_bytes())

    def _write(self) -> None:
        path = self._record()
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if path == "/login":
            self._send(303, b"", {"Location": "/accounts"})
        else:
            self._send(200, DONE)

    do_POST = do_PUT = do_PATCH = do_DELETE = _write


@contextlib.contextmanager
def recording_site() -> Iterator[RecordingServer]:
    server = RecordingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
