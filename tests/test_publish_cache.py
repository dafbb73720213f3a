"""The web ledger under load: state ETags and 304s, the page cache, the in-flight limit, workers."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main
from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish import make_datasette
from enforcement_tracker.publish.caching import PageCache, Stored, accepts_gzip, etag_matches
from enforcement_tracker.publish.limits import Slots, limited
from enforcement_tracker.publish.serving import ServeSettings
from enforcement_tracker.publish.state import LedgerState
from enforcement_tracker.publish.synthetic import synthetic_extractions, write_ledger
from enforcement_tracker.store.db import connect
from enforcement_tracker.store.ledger import save_extraction


class Client:
    def __init__(self, path, serving: ServeSettings | None = None):
        self.ds = make_datasette(path, serving=serving)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, url: str, **headers: str):
        return self.loop.run_until_complete(self.ds.client.get(url, headers=headers))

    def get_together(self, urls: list[str]):
        async def all_of():
            return await asyncio.gather(*(self.ds.client.get(u) for u in urls))
        return self.loop.run_until_complete(all_of())

    def close(self):
        self.loop.close()


@pytest.fixture()
def ledger(tmp_path):
    path = tmp_path / "ledger.db"
    write_ledger(path, 200, seed=3)
    return path


@pytest.fixture()
def web(ledger):
    client = Client(ledger)
    yield client
    client.close()


def _a_record(web) -> str:
    return web.get("/api/records.json?kind=arrest_count&_size=1").json()["records"][0]["id"]


@pytest.mark.parametrize("page", ["/", "/records/{id}", "/api/records.json?kind=operation",
                                  "/feeds/records.atom", "/export/records.csv?kind=target"])
def test_a_page_sent_back_with_its_etag_is_not_sent_again(web, page):
    url = page.format(id=_a_record(web))
    first = web.get(url)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and "max-age" in first.headers["cache-control"]
    again = web.get(url, **{"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    # The security headers reach the short answer too.
    assert again.headers["x-content-type-options"] == "nosniff"
    other = web.get(url, **{"if-none-match": 'W/"someotherstate", "x"'})
    assert other.status_code == 200 and other.content == first.content


def test_a_cached_page_is_the_page(web):
    url = f"/records/{_a_record(web)}"
    fresh = web.get(url, **{"accept-encoding": "identity"})
    plain = web.get(url, **{"accept-encoding": "identity"})
    assert plain.status_code == 200 and plain.content == fresh.content
    assert plain.headers["etag"] == fresh.headers["etag"] and "content-encoding" not in plain.headers
    assert plain.headers["content-type"] == fresh.headers["content-type"]
    # A client that takes gzip gets the kept copy compressed: the same page, its own ETag.
    zipped = web.get(url, **{"accept-encoding": "gzip, deflate"})
    assert zipped.headers["content-encoding"] == "gzip" and zipped.text == fresh.text
    assert zipped.headers["etag"] == fresh.headers["etag"][:-1] + '-gzip"'
    assert int(zipped.headers["content-length"]) < len(fresh.content) / 2
    assert "accept-encoding" in zipped.headers["vary"].lower() and "accept-encoding" in plain.headers["vary"].lower()
    assert web.get(url, **{"if-none-match": zipped.headers["etag"]}).status_code == 304


def _an_event(web) -> str:
    return web.get("/api/events.json?_size=1").json()["events"][0]["id"]


@pytest.mark.parametrize("page", ["/records?kind=operation&sort=place", "/events", "/events/{event}"])
def test_the_lists_and_event_pages_are_kept_rendered(web, page):
    url = page.format(event=_an_event(web))
    fresh = web.get(url, **{"accept-encoding": "identity"})
    assert fresh.status_code == 200 and "content-encoding" not in fresh.headers
    # Only a kept copy goes out gzipped: the second answer is the first page, from the cache.
    kept = web.get(url, **{"accept-encoding": "gzip"})
    assert kept.headers["content-encoding"] == "gzip" and kept.text == fresh.text
    assert kept.headers["etag"] == fresh.headers["etag"][:-1] + '-gzip"'


def test_a_kept_records_list_gives_way_to_an_ingest(ledger):
    web = Client(ledger, serving=ServeSettings(state_check_ms=0))
    try:
        before = web.get("/records")
        assert web.get("/records").text == before.text
        extraction = next(synthetic_extractions(10, seed=96))
        extraction.document.published = "2031-01-01"  # newest, so first in the list
        conn = connect(ledger)
        try:
            assert save_extraction(conn, extraction) == "new"
        finally:
            conn.close()
        after = web.get("/records")
        assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
        assert extraction.records[0].id in after.text and extraction.records[0].id not in before.text
    finally:
        web.close()


def test_a_missing_record_gets_no_etag(web):
    page = web.get("/records/rec_does_not_exist")
    assert page.status_code == 404 and "etag" not in page.headers


def test_a_request_with_a_cookie_is_answered_for_itself(web):
    url = f"/records/{_a_record(web)}"
    etag = web.get(url).headers["etag"]
    mine = web.get(url, cookie="ds_actor=someone", **{"if-none-match": etag})
    assert mine.status_code == 200 and "etag" not in mine.headers


def test_the_etag_changes_after_an_ingest(ledger):
    web = Client(ledger, serving=ServeSettings(state_check_ms=0))  # ask SQLite on every request
    newest = "/api/records.json?_size=1"
    before = web.get(newest)
    record_page = f"/records/{before.json()['records'][0]['id']}"
    old = web.get(record_page).headers["etag"]
    assert web.get(record_page, **{"if-none-match": old}).status_code == 304

    extraction = next(synthetic_extractions(10, seed=99))
    extraction.document.published = "2031-01-01"  # newer than anything in the ledger
    conn = connect(ledger)
    try:
        assert save_extraction(conn, extraction) == "new"
    finally:
        conn.close()

    after = web.get(record_page, **{"if-none-match": old})
    assert after.status_code == 200 and after.headers["etag"] != old
    # The page cache holds pages by state: the list shows the new document, not the kept page.
    listed = web.get(newest).json()["records"][0]
    assert listed["document_id"] == extraction.document.id
    web.close()


def test_the_state_token_holds_still_until_a_commit(ledger):
    state = LedgerState(ledger)
    try:
        first = state.token()
        assert state.token() == first
        # Another process reading the same file names the same state the same way.
        assert LedgerState(ledger).token() == first
        conn = connect(ledger)
        try:
            save_extraction(conn, next(synthetic_extractions(10, seed=98)))
        finally:
            conn.close()
        assert state.token() != first
    finally:
        state.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_commit_to_a_summary_alone_names_a_new_state_in_every_process(tmp_path, journal):
    # The summaries (WITHOUT ROWID) are not counted for the fingerprint: a commit that touches only
    # one must still be seen by a process that starts watching after it, as by the one watching.
    path = tmp_path / "ledger.db"
    write_ledger(path, 20, seed=3)
    conn = connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    watching = LedgerState(path)
    try:
        first = watching.token()
        assert LedgerState(path).token() == first
        conn.execute("UPDATE review_summary SET n = n + 1 WHERE review = 'machine'")
        conn.commit()
        assert watching.token() != first
        assert LedgerState(path).token() != first
    finally:
        watching.close()
        conn.close()


def test_a_state_is_trusted_for_its_interval_then_asked_again(ledger):
    now = [100.0]
    state = LedgerState(ledger, min_interval=0.05, clock=lambda: now[0])
    try:
        first = state.token()
        conn = connect(ledger)
        try:
            save_extraction(conn, next(synthetic_extractions(10, seed=97)))
        finally:
            conn.close()
        now[0] += 0.01
        assert state.token() == first  # within the interval: not asked
        now[0] += 0.05
        assert state.token() != first  # past it: the commit is seen
    finally:
        state.close()


def test_a_write_through_the_server_is_seen_by_its_next_page_however_soon(ledger):
    from enforcement_tracker.publish.caching import cached

    state = LedgerState(ledger, min_interval=3600)  # trusted for an hour, unless a write expires it

    async def inner(scope, receive, send):
        if scope["method"] == "POST":
            conn = connect(ledger)
            try:
                save_extraction(conn, next(synthetic_extractions(10, seed=96)))
            finally:
                conn.close()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = cached(inner, state=state, cache=PageCache(2**20, 2**16), max_age=5)

    async def ask(method):
        async def receive():
            return {"type": "http.request", "body": b""}

        async def send(message):
            pass

        await app({"type": "http", "method": method, "path": "/records", "headers": [], "query_string": b""},
                  receive, send)

    try:
        before = state.token()
        asyncio.run(ask("POST"))
        assert state.token() != before  # within the hour, yet the write is seen
    finally:
        state.close()


def test_past_the_in_flight_limit_the_answer_is_a_fast_503(ledger):
    client = Client(ledger, serving=ServeSettings(max_in_flight=1, max_queued=0, cache_mb=0, retry_after=2))
    try:
        # Four different pages at once: the first takes the one slot, and nobody may wait for it.
        urls = [f"/api/records.json?kind={k}" for k in ("operation", "arrest_count", "target", "quote")]
        answers = client.get_together(urls)
        statuses = sorted(a.status_code for a in answers)
        assert statuses.count(200) >= 1 and statuses.count(503) >= 1, statuses
        refused = next(a for a in answers if a.status_code == 503)
        assert refused.headers["retry-after"] == "2"
        assert "busy" in refused.text and refused.headers["cache-control"] == "no-store"
        # Once the slot is free again, the same pages are served.
        assert all(client.get(u).status_code == 200 for u in urls)
    finally:
        client.close()


async def _blocking_app(release: asyncio.Event, started: list[str]):
    async def app(scope, receive, send):
        started.append(scope["path"])
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
    return app


async def _call(app, path: str) -> int:
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    await app({"type": "http", "method": "GET", "path": path, "headers": []}, receive, send)
    return sent[0]["status"]


def test_slots_admit_some_queue_a_few_and_refuse_the_rest():
    async def scenario():
        release, started = asyncio.Event(), []
        slots = Slots(limit=1, max_queued=1)
        app = limited(await _blocking_app(release, started), slots, queue_timeout=30, retry_after=1)
        first = asyncio.create_task(_call(app, "/a"))
        await asyncio.sleep(0)
        queued = asyncio.create_task(_call(app, "/b"))
        await asyncio.sleep(0)
        refused = await _call(app, "/c")  # one working, one waiting: no room
        assert refused == 503 and started == ["/a"] and slots.queued == 1
        release.set()
        assert await first == 200 and await queued == 200
        assert started == ["/a", "/b"] and slots.in_flight == 0 and slots.shed == 1

    asyncio.run(scenario())


def test_a_request_that_waits_too_long_for_a_slot_gets_a_503():
    async def scenario():
        release, started = asyncio.Event(), []
        slots = Slots(limit=1, max_queued=5)
        app = limited(await _blocking_app(release, started), slots, queue_timeout=0.01, retry_after=1)
        first = asyncio.create_task(_call(app, "/a"))
        await asyncio.sleep(0)
        assert await _call(app, "/b") == 503
        release.set()
        assert await first == 200
        assert slots.in_flight == 0 and slots.queued == 0
        assert await _call(app, "/c") == 200  # the slot the timed-out waiter gave up is free

    asyncio.run(scenario())


def test_the_page_cache_keeps_to_its_budget_and_drops_the_least_recent():
    cache = PageCache(max_bytes=10_000, entry_max_bytes=3_000)
    page = Stored(200, [(b"content-type", b"text/html")], b"x" * 2_000)
    for i in range(20):
        cache.put(("/p", str(i)), page)
        cache.get(("/p", "0"))  # kept in use, so kept
    assert cache.bytes <= 10_000 and len(cache) == 4
    assert cache.get(("/p", "0")) is not None and cache.get(("/p", "1")) is None
    cache.put(("/big",), Stored(200, [], b"x" * 5_000))
    assert cache.get(("/big",)) is None


@pytest.mark.parametrize("header, matches", [('W/"abc"', True), ('"abc"', True), ('"x", W/"abc"', True),
                                             ('W/"abcd"', False), ("*", False)])
def test_etags_compare_weakly(header, matches):
    assert etag_matches(header.encode(), b'W/"abc"') is matches


@pytest.mark.parametrize("header, takes", [("gzip, deflate", True), ("br;q=1.0, gzip;q=0.8", True), ("identity", False),
                                           ("gzip;q=0", False), ("", False)])
def test_gzip_goes_to_clients_that_accept_it(header, takes):
    assert accepts_gzip(header.encode()) is takes


def test_bad_serving_settings_are_refused_with_the_name():
    with pytest.raises(PublishError, match="max_in_flight"):
        ServeSettings.from_config({"max_in_flight": 0})
    with pytest.raises(PublishError, match="unknown serving setting 'max_inflight'"):
        ServeSettings.from_config({"max_inflight": 3})
    assert ServeSettings.from_config({"max_in_flight": "3"}).max_in_flight == 3


def test_serve_help_names_workers():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--workers" in result.output and "Server processes sharing the port" in result.output
    refused = CliRunner().invoke(main, ["serve", "--workers", "0"])
    assert refused.exit_code == 2 and "--workers" in refused.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_workers_serve_one_port(ledger):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "enforcement_tracker", "serve", "--db", str(ledger),
                             "--port", str(port), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120  # a bound on start-up on a busy machine, not a speed check
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/records.json?_size=1", timeout=10) as r:
                    body = r.read()
                    etag = r.headers["etag"]
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, proc.stderr.read().decode() if proc.poll() is not None else "no answer"
        assert b'"records"' in body and etag.startswith('W/"')
        # Whichever worker answers, the same state has the same ETag.
        for _ in range(6):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/records.json?_size=1",
                                             headers={"If-None-Match": etag, "Connection": "close"})
            try:
                urllib.request.urlopen(request, timeout=10)
                raise AssertionError("expected 304")
            except urllib.error.HTTPError as exc:
                assert exc.code == 304
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _earliest_others(conn, record_id: str) -> list[str]:
    """The plain answer: every other member of the record's events, sorted, no plan choices."""
    found = conn.execute(
        "SELECT DISTINCT r.id, d.published FROM event_records er JOIN event_records other"
        " ON other.event_id = er.event_id AND other.record_id != er.record_id JOIN records r ON r.id = other.record_id"
        " JOIN documents d ON d.id = r.document_id WHERE er.record_id = ?", (record_id,)).fetchall()
    return [rid for rid, _ in sorted(found, key=lambda row: (row[1] is not None, row[1] or "", row[0]))]


def test_a_big_event_lists_its_earliest_reports_whichever_way_they_are_found(ledger):
    from enforcement_tracker.publish.queries import related_reports

    conn = connect(ledger)
    try:
        ids = [rid for (rid,) in conn.execute("SELECT id FROM records ORDER BY rowid")]
        # One event of half the ledger (read by walking documents in date order) and one of five.
        conn.execute("INSERT INTO events (id, kind, n_records) VALUES ('evt_big', 'operation', ?), "
                     "('evt_small', 'operation', 5)", (len(ids[::2]),))
        conn.executemany("INSERT INTO event_records (event_id, record_id) VALUES (?, ?)",
                         [("evt_big", rid) for rid in ids[::2]] + [("evt_small", rid) for rid in ids[1:10:2]])
        for record_id, size in ((ids[0], len(ids[::2])), (ids[3], 5)):
            shown, total = related_reports(conn, record_id, limit=7)
            assert [r["id"] for r in shown] == _earliest_others(conn, record_id)[:7]
            assert total == size - 1
    finally:
        conn.close()
    web = Client(ledger)
    try:
        page = web.get(f"/records/{ids[0]}")
        assert page.status_code == 200
        assert f"The earliest 50 of {len(ids[::2]) - 1:,} other reports" in page.text
    finally:
        web.close()


def test_plain_datasette_on_a_ledger_keeps_its_own_answers(ledger):
    from datasette.app import Datasette

    plain = Datasette([str(ledger)])  # no tracker metadata: the plugin's layers stay out
    loop = asyncio.new_event_loop()
    try:
        page = loop.run_until_complete(plain.client.get(f"/{ledger.stem}/records.json?_size=1"))
        assert page.status_code == 200 and "etag" not in page.headers
    finally:
        loop.close()
