"""The ledger: migrations, idempotent ingest, one transaction per document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from enforcement_tracker.errors import StoreError
from enforcement_tracker.models import Document, Extraction, Record, Source
from enforcement_tracker.store import connect, current_version, query_records, save_extraction
from enforcement_tracker.store.db import migrations


def _extraction(text="Agents arrested 40 people in Chicago on Sunday.") -> Extraction:
    doc = Document(text=text, publisher="Example Wire", published="2025-01-29")
    rec = Record(kind="arrest_count", span=(0, len(text)), quote=text, document_id=doc.id, extractor="test",
                 fields={"count": {"value": 40, "qualifier": "exact"}, "period": None, "scope": "total",
                         "places": [{"name": "Chicago", "kind": "city", "state": "IL", "geonameid": 4887398,
                                     "lat": 41.85, "lon": -87.65}], "agencies": [{"code": "ICE", "text": "ICE"}]},
                 sources=[Source(kind="outlet", outlet="Example Wire")])
    rec.assign_id()
    return Extraction(doc, [rec])


def test_an_empty_file_migrates_to_the_current_schema(tmp_path: Path):
    path = tmp_path / "empty.db"
    path.touch()
    conn = connect(path)
    assert current_version(conn) == len(migrations())
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "records", "sources", "events", "event_records", "reviews", "documents_fts",
            "records_fts"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reingesting_changes_nothing(tmp_path: Path):
    conn = connect(tmp_path / "l.db")
    assert save_extraction(conn, _extraction()) == "new"
    before = conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
    assert save_extraction(conn, _extraction()) == "unchanged"
    assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == before == 1


def test_records_are_queryable_by_place_kind_and_text(tmp_path: Path):
    conn = connect(tmp_path / "l.db")
    save_extraction(conn, _extraction())
    assert [r["count"]["value"] for r in query_records(conn, place="IL")] == [40]
    assert query_records(conn, kind="target") == []
    hits = conn.execute("SELECT COUNT(*) FROM records_fts WHERE records_fts MATCH 'Chicago'").fetchone()[0]
    assert hits == 1


def test_a_failure_mid_document_leaves_the_ledger_as_it_was(tmp_path: Path):
    conn = connect(tmp_path / "l.db")
    bad = _extraction("Agents arrested 12 people in Aurora.")
    bad.records.append(bad.records[0])  # the same record id twice: the second insert fails
    with pytest.raises(StoreError):
        save_extraction(conn, bad)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        connect(path)


def test_a_stored_document_is_marked_until_its_events_are_written(tmp_path: Path):
    from enforcement_tracker.store.events import update_events

    conn = connect(tmp_path / "l.db")
    extraction = _extraction()
    save_extraction(conn, extraction)
    # The mark is written with the document: a process killed now leaves the work findable.
    assert [r[0] for r in conn.execute("SELECT document_id FROM events_stale")] == [extraction.document.id]
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    assert update_events(conn).mode == "incremental"
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM event_records").fetchone()[0] == 1
    assert save_extraction(conn, _extraction()) == "unchanged"
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 0


def test_a_failed_document_leaves_no_mark(tmp_path: Path):
    conn = connect(tmp_path / "l.db")
    bad = _extraction("Agents arrested 12 people in Aurora.")
    bad.records.append(bad.records[0])
    with pytest.raises(StoreError):
        save_extraction(conn, bad)
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 0


def test_a_ledger_from_before_crash_safe_events_gets_its_events_rebuilt(tmp_path: Path):
    from enforcement_tracker.store.events import pending_reason, update_events

    new = tmp_path / "new.db"
    conn = connect(new)
    save_extraction(conn, _extraction())
    conn.close()
    # What a ledger written by an etrack of schema 4 looks like: migrations 1-4 only, holding the
    # same document and records (the columns schema 4 has).
    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    for number, _name, sql in migrations():
        if number <= 4:
            raw.executescript(sql)
    raw.execute("PRAGMA user_version = 4")
    raw.execute("ATTACH DATABASE ? AS new", (str(new),))
    for table in ("documents", "records"):
        old_columns = [r[1] for r in raw.execute(f"PRAGMA main.table_info({table})")]
        names = ", ".join(old_columns)
        raw.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM new.{table}")
    raw.commit()
    raw.execute("DETACH DATABASE new")
    raw.close()
    assert pending_reason(connect(path, readonly=True)) == "the ledger's schema predates crash-safe events"
    conn = connect(path)
    assert current_version(conn) == len(migrations())
    # Migrating marks every document, so the first update reads them all once.
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 1
    assert update_events(conn).events == 1


def test_a_number_too_big_for_sqlite_fails_its_document_only(tmp_path: Path):
    conn = connect(tmp_path / "l.db")
    huge = _extraction("Agents arrested 123456789012345678901234567890 people in Chicago on Sunday.")
    huge.records[0].fields["count"] = {"value": 123456789012345678901234567890, "qualifier": "exact"}
    with pytest.raises(StoreError, match="could not store document") as failure:
        save_extraction(conn, huge)
    assert "the ledger is unchanged" in str(failure.value)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    # The connection is not left inside the failed transaction: the next document goes in.
    assert save_extraction(conn, _extraction()) == "new"
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 1


def test_two_processes_migrating_a_new_ledger_at_once_apply_each_migration_once(tmp_path):
    import multiprocessing

    from enforcement_tracker.store.db import connect, current_version, migrations

    path = tmp_path / "race.db"
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        versions = pool.map(_open_and_migrate, [str(path)] * 8)
    last = migrations()[-1][0]
    assert versions == [last] * 8
    conn = connect(path)
    assert current_version(conn) == last


def _open_and_migrate(path: str) -> int:
    from enforcement_tracker.store.db import connect, current_version

    return current_version(connect(path))


def test_an_ingest_leaves_the_planner_statistics_of_its_ledger(tmp_path):
    import sqlite3

    from enforcement_tracker.pipeline import ingest_paths
    from enforcement_tracker.settings import ExtractSettings
    from enforcement_tracker.store import connect

    report = tmp_path / "r.txt"
    report.write_text("ICE officers arrested 45 people in Denver on Monday, the agency said.", encoding="utf-8")
    conn = connect(tmp_path / "l.db")
    ingest_paths(conn, [report], ExtractSettings(processes=1))
    conn.close()
    stats = sqlite3.connect(tmp_path / "l.db").execute(
        "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'records'").fetchone()[0]
    assert stats > 0
