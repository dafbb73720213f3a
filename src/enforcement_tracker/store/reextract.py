"""Reading stored documents again with a newer extractor, without losing a reviewer's work.

Record ids are stable across re-extraction: each new record is matched to the stored record
of the same claim in the same document (the same id; else the same kind and claim; else the
same kind on overlapping words) and takes its id, so links, reviews and release change logs
follow it. Then, per record:

- a machine record takes the new reading (the old one stays as a machine revision);
- a reviewed, verified or rejected record keeps its reviewer's revision; a new reading that
  differs is stored as a machine revision and the record is flagged for a second look;
- a stored record the new extractor no longer finds is dropped if no one reviewed it, and
  kept and flagged if someone did;
- a new claim is added as a machine record.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from enforcement_tracker.models import Document, Extraction, Record
from enforcement_tracker.reconcile import claim_hash
from enforcement_tracker.store import audit
from enforcement_tracker.store.ledger import _insert_record, replace_record
from enforcement_tracker.store.review import content_digest, ensure_machine_revision, mark_claims_stale


@dataclass
class ReextractSummary:
    documents: int = 0
    unchanged: int = 0      # same reading as before
    updated: int = 0        # machine records that took the new reading
    flagged: int = 0        # reviewed records whose machine reading changed or vanished
    added: int = 0
    dropped: int = 0
    ids_kept: dict[str, str] = field(default_factory=dict)  # new extractor's id -> the stored id it took


def stored_document(conn: sqlite3.Connection, document_id: str) -> Document:
    row = conn.execute("SELECT id, text, publisher, published, kind, title, url, syndicated_from, path"
                       " FROM documents WHERE id = ?", (document_id,)).fetchone()
    return Document(text=row["text"], publisher=row["publisher"], published=row["published"], kind=row["kind"],
                    title=row["title"], url=row["url"], syndicated_from=row["syndicated_from"], path=row["path"],
                    id=row["id"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_records(old: list[dict[str, Any]], new: list[Record]) -> dict[int, str]:
    """{index in new: stored id} for the new records that are a stored record's claim."""
    taken: set[str] = set()
    out: dict[int, str] = {}
    ids = {o["id"] for o in old}
    for i, rec in enumerate(new):
        if rec.id in ids and rec.id not in taken:
            out[i], _ = rec.id, taken.add(rec.id)
    by_claim: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for o in sorted(old, key=lambda o: o["span"][0]):
        by_claim.setdefault((o["kind"], claim_hash(o)), []).append(o)
    for i, rec in enumerate(new):
        if i in out:
            continue
        for o in by_claim.get((rec.kind, claim_hash(rec.to_dict())), []):
            if o["id"] not in taken:
                out[i] = o["id"]
                taken.add(o["id"])
                break
    for i, rec in enumerate(new):
        if i in out:
            continue
        best = max((o for o in old if o["id"] not in taken and o["kind"] == rec.kind),
                   key=lambda o: _overlap(tuple(o["span"]), rec.span), default=None)
        if best is not None and _overlap(tuple(best["span"]), rec.span) > 0:
            out[i] = best["id"]
            taken.add(best["id"])
    return out


def reextract_document(conn: sqlite3.Connection, extraction: Extraction) -> ReextractSummary:
    """Merge a newer extraction of a stored document into the ledger, in one transaction."""
    summary = ReextractSummary(documents=1)
    doc = extraction.document
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = conn.execute("SELECT id, json, review, revision, extractor FROM records WHERE document_id = ?",
                            (doc.id,)).fetchall()
        stored = {r["id"]: r for r in rows}
        old = [json.loads(r["json"]) for r in rows]
        new = [Record.from_dict(r.to_dict()) for r in extraction.records]
        matched = match_records(old, new)
        renamed = {new[i].id: sid for i, sid in matched.items() if new[i].id != sid}
        for i, sid in matched.items():
            new[i].id = sid
        for rec in new:  # a criminality record names the count it qualifies by id
            if rec.fields.get("of") in renamed:
                rec.fields["of"] = renamed[rec.fields["of"]]
        summary.ids_kept = renamed
        at = audit.now()
        touched: list[str] = []
        for i, rec in enumerate(new):
            if i not in matched:
                _insert_record(conn, rec)
                summary.added += 1
                continue
            row = stored[rec.id]
            reading = json.dumps(rec.to_dict(), ensure_ascii=False)
            latest = _latest_machine(conn, rec.id) or row["json"]
            if content_digest(reading) == content_digest(latest):
                summary.unchanged += 1
                continue
            ensure_machine_revision(conn, rec.id, row["json"], row["extractor"], at)
            revision = 1 + conn.execute("SELECT max(revision) FROM record_revisions WHERE record_id = ?",
                                        (rec.id,)).fetchone()[0]
            conn.execute("INSERT INTO record_revisions (record_id, revision, origin, json, who, at, why)"
                         " VALUES (?,?, 'machine', ?,?,?, 're-extracted')", (rec.id, revision, reading, rec.extractor, at))
            if row["review"] == "machine":
                touched.append(rec.id)
                replace_record(conn, rec)
                conn.execute("UPDATE records SET revision = ? WHERE id = ?", (revision, rec.id))
                summary.updated += 1
            else:
                conn.execute("UPDATE records SET second_look = 1 WHERE id = ?", (rec.id,))
                summary.flagged += 1
        found = set(matched.values())
        for sid, row in stored.items():
            if sid in found:
                continue
            if row["review"] == "machine":
                mark_claims_stale(conn, [sid])
                conn.execute("DELETE FROM record_revisions WHERE record_id = ?", (sid,))
                conn.execute("DELETE FROM records WHERE id = ?", (sid,))
                summary.dropped += 1
            else:
                conn.execute("UPDATE records SET second_look = 1 WHERE id = ?", (sid,))
                summary.flagged += 1
        mark_claims_stale(conn, touched)
        extractor = "; ".join(sorted({r.extractor for r in new})) or None
        conn.execute("UPDATE documents SET extractor = ? WHERE id = ?", (extractor, doc.id))
        conn.execute("INSERT OR IGNORE INTO events_stale (document_id) VALUES (?)", (doc.id,))
        audit.append(conn, "reextract", actor="etrack", subject=doc.id, detail={
            "extractor": extractor, "unchanged": summary.unchanged, "updated": summary.updated,
            "flagged": summary.flagged, "added": summary.added, "dropped": summary.dropped})
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return summary


def _latest_machine(conn: sqlite3.Connection, record_id: str) -> str | None:
    row = conn.execute("SELECT json FROM record_revisions WHERE record_id = ? AND origin = 'machine'"
                       " ORDER BY revision DESC LIMIT 1", (record_id,)).fetchone()
    return row[0] if row else None
