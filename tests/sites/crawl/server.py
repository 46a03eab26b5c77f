"""A small bank site for crawl tests, on 127.0.0.1 only, that records every request it receives.

    with crawl_site(delay=0.0) as site:     # site.base_url == "http://127.0.0.1:PORT"
        site.paths()                        # ["/", "/accounts", ...] in the order they were asked for

Pages sit at known click depths from "/", next to every kind of link a crawler must not follow
(logout, writes, downloads, other origins, robots-disallowed), a redirect onto a page already linked,
an error page (500), a rate-limited page (429) and a plain-text resource without an extension.
"""
from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator
from urllib.parse import urlsplit

HEAD = ("<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'><title>{title} - Tidewater Bank</title>"
        "<style>body{{font:16px/1.5 sans-serif;margin:0}}nav a,main a{{display:inline-block;padding:12px}}</style>"
        "</head><body><header><nav>{nav}</nav></header><main><h1>{title}</h1>{body}</main>"
        "<footer><a href='/help'>Help</a></footer></body></html>")

NAV = "<a href='/'>Home</a><a href='/accounts'>Accounts</a><a href='/help'>Help</a>"

# path -> (title, body). Depths from "/": accounts, help, cards: 1; current, savings, contact, faq: 2; ...
PAGES: dict[str, tuple[str, str]] = {
    "/": ("Welcome", """
        <p>Your everyday banking.</p>
        <ul>
          <li><a href="/accounts/">Your accounts</a></li>
          <li><a href="/cards#limits">Cards</a></li>
          <li><a href="/statements.pdf">Latest statement (PDF)</a></li>
          <li><a href="/export?format=ofx" download>Export transactions</a></li>
          <li><a href="/logout">Log out</a></li>
          <li><a href="/session/end">Sign out</a></li>
          <li><a href="/cards/remove?id=4">Remove card</a></li>
          <li><a href="/session" data-method="delete">End session</a></li>
          <li><a href="/alerts?action=unsubscribe">Stop alerts</a></li>
          <li><a href="https://www.other-bank.example/">Partner offers</a></li>
          <li><a href="http://localhost:1/elsewhere">Same host name, other origin</a></li>
          <li><a href="mailto:help@tidewater.example">Email us</a> <a href="tel:+441234567890">Call us</a></li>
          <li><a href="/private/admin">Staff area</a></li>
          <li><a href="/broken">Rates</a></li>
          <li><a href="/busy">Offers</a></li>
          <li><a href="/old-accounts">Accounts (old link)</a></li>
          <li><a href="/notes">Release notes</a></li>
          <li><a href="#main">Skip to content</a></li>
        </ul>"""),
    "/accounts": ("Your accounts", """
        <ul><li><a href="/accounts/current">Current account</a></li>
        <li><a href="/accounts/savings?tab=overview">Savings</a></li>
        <li><a href="/accounts/savings?tab=overview#rates">Savings rates</a></li></ul>"""),
    "/cards": ("Cards", "<p>Your cards and their limits.</p><a href='/cards/freeze-help'>How to freeze a card</a>"),
    "/cards/freeze-help": ("Freezing a card", "<p>Use the app to freeze a lost card.</p>"),
    "/help": ("Help", "<a href='/help/contact'>Contact us</a> <a href='/help/faq'>Questions and answers</a>"),
    "/help/contact": ("Contact us", "<p>Call 0123 456 7890, 8am to 8pm.</p>"),
    "/help/faq": ("Questions and answers", "<p>How do I order a new card?</p>"),
    "/accounts/current": ("Current account", "<a href='/accounts/current/statements'>Statements</a>"),
    "/accounts/savings": ("Savings", "<p>Instant access savings.</p>"),
    "/accounts/current/statements": ("Statements", "<a href='/accounts/current/statements/2026-10'>October 2026</a>"),
    "/accounts/current/statements/2026-10": ("October 2026", "<a href='/accounts/current/statements/2026-10/lines'>All lines</a>"),
    "/accounts/current/statements/2026-10/lines": ("All lines", "<p>Every transaction.</p>"),
}
# A dozen plain pages one click apart, with no error pages near them (for timing workers).
PAGES["/shop"] = ("Shop", "<ul>" + "".join(f"<li><a href='/shop/item-{i}'>Item {i}</a></li>" for i in range(1, 12)) + "</ul>")
PAGES.update({f"/shop/item-{i}": (f"Item {i}", f"<p>Item {i}: in stock.</p><a href='/shop'>Back to the shop</a>")
              for i in range(1, 12)})

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def sitemap(origin: str) -> str:
    urls = ["/", "/accounts", "/help/contact", "/accounts/current/statements", "/private/admin", "/statements.pdf"]
    locs = "".join(f"<url><loc>{origin}{u}</loc></url>" for u in urls)
    return ("<?xml version='1.0' encoding='UTF-8'?>"
            f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{locs}"
            "<url><loc>https://cdn.other.example/page</loc></url></urlset>")


class CrawlSite(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def paths(self) -> list[str]:
        with self.lock:
            return [p for _, p in self.requests]


class _Handler(BaseHTTPRequestHandler):
    server: CrawlSite
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: str, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.requests.append((self.command, self.path))
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            if self.server.delay and path not in ("/robots.txt", "/sitemap.xml", "/favicon.ico"):
                time.sleep(self.server.delay)
            self._answer(path)
        finally:
            with self.server.lock:
                self.server.in_flight -= 1

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802
        with self.server.lock:
            self.server.requests.append((self.command, self.path))
        self._send(200, "<p>done</p>")

    def _answer(self, path: str) -> None:
        if path == "/robots.txt":
            return self._send(200, ROBOTS, "text/plain")
        if path == "/sitemap.xml":
            return self._send(200, sitemap("https://www.tidewater-bank.example"), "application/xml")
        if path == "/broken":
            return self._send(500, HEAD.format(title="Something went wrong", nav=NAV, body="<p>Try later.</p>"))
        if path == "/busy":
            return self._send(429, "Too many requests", "text/plain", Retry_After="1")
        if path == "/old-accounts":
            return self._send(301, "", Location="/accounts")
        if path == "/notes":
            return self._send(200, "v2.3: faster statements", "text/plain; charset=utf-8")
        if path != "/" and path.endswith("/"):
            path = path.rstrip("/")
        if path in PAGES:
            title, body = PAGES[path]
            return self._send(200, HEAD.format(title=title, nav=NAV, body=body))
        return self._send(404, HEAD.format(title="Page not found", nav=NAV, body="<p>Not here.</p>"))


@contextlib.contextmanager
def crawl_site(delay: float = 0.0) -> Iterator[CrawlSite]:
    server = CrawlSite(delay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
