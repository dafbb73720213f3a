"""The dashboard of a review state, and the newest records of a selection read from migration 012's
index alone: each the same as reading the records with the plain filter."""

from __future__ import annotations

import sqlite3

import pytest

from enforcement_tracker.publish import queries, summaries, word_search
from enforcement_tracker.publish.filters import RecordFilter
from enforcement_tracker.publish.synthetic import write_ledger


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A ledger nobody has reviewed: every record is the machine's reading."""
    path = tmp_path_factory.mktemp("fresh") / "ledger.db"
    write_ledger(path, 120, seed=5)
    return path


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    path = tmp_path_factory.mktemp("reviewed") / "ledger.db"
    write_ledger(path, 120, seed=6)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE records SET review = 'verified' WHERE rowid % 5 = 0"
                 " OR (kind IN ('target', 'arrest_count') AND rowid % 3 = 0)")
    conn.execute("UPDATE records SET review = 'rejected' WHERE rowid % 13 = 0")
    conn.commit()
    conn.close()
    return path


def _newest_rowids_direct(conn: sqlite3.Connection, flt: RecordFilter, limit: int, kinds: tuple[str, ...] = ()):
    where, params = flt.where()
    kind_clause = f" AND r.kind IN ({', '.join('?' for _ in kinds)})" if kinds else ""
    return [rid for (rid,) in conn.execute(
        f"SELECT r.rowid FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}{kind_clause}"
        " ORDER BY d.published DESC, r.rowid DESC LIMIT ?", params + list(kinds) + [limit])]


@pytest.mark.parametrize("args", [{"q": "agents"}, {"review": "verified"}, {"review": "machine,rejected", "kind": "operation"},
                                  {"q": "agents", "agency": "ICE"}, {"agency": "ICE-ERO", "kind": "operation"}, {"kind": "operation", "status": "planned"},
                                  {"review": "verified", "since": "2025-02-01"}, {"q": "agents", "state": "TX"}, {}])
def test_the_newest_records_of_a_selection_are_the_newest_the_records_say(reviewed, args):
    conn = sqlite3.connect(reviewed)
    flt = RecordFilter.from_args(args)
    for limit in (3, 40, 10**6):
        direct = _newest_rowids_direct(conn, flt, limit)
        assert word_search.newest_rowids(conn, flt, limit) == direct, (args, limit)
        both = _newest_rowids_direct(conn, flt, limit, ("operation", "arrest_count"))
        match = "facets : (koperation OR karrestcount)"
        assert word_search.newest_rowids(conn, flt, limit, match=match) == both, (args, limit)
    assert direct, args


def _without_timing(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("filter", "label")}


@pytest.mark.parametrize("args", [{"review": "machine"}, {"review": "machine,verified", "kind": "operation"},
                                  {"review": "machine", "since": "2025-02-01", "until": "2025-03-15"}])
def test_review_states_that_leave_no_record_out_give_the_dashboard_of_every_record(fresh, args):
    conn = sqlite3.connect(fresh)
    flt = RecordFilter.from_args(args)
    without = RecordFilter.from_args({k: v for k, v in args.items() if k != "review"})
    data = queries.dashboard(conn, flt)
    assert _without_timing(data) == _without_timing(queries.dashboard(conn, without))
    assert data["partial"] is None and data["filter"]["review"] == flt.review  # still shown as asked
    where, params = flt.where()
    direct = dict(conn.execute(f"SELECT r.kind, count(*) FROM records r JOIN documents d ON d.id = r.document_id"
                               f" WHERE {where} GROUP BY 1", params))
    assert data["overview"]["kinds"] == direct and direct


def test_review_states_that_leave_records_out_are_kept(reviewed):
    conn = sqlite3.connect(reviewed)
    for states in ("machine", "machine,verified", "verified,rejected"):
        flt = RecordFilter.from_args({"review": states})
        assert summaries.without_needless_review(conn, flt) == flt
        where, params = flt.where()
        direct = dict(conn.execute(f"SELECT r.kind, count(*) FROM records r WHERE {where} GROUP BY 1", params))
        assert queries.dashboard(conn, flt)["overview"]["kinds"] == direct and direct, states
    every = RecordFilter.from_args({"review": "machine,reviewed,verified,rejected"})
    assert summaries.without_needless_review(conn, every) == RecordFilter()


@pytest.mark.parametrize("args", [{"review": "verified"}, {"review": "machine"}, {"review": "verified,rejected"},
                                  {"q": "officials"}, {"review": "machine", "kind": "target"}])
def test_the_daily_chart_of_a_review_state_or_words_is_the_one_the_plain_filter_gives(reviewed, monkeypatch, args):
    conn = sqlite3.connect(reviewed)
    flt = RecordFilter.from_args(args)
    monkeypatch.setattr(queries, "MAPPED_AT_MOST", 10**6)  # every record drawn: nothing partial
    listed = queries.daily_arrests(conn, flt, held=summaries.kind_counts(conn, flt))
    monkeypatch.setattr(queries, "_every_one", lambda conn, flt: None)  # the records' own indexes
    plain = queries.daily_arrests(conn, flt, held=summaries.kind_counts(conn, flt))
    assert listed == plain and (listed["claims"] or listed["targets"]) and not listed["partial"]
    where, params = flt.where()
    bands = conn.execute(
        "SELECT COALESCE(r.count_low, r.count_value), COALESCE(r.count_high, r.count_value), count(*) FROM records r"
        f" WHERE r.kind = 'target' AND r.per = 'day' AND {where} AND COALESCE(r.count_low, r.count_value) IS NOT NULL"
        " GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 3", params).fetchall()
    assert [(t["low"], t["high"], t["n"]) for t in listed["targets"]] == [tuple(b) for b in bands]


@pytest.mark.parametrize("common", [0, 10**6])  # the sort's index walked, or the few in review read and sorted
@pytest.mark.parametrize("sort", ["place", "kind"])
@pytest.mark.parametrize("args", [{"review": "verified"}, {"review": "verified,rejected", "kind": "operation"},
                                  {"review": "rejected", "until": "2025-04-01"}, {"review": "machine", "since": "2025-03-01"},
                                  {"review": "machine", "until": "2025-03-01"}])
def test_a_review_state_sorted_lists_what_sorting_every_record_lists(reviewed, fresh, monkeypatch, common, sort, args):
    from _web_pages import every_page

    from enforcement_tracker.publish import records_page

    monkeypatch.setattr(records_page, "COMMON", common)
    for path in (reviewed, fresh):  # (on the fresh ledger, review=machine is every record)
        conn = sqlite3.connect(path)
        flt = RecordFilter.from_args(args)
        where, params = flt.where()
        expected = [rid for (rid,) in conn.execute(
            f"SELECT r.id FROM records r JOIN documents d ON d.id = r.document_id WHERE {where}"
            f" ORDER BY {records_page.SORTS[sort][1]}", params)]
        assert every_page(conn, flt, sort, size=9) == expected
        assert expected or path == fresh, args


@pytest.mark.parametrize("few", [False, True])  # the events walked in order, or found from the few records
@pytest.mark.parametrize("args", [{"review": "verified"}, {"review": "rejected", "kind": "operation"},
                                  {"review": "verified,rejected", "since": "2025-03-01"}, {"review": "machine"}])
def test_the_events_of_a_review_state_are_those_its_records_are_in(reviewed, monkeypatch, few, args):
    from enforcement_tracker.publish import events_page
    from enforcement_tracker.store.events import rebuild_events

    monkeypatch.setattr(events_page, "few_in_review", lambda conn, flt: few)
    conn = sqlite3.connect(reviewed)
    if not conn.execute("SELECT count(*) FROM event_records").fetchone()[0]:
        rebuild_events(conn)
    flt = RecordFilter.from_args(args)
    where, params = flt.where()
    events = [eid for (eid,) in conn.execute(
        "SELECT e.id FROM events e WHERE e.id IN (SELECT er.event_id FROM event_records er"
        f" JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id WHERE {where})"
        " ORDER BY e.n_documents DESC, e.n_independent_sources DESC, e.date_start, e.id", params)]
    assert [e["id"] for e in events_page.event_list(conn, flt, size=500)[0]] == events and events
