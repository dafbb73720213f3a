"""`etrack load`: a Spark job's output (documents/ and records/ Parquet) into the ledger.

Documents go in one transaction each, in a deterministic order (document id, then publication
date, then the identity rule's tie-breakers), through the same `save_extraction` that
`etrack ingest` uses, so the same inputs give the same ledger either way, copies of one text
(store/identity.py) and wire copies (store/copy_links.py, compared on the job's text even where
the ledger keeps none) included. A rerun changes nothing. The events are regrouped once, at the end.
Documents that carry no record are stored without their text unless `keep_all_text`: at crawl
scale most pages hold no claim, and their text is most of the job's output.

The Parquet is read through DuckDB, which sorts out of core: the whole output never sits in memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterator

from enforcement_tracker.errors import StoreError, TrackerError
from enforcement_tracker.models import Document, Extraction, Record
from enforcement_tracker.store.db import refresh_statistics
from enforcement_tracker.store.events import update_events
from enforcement_tracker.store.ledger import save_extraction

DOCUMENT_FIELDS = ("id", "publisher", "published", "kind", "title", "url", "syndicated_from", "path", "text",
                   "refused", "copy_key")
# The identity rule's order (store/identity.py: copy_order) after the document id.
_ORDER = ("id, published IS NULL, coalesce(published, ''), coalesce(publisher, ''), coalesce(url, ''),"
          " coalesce(title, ''), coalesce(kind, ''), coalesce(path, ''), copy_key")
FETCH_ROWS = 2_000


@dataclass
class LoadSummary:
    new: int = 0
    updated: int = 0      # a copy with an earlier date took the document's place (store/identity.py)
    unchanged: int = 0
    failed: int = 0       # rows the job could not read or extract: their `error`
    records: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)  # records the guard dropped, by reason (as ingest counts them)
    errors: list[str] = field(default_factory=list)
    events: int | None = None

    def words(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.records.items())) or "none"
        refused = ", ".join(f"{n} {reason}" for reason, n in sorted(self.refused.items()))
        refused = f"; refused: {refused}" if refused else ""
        events = f"; events: {self.events}" if self.events is not None else ""
        return (f"documents: {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed in the job; records: {kinds}{refused}{events}")


def output_tables(output: str | Path) -> tuple[str, str]:
    """The Parquet globs of a job's documents and records, or a StoreError saying what is missing."""
    root = Path(output)
    tables = []
    for name in ("documents", "records"):
        folder = root / name
        if not folder.is_dir() or not any(folder.rglob("*.parquet")):
            raise StoreError(f"has no {name}/ Parquet", source=str(output),
                             hint="give the OUTPUT folder of `etrack spark extract INPUT OUTPUT`")
        tables.append(str(folder / "**" / "*.parquet"))
    return tables[0], tables[1]


def count_documents(output: str | Path) -> int:
    documents, _ = output_tables(output)
    with _duckdb() as db:
        return db.execute("SELECT count(*) FROM read_parquet(?, hive_partitioning = true)", [documents]).fetchone()[0]


def load_output(conn: sqlite3.Connection, output: str | Path, *, keep_all_text: bool = False,
                on_document: Callable[[str], None] | None = None) -> LoadSummary:
    """Merge a job's output into the ledger; see the module's docstring."""
    documents, records = output_tables(output)
    summary = LoadSummary()
    with _duckdb() as db:
        for row in _rows(db, "SELECT path, input_id, error FROM read_parquet(?, hive_partitioning = true)"
                             " WHERE error IS NOT NULL ORDER BY path, input_id", [documents]):
            summary.failed += 1
            summary.errors.append(row["error"])
            if on_document:
                on_document("failed")
        copies = _rows(db, f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM read_parquet(?, hive_partitioning = true)"
                           f" WHERE error IS NULL ORDER BY {_ORDER}", [documents])
        found = _records_by_document(db.cursor(), records)
        for document_id, group in groupby(copies, key=lambda r: r["id"]):
            by_copy = found.take(document_id)
            for row in group:
                try:  # a row whose text no longer hashes to its id is that row's error
                    extraction = _extraction(row, by_copy.get(row["copy_key"], {}), keep_all_text)
                    status = save_extraction(conn, extraction, copy_text=row["text"] or "")
                except TrackerError as exc:
                    summary.failed += 1
                    summary.errors.append(str(exc))
                    status = "failed"
                if status == "new":
                    summary.new += 1
                    summary.records.update(r.kind for r in extraction.records)
                    summary.refused.update(extraction.refused)
                elif status == "updated":
                    summary.updated += 1
                elif status == "unchanged":
                    summary.unchanged += 1
                if on_document:
                    on_document(status)
    update = update_events(conn)
    refresh_statistics(conn)
    if summary.new or summary.updated or update.mode != "current":
        summary.events = update.events
    return summary


def _extraction(row: dict[str, Any], records: dict[int, str], keep_all_text: bool) -> Extraction:
    kept = [Record.from_dict(json.loads(records[p])) for p in sorted(records)]
    data = {k: row[k] for k in ("id", "publisher", "published", "kind", "title", "url", "syndicated_from", "path")}
    data["text"] = row["text"] if (kept or keep_all_text) else ""
    refused = json.loads(row["refused"]) if row["refused"] else {}
    return Extraction(Document.from_dict(data), kept, refused=refused)


class _RecordStream:
    """The records table in document order, handed out one document at a time (a merge join)."""

    def __init__(self, rows: Iterator[dict[str, Any]]):
        self._groups = groupby(rows, key=lambda r: r["document_id"])
        self._head: tuple[str, list[dict[str, Any]]] | None = None
        self._advance()

    def _advance(self) -> None:
        try:
            key, rows = next(self._groups)
            self._head = (key, list(rows))
        except StopIteration:
            self._head = None

    def take(self, document_id: str) -> dict[str | None, dict[int, str]]:
        """{copy_key: {position: record json}} of one document (a repeated row counted once)."""
        while self._head is not None and self._head[0] < document_id:
            self._advance()  # records of a document with no row: nothing to attach them to
        if self._head is None or self._head[0] != document_id:
            return {}
        out: dict[str | None, dict[int, str]] = {}
        for row in self._head[1]:
            out.setdefault(row["copy_key"], {}).setdefault(int(row["position"]), row["json"])
        self._advance()
        return out


def _records_by_document(db, records: str) -> _RecordStream:
    return _RecordStream(_rows(db, "SELECT document_id, copy_key, position, json FROM"
                                   " read_parquet(?, hive_partitioning = true)"
                                   " ORDER BY document_id, copy_key, position", [records]))


def _rows(db, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while True:
        batch = cursor.fetchmany(FETCH_ROWS)
        if not batch:
            return
        for values in batch:
            yield dict(zip(names, values))


class _duckdb:
    """An in-memory DuckDB for reading Parquet, closed after use."""

    def __enter__(self):
        import duckdb

        self.db = duckdb.connect(":memory:")
        return self.db

    def __exit__(self, *exc) -> None:
        self.db.close()
