"""The filter bar and the pages it drives: dashboard, records list, downloads, plain words, footers."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest

from enforcement_tracker.errors import PublishError
from enforcement_tracker.kinds import registry
from enforcement_tracker.publish import make_datasette
from enforcement_tracker.publish.filters import RecordFilter
from enforcement_tracker.publish.synthetic import write_ledger

STATIC = Path(__file__).resolve().parents[1] / "src" / "enforcement_tracker" / "publish" / "static"
RAW_CODES = ("under_way", "called_off", "FEDERAL_OTHER", "STATE_LOCAL", "not_criminal", "no_record",
             "unnamed_official", "per ?", "Target: Target")


class Client:
    def __init__(self, path):
        self.ds = make_datasette(path)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, url: str):
        return self.loop.run_until_complete(self.ds.client.get(url))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("webf") / "ledger.db"
    write_ledger(path, 400, seed=3)
    return path


@pytest.fixture(scope="module")
def web(ledger):
    client = Client(ledger)
    yield client
    client.loop.close()


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def busiest_place(ledger) -> tuple[str, str]:
    conn = sqlite3.connect(ledger)
    return conn.execute("SELECT p.name, p.state FROM record_places p JOIN records r ON r.id = p.record_id"
                        " WHERE r.kind = 'operation' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1").fetchone()


def test_a_place_typed_as_the_tool_prints_it():
    flt = RecordFilter.from_args({"place": "Aurora, co", "since": "2025-01-27"})
    assert (flt.place, flt.state) == ("Aurora", "CO")
    assert flt.active() == {"place": "Aurora, CO", "since": "2025-01-27"}
    assert RecordFilter.from_args(flt.active()) == flt
    assert flt.label() == "Aurora, CO · since 2025-01-27"
    with pytest.raises(PublishError, match="not in state"):
        RecordFilter.from_args({"place": "Aurora, CO", "state": "IL"})


@pytest.mark.parametrize(("args", "parameter"), [({"status": "paused"}, "status"), ({"q": "!!!"}, "q"),
                                                  ({"kind": "rumour"}, "kind")])
def test_bad_filter_values_are_refused_by_name(args, parameter):
    with pytest.raises(PublishError) as caught:
        RecordFilter.from_args(args)
    assert caught.value.source == parameter


def test_status_in_words_and_search_in_quotes(web, ledger):
    under_way = web.get("/api/records.json?status=under%20way&_size=1000").json()["records"]
    assert under_way and {r["status"] for r in under_way} == {"under_way"}
    word = sqlite3.connect(ledger).execute("SELECT quote FROM records WHERE kind = 'operation' LIMIT 1").fetchone()[0]
    word = max(re.findall(r"[A-Za-z]{5,}", word), key=len)
    found = web.get(f"/api/records.json?q={word}&_size=1000").json()["records"]
    assert found and all(word.lower() in r["quote"].lower() for r in found)
    assert web.get("/api/records.json?q=%22%28unbalanced").status_code == 200  # words only, never FTS syntax


@pytest.mark.parametrize("url", ["/api/records.json?knd=target", "/api/events.json?plce=Chicago", "/?colour=red",
                                 "/records?sort=price", "/events?until=2025-02-30"])
def test_unknown_parameters_and_bad_values_are_a_400(web, url):
    page = web.get(url)
    assert page.status_code == 400


def test_the_dashboard_follows_the_place_and_its_links_carry_it(web, ledger):
    name, state = busiest_place(ledger)
    page = web.get(f"/?place={name},%20{state}")
    assert page.status_code == 200
    text = page.text
    assert f"Showing: <strong>{name}, {state}</strong>" in text
    qs = f"place={name}%2C+{state}"
    for link in ("/api/records.json?", "/export/records.csv?", "/export/operations.geojson?", "/feeds/records.atom?",
                 "/records?", "/events?"):
        assert f'href="{link}{qs}"' in text, link
    mapped = re.search(r"The places on this map, as a table.*?</table>", text, re.S).group(0)
    assert re.findall(r'<tr><td><a href="[^"]*">([^<]+)</a>', mapped) == [f"{name}, {state}"]
    # The CSV link carries it: every row it streams is about that place.
    csv = web.get(f"/export/records.csv?{qs}").text.splitlines()[1:]
    assert csv and all(name in line for line in csv)


def test_the_map_is_sized_by_reports_and_never_sums_counts(web):
    page = web.get("/")
    assert "sized by the number of operation reports" in page.text and 'class="place-label"' in page.text
    assert "arrests reported" not in page.text


def test_records_list_sorts_pages_and_links_to_record_pages(web, ledger):
    first = web.get("/records?sort=place")
    assert first.status_code == 200
    places = re.findall(r"<tr>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>", first.text)
    named = [p for p in places if p != "nationwide"]
    assert named == sorted(named) and len(places) == 50
    ids = re.findall(r'<a href="/records/(rec_[0-9a-f]+)">', first.text)
    nxt = re.search(r'rel="next" href="([^"]+)"', first.text).group(1).replace("&amp;", "&")
    second = web.get(nxt)
    assert not set(ids) & set(re.findall(r'<a href="/records/(rec_[0-9a-f]+)">', second.text))
    assert web.get(f"/records/{ids[0]}").status_code == 200
    newest = web.get("/records?kind=target")
    assert newest.text.count("<tr>") - 1 == sqlite3.connect(ledger).execute(
        "SELECT count(*) FROM records WHERE kind = 'target'").fetchone()[0]


def test_datasette_rows_lead_to_our_record_pages(web):
    rec = web.get("/api/records.json?_size=1").json()["records"][0]
    db = web.ds.get_database().name
    moved = web.get(f"/{db}/records/{rec['id']}")
    assert moved.status_code == 302 and moved.headers["location"] == f"/records/{rec['id']}"
    assert web.get(f"/{db}/records/{rec['id']}.json").status_code == 200


def test_methodology_and_codebook_read_the_registry_and_every_footer_links_them(web):
    book = web.get("/codebook").text
    for kind in registry.all_kinds():
        assert kind.title in book
        for field, meaning in kind.fields:
            assert f"<code>{field}</code></dt><dd>{meaning}" in book.replace("&#39;", "'").replace("&#34;", '"')
    method = web.get("/methodology").text
    assert 'id="red-lines"' in method and "book-ins" in method.lower() and "Deportation Data Project" in method
    rec = web.get("/api/records.json?_size=1").json()["records"][0]
    db = web.ds.get_database().name
    for url in ("/", "/records", "/events", f"/records/{rec['id']}", f"/documents/{rec['document_id']}",
                f"/{db}/records", "/codebook"):
        page = web.get(url).text
        footer = page[page.index('<footer'):]
        assert 'href="/methodology"' in footer and 'href="/codebook"' in footer, url


@pytest.mark.parametrize("url", ["/", "/records", "/events", "/records?kind=operation", "/?kind=criminality"])
def test_no_raw_codes_on_pages(web, url):
    text = visible_text(web.get(url).text)
    for code in RAW_CODES:
        assert code not in text, (url, code)


def test_no_raw_codes_on_record_document_and_event_pages(web):
    recs = web.get("/api/records.json?_size=1000").json()["records"]
    events = web.get("/api/events.json?_size=50").json()["events"]
    urls = [f"/records/{r['id']}" for r in recs[::7]] + sorted({f"/documents/{r['document_id']}" for r in recs[::7]})
    urls += [e["url"] for e in events]
    for url in urls:
        text = visible_text(web.get(url).text)
        text = re.sub(r"Extractor\s+etrack\.\w+\.v\d+@\S+", " ", text)  # provenance: the component's name
        for code in RAW_CODES + ("per_field_office", "? arrests"):
            assert code not in text, (url, code)


def test_our_pages_have_lang_landmarks_and_a_skip_link(web):
    for url in ("/", "/records", "/events", "/methodology"):
        page = web.get(url).text
        assert '<html lang="en">' in page and '<main id="main"' in page and "<footer" in page and "<header" in page
        assert '<a class="skip-link" href="#main">' in page
        # every form field has its label
        for field in re.findall(r'<(?:input|select)[^>]*id="([^"]+)"', page):
            assert f'<label for="{field}">' in page


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_text_colour_of_ours_has_contrast_on_white():
    from enforcement_tracker.publish.charts import STATUS_COLOURS

    css = re.sub(r"/\*.*?\*/", "", (STATIC / "etrack.css").read_text(), flags=re.S)
    colours = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        colours += re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body)
        if re.search(r"\.(tick|label|value|muted|place-label)\b", selector):  # SVG text is drawn by its fill
            colours += re.findall(r"(?<![-\w])fill:\s*(#[0-9a-fA-F]{3,6})", body)
    assert len(colours) > 10
    for colour in colours:
        assert contrast(colour, "#ffffff") >= 4.5, colour
    # the white status letter on each status mark
    for status, colour in STATUS_COLOURS.items():
        assert contrast(colour, "#ffffff") >= 4.5, status


def test_summaries_kept_at_ingest_equal_grouping_the_records(ledger, tmp_path):
    conn = sqlite3.connect(ledger)
    direct = conn.execute(
        "SELECT p.name, COALESCE(p.state, ''), r.kind, COALESCE(r.date_start, d.published, ''),"
        " COALESCE(r.status, ''), count(*), max(r.count_value) FROM records r JOIN documents d ON d.id = r.document_id"
        " JOIN record_places p ON p.record_id = r.id WHERE r.kind IN ('operation', 'arrest_count')"
        " AND (r.kind = 'operation' OR p.position = 0) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5").fetchall()
    kept = conn.execute("SELECT name, state, kind, day, status, n, largest FROM place_day_summary"
                        " ORDER BY 1, 2, 3, 4, 5").fetchall()
    assert kept == direct and len(kept) > 20
    kinds = dict(conn.execute("SELECT kind, n FROM kind_summary"))
    assert kinds == dict(conn.execute("SELECT kind, count(*) FROM records GROUP BY kind"))


def test_summaries_follow_a_deleted_and_a_corrected_record(tmp_path):
    path = tmp_path / "small.db"
    write_ledger(path, 60, seed=5)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    op = conn.execute("SELECT id FROM records WHERE kind = 'operation' AND status != 'ended' LIMIT 1").fetchone()[0]
    conn.execute("UPDATE records SET status = 'ended' WHERE id = ?", (op,))
    count = conn.execute("SELECT id FROM records WHERE kind = 'arrest_count' AND places IS NOT NULL LIMIT 1").fetchone()[0]
    conn.execute("DELETE FROM records WHERE id = ?", (count,))
    conn.commit()
    direct = conn.execute(
        "SELECT p.name, COALESCE(p.state, ''), r.kind, COALESCE(r.date_start, d.published, ''),"
        " COALESCE(r.status, ''), count(*), max(r.count_value) FROM records r JOIN documents d ON d.id = r.document_id"
        " JOIN record_places p ON p.record_id = r.id WHERE r.kind IN ('operation', 'arrest_count')"
        " AND (r.kind = 'operation' OR p.position = 0) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5").fetchall()
    kept = conn.execute("SELECT name, state, kind, day, status, n, largest FROM place_day_summary"
                        " ORDER BY 1, 2, 3, 4, 5").fetchall()
    assert kept == direct


@pytest.mark.parametrize("args", [{}, {"state": "CO"}, {"since": "2025-03-01", "status": "planned"},
                                  {"kind": "operation", "until": "2025-02"},
                                  # whole weeks (migration 013) with days before and after them
                                  {"since": "2025-02-05", "until": "2025-05-20"}, {"agency": "ICE", "since": "2025-03-04"},
                                  {"publisher": "metro wire", "until": "2025-04-09"}, {"since": "2025-02-01", "until": "2025-02-16"}])
def test_the_dashboard_grouped_in_sql_equals_grouping_the_rows(ledger, args):
    from enforcement_tracker.publish import queries, summaries

    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    activity = queries.place_activity(conn, flt)
    places, timeline = summaries.map_and_timeline(conn, flt)

    def norm(found):
        return sorted((p["name"], p["state"], p["operations"], p["largest"], p["record_id"], p["first"], p["last"])
                      for p in found)

    assert norm(places) == norm(queries.map_points(activity)) and places
    expected = queries.operations_timeline(activity)
    assert timeline["places"] == expected["places"]
    assert sorted(map(lambda d: sorted(d.items()), timeline["points"])) == \
        sorted(map(lambda d: sorted(d.items()), expected["points"]))


@pytest.mark.parametrize("args", [{"since": "2025-03-01"}, {"until": "2025-01-15", "kind": "operation"},
                                  {"publisher": "metro wire", "status": "planned"}, {"review": "machine"},
                                  {"review": "machine,reviewed", "kind": "operation"}])
def test_counts_from_the_summary_equal_counting_the_records(ledger, args):
    from enforcement_tracker.publish import summaries

    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    direct = dict(conn.execute(f"SELECT r.kind, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
                               f" WHERE {where} GROUP BY 1", params))
    assert summaries.kind_counts(conn, flt) == direct and direct


def test_the_daily_chart_from_the_summaries_equals_the_records(ledger):
    from enforcement_tracker.publish import queries

    conn = sqlite3.connect(ledger)
    direct = conn.execute(
        "SELECT date_start, count_value, count(*), min(id) FROM records WHERE kind = 'arrest_count' AND state IS NULL"
        " AND places IS NULL AND date_start = date_end AND count_value IS NOT NULL GROUP BY 1, 2").fetchall()
    window = queries.daily_arrests(conn, RecordFilter(since="2024-01-01", until="2026-12-31"))
    assert sorted((c["day"], c["value"], c["n"], c["record_id"]) for c in window["claims"]) == sorted(direct)
    bands = conn.execute("SELECT COALESCE(count_low, count_value), COALESCE(count_high, count_value), count(*)"
                         " FROM records WHERE kind = 'target' AND per = 'day' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 3")
    assert [(t["low"], t["high"], t["n"]) for t in queries.daily_arrests(conn)["targets"]] == list(bands)


def test_chart_summaries_follow_deleted_and_corrected_records(tmp_path):
    path = tmp_path / "chart.db"
    write_ledger(path, 200, seed=7)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    nationwide = ("kind = 'arrest_count' AND state IS NULL AND places IS NULL AND date_start = date_end"
                  " AND count_value IS NOT NULL")
    gone, moved = [r for (r,) in conn.execute(f"SELECT id FROM records WHERE {nationwide} LIMIT 2")]
    conn.execute("DELETE FROM records WHERE id = ?", (gone,))
    conn.execute("UPDATE records SET count_value = 4321 WHERE id = ?", (moved,))
    target = conn.execute("SELECT id FROM records WHERE kind = 'target' AND per = 'day' LIMIT 1").fetchone()[0]
    conn.execute("UPDATE records SET count_low = 77, count_high = 88 WHERE id = ?", (target,))
    conn.commit()
    assert conn.execute("SELECT day, value, n FROM daily_claim_summary ORDER BY 1, 2").fetchall() == conn.execute(
        f"SELECT date_start, count_value, count(*) FROM records WHERE {nationwide} GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    conn.execute("UPDATE records SET status = 'ended' WHERE kind = 'operation' AND rowid % 3 = 0")
    conn.commit()
    assert conn.execute("SELECT kind, day_start, day_end, status, publisher, n FROM record_count_summary"
                        " ORDER BY 1, 2, 3, 4, 5").fetchall() == conn.execute(
        "SELECT r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start,"
        " d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, ''), count(*) FROM records r"
        " JOIN documents d ON d.id = r.document_id GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5").fetchall()
    assert conn.execute("SELECT low, high, n FROM target_band_summary ORDER BY 1, 2").fetchall() == conn.execute(
        "SELECT COALESCE(count_low, count_value), COALESCE(count_high, count_value), count(*) FROM records"
        " WHERE kind = 'target' AND per = 'day' GROUP BY 1, 2 ORDER BY 1, 2").fetchall()


def test_methodology_says_what_each_official_series_covers_here(web, ledger):
    conn = sqlite3.connect(ledger)
    first, last = conn.execute("SELECT min(date), max(date) FROM ice_posted_daily").fetchone()
    page = web.get("/methodology").text
    assert f"{first} to {last}" in page and "not imported" in page  # synthetic ledgers hold no FOIA daily rows


def test_a_long_timeline_draws_weeks_and_the_daily_chart_few_marks_a_day(web):
    from datetime import date

    from enforcement_tracker.publish.queries import CLAIMS_PER_DAY

    page = web.get("/").text  # the synthetic ledger spans 180 days
    timeline = page[page.index('id="ops-timeline"'):page.index("</svg>", page.index('id="ops-timeline"'))]
    assert "in the week of" in timeline
    mondays = re.findall(r"in the week of (\d{4}-\d{2}-\d{2})", timeline)
    assert mondays and all(date.fromisoformat(d).weekday() == 0 for d in mondays)
    daily = page[page.index('id="daily-chart"'):page.index("</svg>", page.index('id="daily-chart"'))]
    per_day: dict[str, int] = {}
    for day in re.findall(r"arrests on (\d{4}-\d{2}-\d{2})", daily):
        per_day[day] = per_day.get(day, 0) + 1
    assert per_day and max(per_day.values()) <= CLAIMS_PER_DAY


def test_a_selection_too_large_to_group_maps_its_newest_reports_and_says_so(web, ledger, monkeypatch):
    from enforcement_tracker.publish import queries

    monkeypatch.setattr(queries, "MAPPED_AT_MOST", 6)
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args({"q": "agents"})
    where, params = flt.where()
    picked = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " AND r.kind IN ('operation', 'arrest_count') ORDER BY d.published DESC, r.rowid DESC", params)]
    data = queries.dashboard(conn, flt)
    assert data["partial"] == {"shown": 6, "of": len(picked)} and len(picked) > 6
    # the newest six, grouped as every record would be: each operation counted in each of its places
    placed = dict(conn.execute(
        "SELECT p.name, count(*) FROM record_places p JOIN records r ON r.id = p.record_id"
        f" WHERE r.kind = 'operation' AND p.lat IS NOT NULL AND r.id IN ({', '.join('?' * 6)}) GROUP BY 1", picked[:6]))
    assert {p["name"]: p["operations"] for p in data["map"]} == placed
    assert sum(kind_n for kind, kind_n in data["overview"]["kinds"].items()
               if kind in ("operation", "arrest_count")) == len(picked)  # the counts are of every record
    page = web.get("/?q=agents").text
    assert f"show the newest 6 of the {len(picked):,} operation reports and arrest counts" in page
    # the daily chart: its claims read from the newest six arrest counts the words pick
    flt = RecordFilter.from_args({"q": "arrests"})
    where, params = flt.where()
    counts = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " AND r.kind = 'arrest_count' ORDER BY d.published DESC, r.rowid DESC", params)]
    daily = queries.dashboard(conn, flt)["daily"]
    assert daily["partial"]["arrest_count"] == {"shown": 6, "of": len(counts)} and len(counts) > 6
    claims = conn.execute(
        f"SELECT date_start, count_value, count(*) FROM records WHERE id IN ({', '.join('?' * 6)}) AND state IS NULL"
        " AND places IS NULL AND date_start = date_end AND count_value IS NOT NULL AND date_start BETWEEN ? AND ?"
        " GROUP BY 1, 2", counts[:6] + list(daily["window"])).fetchall()
    assert sorted((c["day"], c["value"], c["n"]) for c in daily["claims"]) == sorted(claims)
    assert f"the claims drawn are read from the newest 6 of the {len(counts):,} arrest counts" in web.get("/?q=arrests").text
    assert "Partial:" not in web.get("/?q=agents&kind=quote").text


def test_records_by_review_state_are_counted_as_the_records_say(tmp_path):
    from enforcement_tracker.publish import summaries

    path = tmp_path / "reviewed.db"
    write_ledger(path, 80, seed=4)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE records SET review = 'verified' WHERE rowid % 7 = 0")
    conn.execute("UPDATE records SET review = 'rejected' WHERE rowid % 11 = 0")
    conn.commit()
    for args in ({"review": "machine"}, {"review": "verified,rejected"}, {"review": "machine,verified", "kind": "quote"},
                 {"review": "rejected", "kind": "operation"}):
        flt = RecordFilter.from_args(args)
        where, params = flt.where()
        direct = dict(conn.execute(f"SELECT r.kind, count(*) FROM records r WHERE {where} GROUP BY 1", params))
        assert summaries.kind_counts(conn, flt) == direct and direct, args


@pytest.mark.parametrize("args", [{}, {"kind": "operation"}, {"q": "agents"}, {"state": "IL"},
                                  {"q": "arrested", "since": "2025-03-01"}, {"publisher": "AP", "kind": "target"},
                                  {"since": "2025-03-01", "until": "2025-03-20"}, {"state": "TX", "until": "2025-02-10"},
                                  {"q": "agents", "since": "2025-04-01", "until": "2025-04-30"}, {"until": "2020-01-01"}])
def test_the_exports_batches_are_every_record_the_filter_picks_in_storage_order(ledger, args):
    """The CSV's batches, resumed after each one's last rowid, hold what the plain filter picks."""
    from enforcement_tracker.publish import queries

    conn = sqlite3.connect(ledger)
    name, state = busiest_place(ledger)
    placed = {**{k: v for k, v in args.items() if k != "state"}, "place": f"{name}, {state}"}
    for flt in (RecordFilter.from_args(args), RecordFilter.from_args(placed)):
        where, params = flt.where()
        expected = [r for (r,) in conn.execute(f"SELECT r.rowid FROM records r JOIN documents d ON d.id = r.document_id"
                                               f" WHERE {where} ORDER BY r.rowid", params)]
        read, after = [], 0
        while batch := queries.record_batches(conn, flt, batch=7, after_rowid=after):
            read += [row["rowid"] for row in batch]
            after = batch[-1]["rowid"]
        assert read == expected, flt
        assert expected or flt.publisher or flt.place or flt.until == "2020-01-01", flt  # (a word of unplaced records may have none there)


@pytest.mark.parametrize("sizes", [(3, 5), (1000, 20000)])  # several reads (a small first one), or one
def test_the_csv_streams_every_record_of_a_place_once_in_storage_order(web, ledger, monkeypatch, sizes):
    from enforcement_tracker.publish import exports

    monkeypatch.setattr(exports, "FIRST_BATCH", sizes[0])
    monkeypatch.setattr(exports, "BATCH", sizes[1])
    name, state = busiest_place(ledger)
    flt = RecordFilter.from_args({"place": f"{name}, {state}"})
    where, params = flt.where()
    expected = [r for (r,) in sqlite3.connect(ledger).execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where} ORDER BY r.rowid", params)]
    # the same place asked in two ways: each URL new to the server's page cache
    url = f"/export/records.csv?place={name},%20{state}" if sizes[0] == 3 else f"/export/records.csv?place={name}&state={state}"
    lines = web.get(url).text.splitlines()
    streamed = [line.split(",", 1)[0] for line in lines[1:]]
    assert lines[0].startswith("id,kind,") and streamed == expected and len(expected) > 5
