"""Document identity: one text is one document, and of its copies the earliest published wins.

A document is its text (its id is the text's hash), so the same words read twice with other
metadata (a wire story on two sites, a page captured in two crawls, a file with two names) are
one document. Which copy's metadata the ledger shows, and whose publication date its records'
weekdays were resolved against, is decided by one rule, the same in `etrack ingest` and
`etrack load` and whatever order the copies arrive in:

- the copy with the earliest publication date wins (dates compared as ISO text, so a month-only
  date sorts before the days of its month); a dated copy beats an undated one;
- a tie is broken by publisher, URL, title, kind and path, in that order, as text;
- every other copy is kept in `document_sightings` (migration 009), once each.

When a winning copy arrives after another was stored, the document takes its metadata and its
records (extracted against its date) and the stored copy becomes a sighting; the events are
regrouped. Records that a person has reviewed are never replaced this way: the stored copy then
stays and the new one is a sighting.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone
from typing import Any, Callable

from enforcement_tracker.models import Document, Extraction

COPY_FIELDS = ("publisher", "published", "kind", "title", "url", "path")


def copy_metadata(document: Document | dict[str, Any] | sqlite3.Row) -> dict[str, Any]:
    get = (lambda k: getattr(document, k)) if isinstance(document, Document) else (lambda k: document[k])
    return {k: get(k) for k in COPY_FIELDS}


def copy_key(document: Document | dict[str, Any] | sqlite3.Row) -> str:
    """What tells one copy of a text from another: its metadata, hashed."""
    meta = copy_metadata(document)
    data = json.dumps([meta[k] for k in COPY_FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


def copy_order(document: Document | dict[str, Any] | sqlite3.Row) -> tuple:
    """Sorts the winning copy first: earliest date, dated before undated, then the tie-breakers."""
    meta = copy_metadata(document)
    return (meta["published"] is None, meta["published"] or "",
            *(meta[k] or "" for k in ("publisher", "url", "title", "kind", "path")))


def note_copy(conn: sqlite3.Connection, extraction: Extraction,
              insert_records: Callable[[sqlite3.Connection, Extraction], None]) -> str:
    """Another copy of a stored document: 'unchanged' (seen before, or it loses: kept as a sighting)
    or 'updated' (it wins: the document takes its metadata and records). One transaction.

    `insert_records(conn, extraction)` writes the new copy's records (store/ledger.py owns how a
    record is written)."""
    doc = extraction.document
    key = copy_key(doc)
    try:
        conn.execute("BEGIN IMMEDIATE")
        stored = conn.execute(f"SELECT rowid, title, text, {', '.join(COPY_FIELDS)} FROM documents WHERE id = ?",
                              (doc.id,)).fetchone()
        if stored is None or copy_key(stored) == key or _sighted(conn, doc.id, key):
            conn.execute("ROLLBACK")
            return "unchanged"
        wins = copy_order(doc) < copy_order(stored) and not _reviewed(conn, doc.id)
        if not wins:
            _add_sighting(conn, doc.id, copy_metadata(doc))
            conn.execute("COMMIT")
            return "unchanged"
        _add_sighting(conn, doc.id, copy_metadata(stored))
        conn.execute("DELETE FROM document_sightings WHERE document_id = ? AND copy_key = ?", (doc.id, key))
        # Old records out while the document still has its old metadata, new ones in after it has
        # the new: triggers that keep summaries by the document's date and publisher read it.
        conn.execute("DELETE FROM records WHERE document_id = ?", (doc.id,))
        conn.execute(
            f"UPDATE documents SET {', '.join(f'{k} = ?' for k in COPY_FIELDS)}, syndicated_from = ?, extractor = ?"
            " WHERE id = ?",
            [*(copy_metadata(doc)[k] for k in COPY_FIELDS), doc.syndicated_from,
             "; ".join(sorted({r.extractor for r in extraction.records})) or None, doc.id])
        insert_records(conn, extraction)
        if stored["title"] != doc.title:  # the full-text index holds the title too
            conn.execute("INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                         (stored["rowid"], stored["title"], stored["text"]))
            conn.execute("INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
                         (stored["rowid"], doc.title, stored["text"]))
        conn.execute("INSERT OR IGNORE INTO events_stale (document_id) VALUES (?)", (doc.id,))
        conn.execute("COMMIT")
        return "updated"
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _sighted(conn: sqlite3.Connection, document_id: str, key: str) -> bool:
    return conn.execute("SELECT 1 FROM document_sightings WHERE document_id = ? AND copy_key = ?",
                        (document_id, key)).fetchone() is not None


def _reviewed(conn: sqlite3.Connection, document_id: str) -> bool:
    """Whether a person has touched any of the document's records (a review, a correction)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(records)")}
    if {"review", "revision"} <= columns and conn.execute(
            "SELECT 1 FROM records WHERE document_id = ? AND (review != 'machine' OR revision != 0) LIMIT 1",
            (document_id,)).fetchone():
        return True
    return conn.execute("SELECT 1 FROM reviews WHERE record_id IN (SELECT id FROM records WHERE document_id = ?)"
                        " LIMIT 1", (document_id,)).fetchone() is not None


def _add_sighting(conn: sqlite3.Connection, document_id: str, meta: dict[str, Any]) -> None:
    conn.execute(
        f"INSERT OR IGNORE INTO document_sightings (document_id, copy_key, {', '.join(COPY_FIELDS)}, seen_at)"
        f" VALUES (?, ?, {', '.join('?' for _ in COPY_FIELDS)}, ?)",
        (document_id, copy_key(meta), *(meta[k] for k in COPY_FIELDS),
         datetime.now(timezone.utc).isoformat(timespec="seconds")))
