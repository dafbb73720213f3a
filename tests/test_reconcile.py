"""Events: the same claim in several reports, counted once, with who carries it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main
from enforcement_tracker.models import Document, Extraction, Record
from enforcement_tracker.publish.synthetic import synthetic_extractions
from enforcement_tracker.reconcile import claim_hash, list_events
from enforcement_tracker.store import connect, save_extraction
from enforcement_tracker.store.events import ensure_events, pending_reason, rebuild_events, update_events

HEAD = "---\npublisher: {pub}\npublished: {date}\n---\n"


def _report(folder: Path, name: str, pub: str, date: str, body: str) -> None:
    (folder / name).write_text(HEAD.format(pub=pub, date=date) + body + "\n", encoding="utf-8")


def test_reports_of_one_count_and_one_operation_become_events(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    _report(folder, "a.txt", "Example Wire", "2025-01-29",
            "Immigration agents arrested 956 people nationwide on Sunday, ICE said.")
    _report(folder, "b.txt", "Example Herald", "2025-01-28",
            "ICE reported 956 arrests nationwide on Sunday, the agency said.")
    _report(folder, "c.txt", "Example Post", "2025-01-29",
            "Immigration agents arrested 956 people nationwide on Sunday, ICE said.\n"
            "This article originally appeared on Example Wire.")
    _report(folder, "d.txt", "Example Wire", "2025-01-29",
            "An enforcement operation in Aurora, Colorado, is planned to begin Thursday, officials said.")
    _report(folder, "e.txt", "Example Herald", "2025-01-31",
            "The planned enforcement operation in Aurora, Colorado, has been called off, officials said.")
    db = tmp_path / "l.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    conn = connect(db)
    [count] = [e for e in list_events(conn, kind="arrest_count") if "956" in e["label"]]
    assert count["n_documents"] == 3
    # The syndicated copy is Example Wire's story again, not a third voice.
    assert count["n_independent_sources"] == 2
    [aurora] = [e for e in list_events(conn, kind="operation") if "Aurora" in e["label"]]
    assert aurora["n_documents"] == 2 and aurora["status"] == "called_off"
    assert [h["status"] for h in aurora["detail"]["status_history"]] == ["planned", "called_off"]


def test_events_command_lists_widely_reported_claims(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, pub in enumerate(["Example Wire", "Example Herald"]):
        _report(folder, f"{i}.txt", pub, "2025-01-29", f"Agents arrested 1,179 people nationwide on Monday, ICE said in post {i}.")
    db = tmp_path / "l.db"
    assert CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    out = CliRunner().invoke(main, ["events", "--db", str(db), "--min-documents", "2"])
    assert out.exit_code == 0 and "1,179 arrests" in out.output


def _events(conn) -> tuple[set, set]:
    rows = {tuple(r) for r in conn.execute("SELECT * FROM events")}
    links = {tuple(r) for r in conn.execute("SELECT event_id, record_id FROM event_records")}
    return rows, links


def _hashes(extraction) -> set[str]:
    return {claim_hash(r.to_dict()) for r in extraction.records}


@pytest.mark.parametrize("seed", [3, 8])
def test_incremental_updates_give_the_events_of_a_full_rebuild(tmp_path: Path, seed: int):
    extractions = list(synthetic_extractions(600, seed=seed))
    random.Random(seed).shuffle(extractions)  # reports arrive in any order, not by date
    by_id = {e.document.id: e for e in extractions}
    conn = connect(tmp_path / "l.db")
    done = 0
    for size in (1, 7, 20, 2, 30):
        batch = extractions[done:done + size]
        done += size
        before = dict(conn.execute("SELECT id, syndicated_from FROM documents").fetchall())
        for extraction in batch:
            save_extraction(conn, extraction)
        # A stored report that a new one copies (or is copied from) now counts under its family's
        # outlet (store/copy_links.py): its claims are regrouped too.
        after = dict(conn.execute("SELECT id, syndicated_from FROM documents").fetchall())
        regrouped = batch + [by_id[i] for i in sorted(before) if after[i] != before[i]]
        update = update_events(conn)
        # Only the claims of those reports are regrouped, not the whole ledger.
        assert update.mode == "incremental" and update.documents == len(regrouped)
        assert update.claims == len(set().union(*map(_hashes, regrouped)))
    assert done == len(extractions)
    incremental = _events(conn)
    assert rebuild_events(conn).mode == "full"
    assert _events(conn) == incremental
    # Several reports of one claim became one event, so the comparison is not trivial.
    assert conn.execute("SELECT MAX(n_documents) FROM events").fetchone()[0] >= 2
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 0


def test_a_new_report_changes_only_the_event_of_its_claim(tmp_path: Path):
    extractions = list(synthetic_extractions(200, seed=4))
    conn = connect(tmp_path / "l.db")
    for extraction in extractions:
        save_extraction(conn, extraction)
    update_events(conn)
    source = next(r for r in extractions[0].records if r.kind == "arrest_count")
    [old] = [e for e in list_events(conn) if source.id in e["detail"]["records"]]
    others = {row for row in _events(conn)[0] if row[0] != old["id"]}
    # A later report from another outlet repeats that count word for word.
    doc = Document(text=source.quote + " An Example Gazette reporter confirmed it.", publisher="Example Gazette",
                   published="2025-08-01")
    copy = Record(kind=source.kind, span=(0, len(source.quote)), quote=source.quote, document_id=doc.id,
                  extractor="test", fields=dict(source.fields), sources=list(source.sources))
    copy.assign_id()
    save_extraction(conn, Extraction(doc, [copy]))
    update = update_events(conn)
    assert (update.mode, update.documents, update.claims) == ("incremental", 1, 1)
    [grown] = [e for e in list_events(conn) if copy.id in e["detail"]["records"]]
    assert source.id in grown["detail"]["records"] and grown["n_documents"] == old["n_documents"] + 1
    assert {row for row in _events(conn)[0] if row[0] != grown["id"]} == others


def test_events_grouped_by_other_rules_are_rebuilt_in_full(tmp_path: Path):
    conn = connect(tmp_path / "l.db")
    for extraction in synthetic_extractions(100, seed=2):
        save_extraction(conn, extraction)
    update_events(conn)
    expected = _events(conn)
    conn.execute("UPDATE reconcile_state SET value = '0' WHERE name = 'rules_version'")
    conn.execute("UPDATE events SET label = 'grouped by old rules'")
    update = update_events(conn)
    assert update.mode == "full" and "rules version 0" in update.reason
    assert _events(conn) == expected


def test_a_killed_ingest_is_finished_by_whoever_reads_the_events_next(tmp_path: Path):
    path = tmp_path / "l.db"
    reference = connect(tmp_path / "ref.db")
    conn = connect(path)
    for extraction in synthetic_extractions(150, seed=6):
        save_extraction(reference, extraction)
        save_extraction(conn, extraction)  # the process dies here, before its events update
    conn.close()
    update_events(reference)
    # `etrack serve` checks the marks only, so a big ledger starts fast.
    assert pending_reason(connect(path, readonly=True), verify=False) is not None
    update = ensure_events(path, verify=False)
    assert update is not None and update.mode == "incremental"
    assert ensure_events(path) is None
    assert _events(connect(path)) == _events(reference)


def test_events_command_rebuilds_events_lost_from_the_ledger(tmp_path: Path):
    path = tmp_path / "l.db"
    conn = connect(path)
    for extraction in synthetic_extractions(100, seed=9):
        save_extraction(conn, extraction)
    update_events(conn)
    expected = _events(conn)
    conn.execute("DELETE FROM event_records")  # events left pointing at nothing
    out = CliRunner().invoke(main, ["events", "--db", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)) == len(expected[0])
    assert "note: events brought up to date (full)" in out.stderr
    assert _events(conn) == expected
    again = CliRunner().invoke(main, ["events", "--db", str(path), "--rebuild", "--format", "json"])
    assert again.exit_code == 0 and json.loads(again.stdout) == json.loads(out.stdout)
    assert f"{len(expected[0])} events rebuilt from 100 records" in again.stderr


def test_a_long_ingest_keeps_its_events_current_as_it_goes(tmp_path: Path, monkeypatch):
    from enforcement_tracker import pipeline
    from enforcement_tracker.settings import ExtractSettings

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        _report(folder, f"{i}.txt", f"Example Outlet {i}", "2025-01-29",
                f"Agents arrested {100 + i} people nationwide on Monday, ICE said.")
    monkeypatch.setattr(pipeline, "EVENTS_EVERY", 2)
    conn = connect(tmp_path / "l.db")
    lagging = []

    def look(result, status):
        lagging.append(conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0])

    summary = pipeline.ingest_paths(conn, [folder], ExtractSettings(), on_file=look)
    assert summary.new == 5 and summary.events == 5
    # A reader during the run never sees more than EVENTS_EVERY documents without their events.
    assert lagging == [1, 0, 1, 0, 1]
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 0


def test_serve_finishes_what_a_killed_ingest_left_before_serving(tmp_path: Path):
    from enforcement_tracker.cli.web import _finish_events

    path = tmp_path / "l.db"
    conn = connect(path)
    for extraction in synthetic_extractions(50, seed=1):
        save_extraction(conn, extraction)
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
    _finish_events(path)
    assert conn.execute("SELECT COUNT(*) FROM events_stale").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM event_records").fetchone()[0] == 50
    _finish_events(tmp_path / "missing.db")  # serve itself says there is no ledger
    assert not (tmp_path / "missing.db").exists()
