"""Browser sessions: a context and its tab for one device, with the write guard; pooled for pages
that need no state of their own.

A fresh context costs a new renderer process: about 0.3 s a page on 2 cores, as much as the page
load itself (50 phone pages: 19.5 s in a fresh context each, 5 s in one reused tab). Flows that
start from nothing (`uxcheck audit` URLs, crawled pages, the demo's pages) share one session per device
and worker, cleared between them: cookies, local and session storage, IndexedDB, caches and
service workers of every origin the last flow visited, and any popup it opened. Flow-file flows
(logins, forms, storage states) always get a context of their own.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PAGES_PER_SESSION = 100  # a shared tab is replaced after this many flows, so nothing accumulates
# What Storage.clearDataForOrigin removes between shared flows (cookies go through Playwright).
CLEARED_STORAGE = "local_storage,indexeddb,cache_storage,service_workers,websql,file_systems"
# Counts sessions opened (that shared ones are reused is tested).
OPENED = {"count": 0}


@dataclass
class WriteGuard:
    """Blocks requests that write unless the current step (or the run) allows them."""

    allow_all: bool
    allow_now: bool = False
    blocked: list[dict[str, str]] = field(default_factory=list)
    sent: int = 0  # writes let through so far (figures may change after them)

    async def handle(self, route: Any) -> None:
        request = route.request
        if request.method.upper() in WRITE_METHODS and (self.allow_all or self.allow_now):
            self.sent += 1
        if request.method.upper() in WRITE_METHODS and not (self.allow_all or self.allow_now):
            self.blocked.append({"method": request.method.upper(), "url": request.url})
            if request.is_navigation_request():
                # A blocked form submission: answer "204 No Content" in the browser, so the page stays
                # where it is instead of landing on Chromium's error page (which would interrupt the
                # next step). Nothing reaches the site either way.
                await route.fulfill(status=204, body="")
            else:
                await route.abort("blockedbyclient")
        else:
            await route.continue_()

    def take(self) -> list[dict[str, str]]:
        out, self.blocked = self.blocked, []
        return out

    def reset(self) -> None:
        self.allow_now, self.blocked, self.sent = False, [], 0


@dataclass
class Session:
    """One context with one tab, its write guard, and what the runner watches on the tab."""

    device: str
    context: Any
    page: Any
    guard: WriteGuard
    crashed: bool = False
    navigations: int = 0  # main-frame navigations since the runner last reset the count
    flows: int = 0  # flows run in this session
    origins: set[str] = field(default_factory=set)  # origins the current flow visited

    @classmethod
    async def open(cls, browser: Any, device: str, context_options: dict[str, Any], allow_writes: bool,
                   nav_timeout_ms: int) -> "Session":
        OPENED["count"] += 1
        context = await browser.new_context(**context_options, service_workers="block")
        context.set_default_navigation_timeout(nav_timeout_ms)
        guard = WriteGuard(allow_writes)
        await context.route("**/*", guard.handle)
        page = await context.new_page()
        session = cls(device, context, page, guard)
        page.on("crash", lambda *_: setattr(session, "crashed", True))
        # A step "lands on a new page" when the main frame navigates, even to the same URL (a form
        # posted back to its own address).
        page.on("framenavigated", lambda frame: session._navigated(frame))
        return session

    def _navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.navigations += 1
            origin = _origin(frame.url)
            if origin:
                self.origins.add(origin)

    async def prepare_for(self, first_url: str | None) -> None:
        """Before a shared flow: a goto to the URL the tab shows, but for its #fragment, would not
        load anything (same-document navigation); leave the page first."""
        if first_url and self.page.url not in ("", "about:blank") and \
                urldefrag(first_url)[0] == urldefrag(self.page.url)[0]:
            await self.page.goto("about:blank")

    async def clear(self) -> None:
        """Forget everything the last flow left behind (raises if the browser is unusable)."""
        for other in self.context.pages:
            if other != self.page:
                await other.close()
        if _origin(self.page.url):
            # sessionStorage belongs to the tab, not the origin's storage: clear it from the page
            await self.page.evaluate("() => { try { sessionStorage.clear() } catch (e) {} }")
        await self.context.clear_cookies()
        if self.origins:
            cdp = await self.context.new_cdp_session(self.page)
            try:
                for origin in sorted(self.origins):
                    await cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": CLEARED_STORAGE})
            finally:
                await cdp.detach()
        self.origins.clear()
        self.guard.reset()

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.context.close()


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


class SessionPool:
    """Idle shared sessions per device. At most one per concurrent flow is ever open."""

    def __init__(self) -> None:
        self._idle: dict[str, list[Session]] = {}

    def take(self, device: str) -> Session | None:
        idle = self._idle.get(device)
        return idle.pop() if idle else None

    async def give_back(self, session: Session, healthy: bool) -> None:
        """Keep a session that ended well for the next flow, cleared; close any other."""
        session.flows += 1
        if healthy and not session.crashed and session.flows < PAGES_PER_SESSION:
            try:
                await session.clear()
            except Exception:  # noqa: BLE001 - a tab that cannot be cleared is not reused
                await session.close()
                return
            self._idle.setdefault(session.device, []).append(session)
        else:
            await session.close()

    async def close_all(self) -> None:
        for sessions in self._idle.values():
            for session in sessions:
                await session.close()
        self._idle.clear()
