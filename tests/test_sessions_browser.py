"""Single-page audits share one browser session per device, and nothing one page leaves behind
(cookies, local and session storage, popups) reaches the next."""
from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from uxcheck import sessions
from uxcheck.api import AuditSettings, audit

pytestmark = pytest.mark.browser

HEAD = "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
# Leaves state behind in every way a page can: an HttpOnly cookie (from the server), a script
# cookie, localStorage, sessionStorage, and a popup window.
SETTER = HEAD.format(title="setter") + """<main><h1>Welcome</h1><script>
document.cookie = "script_cookie=1; path=/";
localStorage.setItem("k", "1"); sessionStorage.setItem("k", "1");
window.open("/popup");
</script></main></body></html>"""
# Shows in its title what it finds: the server fills in the cookies it received.
CHECKER = HEAD.format(title="pending") + """<main><h1>Your state</h1><script>
document.title = "server:{cookies}|script:" + document.cookie + "|local:" + localStorage.getItem("k")
  + "|session:" + sessionStorage.getItem("k");
</script></main></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("#")[0]
        with self.server.lock:  # type: ignore[attr-defined]
            self.server.hits[path] = self.server.hits.get(path, 0) + 1  # type: ignore[attr-defined]
        if path.startswith("/set"):
            body, headers = SETTER, {"Set-Cookie": "server_cookie=1; Path=/; HttpOnly"}
        elif path.startswith("/check"):
            body, headers = CHECKER.replace("{cookies}", self.headers.get("Cookie", "")), {}
        else:
            body, headers = HEAD.format(title="popup") + "<p>popup</p></body></html>", {}
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


@contextlib.contextmanager
def state_site() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.lock, server.hits = threading.Lock(), {}  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def titles(results: dict) -> list[str]:
    return [s["title"] for r in results["runs"] for s in r["steps"]]


def test_pages_share_a_session_but_not_its_state(tmp_path, browser_exe):
    with state_site() as server:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        before = sessions.OPENED["count"]
        results = audit([f"{base}/set", f"{base}/check", f"{base}/check#again"],
                        AuditSettings(devices=["desktop"], formats=["json"], out_dir=tmp_path, workers=1,
                                      browser=browser_exe))
        hits = dict(server.hits)  # type: ignore[attr-defined]
    assert sessions.OPENED["count"] - before == 1  # three pages, one session
    assert all(s["status"] == "ok" for r in results["runs"] for s in r["steps"])
    setter, check, check_again = titles(results)
    assert setter == "setter"
    # The page after the one that set everything sees none of it.
    assert check == "server:|script:|local:null|session:null"
    # The same address with a #fragment is loaded again, not a same-document jump.
    assert check_again == "server:|script:|local:null|session:null"
    assert hits["/check"] == 2


def test_each_device_has_its_own_session_and_workers_open_at_most_one_each(tmp_path, browser_exe):
    with state_site() as server:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        before = sessions.OPENED["count"]
        results = audit([f"{base}/check?{i}" for i in range(6)],
                        AuditSettings(devices=["desktop", "mobile"], formats=["json"], out_dir=tmp_path,
                                      workers=2, browser=browser_exe))
    assert len(results["runs"]) == 12
    assert all(s["status"] == "ok" for r in results["runs"] for s in r["steps"])
    # Two workers: at most two sessions per device, never one per page.
    assert 2 <= sessions.OPENED["count"] - before <= 4
    widths = {r["device"]: {s["screenshot_size"]["width"] for s in r["steps"]} for r in results["runs"]}
    assert widths["desktop"] != widths["mobile"]  # a shared session keeps its device's viewport
