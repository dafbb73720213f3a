"""The Spark job in local mode: its output loads into exactly the ledger `etrack ingest` makes.

One SparkSession for the module (local[2], bound to 127.0.0.1). Skipped, with the reason, only
where pyspark or Java is missing: `make test` installs requirements-spark.lock and `.ci/run`
installs Debian's openjdk-17-jre-headless.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from _job_inputs import differences, input_rows, ledger_tables, make_corpus, write_input, write_reports

pytest.importorskip("pyspark", reason="pyspark is not installed: `make test` installs requirements-spark.lock")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java: .ci/run installs Debian's openjdk-17-jre-headless", allow_module_level=True)

from enforcement_tracker.cli import main  # noqa: E402
from enforcement_tracker.pipeline import ingest_paths  # noqa: E402
from enforcement_tracker.settings import ExtractSettings  # noqa: E402
from enforcement_tracker.spark.job import run_extract, spark_session  # noqa: E402
from enforcement_tracker.store import connect  # noqa: E402
from enforcement_tracker.store.load import load_output  # noqa: E402

# Columns a fetch writes (fetch/store.py) and a job's output does not carry; the WARC test
# leaves them out, with the document's path (the URL there, the WARC file and offset here).
FETCH_COLUMNS = ("path", "canonical_url", "final_url", "fetched_at", "http_status", "raw_sha256",
                 "page_revision", "previous_revision", "copy_of", "copy_of_title", "copy_similarity")


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", app_name="etrack-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("spark")
    paths = write_reports(root / "reports", docs=240, seed=23)
    ingested = root / "ingested.db"
    summary = ingest_paths(connect(ingested), [root / "reports"], ExtractSettings(processes=1))
    assert summary.failed == 1
    return {"root": root, "paths": paths, "ingested": ingested,
            "input": write_input(input_rows(paths), root / "input.parquet")}


@pytest.fixture(scope="module")
def job(spark, reports) -> dict:
    out = reports["root"] / "out"
    summary = run_extract(spark, str(reports["input"]), str(out), partitions=4)
    return {"out": out, "summary": summary}


def test_the_job_s_output_loads_into_the_ingested_ledger_row_by_row(job, reports, tmp_path: Path):
    summary = job["summary"]
    assert summary.documents == len(reports["paths"]) and summary.failed == 1 and summary.records > 100
    db = tmp_path / "loaded.db"
    loaded = load_output(connect(db), job["out"], keep_all_text=True)
    assert loaded.failed == 1 and "d-bad-date.txt" in loaded.errors[0]
    ingested, mine = ledger_tables(reports["ingested"]), ledger_tables(db)
    assert differences(ingested, mine) == {}
    # The job counts each copy's records; the ledger holds the winning copy's, once.
    import duckdb

    distinct = duckdb.sql(f"SELECT count(DISTINCT id) FROM read_parquet('{job['out']}/records/**/*.parquet')")
    assert len(mine["records"]) == distinct.fetchall()[0][0] < summary.records
    assert mine["events"] and mine["document_sightings"]


def test_a_backfill_on_spark_groups_the_events_the_ledger_groups(spark, job, reports):
    import pyarrow.parquet as pq

    from enforcement_tracker.spark.events import EVENT_COLUMNS, backfill_events

    count = backfill_events(spark, str(job["out"]))
    rows = pq.read_table(job["out"] / "events").to_pylist()
    mine = sorted(tuple(r[name] for name, _ in EVENT_COLUMNS) for r in rows)
    conn = sqlite3.connect(reports["ingested"])
    theirs = sorted(conn.execute(f"SELECT {', '.join(n for n, _ in EVENT_COLUMNS)} FROM events").fetchall())
    assert count == len(theirs) > 100 and mine == theirs


def test_the_output_is_partitioned_by_month_with_an_error_column(job):
    import pyarrow.dataset as ds

    tmp_path = job["out"].parent
    months = {p.name for p in (tmp_path / "out" / "records").iterdir() if p.is_dir()}
    assert months and all(m.startswith("month=") for m in months)
    assert "month=2025-02" in months  # the copies of one text, published in February 2025
    documents = ds.dataset(tmp_path / "out" / "documents", partitioning="hive").to_table().to_pylist()
    failed = [d for d in documents if d["error"]]
    assert [Path(d["path"]).name for d in failed] == ["d-bad-date.txt"] and failed[0]["id"] is None
    assert "publication date" in failed[0]["error"] and failed[0]["month"] == "undated"
    records = ds.dataset(tmp_path / "out" / "records", partitioning="hive").to_table()
    for column in ("id", "document_id", "kind", "span_start", "quote", "date_start", "state", "count_value",
                   "sources_text", "extractor", "json", "month"):
        assert column in records.column_names, column


def test_the_model_is_loaded_once_per_python_worker(spark, reports):
    from enforcement_tracker.spark.partition import extract_rows

    rows = input_rows(reports["paths"][:48])

    def task(part):
        from enforcement_tracker.extract.nlp import load_nlp

        n = sum(1 for _ in extract_rows(list(part)))
        yield os.getpid(), load_nlp.cache_info().misses, n

    results = spark.sparkContext.parallelize(rows, 12).mapPartitions(task).collect()
    assert sum(n for _, _, n in results) == 48
    workers = {pid for pid, _, _ in results}
    assert all(misses == 1 for _, misses, _ in results)  # never loaded twice in one worker
    assert len(workers) < len(results)  # and workers were reused across tasks


def _write_warc(folder: Path, pages: int) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    texts = make_corpus()(folder / "texts", docs=pages, seed=31, enforcement_share=0.6)
    warc = folder / "crawl-00001.warc.gz"
    with open(warc, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(uri: str, body: bytes, status: str = "200 OK", kind: str = "text/html; charset=utf-8"):
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        for i, path in enumerate(texts):
            body = path.read_text(encoding="utf-8")
            if not body.lstrip().startswith("<"):
                paragraphs = body.split("\n---\n", 1)[-1].split("\n\n")
                body = (f"<html><head><title>Report {i}</title></head><body><article>"
                        + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</article></body></html>")
            response(f"https://news.example.org/story/{i}", body.encode("utf-8"))
        # Neither is an article: skipped by the job as by `etrack ingest`.
        response("https://news.example.org/missing", b"<html><body>gone</body></html>", status="404 Not Found")
        response("https://news.example.org/logo.png", b"\x89PNG....", kind="image/png")
    (folder / "manifest.txt").write_text(f"# one crawl\n{warc.name}\n", encoding="utf-8")
    return warc


def test_a_warc_manifest_gives_the_ledger_that_ingesting_the_warc_gives(spark, tmp_path: Path):
    from warcio.archiveiterator import ArchiveIterator

    warc = _write_warc(tmp_path, pages=30)
    summary = run_extract(spark, str(tmp_path / "manifest.txt"), str(tmp_path / "out"))
    assert summary.documents == 30 and summary.failed == 0 and summary.records > 10
    load_output(connect(tmp_path / "loaded.db"), tmp_path / "out", keep_all_text=True)
    result = CliRunner().invoke(main, ["ingest", str(warc), "--db", str(tmp_path / "ingested.db")])
    assert result.exit_code == 0, result.output
    ingested, mine = ledger_tables(tmp_path / "ingested.db"), ledger_tables(tmp_path / "loaded.db")
    for table in ("records", "record_places", "record_agencies", "sources", "events", "event_records"):
        assert ingested[table] == mine[table], table
    assert mine["records"]
    # The documents are the same but for what a fetch records about the capture.
    conn, theirs = sqlite3.connect(tmp_path / "loaded.db"), sqlite3.connect(tmp_path / "ingested.db")
    keep = [c[1] for c in conn.execute("PRAGMA table_info(documents)") if c[1] not in FETCH_COLUMNS + ("ingested_at",)]
    sql = f"SELECT {', '.join(keep)} FROM documents ORDER BY id"
    assert conn.execute(sql).fetchall() == theirs.execute(sql).fetchall()
    # Each document points at its capture: the WARC file and the record's offset.
    for path, url in conn.execute("SELECT path, url FROM documents"):
        name, offset = path.rsplit("#", 1)
        assert name == str(warc)
        with open(name, "rb") as handle:
            handle.seek(int(offset))
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == url


def test_a_file_in_the_manifest_that_is_no_warc_is_its_row_s_error_not_the_job_s(spark, tmp_path: Path):
    _write_warc(tmp_path, pages=6)
    (tmp_path / "notes.warc.gz").write_text("just notes\n", encoding="utf-8")
    (tmp_path / "manifest.txt").write_text("crawl-00001.warc.gz\nnotes.warc.gz\n", encoding="utf-8")
    summary = run_extract(spark, str(tmp_path / "manifest.txt"), str(tmp_path / "out"))
    assert (summary.documents, summary.failed) == (7, 1)
    loaded = load_output(connect(tmp_path / "loaded.db"), tmp_path / "out")
    assert loaded.new == 6 and loaded.failed == 1
    assert loaded.errors == [f"{tmp_path / 'notes.warc.gz'}#0: is not a readable WARC file (Unknown archive format, "
                             "first line: ['just', 'notes']) (give a .warc or .warc.gz file as written by a crawler)"]


def test_the_command_names_a_bad_input(tmp_path: Path, spark):
    write_input([{"id": "1", "body": "no text column here"}], tmp_path / "bad.parquet")
    result = CliRunner().invoke(main, ["spark", "extract", str(tmp_path / "bad.parquet"), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.parquet: has no `text` column (it has: id, body)" in result.output
