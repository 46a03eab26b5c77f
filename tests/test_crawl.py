"""`uxcheck crawl`: URL rules, robots.txt, sitemaps and politeness (fast), and a real crawl of a local site."""
from __future__ import annotations

import asyncio
import gzip
import json
import time

import pytest

from tests.sites.crawl.server import crawl_site
from uxcheck.cli import main
from uxcheck.crawl import (HostLimiter, Robots, link_skip_reason, load_sitemap, normalise, origin_of, page_key,
                           parse_replacements, parse_sitemap, replace_url)
from uxcheck.errors import UsageError

ORIGIN = origin_of("https://bank.example/")


# -- URLs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, base, expected", [
    ("/a#frag", "https://Bank.Example/x", "https://bank.example/a"),
    ("HTTPS://BANK.example:443/a?b=1#c", None, "https://bank.example/a?b=1"),
    ("http://bank.example:80", None, "http://bank.example/"),
    ("http://bank.example:8080/a/", None, "http://bank.example:8080/a/"),
    ("../up", "https://bank.example/a/b/c", "https://bank.example/a/up"),
    ("mailto:help@bank.example", None, None),
    ("javascript:void(0)", None, None),
    ("tel:+441234", None, None),
    ("", "https://bank.example/a?q=1", "https://bank.example/a?q=1"),
])
def test_normalise(raw, base, expected):
    assert normalise(raw, base) == expected


def test_page_key_ignores_trailing_slash_but_keeps_the_query():
    assert page_key("https://b.example/accounts/") == page_key("https://b.example/accounts")
    assert page_key("https://b.example/") == "https://b.example/"
    assert page_key("https://b.example/a?tab=1") != page_key("https://b.example/a?tab=2")
    assert page_key("https://b.example/a%20b") == page_key("https://b.example/a b")


@pytest.mark.parametrize("url, name, attrs, reason", [
    ("https://bank.example/accounts", "Accounts", {}, None),
    ("https://bank.example/help/cancel-an-order", "How to cancel an order", {}, None),
    ("https://bank.example/settings/delete-account-help", "", {}, "would write"),
    ("http://bank.example/accounts", "", {}, "other origin"),  # scheme
    ("https://bank.example:8443/accounts", "", {}, "other origin"),  # port
    ("https://www.bank.example/accounts", "", {}, "other origin"),  # host
    ("https://bank.example/docs/terms.PDF", "", {}, "not an HTML page (by extension)"),
    ("https://bank.example/export?fmt=qif", "Export", {"download": ""}, "download"),
    ("https://bank.example/statements/2026-10.ofx", "", {}, "not an HTML page (by extension)"),
    ("https://bank.example/logout", "", {}, "logout"),
    ("https://bank.example/auth/sign-out?next=/", "", {}, "logout"),
    ("https://bank.example/session/end", "Abmelden", {}, "logout"),
    ("https://bank.example/session/end", "Se déconnecter", {}, "logout"),
    ("https://bank.example/session/end", "Cerrar sesión", {}, "logout"),
    ("https://bank.example/session/end", "Uitloggen", {}, "logout"),
    ("https://bank.example/session/end", "ログアウト", {}, "logout"),
    ("https://bank.example/help/logging-out-safely", "Logging out safely", {}, None),
    ("https://bank.example/cart/items/4/remove", "", {}, "would write"),
    ("https://bank.example/basket?action=add&sku=9", "", {}, "would write"),
    ("https://bank.example/newsletter/unsubscribe?t=1", "", {}, "would write"),
    ("https://bank.example/cards/4", "Remove card", {"data-method": "delete"}, "would write"),
    ("https://bank.example/offers", "", {"rel": "nofollow"}, None),
])
def test_link_skip_reason(url, name, attrs, reason):
    assert link_skip_reason(url, ORIGIN, name=name, attrs=attrs) == reason


def test_nofollow_is_honoured_only_when_robots_are():
    assert link_skip_reason("https://bank.example/offers", ORIGIN, attrs={"rel": "nofollow noopener"},
                            respect_nofollow=True) == "rel=nofollow"


def test_url_replace():
    reps = parse_replacements(["https://www.bank.example=http://127.0.0.1:8000"])
    assert replace_url("https://www.bank.example/help?x=1", reps) == "http://127.0.0.1:8000/help?x=1"
    assert replace_url("https://cdn.bank.example/help", reps) == "https://cdn.bank.example/help"
    with pytest.raises(UsageError):
        parse_replacements(["no-equals-sign"])


# -- sitemaps and robots.txt ----------------------------------------------------------------------

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://www.bank.example/ </loc><lastmod>2026-10-01</lastmod></url>
  <url><loc>https://www.bank.example/help</loc></url>
</urlset>"""


def test_parse_sitemap_urlset_index_and_gzip():
    assert parse_sitemap(URLSET) == (["https://www.bank.example/", "https://www.bank.example/help"], [])
    index = (b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             b"<sitemap><loc>https://www.bank.example/s1.xml</loc></sitemap></sitemapindex>")
    assert parse_sitemap(index) == ([], ["https://www.bank.example/s1.xml"])
    assert parse_sitemap(gzip.compress(URLSET))[0][1] == "https://www.bank.example/help"
    assert parse_sitemap(b"not xml at all") == ([], [])


def test_load_sitemap_follows_an_index_from_files(tmp_path):
    (tmp_path / "pages.xml").write_bytes(URLSET)
    (tmp_path / "index.xml").write_text(
        f"<sitemapindex><sitemap><loc>{tmp_path / 'pages.xml'}</loc></sitemap></sitemapindex>")
    assert load_sitemap(str(tmp_path / "index.xml"), limit=10) == [
        "https://www.bank.example/", "https://www.bank.example/help"]
    assert len(load_sitemap(str(tmp_path / "index.xml"), limit=1)) == 1


def test_robots_rules_and_unreachable_robots():
    with crawl_site() as site:
        robots = Robots.load(site.base_url + "/")
        assert robots.allows(site.base_url + "/accounts")
        assert not robots.allows(site.base_url + "/private/admin")
    # Nothing listening: RFC 9309 says assume everything is disallowed.
    gone = Robots.load(site.base_url + "/")
    assert gone.status == 0 and not gone.allows(site.base_url + "/accounts")
    assert Robots("x", 404, None).allows("https://bank.example/anything")


# -- politeness -----------------------------------------------------------------------------------

def test_host_limiter_caps_pages_in_flight_per_host_and_paces_them():
    # Each load holds its slot four pacing intervals long, so two loads of one host overlap
    # whatever the scheduler does; the pacing is checked on the recorded start times.
    interval = 0.05
    hold = 4 * interval

    async def scenario() -> tuple[dict[str, int], dict[str, list[float]]]:
        limiter = HostLimiter(rate=1 / interval, concurrency=2)
        in_flight = {"a": 0, "b": 0}
        peak = {"a": 0, "b": 0}
        starts: dict[str, list[float]] = {"a": [], "b": []}

        async def load(host: str) -> None:
            async with limiter.slot(f"http://{host}.example/page"):
                starts[host].append(time.monotonic())
                in_flight[host] += 1
                peak[host] = max(peak[host], in_flight[host])
                await asyncio.sleep(hold)
                in_flight[host] -= 1

        await asyncio.gather(*(load("a") for _ in range(6)), *(load("b") for _ in range(2)))
        return peak, starts

    peak, starts = asyncio.run(scenario())
    assert peak == {"a": 2, "b": 2}  # never more than two per host, and hosts do not share slots
    for host, times in starts.items():
        gaps = [later - earlier for earlier, later in zip(times, times[1:])]
        assert min(gaps) >= interval * 0.9, (host, gaps)  # 20 page loads a second at most
    assert starts["b"][0] - starts["a"][0] < interval  # host b is not paced behind host a


def test_429_halves_a_hosts_rate():
    limiter = HostLimiter(rate=4.0, concurrency=1)
    assert limiter.interval("a.example") == pytest.approx(0.25)
    limiter.slow_down("a.example")
    assert limiter.interval("a.example") == pytest.approx(0.5)
    assert limiter.interval("b.example") == pytest.approx(0.25)
    for _ in range(20):
        limiter.slow_down("a.example")
    assert limiter.interval("a.example") == pytest.approx(10.0)  # never slower than 0.1 page/s


# -- a real crawl -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def crawled(tmp_path_factory, browser_exe):
    out = tmp_path_factory.mktemp("crawl")
    with crawl_site() as site:
        code = main(["crawl", site.base_url + "/", "--max-pages", "40", "--max-depth", "4", "--respect-robots",
                     "--device", "desktop", "--rate", "0", "--format", "json", "--out", str(out),
                     "--browser", browser_exe])
        requests = list(site.requests)
    return code, json.loads((out / "results.json").read_text()), requests, site.base_url


def _by_path(results: dict) -> dict[str, dict]:
    from urllib.parse import urlsplit

    out = {}
    for run in results["runs"]:
        for step in run["steps"]:
            u = urlsplit(step["url"])
            out[u.path + (f"?{u.query}" if u.query else "")] = step
    return out


@pytest.mark.browser
def test_crawl_records_click_depth_of_every_page(crawled):
    _, results, _, _ = crawled
    depth = {p: s["depth"] for p, s in _by_path(results).items()}
    assert depth["/"] == 0
    assert depth["/accounts"] == 1 and depth["/help"] == 1 and depth["/cards"] == 1
    assert depth["/accounts/current"] == 2 and depth["/accounts/savings?tab=overview"] == 2
    assert depth["/accounts/current/statements"] == 3
    assert depth["/accounts/current/statements/2026-10"] == 4
    assert "/accounts/current/statements/2026-10/lines" not in depth  # depth 5 > --max-depth 4
    assert results["crawl"]["max_depth"] == 4


@pytest.mark.browser
def test_crawl_never_opens_what_it_must_not(crawled):
    _, results, requests, _ = crawled
    paths = [p for _, p in requests]
    for forbidden in ("/logout", "/session/end", "/cards/remove?id=4", "/session", "/alerts?action=unsubscribe",
                      "/private/admin", "/statements.pdf", "/export?format=ofx"):
        assert forbidden not in paths, forbidden
    assert all(method in ("GET", "HEAD") for method, _ in requests)
    assert paths.count("/accounts") + paths.count("/accounts/") <= 2  # once, plus the old link's redirect
    reasons = {s["url"].split("/", 3)[-1]: s["reason"] for s in results["crawl"]["skipped"]}
    assert reasons["logout"] == "logout"
    assert reasons["private/admin"] == "disallowed by robots.txt"
    assert reasons["notes"] == "not an HTML page (by content type)"
    assert reasons["old-accounts"] == "redirects to a page already audited"
    flows = [r["flow"] for r in results["runs"]]
    assert len(flows) == len(set(flows))  # "/accounts/" and "/accounts" are one page


@pytest.mark.browser
def test_crawl_turns_429_and_500_into_error_steps(crawled):
    code, results, _, _ = crawled
    steps = _by_path(results)
    assert steps["/busy"]["status"] == "error" and "429" in steps["/busy"]["error"]
    assert steps["/broken"]["status"] == "error" and "500" in steps["/broken"]["error"]
    assert results["summary"]["error_steps"] == 2
    assert code in (0, 1)  # other pages audited fine: not a failed run


@pytest.mark.browser
def test_crawl_of_an_unreachable_site_fails_loudly(tmp_path, closed_port, browser_exe):
    code = main(["crawl", f"http://127.0.0.1:{closed_port}/", "--device", "desktop", "--format", "json",
                 "--out", str(tmp_path), "--browser", browser_exe])
    assert code == 3
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["runs"][0]["steps"][0]["status"] == "error"


@pytest.mark.browser
def test_sitemap_pages_moved_onto_the_audited_host_and_split_into_shards(tmp_path, browser_exe):
    seen: list[set[str]] = []
    with crawl_site() as site:
        for i in (1, 2):
            out = tmp_path / f"s{i}"
            code = main(["crawl", site.base_url + "/", "--sitemap", site.base_url + "/sitemap.xml",
                         "--url-replace", f"https://www.tidewater-bank.example={site.base_url}",
                         "--respect-robots", "--device", "desktop", "--rate", "0", "--format", "json",
                         "--out", str(out), "--shard", f"{i}/2", "--browser", browser_exe])
            assert code in (0, 1)
            results = json.loads((out / "results.json").read_text())
            assert all(s["depth"] is None for r in results["runs"] for s in r["steps"])
            seen.append({p["url"].replace(site.base_url, "") for p in results["crawl"]["pages"]})
        assert not any(p.startswith("/private") or p.endswith(".pdf") for _, p in site.requests)
    assert seen[0] & seen[1] == set()
    assert seen[0] | seen[1] == {"/", "/accounts", "/help/contact", "/accounts/current/statements"}
    merged = tmp_path / "merged"
    assert main(["merge", str(tmp_path / "s1"), str(tmp_path / "s2"), "--out", str(merged), "--format", "json"]) in (0, 1)
    assert len(json.loads((merged / "results.json").read_text())["runs"]) == 4


def test_crawl_usage_errors(tmp_path):
    assert main(["crawl", "ftp://127.0.0.1/", "--out", str(tmp_path)]) == 2
    assert main(["crawl", "http://127.0.0.1:9/", "--max-pages", "0", "--out", str(tmp_path)]) == 2
    assert main(["crawl", "http://127.0.0.1:9/", "--url-replace", "nothing", "--out", str(tmp_path)]) == 2


def test_pages_whose_long_paths_look_alike_get_their_own_report_folders(tmp_path):
    from uxcheck.crawl import CrawlOptions, Crawler
    from uxcheck.flows import slug
    from uxcheck.runner import RunOptions

    crawler = Crawler(CrawlOptions("https://bank.example/"), RunOptions(rules=[], out_dir=tmp_path, devices=["desktop"]))
    base = "https://bank.example/accounts/current-account/statements/monthly/2026/"
    a = crawler._add(base + "october-detailed-view", 1, None)
    b = crawler._add(base + "november-detailed-view", 1, None)
    assert crawler._add(base + "october-detailed-view/", 2, None) is None  # the same page again
    assert a.name == "/accounts/current-account/statements/monthly/2026/october-detailed-view"
    assert slug(a.name) != slug(b.name)


@pytest.mark.browser
def test_flow_rules_see_every_page_with_its_click_depth(tmp_path, browser_exe):
    """Flow-level checks (like buried-link's click depth) judge the whole crawl, one step per page."""
    from uxcheck.crawl import CrawlOptions, Crawler
    from uxcheck.model import Finding, Rule, RuleMeta
    from uxcheck.runner import RunOptions

    seen: list[tuple[str, int, int | None]] = []

    def deepest_page(captures, ctx):
        seen.extend((c.step_name, c.step_index, c.depth) for c in captures)
        deepest = max(range(len(captures)), key=lambda i: captures[i].depth)
        yield Finding(f"{captures[deepest].step_name} is the deepest page", evidence={"capture": deepest})

    probe = Rule(RuleMeta("deepest-page", "navigation", "minor", "probe", scope="flow"), deepest_page)
    with crawl_site() as site:
        opts = CrawlOptions(site.base_url + "/cards", max_pages=5, max_depth=1, rate=0)
        run_options = RunOptions(rules=[probe], out_dir=tmp_path, devices=["desktop"], browser_path=browser_exe)
        results = asyncio.run(Crawler(opts, run_options).run())
    step_and_depth = {name: (index, depth) for name, index, depth in seen}
    assert step_and_depth["/cards"] == (1, 0)
    assert step_and_depth["/cards/freeze-help"][1] == 1 and step_and_depth["/help"][1] == 1
    assert [s[1] for s in seen] == sorted(s[1] for s in seen)  # steps numbered in discovery order
    findings = {r["flow"]: r["steps"][0]["findings"] for r in results["runs"]}
    deepest = [flow for flow, fs in findings.items() if fs]
    assert len(deepest) == 1 and findings[deepest[0]][0]["message"].startswith(deepest[0])
    assert results["runs"][[r["flow"] for r in results["runs"]].index(deepest[0])]["steps"][0]["depth"] == 1


@pytest.mark.browser
def test_link_crawl_shards_walk_the_same_site_and_audit_disjoint_halves(tmp_path, browser_exe):
    pages: list[set[str]] = []
    found = []
    with crawl_site() as site:
        for i in (1, 2):
            out = tmp_path / f"s{i}"
            code = main(["crawl", site.base_url + "/cards", "--max-depth", "2", "--device", "desktop", "--rate", "0",
                         "--format", "json", "--out", str(out), "--shard", f"{i}/2", "--browser", browser_exe])
            assert code in (0, 1)
            results = json.loads((out / "results.json").read_text())
            audited = {r["flow"] for r in results["runs"]}
            assert audited == {p["flow"] for p in results["crawl"]["pages"]}
            pages.append(audited)
            found.append(results["crawl"]["pages_found"])
    # From /cards: itself, its freeze-help page and the nav's /, /accounts, /help at depth 1, and the
    # depth-2 pages linked from those (the home page's list, the accounts', help's).
    assert found[0] == found[1] > 5
    assert pages[0] & pages[1] == set()
    assert len(pages[0] | pages[1]) == found[0]  # every page found is audited by exactly one shard
