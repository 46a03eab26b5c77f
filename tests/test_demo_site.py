"""The bundled demo portal: its server and its manifest (no browser)."""
from __future__ import annotations

import http.client
import re
import time
from urllib.parse import urlsplit

import pytest

from uxcheck.demo import build_site
from uxcheck.demo.server import demo_pages, serving, site_root

CONTRACT_RULES = {
    "buried-link", "missing-total", "total-mismatch", "period-mismatch", "balance-unreconciled",
    "viewport-meta", "zoom-disabled", "horizontal-overflow", "small-text", "small-tap-target",
    "dead-end", "no-human-contact", "no-restock-info", "unexplained-data-request",
    "inconsistent-figure", "mobile-missing-task",
}


def contract_rule_ids() -> set[str]:
    """The rule ids of the contract's rule table, when the shared contract is at hand."""
    try:
        text = open("/work/shared/contract.md", encoding="utf-8").read()
    except OSError:
        return CONTRACT_RULES
    table = text.split("## Rule ids", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.M))


def request(base_url: str, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def base_url():
    with serving() as url:
        yield url


def test_binds_loopback_only_on_a_free_port(base_url):
    host, port = base_url.server.server_address[:2]
    assert host == "127.0.0.1"
    assert port > 0
    assert base_url == f"http://127.0.0.1:{port}"


def test_serves_every_manifest_page_as_html(base_url):
    pages = demo_pages()
    assert len(pages) >= 30
    for page in pages:
        status, headers, body = request(base_url, "GET", page.path)
        assert status == 200, page.path
        assert headers["content-type"].startswith("text/html"), page.path
        assert b"<title>" in body, page.path


def test_css_robots_and_sitemap(base_url):
    status, headers, body = request(base_url, "GET", "/assets/northwind.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    status, headers, body = request(base_url, "GET", "/robots.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert f"Sitemap: {base_url}/sitemap.xml".encode() in body
    status, headers, body = request(base_url, "GET", "/sitemap.xml")
    assert status == 200 and "xml" in headers["content-type"]
    locs = re.findall(rb"<loc>([^<]+)</loc>", body)
    assert {loc.decode() for loc in locs} == {base_url + p.path for p in demo_pages()}


def test_unknown_paths_404_with_a_page(base_url):
    for path in ("/no/such/page", "/bank/nothing-here", "/../server.py", "/manifest"):
        status, headers, body = request(base_url, "GET", path)
        assert status == 404, path
        assert headers["content-type"].startswith("text/html")
        assert b"Page not found" in body


def test_records_requests_and_answers_writes_with_a_done_page(base_url):
    server = base_url.server
    server.clear_requests()
    status, _, _ = request(base_url, "GET", "/bank/pay")
    assert status == 200
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        status, headers, body = request(base_url, method, "/bank/pay/submit", body=b"amount=48.20",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, method
        assert headers["content-type"].startswith("text/html")
        assert b"Done" in body and method.encode() in body
    assert server.requests == [("GET", "/bank/pay"), ("POST", "/bank/pay/submit"), ("PUT", "/bank/pay/submit"),
                               ("PATCH", "/bank/pay/submit"), ("DELETE", "/bank/pay/submit")]
    assert [r.method for r in server.writes()] == ["POST", "PUT", "PATCH", "DELETE"]


def test_login_post_is_accepted_and_lands_on_the_accounts(base_url):
    status, headers, _ = request(base_url, "POST", "/login", body=b"user=a&passcode=b",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 303
    assert headers["location"] == "/bank/accounts"
    assert ("POST", "/login") in base_url.requests


def test_slow_query_delays_the_answer(base_url):
    t0 = time.perf_counter()
    status, _, _ = request(base_url, "GET", "/bank/accounts?slow=300")
    assert status == 200
    assert time.perf_counter() - t0 >= 0.3


def test_is_quiet_and_stops_cleanly(capfd):
    with serving() as url:
        request(url, "GET", "/")
        request(url, "GET", "/missing")
        server = url.server
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    with pytest.raises(OSError):
        request(url, "GET", "/")
    assert server.socket.fileno() == -1


def test_manifest_names_only_contract_rules_and_covers_each_with_a_twin():
    pages = {p.path: p for p in demo_pages()}
    contract = contract_rule_ids()
    assert contract >= CONTRACT_RULES
    covered: set[str] = set()
    for page in pages.values():
        assert set(page.rules) <= contract, (page.path, page.rules)
        assert set(page.devices) <= {"desktop", "mobile"}
        if page.rules:
            covered |= set(page.rules)
            assert page.twin in pages, (page.path, page.twin)
            assert not pages[page.twin].rules, f"twin {page.twin} of {page.path} is itself broken"
        for step in page.flow:
            assert step in pages, (page.path, step)
    assert covered == contract


def test_problem_pages_have_a_viewport_unless_built_without_one():
    site = site_root()
    mobile_rules = {"viewport-meta"}
    for page in demo_pages():
        name = "index.html" if page.path == "/" else page.path.strip("/") + ".html"
        html = site.joinpath(*name.split("/")).read_text(encoding="utf-8")
        has_device_width = 'content="width=device-width' in html
        assert has_device_width != bool(mobile_rules & set(page.rules)), page.path
        assert "http://" not in html and "https://" not in html, f"{page.path} loads an external resource"


def test_site_is_what_the_generator_writes():
    """The committed pages match build_site.py, so edits are made in one place."""
    pages = build_site.build()
    site = site_root()
    for page in pages:
        name = "index.html" if page.path == "/" else page.path.strip("/") + ".html"
        assert site.joinpath(*name.split("/")).read_text(encoding="utf-8") == page.html, page.path


def test_verify_reports_misses_twin_findings_and_extras():
    from uxcheck.demo.manifest import DemoPage
    from uxcheck.demo.verify import mismatches

    pages = [DemoPage("/broken", "b", rules=("missing-total",), twin="/fixed", devices=("desktop", "mobile")),
             DemoPage("/fixed", "f"), DemoPage("/unseen", "u", rules=("dead-end",), twin="/fixed")]

    def step(path, *rules, review=False):
        return {"url": f"http://127.0.0.1:1{path}",
                "findings": [{"rule": r, "review": review} for r in rules]}

    results = {"runs": [
        {"device": "desktop", "steps": [step("/broken", "missing-total"), step("/fixed", "missing-total")]},
        {"device": "mobile", "steps": [step("/broken", "missing-total", review=True), step("/fixed", "small-text")]},
    ]}
    found = {(m.kind, m.path, m.rule, m.device) for m in mismatches(results, pages)}
    assert found == {("missed", "/broken", "missing-total", "mobile"),
                     ("twin-fires", "/fixed", "missing-total", "desktop"),
                     ("extra", "/fixed", "small-text", "mobile"),
                     ("not-audited", "/unseen", "dead-end", "-")}
    clean = {"runs": [{"device": d, "steps": [step("/broken", "missing-total"), step("/fixed")]}
                      for d in ("desktop", "mobile")]}
    assert mismatches(clean, pages[:2]) == []


def test_demo_flows_open_every_page_and_keep_journeys_together():
    from uxcheck.demo.flows import demo_flows

    pages = demo_pages()
    flows = demo_flows("http://127.0.0.1:9/")
    opened = [step.target for flow in flows for step in flow.steps]
    assert sorted(opened) == sorted(f"http://127.0.0.1:9{p.path}" for p in pages)
    assert len({flow.name for flow in flows}) == len(flows)
    journeys = {p.path: p.flow for p in pages if len(p.flow) > 1 and p.flow[-1] == p.path}
    assert any(p.rules == ("inconsistent-figure",) for p in pages if p.path in journeys)
    for end, steps in journeys.items():
        flow = next(f for f in flows if f.steps[-1].target.endswith(end))
        assert [s.target for s in flow.steps] == [f"http://127.0.0.1:9{s}" for s in steps]


def test_bundled_flow_file_is_valid_and_opens_every_page():
    from importlib import resources

    from uxcheck.flowfile import load_flow_file

    path = resources.files("uxcheck.demo").joinpath("flows.yaml")
    loaded = load_flow_file(str(path), env={"UXCHECK_DEMO_URL": "http://127.0.0.1:9"})
    gotos = {step.target for flow in loaded.flows for step in flow.steps if step.kind == "goto"}
    journey_steps = {p.path for p in demo_pages() if p.flow and p.flow[-1] != p.path}
    assert {p.path for p in demo_pages()} - journey_steps <= gotos | {p.flow[-1] for p in demo_pages() if p.flow}
    assert any(s.allow_writes for flow in loaded.flows for s in flow.steps), "the login flow allows its POST"
