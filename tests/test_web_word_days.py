"""Migration 016: the words indexed by kind and day (records_fts_by_kind_start, _end) hold what
indexing the records afresh holds, after every kind of write and an upgrade from 015; words with
dates counted from them are the counts of the plain filter over the records; records_fts (001)
follows a quote rewritten in place, and kind_summary (010) a kind changed in place."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace

import pytest

from _old_ledgers import ledger_at_version
from enforcement_tracker.publish import queries, summaries, word_days, word_search
from enforcement_tracker.publish.filters import KEY_SPAN, RecordFilter
from enforcement_tracker.publish.synthetic import synthetic_extractions, write_ledger
from enforcement_tracker.store.db import connect, migrations
from enforcement_tracker.store.ledger import replace_record, save_extraction

DATES = [{"since": "2025-03-01", "until": "2025-03-20"}, {"until": "2025-02-20"}, {"since": "2025-05-01"},
         {"since": "2025-03", "until": "2025-04"}, {"since": "2025", "until": "2025-01"}, {"until": "2025-03"},
         {"since": "2025-04-10", "until": "2025-04-02"},  # since after until: only records spanning both
         {"since": "2025-02-14", "until": "2025-02-14"}, {"until": "2024-06-01"}, {"since": "2026-01-01"}]
WORDS = ["agents", "arrested", "officials", "criminal", "week", "agents surge", "nowhere"]


def plain(conn: sqlite3.Connection, flt: RecordFilter) -> dict[str, int]:
    """Records by kind the filter picks, by its plain SQL over records, documents and records_fts."""
    where, params = flt.where()
    return dict(map(tuple, conn.execute(f"SELECT r.kind, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
                                        f" WHERE {where} GROUP BY 1", params)))


def fresh_keys(conn: sqlite3.Connection) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(rowid, quote) of every record as the two indexes should number it, computed here in Python."""
    starts, ends = [], []
    for rowid, quote, code, first, last in conn.execute(
            "SELECT r.rowid, r.quote, c.code, COALESCE(r.date_start, r.date_end, d.published),"
            " COALESCE(r.date_end, r.date_start, d.published) FROM records r"
            " JOIN records_fts_by_kind_codes c ON c.kind = r.kind LEFT JOIN documents d ON d.id = r.document_id"):
        base = code * word_days.KIND_SPAN + rowid
        starts.append((base + (word_days.day_code(first) if first else 0) * KEY_SPAN, quote))
        ends.append((base + (word_days.day_code(last) if last else 0) * KEY_SPAN, quote))
    return starts, ends


def assert_indexes_equal_fresh_ones(conn: sqlite3.Connection) -> None:
    for table, keys in zip((word_days.BY_START, word_days.BY_END), fresh_keys(conn)):
        for name in ("fresh", "fresh_words", "kept_words"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        conn.execute("CREATE VIRTUAL TABLE temp.fresh USING fts5(quote, content='', detail=none)")
        conn.executemany("INSERT INTO temp.fresh (rowid, quote) VALUES (?, ?)", keys)
        conn.execute("CREATE VIRTUAL TABLE temp.fresh_words USING fts5vocab(temp, fresh, instance)")
        conn.execute(f"CREATE VIRTUAL TABLE temp.kept_words USING fts5vocab(main, {table}, instance)")
        kept = sorted(map(tuple, conn.execute("SELECT term, doc FROM temp.kept_words")))
        assert kept == sorted(map(tuple, conn.execute("SELECT term, doc FROM temp.fresh_words"))), table
        assert len({doc for _, doc in kept}) == conn.execute("SELECT count(*) FROM records").fetchone()[0] > 0


def assert_records_fts_is_a_fresh_one(conn: sqlite3.Connection) -> None:
    """records_fts finds, for each word, the records whose quote holds it now."""
    conn.execute("DROP TABLE IF EXISTS temp.quotes")
    conn.execute("CREATE VIRTUAL TABLE temp.quotes USING fts5(quote)")
    conn.execute("INSERT INTO temp.quotes (rowid, quote) SELECT rowid, quote FROM records")
    for q in [*WORDS, "Nothing", "recorrected"]:
        match = RecordFilter(q=q).fts_query()
        kept = [r for (r,) in conn.execute("SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid", (match,))]
        assert kept == [r for (r,) in conn.execute("SELECT rowid FROM temp.quotes WHERE quotes MATCH ? ORDER BY rowid",
                                                   (match,))], q


def assert_counts_are_the_plain_filters(conn: sqlite3.Connection) -> None:
    """Words with dates (and a kind) counted from the indexes as the plain filter counts them: every
    one answered there but a since after its until (then the records, when some span since)."""
    for q in WORDS:
        for dates in DATES:
            for kind in (None, "operation"):
                flt = RecordFilter.from_args({"q": q, "kind": kind, **dates})
                expected = plain(conn, flt)
                found = word_days.counted_by_kind(conn, flt)
                assert found == expected or (found is None and dates.get("since", "") > dates.get("until", "~")), \
                    (q, kind, dates, found, expected)
                assert summaries.kind_counts(conn, flt) == expected, (q, kind, dates)


def spread_dates(conn: sqlite3.Connection, undated_documents: bool = True) -> None:
    """Records with ranges of days (some across a month's end), with a month or a year only, with
    no dates of their own (their document's), each through the triggers, as a correction would
    write them; documents without a date. A third of the quotes hold none of the words."""
    conn.execute("UPDATE records SET date_end = date(date_start, '+12 days') WHERE rowid % 5 = 1 AND date_start IS NOT NULL")
    conn.execute("UPDATE records SET date_start = substr(date_start, 1, 7), date_end = NULL WHERE rowid % 11 = 3")
    conn.execute("UPDATE records SET date_start = substr(date_start, 1, 4), date_end = NULL WHERE rowid % 13 = 4")
    conn.execute("UPDATE records SET date_start = NULL, date_end = NULL WHERE rowid % 7 = 2")
    conn.execute("UPDATE records SET quote = 'Nothing to see.' WHERE rowid % 3 = 0")
    for extraction in synthetic_extractions(4, seed=77) if undated_documents else ():  # as ingest writes them
        extraction.document.published = None
        save_extraction(conn, extraction)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("word_days") / "ledger.db"
    write_ledger(path, 500, seed=16)
    conn = connect(path)
    spread_dates(conn)
    conn.close()
    return path


def test_the_ledger_holds_what_the_tests_need(ledger):
    conn = sqlite3.connect(ledger)
    spans = conn.execute("SELECT count(*) FROM record_day_summary WHERE day_start < day_end").fetchone()[0]
    months = conn.execute("SELECT count(*) FROM records WHERE length(date_start) = 7").fetchone()[0]
    undated = conn.execute("SELECT count(*) FROM records r JOIN documents d ON d.id = r.document_id"
                           " WHERE r.date_start IS NULL AND r.date_end IS NULL AND d.published IS NULL").fetchone()[0]
    assert spans and months and undated
    assert sum(plain(conn, RecordFilter.from_args({"q": "agents", **DATES[0]})).values()) > 5


def test_the_indexes_and_records_fts_follow_every_write(ledger, tmp_path):
    shutil.copy(ledger, tmp_path / "written.db")  # the other tests read the module's ledger as it was
    conn = connect(tmp_path / "written.db")
    assert_indexes_equal_fresh_ones(conn)
    assert_records_fts_is_a_fresh_one(conn)  # the UPDATEs of the quote in spread_dates
    ops = [rid for (rid,) in conn.execute("SELECT id FROM records WHERE kind = 'operation' ORDER BY rowid DESC LIMIT 3")]
    conn.execute("DELETE FROM records WHERE id = ?", (ops[0],))
    conn.execute("UPDATE records SET kind = 'cadence', date_start = '2025-02-03' WHERE id = ?", (ops[1],))
    # (and 010's counts by kind follow a kind changed in place: migration 016's trigger)
    assert dict(map(tuple, conn.execute("SELECT kind, n FROM kind_summary"))) == dict(map(tuple, conn.execute(
        "SELECT kind, count(*) FROM records GROUP BY kind")))
    extraction = next(synthetic_extractions(10, seed=16))
    record = next(r for r in extraction.records if r.kind == "operation")
    record.quote = "Agents recorrected the week's officials."
    replace_record(conn, record)  # a correction: its quote rewritten in place
    assert_indexes_equal_fresh_ones(conn)
    assert_records_fts_is_a_fresh_one(conn)
    document = conn.execute("SELECT document_id FROM records WHERE id = ?", (ops[2],)).fetchone()[0]
    conn.execute("DELETE FROM documents WHERE id = ?", (document,))
    for extraction in synthetic_extractions(15, seed=99):
        save_extraction(conn, extraction)
    assert_indexes_equal_fresh_ones(conn)
    assert_records_fts_is_a_fresh_one(conn)
    assert_counts_are_the_plain_filters(conn)
    # A document's date changed under its records (the store takes them out first; 011's summaries
    # would not follow): records without dates of their own move with it.
    conn.execute("UPDATE documents SET published = date(published, '-20 days') WHERE rowid % 9 = 4")
    conn.execute("UPDATE documents SET published = NULL WHERE rowid % 9 = 5")
    assert_indexes_equal_fresh_ones(conn)


@pytest.mark.parametrize("q", WORDS)
@pytest.mark.parametrize("dates", DATES)
def test_words_with_dates_count_as_the_plain_filter_on_the_dashboard(ledger, q, dates):
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args({"q": q, **dates})
    found = word_days.counted_by_kind(conn, flt)
    # a since after its until with records across it is left to the records (one may span both)
    assert found == plain(conn, flt) or (found is None and dates["since"] > dates["until"])
    assert queries.dashboard(conn, flt)["overview"]["kinds"] == plain(conn, flt)


@pytest.mark.parametrize("side", ["early", "late"])
def test_either_subtraction_counts_what_the_plain_filter_does(ledger, side):
    """With records across since, the records before since or those after until are subtracted,
    whichever side holds fewer: each is exact, at the very days of its bounds."""
    conn = sqlite3.connect(ledger)
    # until the first day of an "agents" record near one end of the ledger, since three weeks before
    until = conn.execute("SELECT date_start FROM records WHERE length(date_start) = 10 AND date_end IS NULL AND quote LIKE '%agents%'"
                         f" ORDER BY date_start {'' if side == 'early' else 'DESC'} LIMIT 1 OFFSET 8").fetchone()[0]
    since = conn.execute("SELECT date(?, '-21 days')", (until,)).fetchone()[0]
    before, after, across = conn.execute(
        "SELECT sum(CASE WHEN day_end != '' AND day_end < ? THEN n END), sum(CASE WHEN day_start > ? THEN n END),"
        " sum(CASE WHEN day_start != '' AND day_start < ? AND day_end >= ? THEN n END) FROM record_day_summary",
        (since, until + "~", since, since)).fetchone()
    assert across and (before < after) == (side == "early")
    for q in WORDS:
        flt = RecordFilter.from_args({"q": q, "since": since, "until": until})
        assert word_days.counted_by_kind(conn, flt) == plain(conn, flt), q
    for bounds in ({"since": until, "until": until}, {"since": until}, {"until": until}):  # a record on that very day
        flt = RecordFilter.from_args({"q": "agents", **bounds})
        assert word_days.counted_by_kind(conn, flt) == plain(conn, flt) and plain(conn, flt), bounds


def test_no_record_across_since_is_one_range_of_first_days(tmp_path):
    """The synthetic ledger's records are each one day: no record spans since, one range is read."""
    path = tmp_path / "days.db"
    write_ledger(path, 300, seed=4)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM record_day_summary WHERE day_start != day_end").fetchone()[0] == 0
    read = []
    conn.set_trace_callback(lambda s: read.append(s) if "MATCH" in s and "kind_" in s else None)
    for dates in DATES:
        for q in ("agents", "officials"):
            flt = RecordFilter.from_args({"q": q, **dates})
            assert word_days.counted_by_kind(conn, flt) == plain(conn, flt), (q, dates)
    read.clear()
    for dates in (d for d in DATES if "since" in d and "until" in d):
        word_days.counted_by_kind(conn, RecordFilter.from_args({"q": "agents", **dates}))
    assert read and all(word_days.BY_START in s and word_days.BY_END not in s for s in read)


@pytest.mark.parametrize("args", [{"q": "agents", "state": "TX", "since": "2025-03-01"},
                                  {"q": "agents", "review": "machine", "until": "2025-04-01"},
                                  {"q": "don't", "since": "2025-03-01"}, {"q": "agents"}])
def test_other_filters_and_other_words_are_left_to_the_records(ledger, args):
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    assert word_days.counted_by_kind(conn, flt) is None
    assert summaries.kind_counts(conn, flt) == plain(conn, flt)


@pytest.mark.parametrize("odd", ["03/05/2025", "2025-3-5", "-2025"])
def test_a_day_whose_code_would_not_sort_as_its_text_leaves_the_count_to_the_records(tmp_path, odd):
    path = tmp_path / "odd.db"
    write_ledger(path, 200, seed=6)
    conn = connect(path)
    conn.execute("UPDATE records SET date_start = ? WHERE rowid % 17 = 1", (odd,))
    for dates in DATES[:4]:
        flt = RecordFilter.from_args({"q": "agents", **dates})
        assert word_days.counted_by_kind(conn, flt) is None
        assert summaries.kind_counts(conn, flt) == plain(conn, flt)


def test_a_ledger_from_015_migrates_its_indexes_filled_and_kept(tmp_path):
    path = tmp_path / "old.db"
    old = ledger_at_version(path, 15)
    spread_dates(old)  # written at 015: records_fts left with the old quotes, as 001 kept it
    old.execute("INSERT INTO records_fts (records_fts) VALUES ('rebuild')")
    old.execute("UPDATE records SET kind = 'cadence' WHERE kind = 'target' AND rowid % 4 = 1")  # 010's counts left behind
    old.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations()) >= 16
    assert dict(map(tuple, conn.execute("SELECT kind, n FROM kind_summary"))) == dict(map(tuple, conn.execute(
        "SELECT kind, count(*) FROM records GROUP BY kind")))
    assert_indexes_equal_fresh_ones(conn)
    assert_counts_are_the_plain_filters(conn)
    conn.execute("UPDATE records SET quote = 'Officials recorrected it.' WHERE rowid % 10 = 7")
    for extraction in synthetic_extractions(20, seed=21):
        save_extraction(conn, extraction)
    assert_indexes_equal_fresh_ones(conn)
    assert_records_fts_is_a_fresh_one(conn)
    assert_counts_are_the_plain_filters(conn)


@pytest.mark.parametrize("at_most", [5, 10**6])  # the newest few (the page says so), or every one
@pytest.mark.parametrize("args", [{"q": "officials", "since": "2025-05-20"}, {"q": "officials", "until": "2025-02-10"},
                                  {"q": "officials", "since": "2025-03-01", "until": "2025-03-25"},
                                  {"q": "officials", "kind": "target", "since": "2025-04-01"}])
def test_the_daily_targets_of_words_with_dates_are_the_plain_filters(ledger, monkeypatch, at_most, args):
    """The target bands drawn for words with dates: of the newest MAPPED_AT_MOST targets the plain
    filter picks (found among the documents the dates reach), or of all of them."""
    monkeypatch.setattr(queries, "MAPPED_AT_MOST", at_most)
    conn = sqlite3.connect(ledger)
    flt = RecordFilter.from_args(args)
    where, params = replace(flt, kind="target").where()
    picked = [rid for (rid,) in conn.execute(
        f"SELECT r.rowid FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
        " ORDER BY d.published DESC, r.rowid DESC LIMIT ?", [*params, at_most])]
    bands = [tuple(row) for row in conn.execute(
        "SELECT COALESCE(count_low, count_value) AS low, COALESCE(count_high, count_value) AS high, count(*) AS n,"
        " min(date_start), min(id) FROM records WHERE per = 'day' AND COALESCE(count_low, count_value) IS NOT NULL"
        f" AND rowid IN ({', '.join('?' for _ in picked)}) GROUP BY low, high ORDER BY n DESC", picked)]
    drawn = [tuple(t[k] for k in ("low", "high", "n", "first_issued", "record_id"))
             for t in queries.daily_arrests(conn, flt, held=summaries.kind_counts(conn, flt))["targets"]]
    # the three most reported bands (of equal counts, any of them)
    assert set(drawn) <= set(bands) and [b[2] for b in drawn] == [b[2] for b in bands[:3]] and bands


@pytest.fixture(scope="module")
def dated_ledger(tmp_path_factory):
    """spread_dates' ledger with every document dated: the newest-first walks run by publication date."""
    path = tmp_path_factory.mktemp("word_days_dated") / "ledger.db"
    write_ledger(path, 500, seed=16)
    conn = connect(path)
    spread_dates(conn, undated_documents=False)
    conn.close()
    return path


MAPPED = "facets : (koperation OR karrestcount)"


@pytest.mark.parametrize("limit", [5, 60, 10**6])
@pytest.mark.parametrize("args", [{"q": "agents", **DATES[0]}, {"q": "agents", "until": "2025-02-20"},
                                  {"q": "officials", "kind": "target", "since": "2025-05-01"},
                                  {"q": "arrested", "since": "2025-03", "until": "2025-04"},
                                  {"kind": "operation", "since": "2025-02-14", "until": "2025-02-14"},
                                  {"review": "machine", "since": "2025-04-10", "until": "2025-04-02"},
                                  {"q": "agents", "status": "under way", "until": "2024-06-01"}])
@pytest.mark.parametrize("which", ["dated_ledger", "ledger"])
def test_the_newest_of_words_with_dates_are_the_plain_filters(request, which, args, limit):
    """The newest records a filter with dates picks (the map's and charts' partial reads), walked by
    publication date with the documents whose records are all within the dates untested: the plain
    filter's, in its order."""
    conn = sqlite3.connect(request.getfixturevalue(which))
    flt = RecordFilter.from_args(args)
    picked: list[int] = []
    for match, kinds in ((None, ""), (MAPPED, " AND r.kind IN ('operation', 'arrest_count')")):
        where, params = flt.where()
        expected = [r for (r,) in conn.execute(
            f"SELECT r.rowid FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}{kinds}"
            " ORDER BY d.published DESC, r.rowid DESC LIMIT ?", [*params, limit])]
        assert word_search.newest_rowids(conn, flt, limit, match=match) == expected, match
        picked = picked if match else expected
    runs = word_search._publication_runs(conn, flt)
    assert (runs is None) == (which == "ledger")  # (its undated documents: the one walk, every match tested)
    if which == "dated_ledger" and args.get("since", "") < args.get("until", "~") and "2024-06-01" not in args.values():
        assert any(sure for _, _, sure in runs) and len(picked) >= min(limit, 3)


def test_at_the_dates_edges_the_indexes_by_day_test_the_newest_as_the_plain_filter(dated_ledger, monkeypatch):
    """Bounds on the very days of records: the documents at the edges, tested by migration 016's
    sets of the words' matches by first or last day (no row read), keep what the plain filter does."""
    conn = sqlite3.connect(dated_ledger)
    answered = []
    kept_in_run = word_days.kept_in_run
    monkeypatch.setattr(word_days, "kept_in_run", lambda *a: answered.append(kept_in_run(*a)) or answered[-1])
    days = [d for (d,) in conn.execute("SELECT date_start FROM records WHERE length(date_start) = 10 AND date_end IS NULL"
                                       " AND quote LIKE '%agents%' ORDER BY date_start")]
    for day in (days[len(days) // 4], days[3 * len(days) // 4]):
        before, after = (conn.execute("SELECT date(?, ?)", (day, shift)).fetchone()[0] for shift in ("-21 days", "+21 days"))
        for dates in ({"since": day}, {"until": day}, {"since": day, "until": after}, {"since": before, "until": day}):
            flt = RecordFilter.from_args({"q": "agents", **dates})
            where, params = flt.where()
            expected = [r for (r,) in conn.execute(f"SELECT r.rowid FROM records r JOIN documents d ON d.id = r.document_id"
                                                   f" WHERE {where} ORDER BY d.published DESC, r.rowid DESC", params)]
            assert word_search.newest_rowids(conn, flt, 10**6) == expected and expected, dates
    assert any(found for found in answered if found is not None)  # the edges were read from the sets
