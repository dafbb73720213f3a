"""Migration 012: the words index read newest first (records_fts_by_date) holds what indexing the
records afresh holds, after ingests, deletions, corrections, reviews, regrouped events and moved
documents; the pages that read it, and the records list sorted by place or kind, give what the
straightforward queries over records_fts and the records give."""

from __future__ import annotations

import sqlite3

import pytest

from _old_ledgers import ledger_at_version
from _web_pages import every_page
from enforcement_tracker.publish import events_page, queries, records_page, summaries, word_search
from enforcement_tracker.publish.filters import RecordFilter
from enforcement_tracker.publish.synthetic import synthetic_extractions, write_ledger
from enforcement_tracker.store.db import connect, migrations
from enforcement_tracker.store.events import rebuild_events
from enforcement_tracker.store.ledger import replace_record, save_extraction

COLUMNS = "quote, facets, places, publisher"


def index_entries(conn: sqlite3.Connection, table: str) -> list[tuple]:
    """Every (word, rowid, column, position) an FTS5 table holds."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words USING fts5vocab(main, {table}, instance)"
                 if table == word_search.TABLE else
                 f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words USING fts5vocab(temp, {table}, instance)")
    return sorted(map(tuple, conn.execute(f"SELECT term, doc, col, offset FROM temp.{table}_words")))


def assert_index_equals_a_fresh_one(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.fresh_words")
    conn.execute("DROP TABLE IF EXISTS temp.fresh")
    conn.execute(f"CREATE VIRTUAL TABLE temp.fresh USING fts5({COLUMNS}, content='')")
    conn.execute(f"INSERT INTO temp.fresh (rowid, {COLUMNS}) SELECT key, {COLUMNS} FROM records_fts_by_date_rows")
    kept = index_entries(conn, word_search.TABLE)
    assert kept == index_entries(conn, "fresh")
    n = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert len({doc for _, doc, _, _ in kept}) == n > 0  # every record is in it, once


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "ledger.db"
    write_ledger(path, 600, seed=11)
    return path


def test_the_rowid_orders_by_publication_date_then_record(ledger):
    conn = sqlite3.connect(ledger)
    rows = conn.execute("SELECT v.key, d.published, r.rowid FROM records_fts_by_date_rows v"
                        " JOIN records r ON r.rowid = v.record_rowid JOIN documents d ON d.id = r.document_id").fetchall()
    assert all(key == word_search.key(published, rowid) for key, published, rowid in rows) and rows
    listed = sorted(rows, key=lambda r: r[0], reverse=True)
    assert [(p, rid) for _, p, rid in listed] == sorted(((p, rid) for _, p, rid in rows), reverse=True)
    # partial dates sort as their text does; no date sorts last
    texts = [None, "2025", "2025-01", "2025-01-01", "2025-01-31", "2025-02", "2025-12-31"]
    assert sorted(texts[1:]) == sorted(texts[1:], key=word_search.date_code)
    assert min(map(word_search.date_code, texts)) == word_search.date_code(None) == 0


def test_the_index_follows_every_write(tmp_path):
    path = tmp_path / "small.db"
    write_ledger(path, 300, seed=5)
    conn = connect(path)
    assert_index_equals_a_fresh_one(conn)
    ops = [rid for (rid,) in conn.execute("SELECT id FROM records WHERE kind = 'operation' AND places IS NOT NULL"
                                       " ORDER BY rowid DESC LIMIT 3")]
    conn.execute("DELETE FROM records WHERE id = ?", (ops[0],))
    conn.execute("UPDATE records SET status = 'ended', quote = quote || ' Agents left.' WHERE id = ?", (ops[1],))
    conn.execute("UPDATE records SET review = 'verified' WHERE id = ?", (ops[2],))
    conn.execute("DELETE FROM record_agencies WHERE record_id = ?", (ops[2],))
    conn.execute("INSERT INTO record_places (record_id, position, name, state) VALUES (?, 9, 'Omaha', 'NE')", (ops[2],))
    extraction = next(synthetic_extractions(10, seed=5))
    record = next(r for r in extraction.records if r.kind == "operation" and r.fields.get("places"))
    record.fields["status"] = "called_off"
    record.fields["agencies"] = [{"code": "FBI", "text": "FBI"}]
    replace_record(conn, record)
    assert_index_equals_a_fresh_one(conn)
    document = conn.execute("SELECT id FROM documents WHERE id = (SELECT document_id FROM records WHERE id = ?)",
                            (ops[1],)).fetchone()[0]
    conn.execute("UPDATE documents SET published = '2024-12', publisher = 'Other Desk' WHERE id = ?", (document,))
    assert_index_equals_a_fresh_one(conn)
    conn.execute("DELETE FROM documents WHERE id = ?", (document,))  # its records go with it
    rebuild_events(conn)  # every event regrouped: "inevent" comes and goes
    assert_index_equals_a_fresh_one(conn)
    assert conn.execute("SELECT count(*) FROM records_fts_by_date WHERE records_fts_by_date MATCH 'facets : inevent'"
                        ).fetchone()[0] == conn.execute("SELECT count(DISTINCT record_id) FROM event_records").fetchone()[0] > 0


def test_a_ledger_from_011_migrates_and_its_index_is_filled(tmp_path):
    path = tmp_path / "old.db"
    conn = ledger_at_version(path, 11)
    conn.close()
    migrated = connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == len(migrations()) >= 12
    assert_index_equals_a_fresh_one(migrated)
    for extraction in synthetic_extractions(30, seed=8):
        save_extraction(migrated, extraction)
    assert_index_equals_a_fresh_one(migrated)


WORDS = [{"q": "agents"}, {"q": "agents", "kind": "operation"}, {"q": "arrested", "kind": "operation"},
         {"q": "agents", "state": "TX"}, {"q": "agents", "place": "Chicago, IL"}, {"q": "agents", "place": "chicago"},
         {"q": "agents", "agency": "ICE-ERO"}, {"q": "agents", "publisher": "metro wire"},
         {"q": "agents", "kind": "operation", "status": "planned"}, {"q": "agents", "review": "machine,verified"},
         {"q": "agents", "since": "2025-03-01", "until": "2025-04-15"}, {"q": "criminal", "kind": "criminality"},
         {"place": "phoenix"}, {"state": "TX", "kind": "operation"}, {"place": "Omaha, NE", "since": "2025-03-01"}]


def _direct(conn, flt, order="d.published DESC, r.rowid DESC"):
    where, params = flt.where()  # records_fts, no index of 012
    return [rid for (rid,) in conn.execute(f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id"
                                           f" WHERE {where} ORDER BY {order}", params)]


@pytest.mark.parametrize("args", WORDS)
def test_words_or_places_page_count_and_list_events_as_reading_every_record_does(ledger, args):
    conn = sqlite3.connect(ledger)
    assert word_search.indexed(conn)
    flt = RecordFilter.from_args(args)
    expected = _direct(conn, flt)
    listed, after = [], None
    while True:
        page, after = queries.record_page(conn, flt, size=3, after=after)
        listed += [r["id"] for r in page]
        if after is None:
            break
    assert listed == expected
    assert (len(expected) > 3) == (args != {"q": "arrested", "kind": "operation"})  # that one matches nothing
    where, params = flt.where()
    direct_counts = dict(conn.execute(f"SELECT r.kind, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
                                      f" WHERE {where} GROUP BY 1", params))
    assert summaries.kind_counts(conn, flt) == direct_counts
    events = [eid for (eid,) in conn.execute(
        "SELECT e.id FROM events e WHERE e.id IN (SELECT er.event_id FROM event_records er"
        f" JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id WHERE {where})"
        " ORDER BY e.n_documents DESC, e.n_independent_sources DESC, e.date_start, e.id", params)]
    assert [e["id"] for e in events_page.event_list(conn, flt, size=500)[0]] == events


@pytest.mark.parametrize("many", [1, 10**9])  # events asked one by one, or found from the matches
def test_words_or_places_with_many_matches_list_the_events_the_records_say(ledger, monkeypatch, many):
    monkeypatch.setattr(events_page, "MANY_MATCHES", many)
    conn = sqlite3.connect(ledger)
    for args in ({"q": "agents"}, {"q": "agents", "kind": "operation", "agency": "ICE"}, {"state": "TX"},
                 {"place": "Omaha, NE"}, {"place": "phoenix", "since": "2025-02-01"}, {"place": "phoenix"},
                 {"place": "Houston, TX", "kind": "operation"}):
        flt = RecordFilter.from_args(args)
        where, params = flt.where()
        events = [eid for (eid,) in conn.execute(
            "SELECT e.id FROM events e WHERE e.id IN (SELECT er.event_id FROM event_records er"
            f" JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id WHERE {where})"
            " ORDER BY e.n_documents DESC, e.n_independent_sources DESC, e.date_start, e.id", params)]
        assert [e["id"] for e in events_page.event_list(conn, flt, size=500)[0]] == events and events


@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("args", [{}, {"kind": "operation"}, {"kind": "target"}, {"status": "planned"},
                                  {"agency": "FBI"}, {"state": "TX"}, {"q": "agents"}, {"since": "2025-04-01"},
                                  {"place": "Houston, TX"}, {"place": "omaha, ne"}, {"place": "Phoenix, AZ"},
                                  {"state": "az", "since": "2025-02-01"}, {"kind": "arrest_count", "since": "2025-03-01"},
                                  {"kind": "criminality", "since": "2025-04-15"}, {"kind": "target", "until": "2025-03-15"},
                                  {"since": "2025-03-01", "until": "2025-03-20"}])
def test_the_list_by_place_or_kind_is_the_records_in_that_order(ledger, sort, args):
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    expected = _direct(conn, flt, records_page.SORTS[sort][1])
    listed = every_page(conn, flt, sort, size=40)
    assert listed == expected and len(expected) > 12
    # as a reader checks it: groups A to Z (records without a place last), newest claim first in each
    column = "places" if sort == "place" else "kind"
    shown = {rid: (group is None, group or "", day or "") for rid, group, day in
             conn.execute(f"SELECT id, {column}, date_start FROM records")}
    rows = [shown[rid] for rid in listed]
    for a, b in zip(rows, rows[1:]):
        assert a[:2] < b[:2] or (a[:2] == b[:2] and a[2] >= b[2])


def test_the_dashboard_counts_the_documents_and_their_dates_as_the_table_says(ledger):
    conn = sqlite3.connect(ledger)
    overview = queries.overview(conn)
    count, first, last = conn.execute("SELECT count(*), min(published), max(published) FROM documents").fetchone()
    assert (overview["documents"], overview["first"], overview["last"]) == (count, first, last) and count > 10


@pytest.mark.parametrize("sort", ["place", "kind"])
def test_a_state_lists_the_records_placed_there_after_a_first_place_elsewhere(tmp_path, sort):
    # Migration 013's list of a state reads its own records by index and these apart: they must merge.
    path = tmp_path / "ledger.db"
    write_ledger(path, 150, seed=6)
    conn = connect(path)
    elsewhere = [rid for (rid,) in conn.execute(
        "SELECT id FROM records WHERE state IS NOT NULL AND state != 'TX' AND places IS NOT NULL LIMIT 5")]
    for rid in elsewhere:
        conn.execute("INSERT INTO record_places (record_id, position, name, kind, state) VALUES (?, 7, 'Houston', 'city', 'TX')",
                     (rid,))
    for args in ({"state": "TX"}, {"place": "Houston, TX"}, {"state": "TX", "kind": "operation"}):
        flt = RecordFilter.from_args(args)
        expected = _direct(conn, flt, records_page.SORTS[sort][1])
        listed = every_page(conn, flt, sort, size=9)
        assert listed == expected and set(elsewhere) & set(listed)


@pytest.mark.parametrize("common", [1, 30])  # every word common (the walk over the sort's index), or some
@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("args", [{"q": "agents"}, {"q": "agents", "kind": "operation"}, {"q": "arrested"},
                                  {"q": "arrested", "since": "2025-03-01"}, {"q": "agents", "status": "planned"}])
def test_common_words_by_place_or_kind_walk_the_sort_index_and_list_what_sorting_lists(ledger, monkeypatch, common,
                                                                                      sort, args):
    monkeypatch.setattr(records_page, "COMMON", common)
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    expected = _direct(conn, flt, records_page.SORTS[sort][1])
    listed = every_page(conn, flt, sort, size=11)
    assert listed == expected and len(expected) > 5


@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("args", [{"kind": "target", "until": "2025-01-25"}, {"until": "2025-01-20"},
                                  {"kind": "criminality", "until": "2025-02-01"}, {"agency": "ICE", "until": "2025-02-10"},
                                  {"kind": "operation", "since": "2025-02-01", "until": "2025-02-20"},
                                  {"publisher": "metro wire", "until": "2025-03-01"}, {"review": "machine", "until": "2025-02-01"}])
def test_an_until_lists_what_sorting_every_record_lists(ledger, sort, args):
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    expected = _direct(conn, flt, records_page.SORTS[sort][1])
    assert every_page(conn, flt, sort, size=7) == expected and len(expected) > 7
    nobody = RecordFilter.from_args({**args, "publisher": "no such desk"})  # every place read to its end: none
    assert every_page(conn, nobody, sort, size=7) == [] == _direct(conn, nobody)


@pytest.mark.parametrize("common", [1, 30])
def test_a_word_in_records_with_and_without_a_place_pages_by_place_as_sorting_does(tmp_path, monkeypatch, common):
    # The placed matches come first; a page that starts after them passes over them by their count.
    path = tmp_path / "ledger.db"
    write_ledger(path, 300, seed=12)
    conn = connect(path)
    conn.execute("UPDATE records SET quote = quote || ' Agents arrested them.' WHERE kind = 'operation' AND rowid % 4 = 0")
    # (every index of the quote follows an UPDATE of it; 001's, which the plain SQL reads, by migration 016's trigger)
    conn.commit()
    monkeypatch.setattr(records_page, "COMMON", common)
    flt = RecordFilter.from_args({"q": "arrested"})
    expected = _direct(conn, flt, records_page.SORTS["place"][1])
    placed = conn.execute("SELECT count(*) FROM records WHERE id IN ({}) AND places IS NOT NULL".format(
        ", ".join("?" for _ in expected)), expected).fetchone()[0]
    assert 7 < placed < len(expected) - 7  # pages of placed matches, then pages past them
    assert every_page(conn, flt, "place", size=7) == expected
    for page in (placed // 7 + 2, len(expected) // 7):  # straight to a page after every placed match
        found, _ = records_page.sorted_page(conn, flt, "place", page, size=7)
        assert [r["id"] for r in found] == expected[(page - 1) * 7:page * 7] and found


@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("args", [{"kind": "target", "until": "2025-03-15"}, {"kind": "criminality", "until": "2025-04-01"},
                                  {"kind": "target", "since": "2025-02-01", "until": "2025-04-10"},
                                  {"kind": "cadence", "until": "2025-05-01"},
                                  {"kind": "operation", "until": "2025-03-01", "status": "planned"},
                                  {"until": "2025-03-01"}, {"until": "2025-02-20", "agency": "ICE"},
                                  {"since": "2025-02-01", "until": "2025-05-25", "status": "ended"}])
def test_an_until_read_down_the_dates_lists_what_sorting_lists(ledger, monkeypatch, sort, args):
    read, by_place = [], []
    plan, places = records_page._down_the_dates, records_page._places_down_their_dates
    monkeypatch.setattr(records_page, "_down_the_dates", lambda *a: read.append(a) or plan(*a))
    monkeypatch.setattr(records_page, "_places_down_their_dates", lambda *a: by_place.append(a) or places(*a))
    conn = sqlite3.connect(ledger)
    conn.execute("UPDATE records SET date_start = NULL WHERE kind = 'target' AND rowid % 3 = 0")  # (not committed)
    flt = RecordFilter.from_args(args)
    expected = _direct(conn, flt, records_page.SORTS[sort][1])
    assert every_page(conn, flt, sort, size=6) == expected and len(expected) > 6
    if flt.kind:
        placed = records_page._kind_has_places(conn, flt.kind)
        assert placed == bool(conn.execute("SELECT 1 FROM records WHERE kind = ? AND places IS NOT NULL",
                                           (flt.kind,)).fetchone())
        assert bool(read) == (sort == "kind" or not placed)
        assert bool(by_place) == (sort == "place" and placed)
    else:  # by kind, each kind in turn; by place, each place in turn
        assert (bool(read), bool(by_place)) == (sort == "kind", sort == "place")
    conn.rollback()


def test_the_newest_list_of_no_filter_holds_a_kind_no_module_registers(tmp_path):
    """A walk of every record (no words, no facets) meets the ledger's own kinds, not the registry's."""
    path = tmp_path / "ledger.db"
    write_ledger(path, 80, seed=9)
    conn = connect(path)
    conn.execute("UPDATE records SET kind = 'novel_kind' WHERE rowid % 10 = 3")
    expected = [r for (r,) in conn.execute("SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id"
                                           " ORDER BY d.published DESC, r.rowid DESC")]
    listed, token = [], None
    while True:
        page, token = queries.record_page(conn, RecordFilter(), size=25, after=token)
        listed += [r["id"] for r in page]
        if token is None:
            break
    assert listed == expected and any(r["kind"] == "novel_kind" for r in queries.record_page(conn, RecordFilter(), 80)[0])
