"""The fetcher against a site the test starts on 127.0.0.1: politeness, limits, retries, redirects."""

from __future__ import annotations

import time

import pytest

from _fetch_site import start_site
from enforcement_tracker.fetch import FetchError, FetchPolicy, RobotsRefused
from enforcement_tracker.fetch.client import Fetcher, retry_after_seconds

PAGE = "<!doctype html><html><head><title>A page</title></head><body><p>Words.</p></body></html>"


def policy(**changes) -> FetchPolicy:
    base = dict(allow_private=True, rate=100.0, backoff=0.05, retries=2, timeout=2.0, total_timeout=3.0,
                max_bytes=100_000, user_agent="EnforcementTracker/test (contact: tests@example.org)")
    base.update(changes)
    return FetchPolicy(**base)


@pytest.fixture
def site():
    site, stop = start_site({"/robots.txt": (200, "User-agent: *\nDisallow: /private/\n", "text/plain")})
    yield site
    stop()


def test_user_agent_names_the_project_and_contact(site):
    site.routes["/a"] = (200, PAGE)
    with Fetcher(policy()) as f:
        page = f.get(site.url("/a"))
    assert page.status == 200 and page.body == PAGE.encode()
    assert site.hits_of("/a")[0].headers["user-agent"] == "EnforcementTracker/test (contact: tests@example.org)"


def test_default_user_agent_reads_the_contact_setting(monkeypatch):
    monkeypatch.setenv("ETRACK_CONTACT", "desk@example.org")
    agent = FetchPolicy().user_agent
    assert agent.startswith("EnforcementTracker/") and "desk@example.org" in agent


def test_robots_txt_forbids_a_path_and_is_read_once(site):
    site.routes["/private/x"] = (200, PAGE)
    site.routes["/open"] = (200, PAGE)
    with Fetcher(policy()) as f:
        with pytest.raises(RobotsRefused, match="robots.txt"):
            f.get(site.url("/private/x"))
        f.get(site.url("/open"))
        f.get(site.url("/open"))
    assert site.hits_of("/private/x") == []
    assert len(site.hits_of("/robots.txt")) == 1


def test_missing_robots_txt_allows_everything():
    site, stop = start_site({"/a": (200, PAGE)})
    try:
        with Fetcher(policy()) as f:
            assert f.get(site.url("/a")).status == 200
    finally:
        stop()


def test_conditional_get_sends_validators_and_keeps_304(site):
    def route(h):
        if h.headers.get("If-None-Match") == '"v1"':
            h.reply(304, b"")
        else:
            h.reply(200, PAGE, headers={"ETag": '"v1"', "Last-Modified": "Mon, 03 Feb 2025 10:00:00 GMT"})
    site.routes["/c"] = route
    with Fetcher(policy()) as f:
        first = f.get(site.url("/c"))
        second = f.get(site.url("/c"), etag=first.etag, last_modified=first.last_modified)
    assert first.etag == '"v1"' and second.not_modified
    assert site.hits_of("/c")[1].headers["if-modified-since"] == "Mon, 03 Feb 2025 10:00:00 GMT"


def test_429_with_retry_after_is_retried_after_the_wait(site):
    calls = []

    def route(h):
        calls.append(time.monotonic())
        if len(calls) == 1:
            h.reply(429, b"slow down", "text/plain", headers={"Retry-After": "1"})
        else:
            h.reply(200, PAGE)
    site.routes["/busy"] = route
    with Fetcher(policy()) as f:
        page = f.get(site.url("/busy"))
    assert page.status == 200 and len(calls) == 2
    assert calls[1] - calls[0] >= 0.95


def test_a_retry_after_too_long_gives_up_at_once(site):
    site.routes["/later"] = (503, b"maintenance", "text/plain", {"Retry-After": "3600"})
    with Fetcher(policy()) as f:
        with pytest.raises(FetchError, match="wait 3,600 s"):
            f.get(site.url("/later"))
    assert len(site.hits_of("/later")) == 1


def test_5xx_is_retried_with_backoff_then_reported(site):
    site.routes["/broken"] = (500, b"oops", "text/plain")
    with Fetcher(policy(retries=2)) as f:
        with pytest.raises(FetchError, match="HTTP 500"):
            f.get(site.url("/broken"))
    assert len(site.hits_of("/broken")) == 3


def test_404_is_not_retried(site):
    with Fetcher(policy()) as f:
        with pytest.raises(FetchError, match="HTTP 404"):
            f.get(site.url("/gone"))
    assert len(site.hits_of("/gone")) == 1


def test_redirects_are_followed_and_the_final_url_kept(site):
    site.routes["/old"] = (301, b"", "text/html", {"Location": "/mid"})
    site.routes["/mid"] = (302, b"", "text/html", {"Location": site.url("/new")})
    site.routes["/new"] = (200, PAGE)
    with Fetcher(policy()) as f:
        page = f.get(site.url("/old"))
    assert page.url == site.url("/old") and page.final_url == site.url("/new")
    assert page.redirects == [site.url("/old"), site.url("/mid")]


def test_redirect_into_a_robots_forbidden_path_is_refused(site):
    site.routes["/hop"] = (302, b"", "text/html", {"Location": "/private/y"})
    with Fetcher(policy()) as f:
        with pytest.raises(RobotsRefused):
            f.get(site.url("/hop"))
    assert site.hits_of("/private/y") == []


def test_redirect_loop_is_cut(site):
    site.routes["/loop"] = (302, b"", "text/html", {"Location": "/loop"})
    with Fetcher(policy(max_redirects=3)) as f:
        with pytest.raises(FetchError, match="redirects more than 3"):
            f.get(site.url("/loop"))


def test_redirect_to_another_scheme_is_refused(site):
    site.routes["/ftp"] = (302, b"", "text/html", {"Location": "ftp://127.0.0.1/file"})
    with Fetcher(policy()) as f:
        with pytest.raises(FetchError, match="scheme 'ftp'"):
            f.get(site.url("/ftp"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "gopher://127.0.0.1/", "http:///x"])
def test_only_http_and_https_urls(url):
    with Fetcher(policy()) as f:
        with pytest.raises(FetchError):
            f.get(url)


def test_oversized_body_is_refused_by_its_length(site):
    site.routes["/big"] = (200, b"x" * 200_000)
    with Fetcher(policy(max_bytes=100_000)) as f:
        with pytest.raises(FetchError, match="past the limit of 100,000"):
            f.get(site.url("/big"))


def test_oversized_body_without_a_length_is_cut_while_reading(site):
    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        try:
            for _ in range(50):
                h.wfile.write(b"y" * 10_000)
        except OSError:
            pass  # the client hung up, as it should
    site.routes["/stream"] = route
    with Fetcher(policy(max_bytes=100_000)) as f:
        with pytest.raises(FetchError, match="past the limit"):
            f.get(site.url("/stream"))


def test_slow_body_hits_the_total_timeout(site):
    def route(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "100")
        h.end_headers()
        try:
            for _ in range(10):
                h.wfile.write(b"z")
                h.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass
    site.routes["/slow"] = route
    started = time.monotonic()
    with Fetcher(policy(total_timeout=1.0, retries=0)) as f:
        with pytest.raises(FetchError, match="too slowly"):
            f.get(site.url("/slow"))
    assert time.monotonic() - started < 2.5


def test_silent_server_hits_the_read_timeout(site):
    site.routes["/silent"] = lambda h: time.sleep(1.5)
    with Fetcher(policy(timeout=0.5, retries=0)) as f:
        with pytest.raises(FetchError, match="timed out"):
            f.get(site.url("/silent"))


def test_per_host_rate_limit_spaces_requests(site):
    for i in range(5):
        site.routes[f"/r{i}"] = (200, PAGE)
    with Fetcher(policy(rate=10.0, concurrency=4)) as f:
        results = list(f.map(lambda u: f.get(u), [site.url(f"/r{i}") for i in range(5)]))
    assert all(not isinstance(r, BaseException) for _, r in results)
    times = sorted(h.at for h in site.hits if h.path.startswith("/r"))
    # 10 requests/s: five requests span at least 0.4 s. Measured over the whole run, not gap by
    # gap: the server's clock reads a request when its thread runs, so one late thread makes its
    # neighbour's gap look short on a loaded machine. Without the limit all five arrive at once.
    assert times[-1] - times[0] >= 0.4 - 0.05


def test_crawl_delay_slows_us_down():
    site, stop = start_site({"/robots.txt": (200, "User-agent: *\nCrawl-delay: 1\n", "text/plain"),
                             "/a": (200, PAGE), "/b": (200, PAGE)})
    try:
        with Fetcher(policy(rate=100.0)) as f:
            f.get(site.url("/a"))
            f.get(site.url("/b"))
        a, b = site.hits_of("/a")[0].at, site.hits_of("/b")[0].at
        # Our own rate would allow 0.01 s. The server stamps a request when its thread runs, so
        # allow for a late thread on a loaded machine.
        assert b - a >= 0.8
    finally:
        stop()


def test_map_keeps_input_order_and_hands_back_errors(site):
    site.routes["/one"] = (200, PAGE)
    with Fetcher(policy()) as f:
        out = list(f.map(lambda u: f.get(u), [site.url("/one"), site.url("/none"), site.url("/one")]))
    assert [u for u, _ in out] == [site.url("/one"), site.url("/none"), site.url("/one")]
    assert isinstance(out[1][1], FetchError) and out[0][1].status == 200


def test_retry_after_reads_seconds_and_dates():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_concurrency_cap_per_host(site):
    active, peak = [0], [0]
    import threading
    lock = threading.Lock()

    def route(h):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.15)
        with lock:
            active[0] -= 1
        h.reply(200, PAGE)
    for i in range(6):
        site.routes[f"/c{i}"] = route
    with Fetcher(policy(rate=1000.0, concurrency=2, workers=6)) as f:
        out = list(f.map(f.get, [site.url(f"/c{i}") for i in range(6)]))
    assert all(not isinstance(r, BaseException) for _, r in out)
    assert peak[0] == 2


def test_a_site_whose_robots_txt_fails_is_not_crawled():
    site, stop = start_site({"/robots.txt": (503, b"down", "text/plain"), "/a": (200, PAGE)})
    try:
        with Fetcher(policy()) as f:
            with pytest.raises(RobotsRefused):
                f.get(site.url("/a"))
        assert site.hits_of("/a") == []
    finally:
        stop()


def test_a_compressed_body_is_bounded_once_decompressed(site):
    import gzip
    bomb = gzip.compress(b"a" * 5_000_000)  # 5 MB of text in a few kilobytes
    site.routes["/bomb"] = (200, bomb, "text/html", {"Content-Encoding": "gzip"})
    with Fetcher(policy(max_bytes=100_000)) as f:
        with pytest.raises(FetchError, match="past the limit of 100,000"):
            f.get(site.url("/bomb"))


def test_robots_txt_is_read_again_after_a_day(site, monkeypatch):
    from enforcement_tracker.fetch import robots

    site.routes["/open"] = (200, PAGE)
    with Fetcher(policy()) as f:
        f.get(site.url("/open"))
        f.get(site.url("/open"))
        assert len(site.hits_of("/robots.txt")) == 1
        monkeypatch.setattr(robots, "MAX_AGE", 0.0)
        f.get(site.url("/open"))
    assert len(site.hits_of("/robots.txt")) == 2
