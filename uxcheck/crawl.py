"""`uxcheck crawl`: same-origin breadth-first discovery that audits every page it finds.

Discovery reads the links of each page's own audit snapshot (a page is loaded once). Pages are
visited level by level, so every page's click depth from the start page is exact and the set of
pages found is deterministic, which is what lets CI shards agree on the whole. With ``--shard``
every shard still walks the whole site on its first device (one collector round trip per page, no
rules, no screenshot) and audits only its own slice. With ``--sitemap`` the pages come from a
(production) sitemap instead, rewritten by ``--url-replace`` (e.g. onto staging).

Politeness: at most ``host_concurrency`` pages of one host in flight, at most ``rate`` page loads
per second per host (and robots.txt's Crawl-delay with ``--respect-robots``); an HTTP 429 answer
halves that host's rate for the rest of the crawl. 429 and 5xx answers are error steps (the runner
turns them into one), never a silently empty report.

Never followed: other origins (scheme, host, port), non-HTML resources (by extension, by
``download``, and by content type once loaded), logout links, and links that look like they write
(delete/remove/unsubscribe/add-to-cart verbs in the path or an ``action=`` parameter, ``data-method``
other than GET). Writes the pages themselves try are blocked by the runner as in every audit.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gzip
import re
import shutil
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterable, Sequence
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit, urlunsplit

from . import engine
from .errors import RunFailedError, UsageError
from .flows import FlowSpec, StepSpec, slug, target_url
from .model import Capture

ROBOTS_AGENT = "uxcheck"
FETCH_TIMEOUT_S = 15
SITEMAP_MAX_FILES = 50  # a sitemap index pointing at more than this is cut (a crawl has --max-pages anyway)
SKIPPED_KEPT = 500  # skipped URLs listed in results.json (counts stay exact)
RATE_FLOOR = 0.1  # pages per second a host is never slowed below after 429s

NON_HTML_EXTENSIONS = frozenset("""
pdf zip gz tgz bz2 xz 7z rar tar dmg exe msi apk pkg deb rpm iso
jpg jpeg png gif webp svg ico bmp tif tiff avif heic
mp3 mp4 m4a m4v mov avi wmv webm ogg ogv wav flac
css js mjs map json xml rss atom txt csv tsv ics vcf
doc docx xls xlsx ppt pptx odt ods odp rtf epub
woff woff2 ttf otf eot
ofx qfx qif mt940 sta camt
""".split())

# Path segments (or their first word) that name an action done by opening the URL.
WRITE_VERBS = frozenset("""
delete remove destroy erase unsubscribe optout opt-out deactivate terminate revoke
addtocart add-to-cart add_to_cart addtobasket add-to-basket
""".split())
WRITE_ACTION_VALUES = frozenset("delete remove destroy cancel unsubscribe add addtocart buy purchase pay confirm".split())
LOGOUT_PATH = re.compile(
    r"(^|[/_.\-])(log[_-]?out|log[_-]?off|sign[_-]?out|sign[_-]?off|abmelden|ausloggen|deconnexion|"
    r"d%c3%a9connexion|déconnexion|cerrar[_-]?sesion|salir|uitloggen|afmelden|sair|logout\.\w+|ログアウト)($|[/_.\-?])",
    re.IGNORECASE)
LOGOUT_NAME = re.compile(
    r"^\s*(log\s*out|log\s*off|sign\s*out|sign\s*off|abmelden|ausloggen|se\s+d[ée]connecter|d[ée]connexion|"
    r"cerrar\s+sesi[oó]n|salir|uitloggen|afmelden|sair|terminar\s+sess[aã]o|ログアウト)\b",
    re.IGNORECASE)


# -- URLs ---------------------------------------------------------------------------------------

def origin_of(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port made explicit."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def normalise(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL without fragment or default port; None for anything else."""
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, {"http": 80, "https": 443}[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    query = parts.query
    return urlunsplit((scheme, netloc, path, query, ""))


def page_key(url: str) -> str:
    """What makes two URLs one page: normalised, trailing slash ignored (query kept)."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def page_name(url: str) -> str:
    """The flow name of a crawled page: its path (and query); every page of a crawl has one origin."""
    parts = urlsplit(url)
    return (parts.path.rstrip("/") or "/") + (f"?{parts.query}" if parts.query else "")


def extension_of(url: str) -> str:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def looks_like_write(url: str) -> bool:
    """A GET that acts: a write verb as a path segment (or its first word), or an action parameter."""
    parts = urlsplit(url)
    for segment in unquote(parts.path).lower().split("/"):
        if not segment:
            continue
        if segment in WRITE_VERBS or re.split(r"[-_.]", segment)[0] in WRITE_VERBS:
            return True
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in ("action", "do", "cmd", "op", "_method") and value.lower() in WRITE_ACTION_VALUES | {"post", "put", "patch"}:
            return True
    return False


def is_logout(url: str, name: str = "") -> bool:
    return bool(LOGOUT_PATH.search(unquote(urlsplit(url).path)) or (name and LOGOUT_NAME.search(name)))


def link_skip_reason(url: str, origin: tuple[str, str, int | None], *, name: str = "",
                     attrs: dict[str, str] | None = None, respect_nofollow: bool = False) -> str | None:
    """Why the crawler must not follow a link to ``url`` (already normalised), or None."""
    attrs = attrs or {}
    if origin_of(url) != origin:
        return "other origin"
    if "download" in attrs:
        return "download"
    if extension_of(url) in NON_HTML_EXTENSIONS:
        return "not an HTML page (by extension)"
    if is_logout(url, name):
        return "logout"
    method = (attrs.get("data-method") or "get").strip().lower()
    if method != "get" or looks_like_write(url):
        return "would write"
    if respect_nofollow and "nofollow" in (attrs.get("rel") or "").lower().split():
        return "rel=nofollow"
    return None


def parse_replacements(items: Iterable[str]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        if "=" not in item or not item.split("=", 1)[0]:
            raise UsageError(f"--url-replace {item!r}: expected FROM=TO, e.g. https://www.example.com=https://staging.example.com")
        frm, to = item.split("=", 1)
        out.append((frm, to))
    return out


def replace_url(url: str, replacements: Sequence[tuple[str, str]]) -> str:
    for frm, to in replacements:
        if url.startswith(frm):
            return to + url[len(frm):]
    return url


# -- fetching robots.txt and sitemaps (plain HTTP, not the browser) -------------------------------

def _fetch(url: str) -> tuple[int, bytes]:
    """(status, body) of a GET; (0, b"") when the host cannot be reached."""
    if not re.match(r"^https?://", url, re.IGNORECASE):
        path = Path(url[7:] if url.startswith("file://") else url)
        try:
            return 200, path.read_bytes()
        except OSError:
            return 404, b""
    request = urllib.request.Request(url, headers={"User-Agent": f"{ROBOTS_AGENT} (+crawl)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:  # noqa: S310 - http(s) only
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, OSError, ValueError):
        return 0, b""


@dataclass
class Robots:
    """robots.txt of one origin, read as RFC 9309 says: 4xx allows all; 5xx or unreachable disallows all."""

    url: str
    status: int
    parser: urllib.robotparser.RobotFileParser | None

    @classmethod
    def load(cls, origin_url: str) -> "Robots":
        url = urljoin(origin_url, "/robots.txt")
        status, body = _fetch(url)
        if 200 <= status < 300:
            parser = urllib.robotparser.RobotFileParser(url)
            parser.parse(body.decode("utf-8", "replace").splitlines())
            return cls(url, status, parser)
        return cls(url, status, None)

    def allows(self, url: str) -> bool:
        if self.parser is not None:
            return self.parser.can_fetch(ROBOTS_AGENT, url)
        return 400 <= self.status < 500

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        rate = self.parser.request_rate(ROBOTS_AGENT)
        seconds = [float(delay)] if delay else []
        if rate and rate.requests:
            seconds.append(rate.seconds / rate.requests)
        return max(seconds) if seconds else None

    def describe(self) -> str:
        if self.parser is not None:
            return "read"
        if 400 <= self.status < 500:
            return f"none (HTTP {self.status}): everything allowed"
        return (f"unreachable (HTTP {self.status})" if self.status else "unreachable") + ": everything disallowed"


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of a sitemap or sitemap index (gzip or plain XML)."""
    from lxml import etree

    if body[:2] == b"\x1f\x8b":
        body = gzip.decompress(body)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return [], []
    pages: list[str] = []
    children: list[str] = []
    for loc in root.iter("{*}loc", "loc"):
        text = (loc.text or "").strip()
        if not text:
            continue
        parent = loc.getparent()
        kind = etree.QName(parent).localname if parent is not None else "url"
        (children if kind == "sitemap" else pages).append(text)
    return pages, children


def load_sitemap(url: str, limit: int) -> list[str]:
    """Page URLs of a sitemap, following a sitemap index, in document order, at most ``limit``."""
    pages: list[str] = []
    queue, seen, files = [url], set(), 0
    while queue and len(pages) < limit and files < SITEMAP_MAX_FILES:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        files += 1
        status, body = _fetch(current)
        if not (200 <= status < 300):
            raise RunFailedError(f"--sitemap: could not read {current} (HTTP {status or 'unreachable'})")
        found, children = parse_sitemap(body)
        pages.extend(found)
        queue.extend(children)
    return pages[:limit]


# -- politeness ---------------------------------------------------------------------------------

class HostLimiter:
    """Per host: at most ``concurrency`` pages in flight and ``rate`` page loads per second (0: no pacing)."""

    def __init__(self, rate: float, concurrency: int, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.concurrency = max(1, concurrency)
        self.clock = clock
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._interval: dict[str, float] = {}

    def interval(self, host: str) -> float:
        return self._interval.get(host, 1.0 / self.rate if self.rate > 0 else 0.0)

    def slow_down(self, host: str) -> None:
        """The host said 429 Too Many Requests: halve its rate (never below RATE_FLOOR pages/s)."""
        current = self.interval(host) or 1.0 / max(self.rate, 1.0)
        self._interval[host] = min(current * 2, 1.0 / RATE_FLOOR)

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = urlsplit(url).netloc.lower()
        sem = self._slots.setdefault(host, asyncio.Semaphore(self.concurrency))
        async with sem:
            now = self.clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self.interval(host)
            if start > now:
                await asyncio.sleep(start - now)
            yield


# -- the crawl ----------------------------------------------------------------------------------

@dataclass
class CrawlOptions:
    start_url: str
    max_pages: int = 50
    max_depth: int = 3
    respect_robots: bool = False
    sitemap: str | None = None
    url_replace: Sequence[tuple[str, str]] = ()
    rate: float = 4.0
    host_concurrency: int = 4


@dataclass
class CrawlPage:
    url: str  # as first found (normalised), what the browser opens
    key: str
    depth: int | None  # clicks from the start page; None for sitemap pages
    order: int  # discovery order (1-based): the page's step index in the crawl's flow rules
    parent: str | None = None
    name: str = ""
    in_shard: bool = True
    dropped: bool = False  # loaded, then left out (not HTML, another origin, a page already audited)
    runs: list[dict[str, Any]] = field(default_factory=list)
    captures: list[Capture] = field(default_factory=list)


class Crawler:
    def __init__(self, opts: CrawlOptions, run_options: Any):
        from .runner import Runner

        self.opts = opts
        self.run_options = run_options
        self.runner = Runner(run_options)
        self.origin = origin_of(opts.start_url)
        self.limiter = HostLimiter(opts.rate, opts.host_concurrency)
        self.robots: Robots | None = None
        self.pages: list[CrawlPage] = []
        self.seen: set[str] = set()
        self.skipped: list[dict[str, str]] = []
        self.skipped_count: dict[str, int] = {}
        self._skipped_keys: set[str] = set()
        self._slugs: set[str] = set()
        self.devices = list(run_options.devices)
        self._workers = asyncio.Semaphore(max(1, run_options.workers))

    # -- bookkeeping --
    def skip(self, url: str, reason: str, to: str | None = None, visited: bool = False) -> None:
        """Record a URL left out (once), with a fixed reason; ``visited``: loaded, then dropped."""
        key = page_key(url)
        if key in self._skipped_keys or (key in self.seen and not visited):
            return
        self._skipped_keys.add(key)
        self.skipped_count[reason] = self.skipped_count.get(reason, 0) + 1
        if len(self.skipped) < SKIPPED_KEPT:
            self.skipped.append({"url": url, "reason": reason, **({"to": to} if to else {})})

    def _add(self, url: str, depth: int | None, parent: str | None) -> CrawlPage | None:
        key = page_key(url)
        if key in self.seen or len(self.pages) >= self.opts.max_pages:
            return None
        if self.robots is not None and not self.robots.allows(url):
            self.skip(url, "disallowed by robots.txt" if self.robots.parser is not None
                      else "robots.txt could not be read: treated as disallowing everything")
            return None
        self.seen.add(key)
        order = len(self.pages) + 1
        name = page_name(url)
        if slug(name) in self._slugs:  # the runner's folder names are cut short: long paths may meet
            name = f"#{order} {name}"
        self._slugs.add(slug(name))
        page = CrawlPage(url, key, depth, order, parent, name)
        page.in_shard = bool(_in_shard(page.name, self.run_options.shard))
        self.pages.append(page)
        return page

    # -- visiting --
    async def _run_device(self, browser: Any, pw: Any, page: CrawlPage, device: str) -> dict[str, Any]:
        flow = FlowSpec(name=page.name, steps=[StepSpec("goto", page.url, name=page.name)], shares_session=True)
        async with self._workers:
            async with self.limiter.slot(page.url):
                run = await self.runner.run_flow(browser, pw, flow, device)
        for step in run["steps"]:
            step["depth"] = page.depth
            if step.get("status") == "error" and "HTTP 429" in (step.get("error") or ""):
                self.limiter.slow_down(urlsplit(page.url).netloc.lower())
        return run

    async def _discover_only(self, browser: Any, pw: Any, page: CrawlPage) -> None:
        """Out of this shard: load the page on the first device for its links, audit nothing."""
        from .browser import device_profile
        from .capture import collect
        from .sessions import WriteGuard

        profile = device_profile(self.devices[0], pw.devices)
        async with self._workers:
            async with self.limiter.slot(page.url):
                context = await browser.new_context(**profile.context_options, service_workers="block")
                try:
                    await context.route("**/*", WriteGuard(False).handle)
                    tab = await context.new_page()
                    response = await tab.goto(page.url, wait_until="load", timeout=self.run_options.nav_timeout_ms)
                    if response is not None and (response.status == 429 or response.status >= 500):
                        if response.status == 429:
                            self.limiter.slow_down(urlsplit(page.url).netloc.lower())
                        return  # an error step in the owning shard, as the runner makes it: nothing to follow
                    snap = await collect(tab, profile.device)
                except Exception:  # noqa: BLE001 - the owning shard reports the error step
                    return
                finally:
                    with contextlib.suppress(Exception):
                        await context.close()
        page.captures = [Capture(page.name, self.devices[0], 1, page.name, snap.url, "ok", _light(snap), page.depth)]

    async def _visit(self, browser: Any, pw: Any, page: CrawlPage) -> None:
        if not page.in_shard:
            await self._discover_only(browser, pw, page)
            return
        page.runs = list(await asyncio.gather(*(self._run_device(browser, pw, page, d) for d in self.devices)))
        caps = self.runner.captures.get(page.name, [])
        for cap in caps:
            cap.depth = page.depth
        first = [c for c in caps if c.device == self.devices[0]]
        page.captures = first + [c for c in caps if c.device != self.devices[0]]

    def _landed(self, page: CrawlPage) -> bool:
        """After a visit: keep the page unless it is not HTML, left the origin, or is another page again."""
        discovery = next((c for c in page.captures if c.device == self.devices[0] and c.snapshot is not None), None)
        if discovery is None:
            for run in page.runs:
                for step in run["steps"]:
                    if "Download is starting" in (step.get("error") or ""):
                        return self._drop(page, "not an HTML page (download)")
            return True  # an error step (unreachable, 429, 5xx): reported, nothing to follow
        snap = discovery.snapshot
        content_type = str(snap.document.get("content_type") or "text/html").split(";")[0].strip().lower()
        if content_type not in ("text/html", "application/xhtml+xml"):
            return self._drop(page, "not an HTML page (by content type)", content_type)
        final = normalise(snap.url) or snap.url
        if origin_of(final) != self.origin:
            return self._drop(page, "redirects to another origin", final)
        final_key = page_key(final)
        if final_key != page.key:
            if final_key in self.seen:
                return self._drop(page, "redirects to a page already audited", final)
            self.seen.add(final_key)
        return True

    def _drop(self, page: CrawlPage, reason: str, to: str | None = None) -> bool:
        self.skip(page.url, reason, to, visited=True)
        for run in page.runs:
            folder = self.run_options.out_dir / f"{slug(run['flow'])}-{slug(run['device'])}"
            shutil.rmtree(folder, ignore_errors=True)
        page.runs, page.captures = [], []
        page.in_shard, page.dropped = False, True
        return False

    def _links(self, page: CrawlPage) -> list[str]:
        cap = next((c for c in page.captures if c.device == self.devices[0] and c.snapshot is not None), None)
        if cap is None:
            return []
        found = []
        for link in cap.snapshot.links:
            url = normalise(link.href or "", cap.snapshot.url)
            if url is None:
                continue
            reason = link_skip_reason(url, self.origin, name=link.name or link.text, attrs=link.attrs,
                                      respect_nofollow=self.opts.respect_robots)
            if reason == "other origin":
                continue  # not ours to list
            if reason:
                self.skip(url, reason)
                continue
            found.append(url)
        return found

    async def run(self) -> dict[str, Any]:
        from playwright.async_api import async_playwright

        from .browser import device_profile
        from .results import new_results, summarise

        started = datetime.now(timezone.utc)
        t0 = time.perf_counter()
        if self.opts.respect_robots:
            self.robots = await asyncio.to_thread(Robots.load, self.opts.start_url)
            delay = self.robots.crawl_delay()
            if delay:
                self.limiter.rate = min(self.limiter.rate or float("inf"), 1.0 / delay)
        self.runner.warm_up()  # the rules thread loads what rules need while the browser starts
        async with async_playwright() as pw:
            for d in self.devices:
                device_profile(d, pw.devices)  # an unknown device is a usage error before the browser starts
            browser = await self.runner._browser(pw)
            try:
                if self.opts.sitemap:
                    await self._sitemap(browser, pw)
                else:
                    await self._breadth_first(browser, pw)
                await self.runner.finish_judging()
            finally:
                await self.runner.close()
                with contextlib.suppress(Exception):
                    await browser.close()
        results = new_results(started)
        kept = [p for p in self.pages if p.runs or p.captures]
        results["runs"] = [run for p in kept if p.in_shard for run in p.runs]
        self._flow_rules(kept)
        results["duration_s"] = round(time.perf_counter() - t0, 2)
        results["crawl"] = self._summary(kept)
        if self.run_options.shard:
            results["shard"] = {"index": self.run_options.shard[0], "count": self.run_options.shard[1]}
        summarise(results)
        return results

    async def _breadth_first(self, browser: Any, pw: Any) -> None:
        start = self._add(self.opts.start_url, 0, None)
        level = [start] if start else []
        depth = 0
        while level:
            await asyncio.gather(*(self._visit(browser, pw, p) for p in level))
            following: list[CrawlPage] = []
            for page in level:  # in discovery order: the next level and the max-pages cut are deterministic
                if not self._landed(page) or depth >= self.opts.max_depth:
                    continue
                for url in self._links(page):
                    added = self._add(url, depth + 1, page.url)
                    if added is not None:
                        following.append(added)
            level, depth = following, depth + 1

    async def _sitemap(self, browser: Any, pw: Any) -> None:
        urls = await asyncio.to_thread(load_sitemap, self.opts.sitemap, max(self.opts.max_pages * 4, 100))
        for raw in urls:
            url = normalise(replace_url(raw, self.opts.url_replace))
            if url is None:
                continue
            reason = link_skip_reason(url, self.origin)
            if reason:
                self.skip(url, reason)
                continue
            self._add(url, None, None)
        if not self.pages and urls:
            raise RunFailedError(
                f"--sitemap: none of its {len(urls)} pages is on {self.opts.start_url}'s origin"
                " (use --url-replace FROM=TO to move production URLs onto the audited host)")
        owned = [p for p in self.pages if p.in_shard]
        await asyncio.gather(*(self._visit(browser, pw, p) for p in owned))
        for page in owned:
            self._landed(page)

    def _flow_rules(self, pages: Sequence[CrawlPage]) -> None:
        """Flow-level checks (click depth, figures across pages, desktop vs phone) over the whole crawl.

        Each page becomes one step of one flow, numbered in discovery order, so rules that pair a
        step's desktop and phone captures pair the same page. Findings on pages outside this shard
        are left to the shard that owns them (every shard sees the same pages).
        """
        caps: list[Capture] = []
        owners: list[tuple[CrawlPage, Capture]] = []
        for page in pages:
            for cap in page.captures:
                clone = dataclasses.replace(cap, flow=self.crawl_name, step_index=page.order, step_name=page.name,
                                            depth=page.depth)
                caps.append(clone)
                owners.append((page, cap))
        if not caps:
            return
        by_clone = {id(clone): owner for clone, owner in zip(caps, owners)}
        for clone, record in engine.run_flow_rules(caps, self.run_options.rules, requested_packs=self.run_options.packs,
                                                   flow=self.crawl_name, extra_suppressions=self.run_options.suppress):
            page, cap = by_clone[id(clone)]
            if not page.in_shard:
                continue
            step = self.runner.step_records.get((cap.flow, cap.device, cap.step_index))
            if step is None:
                continue
            if "rule_error" in record:
                step.setdefault("rule_errors", []).append(record["rule_error"])
            else:
                step["findings"].append(record)

    @property
    def crawl_name(self) -> str:
        return f"crawl {urlsplit(self.opts.start_url).netloc}{page_name(self.opts.start_url)}"

    def _summary(self, kept: Sequence[CrawlPage]) -> dict[str, Any]:
        info: dict[str, Any] = {
            "start_url": self.opts.start_url,
            "mode": "sitemap" if self.opts.sitemap else "links",
            "max_pages": self.opts.max_pages,
            "max_depth": None if self.opts.sitemap else self.opts.max_depth,
            "pages_found": sum(1 for p in self.pages if not p.dropped),  # the same in every shard
            "pages": [{"url": p.url, "depth": p.depth, "flow": p.name} for p in kept if p.in_shard],
            "skipped": self.skipped,
            "skipped_by_reason": dict(sorted(self.skipped_count.items())),
            "politeness": {"pages_per_second_per_host": self.opts.rate or None,
                           "pages_in_flight_per_host": self.limiter.concurrency},
        }
        if self.opts.sitemap:
            info["sitemap"] = self.opts.sitemap
        if self.robots is not None:
            info["robots"] = {"url": self.robots.url, "status": self.robots.describe(),
                              "crawl_delay_s": self.robots.crawl_delay()}
        return info


def _in_shard(name: str, shard: tuple[int, int] | None) -> bool:
    from .runner import shard_flows

    return bool(shard_flows([FlowSpec(name=name, steps=[])], shard))


def _light(snap: Any) -> Any:
    from .runner import _light as light

    return light(snap)


# -- entry points -------------------------------------------------------------------------------

def crawl(opts: CrawlOptions, settings: Any) -> dict[str, Any]:
    """Crawl and audit; writes the reports into ``settings.out_dir`` and returns the results."""
    from .api import write_reports

    if opts.max_pages < 1:
        raise UsageError("--max-pages must be 1 or more")
    if opts.max_depth < 0:
        raise UsageError("--max-depth must be 0 or more")
    if opts.host_concurrency < 1:
        raise UsageError("--host-concurrency must be 1 or more")
    if opts.rate < 0:
        raise UsageError("--rate must be 0 (no pacing) or more")
    run_options = _run_options(settings)
    results = asyncio.run(Crawler(opts, run_options).run())
    if not results["runs"] and not run_options.shard:
        skipped = results["crawl"]["skipped"]
        why = ""
        if skipped:
            first = skipped[0]
            why = f": {first['url']}: {first['reason']}" + (f" ({first['to']})" if first.get("to") else "")
        raise RunFailedError(f"the crawl found no page to audit{why}")
    write_reports(results, settings.out_dir, list(settings.formats), settings.baseline)
    return results


def _run_options(settings: Any) -> Any:
    """The runner's options from audit settings (as api.run_specs makes them)."""
    import os

    from .browser import find_browser
    from .packs import load_pack
    from .registry import load_registry
    from .runner import RunOptions

    rules = load_registry().select(list(settings.only_rules), list(settings.skip_rules))
    for p in settings.packs or []:
        load_pack(p)
    browser_path = (settings.browser or os.environ.get("UXCHECK_BROWSER")) if settings.connect \
        else find_browser(settings.browser)
    return RunOptions(
        rules=rules, out_dir=Path(settings.out_dir), devices=list(settings.devices), packs=settings.packs,
        workers=settings.workers, shard=settings.shard, allow_writes=settings.allow_writes,
        save_snapshots=settings.save_snapshots, browser_path=browser_path, connect=settings.connect,
        nav_timeout_ms=settings.nav_timeout_ms, secrets=list(settings.secrets), suppress=list(settings.suppress),
        on_step=settings.on_step,
    )


def crawl_options(args: Any) -> CrawlOptions:
    url = target_url(args.url)
    if urlsplit(url).scheme not in ("http", "https"):
        raise UsageError(f"{args.url}: a crawl starts from an http(s) URL")
    start = normalise(url)
    if start is None:
        raise UsageError(f"{args.url}: not a URL a crawl can start from")
    return CrawlOptions(
        start_url=start, max_pages=args.max_pages, max_depth=args.max_depth, respect_robots=args.respect_robots,
        sitemap=args.sitemap, url_replace=parse_replacements(args.url_replace), rate=args.rate,
        host_concurrency=4 if getattr(args, "host_concurrency", None) is None else args.host_concurrency,
    )


def crawl_command(args: Any, make_settings: Callable[..., Any], finish: Callable[..., int]) -> int:
    opts = crawl_options(args)
    try:
        from .report.terminal import progress
        bar = progress(None)  # the number of pages is known only at the end
    except ImportError:
        bar = None
    settings = make_settings(args, on_step=bar.advance if bar else None)
    try:
        results = crawl(opts, settings)
    finally:
        if bar:
            bar.close()
    return finish(results, args, Path(settings.out_dir))
