"""Events: the same claim in several reports, counted once, with who carries it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from enforcement_tracker.cli import main
from enforcement_tracker.reconcile import list_events
from enforcement_tracker.store import connect

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
