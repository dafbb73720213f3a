"""Writing extractions into the ledger and reading records back out."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from enforcement_tracker import kinds
from enforcement_tracker.errors import StoreError
from enforcement_tracker.models import Extraction, Record
from enforcement_tracker.store.identity import note_copy


def save_extraction(conn: sqlite3.Connection, extraction: Extraction, *,
                    also: Callable[[sqlite3.Connection], None] | None = None, copy_text: str | None = None) -> str:
    """Store one document and its records in one transaction; 'new', 'updated' or 'unchanged'.

    The events are not touched here: the document is marked stale and `update_events` (one
    transaction for a whole batch) brings them up to date. `also` runs inside the same
    transaction after the document is written (its fetch provenance and revision, fetch/store.py).
    Wire copies are linked in the same transaction (store/copy_links.py), from `copy_text` when
    the document's stored text is left out (etrack load), else from its text.
    """
    # Imported here: wire-copy linking pulls in MinHash (datasketch, scipy), a second of start-up
    # that a server, which only reads, should not pay before its first page.
    from enforcement_tracker.store.copy_links import fresh_member, link_document

    doc = extraction.document

    def winning_copy(c: sqlite3.Connection, e: Extraction) -> None:
        _insert_records(c, e)
        link_document(c, fresh_member(e.document, copy_text))  # its outlet and date may differ

    if _stored(conn, doc.id):
        return note_copy(conn, extraction, winning_copy)  # another copy of the text: 'unchanged' or 'updated'
    member = fresh_member(doc, copy_text)  # the MinHash before the write lock is taken
    try:
        conn.execute("BEGIN IMMEDIATE")
        if _stored(conn, doc.id):  # another process stored it since the look above
            conn.execute("ROLLBACK")
            return note_copy(conn, extraction, winning_copy)
        conn.execute(
            "INSERT INTO documents (id, publisher, published, kind, title, url, syndicated_from, path,"
            " text, extractor, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, doc.publisher, doc.published, doc.kind, doc.title, doc.url, doc.syndicated_from,
             # Each kind is its own versioned component: the document names every one that read it.
             doc.path, doc.text, "; ".join(sorted({r.extractor for r in extraction.records})) or None,
             datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )
        for record in extraction.records:
            _insert_record(conn, record)
        if also is not None:
            also(conn)
        link_document(conn, member)
        # In the same transaction: whatever happens next, the events are known to lag this
        # document until store/events.py regroups its claims and removes the mark.
        conn.execute("INSERT OR IGNORE INTO events_stale (document_id) VALUES (?)", (doc.id,))
        conn.execute("COMMIT")
    except (sqlite3.Error, OverflowError) as exc:
        # OverflowError: a number too big for SQLite (a 30-digit count) is this document's problem.
        _roll_back(conn)
        raise StoreError(f"could not store document ({exc})", source=doc.path or doc.id,
                         hint="the ledger is unchanged for this document") from exc
    except BaseException:
        # Never leave the transaction open: the ledger stays as it was and the connection usable.
        _roll_back(conn)
        raise
    return "new"


def _insert_records(conn: sqlite3.Connection, extraction: Extraction) -> None:
    """A winning copy's records, the stored copy's gone (store/identity.py; in its transaction)."""
    for record in extraction.records:
        _insert_record(conn, record)


def _stored(conn: sqlite3.Connection, document_id: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None


def _roll_back(conn: sqlite3.Connection) -> None:
    # BEGIN itself may have failed (the ledger locked past the timeout): then there is nothing to undo.
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _insert_record(conn: sqlite3.Connection, record: Record) -> None:
    row = record_columns(record)
    conn.execute(
        f"INSERT INTO records ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    _insert_children(conn, record)


def _insert_children(conn: sqlite3.Connection, record: Record) -> None:
    for i, place in enumerate(record.fields.get("places") or []):
        conn.execute(
            "INSERT INTO record_places (record_id, position, name, kind, state, geonameid, lat, lon)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (record.id, i, place.get("name"), place.get("kind"), place.get("state"),
             place.get("geonameid"), place.get("lat"), place.get("lon")),
        )
    for code in sorted({a["code"] for a in record.fields.get("agencies") or []}):
        conn.execute("INSERT INTO record_agencies (record_id, code) VALUES (?, ?)", (record.id, code))
    for source in record.sources:
        person = source.person or {}
        conn.execute(
            "INSERT INTO sources (record_id, kind, count, description, person_name, person_title, outlet,"
            " first_reported) VALUES (?,?,?,?,?,?,?,?)",
            (record.id, source.kind, source.count, source.description, person.get("name"),
             person.get("title"), source.outlet, int(bool(source.first_reported))),
        )


def record_columns(record: Record) -> dict[str, Any]:
    """The indexed columns of a record row: its kind says which dates, places and numbers fill them."""
    return {
        "id": record.id,
        "document_id": record.document_id,
        "kind": record.kind,
        "span_start": record.span[0],
        "span_end": record.span[1],
        "quote": record.quote,
        **kinds.get(record.kind).columns(record.fields),
        "sources_text": describe_sources(record),
        "extractor": record.extractor,
        "json": json.dumps(record.to_dict(), ensure_ascii=False),
    }


def describe_sources(record: Record) -> str:
    """Who says it, in a few words: "3 anonymous (sources familiar with the planning); NBC News"."""
    words = []
    for s in record.sources:
        if s.kind == "named" and s.person:
            words.append(", ".join(x for x in (s.person.get("name"), s.person.get("title")) if x))
        elif s.kind in ("outlet", "agency", "document"):
            words.append((s.outlet or s.description or s.kind) + (" (first to report)" if s.first_reported else ""))
        else:
            n = f"{s.count} " if s.count else ""
            words.append(f"{n}{s.kind.replace('_', ' ')}" + (f" ({s.description})" if s.description else ""))
    return "; ".join(words)


def query_records(
    conn: sqlite3.Connection,
    *,
    kind: str | None = None,
    place: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Records as contract dicts, with their document's publisher and date, newest documents first."""
    where, params = [], []
    if kind:
        where.append("r.kind = ?")
        params.append(kind)
    if place:
        where.append(
            "(r.id IN (SELECT record_id FROM record_places WHERE name = ? COLLATE NOCASE OR state = ? COLLATE NOCASE)"
            " OR r.places LIKE ? )")
        params += [place, place, f"%{place}%"]
    if since:
        where.append("(COALESCE(r.date_end, r.date_start, d.published) >= ?)")
        params.append(since)
    sql = ("SELECT r.json, d.publisher, d.published, d.path FROM records r JOIN documents d ON d.id = r.document_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY d.published DESC, r.document_id, r.span_start")
    if limit:
        sql += f" LIMIT {int(limit)}"
    out = []
    for row in conn.execute(sql, params):
        data = json.loads(row["json"])
        data["document"] = {"publisher": row["publisher"], "published": row["published"], "path": row["path"]}
        out.append(data)
    return out


def count_by_kind(conn: sqlite3.Connection, document_ids: Iterable[str] | None = None) -> dict[str, int]:
    if document_ids is None:
        rows = conn.execute("SELECT kind, COUNT(*) FROM records GROUP BY kind")
    else:
        ids = list(document_ids)
        if not ids:
            return {}
        rows = conn.execute(
            f"SELECT kind, COUNT(*) FROM records WHERE document_id IN ({','.join('?' for _ in ids)}) GROUP BY kind", ids)
    return {k: n for k, n in rows}


def replace_record(conn: sqlite3.Connection, record: Record) -> None:
    """Write a record's new fields over its row (a correction, a newer reading): the indexed
    columns, places, agencies, sources (and so the quote's full-text entries). The caller owns the
    transaction and keeps the revision it replaces (store/review.py)."""
    if conn.execute("SELECT 1 FROM records WHERE id = ?", (record.id,)).fetchone() is None:
        raise StoreError(f"no record {record.id}", hint="`etrack records` lists the ledger's records")
    for table in ("record_places", "record_agencies", "sources"):
        conn.execute(f"DELETE FROM {table} WHERE record_id = ?", (record.id,))
    row = record_columns(record)
    row.pop("id")
    # The full-text indexes follow the quote through their triggers (records_fts: migration 016's).
    conn.execute(f"UPDATE records SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?",
                 [*row.values(), record.id])
    _insert_children(conn, record)
