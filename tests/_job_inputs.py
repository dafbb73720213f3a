"""Inputs and comparisons shared by the load and Spark tests: generated reports as files and as
the job's input rows, the job's output written without Spark, and a ledger read table by table."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from typing import Any

from enforcement_tracker.ingest.frontmatter import split_front_matter
from enforcement_tracker.ingest.reader import decode

REPO = Path(__file__).resolve().parents[1]
# Columns whose values say when a row was written, or number rows in arrival order: they differ
# between two runs of the same thing, and nothing a user reads depends on them.
VOLATILE = {"documents": {"ingested_at"}, "sources": {"id"}, "document_sightings": {"seen_at"}}
# Tables of run-time bookkeeping, not of what the ledger says (a random ledger id, an audit trail
# of timestamps, the reconcile rules' version stamp).
SKIPPED = {"audit_log", "ledger_identity"}
COPY_BODY = ("ICE officers arrested 31 people in Omaha on Monday, a spokesperson for the agency said. "
             "The operation began Sunday, officials said.\n")


def make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", REPO / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus


def write_reports(folder: Path, docs: int, seed: int = 11) -> list[Path]:
    """`docs` generated reports and prose, plus: two copies of one text with other metadata (the
    later-dated one first in file order), a text with no claim, and a file whose date is wrong."""
    paths = make_corpus()(folder, docs=docs, seed=seed, enforcement_share=0.5)
    extra = {
        "a-copy-later.txt": f"---\npublisher: Example Late Wire\npublished: 2025-02-10\n---\n{COPY_BODY}",
        "b-copy-earlier.txt": f"---\npublisher: Example Early Wire\npublished: 2025-02-03\n---\n{COPY_BODY}",
        "c-no-claim.txt": "---\npublisher: Example Gazette\npublished: 2025-03-01\n---\n"
                          "The library reopened on Tuesday after a month of repairs to its roof.\n",
        "d-bad-date.txt": "---\npublished: the thirty-first of Smarch\n---\nAgents arrested 12 people.\n",
    }
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return sorted(paths)


def input_rows(paths: list[Path]) -> list[dict[str, Any]]:
    """The job's Parquet input for the same files: body and front matter in columns, the file's
    name as `source_uri` (what `etrack ingest` keeps as the document's path)."""
    rows = []
    for i, path in enumerate(paths):
        meta, body = split_front_matter(decode(path.read_bytes(), str(path)), str(path))
        rows.append({"id": f"r{i}", "text": body, "publisher": meta.get("publisher"),
                     "published": meta.get("published", meta.get("date")), "url": meta.get("url"),
                     "title": meta.get("title"), "source_uri": str(path), "kind": meta.get("kind")})
    return rows


def write_input(rows: list[dict[str, Any]], path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def write_output(rows: list[dict[str, Any]], output: Path) -> Path:
    """What the Spark job writes, from `extract_rows` output, with pyarrow (for tests without Spark)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from enforcement_tracker.spark.columns import DOCUMENT_COLUMNS, record_columns

    types = {"string": pa.string(), "long": pa.int64(), "double": pa.float64()}
    doc_schema = pa.schema([(n, types[t]) for n, t in DOCUMENT_COLUMNS])
    rec_schema = pa.schema([(n, types[t]) for n, t in record_columns()])
    documents = pa.Table.from_pylist([{k: v for k, v in r.items() if k != "records"} for r in rows], doc_schema)
    records = pa.Table.from_pylist([rec for r in rows for rec in r["records"]], rec_schema)
    pq.write_to_dataset(documents, output / "documents", partition_cols=["month"])
    pq.write_to_dataset(records, output / "records", partition_cols=["month"])
    return output


def ledger_tables(db: Path) -> dict[str, list[tuple]]:
    """Every table of a ledger (but full-text shadows and bookkeeping), rows sorted, volatile
    columns left out: two ledgers that say the same thing compare equal."""
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name")]
        out = {}
        for name in names:
            if name in SKIPPED:
                continue
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')
                       if r[1] not in VOLATILE.get(name, set())]
            sql = f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} FROM "{name}"'
            out[name] = sorted(conn.execute(sql).fetchall(), key=repr)
        return out
    finally:
        conn.close()


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> dict[str, tuple[int, int]]:
    """{table: (rows in a, rows in b)} of the tables that differ."""
    return {t: (len(a.get(t, [])), len(b.get(t, []))) for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)}
