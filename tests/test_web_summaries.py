"""Migration 011's summaries (agency, publication dates, review counts) and 010's place groups equal
grouping the records, after an ingest, a deletion and corrections, on a new ledger and on one migrated
from 010; and the pages that read them give what reading the records gives."""

from __future__ import annotations

import sqlite3

import pytest

from _old_ledgers import ledger_at_version
from enforcement_tracker.publish import events_page, queries, records_page, summaries
from enforcement_tracker.publish.filters import RecordFilter
from enforcement_tracker.publish.synthetic import synthetic_extractions, write_ledger
from enforcement_tracker.store.db import connect, migrations
from enforcement_tracker.store.events import rebuild_events
from enforcement_tracker.store.ledger import replace_record, save_extraction

DAYS = ("COALESCE(r.date_start, r.date_end, d.published, '')", "COALESCE(r.date_end, r.date_start, d.published, '')")
CLAIM = ("r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = r.date_end"
         " AND r.count_value IS NOT NULL")
PLACE_CLAIM = "r.kind = 'arrest_count' AND r.date_start = r.date_end AND r.count_value IS NOT NULL"
BAND = "r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) IS NOT NULL"
BAND_KEY = "COALESCE(r.count_low, r.count_value), COALESCE(r.count_high, r.count_value)"
STATE_OF = ("(SELECT id AS record_id, state FROM records WHERE state IS NOT NULL"
            " UNION SELECT record_id, state FROM record_places WHERE state IS NOT NULL) s")
DIRECT = {
    "state_count_summary": (
        f"SELECT s.state, r.kind, {DAYS[0]}, {DAYS[1]}, COALESCE(r.status, ''), COALESCE(d.publisher, ''), count(*)"
        f" FROM {STATE_OF} JOIN records r ON r.id = s.record_id JOIN documents d ON d.id = r.document_id"
        " GROUP BY 1, 2, 3, 4, 5, 6"),
    "state_daily_claim_summary": (
        f"SELECT s.state, r.date_start, r.count_value, count(*) FROM {STATE_OF} JOIN records r ON r.id = s.record_id"
        f" WHERE {PLACE_CLAIM} GROUP BY 1, 2, 3"),
    "place_count_summary": (
        f"SELECT p.name, COALESCE(p.state, ''), r.kind, {DAYS[0]}, {DAYS[1]}, COALESCE(r.status, ''),"
        " COALESCE(d.publisher, ''), count(DISTINCT r.id) FROM record_places p JOIN records r ON r.id = p.record_id"
        " JOIN documents d ON d.id = r.document_id GROUP BY 1, 2, 3, 4, 5, 6, 7"),
    "place_daily_claim_summary": (
        "SELECT p.name, COALESCE(p.state, ''), r.date_start, r.count_value, count(DISTINCT r.id)"
        f" FROM record_places p JOIN records r ON r.id = p.record_id WHERE {PLACE_CLAIM} GROUP BY 1, 2, 3, 4"),
    "agency_daily_claim_summary": (
        "SELECT a.code, r.date_start, r.count_value, count(*) FROM record_agencies a JOIN records r ON r.id = a.record_id"
        f" WHERE {CLAIM} GROUP BY 1, 2, 3"),
    "publisher_daily_claim_summary": (
        "SELECT COALESCE(d.publisher, ''), r.date_start, r.count_value, count(*) FROM records r"
        f" JOIN documents d ON d.id = r.document_id WHERE {CLAIM} GROUP BY COALESCE(d.publisher, '') COLLATE NOCASE, 2, 3"),
    "agency_target_band_summary": (
        f"SELECT a.code, {BAND_KEY}, count(*) FROM record_agencies a JOIN records r ON r.id = a.record_id"
        f" WHERE {BAND} GROUP BY 1, 2, 3"),
    "publisher_target_band_summary": (
        f"SELECT COALESCE(d.publisher, ''), {BAND_KEY}, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
        f" WHERE {BAND} GROUP BY COALESCE(d.publisher, '') COLLATE NOCASE, 2, 3"),
    "record_day_summary": (
        f"SELECT r.kind, {DAYS[0]}, {DAYS[1]}, COALESCE(d.published, ''), count(*)"
        " FROM records r JOIN documents d ON d.id = r.document_id GROUP BY 1, 2, 3, 4"),
    "review_summary": "SELECT review, second_look, count(*) FROM records GROUP BY 1, 2",
    "document_count": "SELECT 1, count(*) FROM documents",
    "event_day_summary": (
        f"SELECT er.event_id, {DAYS[0]}, {DAYS[1]}, count(*) FROM event_records er"
        " JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id GROUP BY 1, 2, 3"),
    "agency_count_summary": (
        f"SELECT a.code, r.kind, {DAYS[0]}, {DAYS[1]}, COALESCE(r.status, ''), COALESCE(d.publisher, ''), count(*)"
        " FROM record_agencies a JOIN records r ON r.id = a.record_id JOIN documents d ON d.id = r.document_id"
        " GROUP BY 1, 2, 3, 4, 5, 6"),
    "place_day_summary": (
        "SELECT p.name, COALESCE(p.state, ''), r.kind, COALESCE(r.date_start, d.published, ''),"
        " COALESCE(r.status, ''), count(*), max(r.count_value) FROM records r JOIN documents d ON d.id = r.document_id"
        " JOIN record_places p ON p.record_id = r.id WHERE r.kind IN ('operation', 'arrest_count')"
        " AND (r.kind = 'operation' OR p.position = 0) GROUP BY 1, 2, 3, 4, 5"),
    "publisher_place_day_summary": (
        "SELECT COALESCE(d.publisher, ''), p.name, COALESCE(p.state, ''), r.kind, COALESCE(r.date_start, d.published, ''),"
        " COALESCE(r.status, ''), count(*), max(r.count_value) FROM records r JOIN documents d ON d.id = r.document_id"
        " JOIN record_places p ON p.record_id = r.id WHERE r.kind IN ('operation', 'arrest_count')"
        " AND (r.kind = 'operation' OR p.position = 0) GROUP BY COALESCE(d.publisher, '') COLLATE NOCASE, 2, 3, 4, 5, 6"),
    "agency_place_day_summary": (
        "SELECT a.code, p.name, COALESCE(p.state, ''), r.kind, COALESCE(r.date_start, d.published, ''),"
        " COALESCE(r.status, ''), count(*), max(r.count_value) FROM record_agencies a"
        " JOIN records r ON r.id = a.record_id JOIN documents d ON d.id = r.document_id"
        " JOIN record_places p ON p.record_id = r.id WHERE r.kind IN ('operation', 'arrest_count')"
        " AND (r.kind = 'operation' OR p.position = 0) GROUP BY 1, 2, 3, 4, 5, 6"),
}
# Migration 013's weeks, counted from the records: the Monday of a calendar day, any other day its own.
DAY = "COALESCE(r.date_start, d.published, '')"
WEEK = f"CASE WHEN date({DAY}) = {DAY} THEN date({DAY}, '-6 days', 'weekday 1') ELSE {DAY} END"
PLACE_GROUPS = ("FROM records r JOIN documents d ON d.id = r.document_id JOIN record_places p ON p.record_id = r.id"
                " WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)")
DIRECT.update({
    "place_week_summary": (
        f"SELECT p.name, COALESCE(p.state, ''), r.kind, {WEEK}, COALESCE(r.status, ''), count(*), max(r.count_value),"
        f" min({DAY}), max({DAY}) {PLACE_GROUPS} GROUP BY 1, 2, 3, 4, 5"),
    "agency_place_week_summary": (
        f"SELECT a.code, p.name, COALESCE(p.state, ''), r.kind, {WEEK}, COALESCE(r.status, ''), count(*),"
        f" max(r.count_value), min({DAY}), max({DAY}) {PLACE_GROUPS.replace('WHERE', 'JOIN record_agencies a ON a.record_id = r.id WHERE')}"
        " GROUP BY 1, 2, 3, 4, 5, 6"),
    "publisher_place_week_summary": (
        f"SELECT COALESCE(d.publisher, ''), p.name, COALESCE(p.state, ''), r.kind, {WEEK}, COALESCE(r.status, ''),"
        f" count(*), max(r.count_value), min({DAY}), max({DAY}) {PLACE_GROUPS}"
        " GROUP BY COALESCE(d.publisher, '') COLLATE NOCASE, 2, 3, 4, 5, 6"),
})
DIRECT.update({
    "event_place_summary": ("SELECT er.event_id, p.name, COALESCE(p.state, ''), count(*) FROM event_records er"
                            " JOIN record_places p ON p.record_id = er.record_id GROUP BY 1, 2, 3"),
    "event_state_summary": ("SELECT er.event_id, m.state, count(*) FROM event_records er JOIN (SELECT id AS record_id, state"
                            " FROM records WHERE state IS NOT NULL UNION ALL SELECT record_id, state FROM record_places"
                            " WHERE state IS NOT NULL) m ON m.record_id = er.record_id GROUP BY 1, 2"),
})
KEPT = {
    "event_place_summary": "SELECT event_id, name, state, n FROM event_place_summary",
    "event_state_summary": "SELECT event_id, state, n FROM event_state_summary",
    "place_week_summary": "SELECT name, state, kind, week, status, n, largest, first, last FROM place_week_summary",
    "agency_place_week_summary": ("SELECT code, name, state, kind, week, status, n, largest, first, last"
                                  " FROM agency_place_week_summary"),
    "publisher_place_week_summary": ("SELECT publisher, name, state, kind, week, status, n, largest, first, last"
                                     " FROM publisher_place_week_summary"),
    "state_count_summary": "SELECT state, kind, day_start, day_end, status, publisher, n FROM state_count_summary",
    "state_daily_claim_summary": "SELECT state, day, value, n FROM state_daily_claim_summary",
    "place_count_summary": ("SELECT name, state, kind, day_start, day_end, status, publisher, n"
                            " FROM place_count_summary"),
    "place_daily_claim_summary": "SELECT name, state, day, value, n FROM place_daily_claim_summary",
    "agency_daily_claim_summary": "SELECT code, day, value, n FROM agency_daily_claim_summary",
    "publisher_daily_claim_summary": "SELECT publisher, day, value, n FROM publisher_daily_claim_summary",
    "agency_target_band_summary": "SELECT code, low, high, n FROM agency_target_band_summary",
    "publisher_target_band_summary": "SELECT publisher, low, high, n FROM publisher_target_band_summary",
    "record_day_summary": "SELECT kind, day_start, day_end, published, n FROM record_day_summary",
    "review_summary": "SELECT review, second_look, n FROM review_summary",
    "document_count": "SELECT one, n FROM document_count",
    "event_day_summary": "SELECT event_id, day_start, day_end, n FROM event_day_summary",
    "agency_count_summary": "SELECT code, kind, day_start, day_end, status, publisher, n FROM agency_count_summary",
    "place_day_summary": "SELECT name, state, kind, day, status, n, largest FROM place_day_summary",
    "publisher_place_day_summary": ("SELECT publisher, name, state, kind, day, status, n, largest"
                                    " FROM publisher_place_day_summary"),
    "agency_place_day_summary": ("SELECT code, name, state, kind, day, status, n, largest"
                                 " FROM agency_place_day_summary"),
}


def assert_summaries_equal_the_records(conn: sqlite3.Connection) -> None:
    for table, direct in DIRECT.items():
        kept = sorted(map(tuple, conn.execute(KEPT[table])))
        assert kept == sorted(map(tuple, conn.execute(direct))), table
        assert kept, table


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("sum") / "ledger.db"
    write_ledger(path, 600, seed=11)
    return path


def test_the_summaries_kept_at_ingest_equal_grouping_the_records(ledger):
    assert_summaries_equal_the_records(sqlite3.connect(ledger))


def test_the_summaries_follow_deletions_and_corrections(tmp_path):
    path = tmp_path / "small.db"
    write_ledger(path, 300, seed=5)
    conn = connect(path)
    counts = [rid for (rid,) in conn.execute(
        "SELECT r.id FROM records r JOIN record_agencies a ON a.record_id = r.id"
        " WHERE r.kind = 'arrest_count' AND r.places IS NOT NULL ORDER BY r.count_value DESC LIMIT 3")]
    ops = [rid for (rid,) in conn.execute(
        "SELECT r.id FROM records r JOIN record_agencies a ON a.record_id = r.id"
        " WHERE r.kind = 'operation' AND r.places IS NOT NULL LIMIT 2")]
    assert len(counts) == 3 and len(ops) == 2
    conn.execute("DELETE FROM records WHERE id = ?", (counts[0],))           # the largest count goes
    conn.execute("UPDATE records SET count_value = 1 WHERE id = ?", (counts[1],))  # a count corrected down
    conn.execute("UPDATE records SET status = 'ended', date_start = '2025-05-05', date_end = '2025-05-05'"
                 " WHERE id = ?", (ops[0],))
    conn.execute("UPDATE records SET review = 'verified', second_look = 1 WHERE id = ?", (ops[1],))
    conn.execute("DELETE FROM record_agencies WHERE record_id = ?", (counts[2],))  # an agency taken off
    claims = [rid for (rid,) in conn.execute(f"SELECT r.id FROM records r WHERE {CLAIM} LIMIT 2")]
    conn.execute("DELETE FROM records WHERE id = ?", (claims[0],))
    conn.execute("UPDATE records SET count_value = 4321 WHERE id = ?", (claims[1],))
    band = conn.execute(f"SELECT r.id FROM records r WHERE {BAND} LIMIT 1").fetchone()[0]
    conn.execute("UPDATE records SET count_low = 77, count_high = 88 WHERE id = ?", (band,))
    gone = conn.execute("SELECT id FROM documents ORDER BY published DESC LIMIT 1").fetchone()[0]
    conn.execute("DELETE FROM documents WHERE id = ?", (gone,))  # a document and its records go
    # A correction through the store: places and agencies rewritten, the record moved.
    extraction = next(synthetic_extractions(10, seed=5))
    record = next(r for r in extraction.records if r.kind == "operation" and r.fields.get("places"))
    assert conn.execute("SELECT 1 FROM records WHERE id = ?", (record.id,)).fetchone()  # the same ledger's
    record.fields["status"] = "called_off"
    record.fields["agencies"] = [{"code": "FBI", "text": "FBI"}]
    replace_record(conn, record)
    assert_summaries_equal_the_records(conn)
    rebuild_events(conn)  # every event regrouped: its reports leave and come back
    assert_summaries_equal_the_records(conn)


@pytest.mark.parametrize("version,table,seed", [(10, "agency_count_summary", 8), (12, "place_week_summary", 9),
                                                (14, "document_count", 10)])
def test_an_older_ledger_migrates_with_its_summaries_filled_and_kept(tmp_path, version, table, seed):
    # 010 had no summaries of agencies; 012 no weeks: after the upgrade each is the sum of the records
    path = tmp_path / "old.db"
    conn = ledger_at_version(path, version)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    migrated = connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == len(migrations())
    assert_summaries_equal_the_records(migrated)
    for extraction in synthetic_extractions(30, seed=seed):  # and keeps them from then on
        save_extraction(migrated, extraction)
    assert_summaries_equal_the_records(migrated)


def test_a_day_that_is_no_date_keeps_its_own_week(tmp_path):
    path = tmp_path / "small.db"
    write_ledger(path, 40, seed=3)
    conn = connect(path)
    op = conn.execute("SELECT r.id FROM records r JOIN record_places p ON p.record_id = r.id"
                      " WHERE r.kind = 'operation' LIMIT 1").fetchone()[0]
    conn.execute("UPDATE records SET date_start = '2025-02-30', date_end = NULL WHERE id = ?", (op,))
    conn.execute("UPDATE records SET date_start = 'spring 2025' WHERE kind = 'operation' AND id != ?"
                 " AND places IS NOT NULL AND rowid % 7 = 0", (op,))
    assert conn.execute("SELECT count(*) FROM place_week_summary WHERE week = 'spring 2025' AND dated = 0").fetchone()[0]
    assert_summaries_equal_the_records(conn)
    # A selection of dates reads its whole weeks and the days at its edges: what the days give.
    for args in ({"since": "2025-02-05", "until": "2025-05-20"}, {"until": "2025-03-02"}, {}):
        flt = RecordFilter.from_args(args)
        activity = queries.place_activity(conn, flt)
        places, _ = summaries.map_and_timeline(conn, flt)
        assert sorted((p["name"], p["operations"], p["first"], p["last"]) for p in places) == sorted(
            (p["name"], p["operations"], p["first"], p["last"]) for p in queries.map_points(activity))


def _direct_counts(conn, flt):
    where, params = flt.where()
    return dict(conn.execute(f"SELECT r.kind, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
                             f" WHERE {where} GROUP BY 1", params))


@pytest.mark.parametrize("args", [{"agency": "ICE"}, {"agency": "fbi", "kind": "operation", "since": "2025-03-01"},
                                  {"agency": "CBP", "publisher": "metro wire"},
                                  {"publisher": "metro wire"}, {"publisher": "DAILY LEDGER", "until": "2025-03"},
                                  {"place": "Houston, TX"}, {"place": "omaha, ne", "since": "2025-03-01", "status": "planned"},
                                  {"state": "TX"}, {"state": "az", "until": "2025-04", "kind": "operation"}])
def test_an_agency_publisher_or_place_is_counted_and_mapped_as_the_records_say(ledger, args):
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    assert summaries.kind_counts(conn, flt) == _direct_counts(conn, flt)
    activity = queries.place_activity(conn, flt)
    # What the dashboard draws: from a summary when one answers the filter, else from the records.
    places, timeline = summaries.map_and_timeline(conn, flt) or (queries.map_points(activity),
                                                                 queries.operations_timeline(activity))
    where, params = flt.where()
    direct = conn.execute(
        "SELECT p.name, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
        " JOIN record_places p ON p.record_id = r.id WHERE r.kind = 'operation' AND p.lat IS NOT NULL"
        f" AND {where} GROUP BY 1", params).fetchall()
    assert sorted((p["name"], p["operations"]) for p in places) == sorted(direct) and direct
    assert sum(row["n"] for row in activity if row["kind"] == "operation" and row["lat"] is not None) == \
        sum(n for _, n in direct)
    assert timeline["places"] and {p["name"] for p in timeline["places"]} <= {name for name, _ in direct}


@pytest.mark.parametrize("args", [{"until": "2025-01-20"}, {"since": "2025-02-01", "until": "2025-02-14"},
                                  {"since": "2025-06-20", "kind": "operation"}, {"until": "2024-01-01"},
                                  {"until": "2025-02", "agency": "ICE"}])
def test_a_date_filter_lists_what_reading_every_record_lists(ledger, args):
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    newest = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " ORDER BY d.published DESC, r.rowid DESC LIMIT 30", params)]
    assert [r["id"] for r in queries.record_page(conn, flt, size=30)[0]] == newest
    oldest = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " ORDER BY d.published, r.rowid LIMIT 30", params)]
    assert [r["id"] for r in records_page.sorted_page(conn, flt, "oldest", 1, size=30)[0]] == oldest
    events = [eid for (eid,) in conn.execute(
        "SELECT e.id FROM events e WHERE e.id IN (SELECT er.event_id FROM event_records er"
        f" JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id WHERE {where})"
        " ORDER BY e.n_documents DESC, e.n_independent_sources DESC, e.date_start, e.id", params)]
    assert [e["id"] for e in events_page.event_list(conn, flt, size=500)[0]] == events
    if args == {"until": "2024-01-01"}:
        assert newest == [] and events == []
    else:
        assert newest


def test_the_dashboard_counts_what_awaits_review_from_the_summary(ledger):
    conn = sqlite3.connect(ledger)
    awaiting = conn.execute("SELECT count(*) FROM records WHERE review = 'machine' OR"
                            " (review IN ('reviewed', 'verified', 'rejected') AND second_look = 1)").fetchone()[0]
    assert queries.overview(conn)["review"]["awaiting"] == awaiting > 0


@pytest.mark.parametrize("recent", [5, 40, 100000])  # the newest documents read first: few, some, all
@pytest.mark.parametrize("args", [{"place": "Houston, TX"}, {"state": "TX"}, {"place": "Omaha, NE", "kind": "operation"}])
def test_a_place_pages_as_reading_every_record_does(ledger, monkeypatch, recent, args):
    monkeypatch.setattr(queries, "RECENT_DOCUMENTS", recent)
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    expected = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " ORDER BY d.published DESC, r.rowid DESC", params)]
    listed, after = [], None
    while True:
        page, after = queries.record_page(conn, flt, size=4, after=after)
        listed += [r["id"] for r in page]
        if after is None:
            break
    assert listed == expected and len(expected) > 8


@pytest.mark.parametrize("args", [{"agency": "ICE"}, {"publisher": "metro wire", "since": "2025-02-01"},
                                  {"agency": "CBP", "kind": "arrest_count", "until": "2025-04"},
                                  {"place": "Houston, TX"}, {"place": "Phoenix, AZ", "since": "2025-02-01"},
                                  {"state": "TX"}])
def test_the_daily_chart_for_an_agency_publisher_or_place_is_what_the_records_say(ledger, args):
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    chart = queries.daily_arrests(conn, flt)
    start, end = chart["window"]
    where, params = flt.where()
    claim = PLACE_CLAIM if flt.place or flt.state else CLAIM  # a place's own counts, else the nationwide ones
    direct = conn.execute(
        f"SELECT r.date_start, r.count_value, count(*), min(r.id) FROM records r JOIN documents d ON d.id = r.document_id"
        f" WHERE {claim} AND {where} AND r.date_start BETWEEN ? AND ? GROUP BY 1, 2", params + [start, end]).fetchall()
    top = {}
    for day, value, n, rid in sorted(direct, key=lambda g: (g[0], -g[2], g[1])):
        top.setdefault(day, []).append((day, value, n, rid))
    expected = sorted(g for groups in top.values() for g in groups[:queries.CLAIMS_PER_DAY])
    assert sorted((c["day"], c["value"], c["n"], c["record_id"]) for c in chart["claims"]) == expected and expected
    if flt.place or flt.state:
        assert chart["targets"] == [] and chart["posted"] == []  # a city's chart holds no national figure
    elif flt.kind in (None, "target"):
        facet = "a.code = ?" if flt.agency else "d.publisher = ? COLLATE NOCASE"
        bands = conn.execute(
            f"SELECT {BAND_KEY}, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
            f" JOIN record_agencies a ON a.record_id = r.id AND {facet} WHERE {BAND} GROUP BY 1, 2"
            if flt.agency else
            f"SELECT {BAND_KEY}, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
            f" WHERE {facet} AND {BAND} GROUP BY 1, 2", [flt.agency or flt.publisher]).fetchall()
        top3 = sorted(bands, key=lambda b: -b[2])[:3]
        assert {t["n"] for t in chart["targets"]} == {b[2] for b in top3} and top3


@pytest.mark.parametrize("recent, many", [(5, 1), (40, 1), (40, 10**9)])  # walked first, or not at all
@pytest.mark.parametrize("args", [{"q": "arrested"}, {"q": "agents", "kind": "operation"}, {"q": "agents", "state": "TX"}])
def test_words_list_and_share_as_reading_every_record_does(ledger, monkeypatch, recent, many, args):
    monkeypatch.setattr(queries, "RECENT_DOCUMENTS", recent)
    monkeypatch.setattr(queries, "MANY_WORD_MATCHES", many)
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    expected = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " ORDER BY d.published DESC, r.rowid DESC LIMIT 12", params)]
    assert [r["id"] for r in queries.record_page(conn, flt, size=12)[0]] == expected and expected
    shares = [rid for (rid,) in conn.execute(
        "SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id LEFT JOIN records a ON a.id = r.of_record"
        " WHERE r.kind = 'criminality' AND r.category IN ('not_criminal', 'no_record', 'collateral')"
        f" AND COALESCE(r.share, r.count_value / a.count_value) IS NOT NULL AND {where}"
        " ORDER BY d.published DESC, r.rowid DESC LIMIT 4", params)]
    assert [c["id"] for c in queries.noncriminal_shares(conn, flt, limit=4)] == shares
    assert shares or flt.q == "agents"  # agents act in operations, which carry no shares


@pytest.mark.parametrize("args", [{}, {"until": "2025-02-10"}, {"since": "2025-03-01", "kind": "criminality"},
                                  {"review": "machine", "agency": "ICE"}, {"publisher": "metro wire", "status": "planned"},
                                  {"kind": "target", "since": "2025-02", "until": "2025-04"}, {"until": "2024-01-01"}])
def test_any_filter_pages_and_shares_newest_first_as_reading_every_record_does(ledger, args):
    # Migration 012's index walks every filter's records newest first, words or not.
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    expected = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " ORDER BY d.published DESC, r.rowid DESC LIMIT 40", params)]
    listed, after = [], None
    while len(listed) < 40:
        page, after = queries.record_page(conn, flt, size=7, after=after)
        listed += [r["id"] for r in page]
        if after is None:
            break
    assert listed[:40] == expected
    shares = [rid for (rid,) in conn.execute(
        "SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id LEFT JOIN records a ON a.id = r.of_record"
        " WHERE r.kind = 'criminality' AND r.category IN ('not_criminal', 'no_record', 'collateral')"
        f" AND COALESCE(r.share, r.count_value / a.count_value) IS NOT NULL AND {where}"
        " ORDER BY d.published DESC, r.rowid DESC LIMIT 6", params)]
    assert [c["id"] for c in queries.noncriminal_shares(conn, flt, limit=6)] == shares
    assert bool(expected) == (args != {"until": "2024-01-01"})
    assert shares or flt.agency or flt.status or flt.kind == "target" or not expected  # shares carry no agency


def test_the_events_of_a_place_follow_reports_leaving_events_places_and_states_changing(tmp_path):
    path = tmp_path / "small.db"
    write_ledger(path, 200, seed=7)
    conn = connect(path)
    grouped = [rid for (rid,) in conn.execute(
        "SELECT er.record_id FROM event_records er JOIN records r ON r.id = er.record_id"
        " WHERE r.places IS NOT NULL AND r.state IS NOT NULL ORDER BY er.record_id LIMIT 4")]
    assert len(grouped) == 4
    conn.execute("DELETE FROM records WHERE id = ?", (grouped[0],))                     # a report goes
    conn.execute("DELETE FROM event_records WHERE record_id = ?", (grouped[1],))        # one leaves its event
    conn.execute("DELETE FROM record_places WHERE record_id = ? AND position = 0", (grouped[2],))  # a place taken off
    conn.execute("INSERT INTO record_places (record_id, position, name, kind, state) VALUES (?, 5, 'Omaha', 'city', 'NE')",
                 (grouped[2],))                                                         # and another named
    conn.execute("UPDATE records SET state = 'WY' WHERE id = ?", (grouped[3],))          # a state corrected
    # (the store rewrites a record's places, delete then insert, as replace_record does: never in place)
    conn.execute("DELETE FROM record_places WHERE record_id = ?", (grouped[3],))
    conn.execute("INSERT INTO record_places (record_id, position, name, kind, state) VALUES (?, 0, 'Boise', 'city', 'ID')",
                 (grouped[3],))
    assert_summaries_equal_the_records(conn)
    rebuild_events(conn)
    assert_summaries_equal_the_records(conn)


@pytest.mark.parametrize("args,weekly", [({"since": "2025-02-03", "until": "2025-02-16"}, False),
                                         ({"since": "2025-02-05", "until": "2025-04-08"}, True),
                                         ({"since": "2025-03-01", "until": "2025-03-31", "kind": "operation"}, True),
                                         ({"since": "2025-03-01", "until": "2025-03-20", "kind": "operation"}, False),
                                         ({"agency": "ICE", "since": "2025-02-01", "until": "2025-03-20"}, True), ({}, True)])
def test_the_timeline_from_the_summaries_is_the_records_grouped_by_day_or_by_week_past_four(ledger, args, weekly):
    from datetime import date

    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    _, drawn = summaries.map_and_timeline(conn, flt)
    grouped = queries.operations_timeline(queries.place_activity(conn, flt))
    assert drawn == grouped and drawn["points"] and drawn["weekly"] == weekly
    days = [date.fromisoformat(p["day"]) for p in drawn["points"]]
    if weekly:  # one mark per place and week at most, on its Monday
        assert all(d.weekday() == 0 for d in days)
        assert len(drawn["points"]) <= ((max(days) - min(days)).days // 7 + 1) * len(drawn["places"])
