"""Migration 014: the words index numbered by kind (records_fts_by_kind) holds what indexing the
records afresh holds, after ingests, deletions, corrections and an upgrade from 013; the counts by
kind read from it are the counts of the records whose quote holds the words."""

from __future__ import annotations

import sqlite3

import pytest

from _old_ledgers import ledger_at_version
from _web_pages import every_page
from enforcement_tracker.kinds import registry
from enforcement_tracker.publish import queries, records_page, summaries, word_search
from enforcement_tracker.publish.filters import KEY_SPAN, RecordFilter
from enforcement_tracker.publish.synthetic import synthetic_extractions, write_ledger
from enforcement_tracker.store.db import connect, migrations
from enforcement_tracker.store.ledger import replace_record, save_extraction

WORDS = ["agents", "arrested", "officials", "operation", "criminal", "week", "agents surge", "nowhere"]


def recount(conn: sqlite3.Connection, q: str, kind: str | None = None) -> dict[str, int]:
    """Records by kind whose quote holds every word of q, from an index of the quotes built now."""
    conn.execute("DROP TABLE IF EXISTS temp.quotes")
    conn.execute("CREATE VIRTUAL TABLE temp.quotes USING fts5(quote)")
    conn.execute("INSERT INTO temp.quotes (rowid, quote) SELECT rowid, quote FROM records")
    return dict(map(tuple, conn.execute(
        "SELECT kind, count(*) FROM records WHERE rowid IN (SELECT rowid FROM temp.quotes WHERE quotes MATCH ?)"
        " AND (? IS NULL OR kind = ?) GROUP BY kind", (RecordFilter(q=q).fts_query(), kind, kind))))


def assert_index_equals_a_fresh_one(conn: sqlite3.Connection) -> None:
    """Every (word, rowid) of the index is what the records and their kinds' codes give now."""
    for name in ("fresh_by_kind_words", "kept_by_kind_words", "fresh_by_kind"):
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
    conn.execute("CREATE VIRTUAL TABLE temp.fresh_by_kind USING fts5(quote, content='', detail=none)")
    conn.execute("INSERT INTO temp.fresh_by_kind (rowid, quote) SELECT c.code * ? + r.rowid, r.quote"
                 " FROM records r JOIN records_fts_by_kind_codes c ON c.kind = r.kind", (KEY_SPAN,))
    conn.execute("CREATE VIRTUAL TABLE temp.fresh_by_kind_words USING fts5vocab(temp, fresh_by_kind, instance)")
    conn.execute(f"CREATE VIRTUAL TABLE temp.kept_by_kind_words USING fts5vocab(main, {word_search.BY_KIND}, instance)")
    kept = sorted(map(tuple, conn.execute("SELECT term, doc FROM temp.kept_by_kind_words")))
    assert kept == sorted(map(tuple, conn.execute("SELECT term, doc FROM temp.fresh_by_kind_words")))
    n = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert len({doc for _, doc in kept}) == n > 0  # every record is in it, once
    kinds = conn.execute("SELECT count(DISTINCT kind) FROM records").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM records_fts_by_kind_codes WHERE kind IN (SELECT kind FROM records)"
                        ).fetchone()[0] == kinds


def assert_counts_are_recounts(conn: sqlite3.Connection) -> None:
    for q in WORDS:
        flt = RecordFilter(q=q)
        assert word_search.counted_by_kind(conn, flt) == recount(conn, q), q
        assert summaries.kind_counts(conn, flt) == recount(conn, q), q
        for kind in ("operation", "criminality"):
            assert word_search.counted_by_kind(conn, RecordFilter(q=q, kind=kind)) == recount(conn, q, kind), (q, kind)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """A ledger where a third of each kind's quotes hold none of the words (the synthetic quotes of a
    kind share their words), so that the words pick some of a kind's records and not others."""
    path = tmp_path_factory.mktemp("by_kind") / "ledger.db"
    write_ledger(path, 400, seed=13)
    conn = connect(path)
    conn.execute("UPDATE records SET quote = 'Nothing to see.' WHERE rowid % 3 = 0")  # every index follows it (001's: 016)
    conn.close()
    return path


def test_the_index_follows_every_write(tmp_path):
    path = tmp_path / "small.db"
    write_ledger(path, 300, seed=5)
    conn = connect(path)
    assert_index_equals_a_fresh_one(conn)
    assert_counts_are_recounts(conn)
    ops = [rid for (rid,) in conn.execute("SELECT id FROM records WHERE kind = 'operation' ORDER BY rowid DESC LIMIT 3")]
    conn.execute("DELETE FROM records WHERE id = ?", (ops[0],))
    conn.execute("UPDATE records SET quote = quote || ' Officials left.' WHERE id = ?", (ops[1],))
    conn.execute("UPDATE records SET kind = 'cadence' WHERE id = ?", (ops[2],))
    extraction = next(synthetic_extractions(10, seed=5))
    record = next(r for r in extraction.records if r.kind == "operation")
    record.quote = "Agents arrested officials in a week of surge."
    replace_record(conn, record)
    assert_index_equals_a_fresh_one(conn)
    assert_counts_are_recounts(conn)
    document = conn.execute("SELECT document_id FROM records WHERE id = ?", (ops[1],)).fetchone()[0]
    conn.execute("DELETE FROM documents WHERE id = ?", (document,))  # its records go with it
    assert_index_equals_a_fresh_one(conn)
    assert_counts_are_recounts(conn)


def test_each_kind_gets_a_code_as_its_first_record_is_written(tmp_path):
    conn = connect(tmp_path / "new.db")  # migrated with no records: the kinds of today have their codes
    assert [k for (k,) in conn.execute("SELECT kind FROM records_fts_by_kind_codes ORDER BY code")] == sorted(
        registry.kind_names())
    for extraction in synthetic_extractions(20, seed=3):
        save_extraction(conn, extraction)
    conn.execute("UPDATE records SET kind = 'novel_kind' WHERE rowid = (SELECT min(rowid) FROM records)")
    assert conn.execute("SELECT count(*) FROM records_fts_by_kind_codes WHERE kind = 'novel_kind'").fetchone()[0] == 1
    assert_index_equals_a_fresh_one(conn)
    quote = conn.execute("SELECT quote FROM records WHERE kind = 'novel_kind'").fetchone()[0]
    word = next(w for w in RecordFilter(q=quote).words() if w.isalpha())
    assert word_search.counted_by_kind(conn, RecordFilter(q=word)) == recount(conn, word)
    assert "novel_kind" in recount(conn, word)


def test_a_ledger_from_013_migrates_and_counts_as_a_recount(tmp_path):
    path = tmp_path / "old.db"
    conn = ledger_at_version(path, 13)
    conn.close()
    migrated = connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone()[0] == len(migrations()) >= 14
    assert_index_equals_a_fresh_one(migrated)
    assert_counts_are_recounts(migrated)
    for extraction in synthetic_extractions(30, seed=8):
        save_extraction(migrated, extraction)
    assert_index_equals_a_fresh_one(migrated)
    assert_counts_are_recounts(migrated)


@pytest.mark.parametrize("q", ["don't", "Zürich agents", "agents_surge", "agents-led"])
def test_words_the_index_cannot_read_are_counted_in_012s_index(ledger, q):
    conn = sqlite3.connect(ledger)
    assert word_search.counted_by_kind(conn, RecordFilter(q=q)) is None
    assert summaries.kind_counts(conn, RecordFilter(q=q)) == recount(conn, q)


def test_other_filters_are_not_read_from_the_index(ledger):
    conn = sqlite3.connect(ledger)
    for flt in (RecordFilter(q="agents", state="TX"), RecordFilter(q="agents", review="machine"),
                RecordFilter(kind="operation")):
        assert word_search.counted_by_kind(conn, flt) is None


@pytest.mark.parametrize("q", ["agents", "officials", "arrested", "week"])
def test_the_daily_chart_of_words_counted_already_is_the_one_counted_again(ledger, monkeypatch, q):
    """The dashboard hands its counts to the daily chart, which then asks no count of a kind with
    few records: the chart is the same as one that counts them itself."""
    conn = sqlite3.connect(ledger)
    flt = RecordFilter(q=q)
    held = summaries.kind_counts(conn, flt)
    for at_most in (5, 10**6):  # a partial chart of the newest few, and a whole one
        monkeypatch.setattr(queries, "MAPPED_AT_MOST", at_most)
        told, counted = queries.daily_arrests(conn, flt, held=held), queries.daily_arrests(conn, flt)
        # the page says of how many: the counts it was told (uncounted, it does not know)
        assert {k: p["of"] for k, p in told.pop("partial").items()} == {k: held[k] for k in counted["partial"]}
        assert {k: p["shown"] for k, p in counted.pop("partial").items()} == ({} if at_most > 10**5 else {
            k: at_most for k in ("arrest_count", "target") if held.get(k, 0) > at_most})
        assert told == counted


@pytest.mark.parametrize("at_most", [0, 300, 10**6])  # never probed, the first pages probed, every page
@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("q", ["agents", "arrested", "officials", "week", "criminal"])
def test_words_sorted_by_place_or_kind_probed_row_by_row_list_what_sorting_lists(ledger, monkeypatch, at_most, sort, q):
    monkeypatch.setattr(records_page, "COMMON", 1)  # every word common: the walks, not a sort of the matches
    monkeypatch.setattr(word_search, "PROBED_AT_MOST", at_most)
    answered = []
    walk = word_search.probed_walk
    monkeypatch.setattr(word_search, "probed_walk", lambda *a, **k: answered.append(walk(*a, **k)) or answered[-1])
    conn = sqlite3.connect(ledger)
    flt = RecordFilter(q=q)
    where, params = flt.where()  # records_fts (migration 001), as plain as it gets
    expected = [rid for (rid,) in conn.execute(f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id"
                                               f" WHERE {where} ORDER BY {records_page.SORTS[sort][1]}", params)]
    assert every_page(conn, flt, sort, size=13) == expected and len(expected) > 13
    probed = [found for found in answered if found is not None]
    assert bool(probed) == (at_most > 0)  # the probed walk answered some pages, or none when it may not


@pytest.mark.parametrize("per_row", [0, 1, 10**6])  # every window probed row by row, some, none
@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("q", ["arrested", "week"])
def test_a_window_read_by_its_span_of_rowids_lists_what_probing_each_row_lists(ledger, monkeypatch, per_row, sort, q):
    """The probed walk reads the matches of a window's span of rowids at once where they are few
    (word_search._held_in_span), else probes each row: the pages are the same either way."""
    monkeypatch.setattr(records_page, "COMMON", 1)
    monkeypatch.setattr(word_search, "PROBED_AT_MOST", 10**6)
    monkeypatch.setattr(word_search, "_SPAN_MATCHES_PER_ROW", per_row)
    spans = []
    held = word_search._held_in_span
    monkeypatch.setattr(word_search, "_held_in_span", lambda *a: spans.append(held(*a)) or spans[-1])
    conn = sqlite3.connect(ledger)
    flt = RecordFilter(q=q)
    where, params = flt.where()
    expected = [rid for (rid,) in conn.execute(f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id"
                                               f" WHERE {where} ORDER BY {records_page.SORTS[sort][1]}", params)]
    assert every_page(conn, flt, sort, size=13) == expected and len(expected) > 13
    read_by_span = [s for s in spans if s is not None]
    if per_row == 0:
        assert spans and not read_by_span  # a window with any match was probed row by row
    if per_row == 10**6:
        assert spans and len(read_by_span) == len(spans)  # every window read by its span


@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("args", [{"kind": "target", "until": "2025-04-30"}, {"until": "2025-02-20"},
                                  {"since": "2025-03-01", "until": "2025-03-20"}, {"kind": "operation", "since": "2025-05-01"}])
def test_dates_sorted_by_place_or_kind_list_what_sorting_every_record_lists(ledger, sort, args):
    """The sort's index walked with dates tested on each row (and no bound on the documents)."""
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    expected = [rid for (rid,) in conn.execute(f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id"
                                               f" WHERE {where} ORDER BY {records_page.SORTS[sort][1]}", params)]
    assert every_page(conn, flt, sort, size=17) == expected and len(expected) > 17


@pytest.mark.parametrize("args", [{"q": "agents", "until": "2025-04-01"}, {"q": "arrested", "since": "2025-05-01"},
                                  {"q": "officials", "since": "2025-03-01", "until": "2025-05-10"},
                                  {"q": "agents", "until": "2024-01-01"}])
def test_words_with_dates_are_counted_and_mapped_as_the_records_say(ledger, monkeypatch, args):
    """Words with dates: read from the documents published when the dates' records were (migration
    012's numbering), the counts and the newest reports mapped are what the plain filter picks."""
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    direct = dict(map(tuple, conn.execute(f"SELECT r.kind, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
                                          f" WHERE {where} GROUP BY 1", params)))
    assert summaries.kind_counts(conn, flt) == direct
    newest = [rid for (rid,) in conn.execute(
        f"SELECT r.rowid FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " AND r.kind IN ('operation', 'arrest_count') ORDER BY d.published DESC, r.rowid DESC LIMIT 7", params)]
    mapped = summaries.place_activity(conn, flt, newest=7)
    grouped = conn.execute(
        "SELECT count(*) FROM records r JOIN record_places p ON p.record_id = r.id WHERE r.rowid IN"
        f" ({', '.join('?' for _ in newest) or 'NULL'}) AND (r.kind = 'operation' OR p.position = 0)", newest).fetchone()[0]
    assert sum(row["n"] for row in mapped) == grouped
    assert bool(direct) == (args.get("until") != "2024-01-01")


@pytest.mark.parametrize("at_most", [0, 60, 10**6])  # past a probe's reach (a set of the matches), probed
@pytest.mark.parametrize("sort", ["place", "kind"])  # within a window smaller than the kind, or every row
@pytest.mark.parametrize("args", [{"q": "agents", "kind": "operation", "until": "2025-06-20"},
                                  {"q": "officials", "kind": "target", "until": "2025-06-20"},
                                  {"q": "arrested", "until": "2025-04-15"}, {"q": "said", "kind": "quote", "until": "2025-06-01"}])
def test_common_words_of_a_kind_with_an_until_list_what_sorting_lists(ledger, monkeypatch, at_most, sort, args):
    monkeypatch.setattr(records_page, "COMMON", 1)  # every word common: the walks down the dates
    monkeypatch.setattr(word_search, "PROBED_AT_MOST", at_most)
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    expected = [rid for (rid,) in conn.execute(
        f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        f" ORDER BY {records_page.SORTS[sort][1]}", params)]
    assert every_page(conn, flt, sort, size=8) == expected and len(expected) > 8
    for page in (1, 2):  # pages of one row: a window of 58 rows or 62 (under 60, the set instead)
        found, more = records_page.sorted_page(conn, flt, sort, page, size=1)
        assert [r["id"] for r in found] == expected[page - 1:page] and more
