"""`etrack load`: a job's output into the ledger gives the ledger `etrack ingest` gives, row by row.

The job's output is made here without Spark (the same per-partition code, written with pyarrow);
tests/test_spark.py runs the real job.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from _job_inputs import (COPY_BODY, differences, input_rows, ledger_tables, write_output, write_reports)
from enforcement_tracker.cli import main
from enforcement_tracker.errors import StoreError
from enforcement_tracker.models import document_id
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.spark.partition import extract_rows
from enforcement_tracker.store import connect
from enforcement_tracker.store.load import load_output


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("load")
    paths = write_reports(root / "reports", docs=40)
    ingested = root / "ingested.db"
    summary = ingest_paths(connect(ingested), [root / "reports"], ExtractSettings(processes=1))
    assert summary.failed == 1 and summary.new > 30  # the bad date, and the rest went in
    output = write_output(list(extract_rows(input_rows(paths))), root / "output")
    return {"root": root, "paths": paths, "ingested": ingested, "output": output, "ingest_summary": summary}


def test_loading_the_output_gives_the_ingested_ledger_row_by_row(inputs, tmp_path: Path):
    db = tmp_path / "loaded.db"
    summary = load_output(connect(db), inputs["output"], keep_all_text=True)
    assert summary.failed == 1 and "d-bad-date.txt" in summary.errors[0]
    assert summary.new + summary.updated + summary.unchanged == len(inputs["paths"]) - 1
    # The summary counts what ingest's counts: records by kind, and what the guard refused.
    ingest = inputs["ingest_summary"]
    assert summary.records == ingest.records and summary.refused == ingest.refused and summary.refused
    assert f"refused: {summary.refused['private_person']} private_person" in summary.words()
    ingested, loaded = ledger_tables(inputs["ingested"]), ledger_tables(db)
    assert differences(ingested, loaded) == {}
    # Not an empty comparison: the generated reports carry records, sources, places and events.
    for table in ("documents", "records", "sources", "record_places", "events", "event_records",
                  "document_sightings"):
        assert loaded[table], table


def test_a_rerun_changes_nothing(inputs, tmp_path: Path):
    db = tmp_path / "loaded.db"
    load_output(connect(db), inputs["output"])
    before = ledger_tables(db)
    again = load_output(connect(db), inputs["output"])
    assert (again.new, again.updated) == (0, 0) and again.unchanged == len(inputs["paths"]) - 1
    assert again.events is None
    assert ledger_tables(db) == before


def test_only_documents_with_records_keep_their_text_unless_asked(inputs, tmp_path: Path):
    db = tmp_path / "loaded.db"
    load_output(connect(db), inputs["output"])
    full, slim = ledger_tables(inputs["ingested"]), ledger_tables(db)
    assert {t for t in differences(full, slim)} == {"documents"}
    conn = sqlite3.connect(db)
    empty = {r[0] for r in conn.execute("SELECT id FROM documents WHERE text = ''")}
    with_records = {r[0] for r in conn.execute("SELECT DISTINCT document_id FROM records")}
    assert empty and not empty & with_records
    assert conn.execute("SELECT count(*) FROM documents WHERE text != '' AND id NOT IN "
                        "(SELECT document_id FROM records)").fetchone()[0] == 0


def test_the_earliest_published_copy_is_the_document_and_the_other_a_sighting(inputs):
    conn = sqlite3.connect(inputs["ingested"])
    doc = document_id(COPY_BODY)
    # The later copy came first in file order (a-copy-later.txt), yet the earlier one is the document.
    assert conn.execute("SELECT publisher, published FROM documents WHERE id = ?", (doc,)).fetchone() == (
        "Example Early Wire", "2025-02-03")
    assert conn.execute("SELECT publisher, published, path FROM document_sightings WHERE document_id = ?",
                        (doc,)).fetchall() == [("Example Late Wire", "2025-02-10",
                                                str(inputs["root"] / "reports" / "a-copy-later.txt"))]
    # Its records read "Monday" against the winning copy's date (2025-02-03, a Monday: that day).
    dates = {r[0] for r in conn.execute("SELECT date_start FROM records WHERE document_id = ? AND kind = "
                                        "'arrest_count'", (doc,))}
    assert dates == {"2025-02-03"}


def test_ingest_gives_one_ledger_whatever_the_order_of_the_copies(tmp_path: Path, monkeypatch):
    texts = {"early.txt": "---\npublisher: Example Early Wire\npublished: 2025-02-03\n---\n" + COPY_BODY,
             "late.txt": "---\npublisher: Example Late Wire\npublished: 2025-02-10\n---\n" + COPY_BODY}
    ledgers = []
    for order in (("early.txt", "late.txt"), ("late.txt", "early.txt")):
        root = tmp_path / "-".join(order)
        (root / "reports").mkdir(parents=True)
        monkeypatch.chdir(root)  # the same relative paths in both runs, as the ledger keeps them
        conn = connect("ledger.db")
        for name in order:
            Path("reports", name).write_text(texts[name], encoding="utf-8")
            ingest_paths(conn, [Path("reports", name)], ExtractSettings(processes=1))
        conn.close()
        ledgers.append(ledger_tables(root / "ledger.db"))
    assert differences(*ledgers) == {}
    assert [r[1:3] for r in ledgers[1]["documents"]] == [("Example Early Wire", "2025-02-03")]
    assert len(ledgers[1]["document_sightings"]) == 1 and ledgers[1]["records"]


def test_a_folder_that_is_not_a_job_output_is_one_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="has no documents/ Parquet.*etrack spark extract"):
        load_output(connect(tmp_path / "x.db"), tmp_path)


def test_the_load_command_reports_and_fails_on_the_job_s_errors(inputs, tmp_path: Path):
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["load", str(inputs["output"]), "--db", str(db)])
    assert result.exit_code == 1
    assert "d-bad-date.txt: publication date" in result.output
    assert "new, " in result.output and "1 failed in the job" in result.output and str(db) in result.output
    missing = CliRunner().invoke(main, ["load", str(tmp_path / "nowhere"), "--db", str(db)])
    assert missing.exit_code != 0 and "nowhere" in missing.output


def test_a_row_whose_text_was_altered_is_its_own_error(inputs, tmp_path: Path):
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    rows = [dict(r, records=[]) for r in
            ds.dataset(inputs["output"] / "documents", partitioning="hive").to_table().to_pylist()]
    records = ds.dataset(inputs["output"] / "records", partitioning="hive").to_table().to_pylist()
    victim = next(r for r in rows if r["error"] is None and r["n_records"])
    victim["text"] = victim["text"] + " An added sentence."
    for row in rows:
        row["records"] = [r for r in records if r["document_id"] == row["id"] and r["copy_key"] == row["copy_key"]]
    altered = write_output(rows, tmp_path / "altered")
    assert pq.read_table(altered / "documents").num_rows == len(rows)
    summary = load_output(connect(tmp_path / "x.db"), altered)
    assert summary.failed == 2 and any("does not hash to its id" in e for e in summary.errors)
    assert summary.new + summary.updated + summary.unchanged == len(rows) - 2


def test_reviewed_records_keep_their_copy_and_the_earlier_one_is_a_sighting(tmp_path: Path):
    late = "---\npublisher: Example Late Wire\npublished: 2025-02-10\n---\n" + COPY_BODY
    early = "---\npublisher: Example Early Wire\npublished: 2025-02-03\n---\n" + COPY_BODY
    (tmp_path / "late.txt").write_text(late, encoding="utf-8")
    (tmp_path / "early.txt").write_text(early, encoding="utf-8")
    conn = connect(tmp_path / "ledger.db")
    ingest_paths(conn, [tmp_path / "late.txt"], ExtractSettings(processes=1))
    record = conn.execute("SELECT id FROM records LIMIT 1").fetchone()[0]
    conn.execute("INSERT INTO reviews (record_id, who, at, what, why) VALUES (?, 'a reviewer', '2025-02-11', '{}',"
                 " 'checked against the release')", (record,))
    before = conn.execute("SELECT id, json FROM records ORDER BY id").fetchall()
    ingest_paths(conn, [tmp_path / "early.txt"], ExtractSettings(processes=1))
    doc = document_id(COPY_BODY)
    assert conn.execute("SELECT publisher FROM documents WHERE id = ?", (doc,)).fetchone()[0] == "Example Late Wire"
    assert [tuple(r) for r in conn.execute("SELECT publisher FROM document_sightings")] == [("Example Early Wire",)]
    assert [tuple(r) for r in conn.execute("SELECT id, json FROM records ORDER BY id")] == [tuple(r) for r in before]
