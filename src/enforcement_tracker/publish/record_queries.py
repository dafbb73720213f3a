"""The SQL behind a record's page and a document's page: one record with its sources and checks, the
other reports of its event, and one document with its records."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from enforcement_tracker.publish.sql import rows, tables


def record(conn: sqlite3.Connection, record_id: str) -> dict[str, Any] | None:
    # The document's text comes along (the page highlights the quote in it): one read, not two.
    found = rows(conn, "SELECT r.*, d.publisher, d.published, d.title, d.url, d.kind AS document_kind,"
                       " d.syndicated_from, d.text AS document_text FROM records r JOIN documents d"
                       " ON d.id = r.document_id WHERE r.id = ?", (record_id,))
    if not found:
        return None
    out = found[0]
    out["data"] = json.loads(out["json"])
    out["sources"] = rows(conn, "SELECT * FROM sources WHERE record_id = ? ORDER BY id", (record_id,))
    out["related"], out["related_total"] = related_reports(conn, record_id)
    present = tables(conn)
    out["checks"] = (rows(conn, "SELECT * FROM checks WHERE record_id = ? ORDER BY official_source, period_start",
                          (record_id,)) if "checks" in present else None)
    if out["checks"]:
        from enforcement_tracker.analyze.official_figures import source_name, source_url

        for c in out["checks"]:
            detail = (json.loads(c["json"]).get("official") or {}).get("detail") or {}
            c["source_name"], c["source_url"] = source_name(c["official_source"]), source_url(c["official_source"], detail)
    found_verdict = rows(conn, "SELECT * FROM record_checks WHERE record_id = ?", (record_id,)) \
        if "record_checks" in present else []
    out["verdict"] = found_verdict[0] if found_verdict else None
    out["events"] = rows(conn, "SELECT e.id, e.label, e.n_documents, e.n_independent_sources FROM event_records er"
                               " JOIN events e ON e.id = er.event_id WHERE er.record_id = ?", (record_id,))
    if out.get("of_record"):
        out["qualifies"] = rows(conn, "SELECT id, kind, quote, count_value FROM records WHERE id = ?",
                                (out["of_record"],))
    # A criminality record qualifies an arrest count of its own document: search that document only.
    out["qualified_by"] = rows(conn, "SELECT id, category, share, count_value, quote FROM records"
                                     " WHERE document_id = ? AND of_record = ?", (out["document_id"], record_id))
    # Its review state, revisions and who did what (store/review.py), with the machine's reading
    # beside the shown one when a reviewer corrected it.
    if "record_revisions" in tables(conn):
        from enforcement_tracker.publish.review import record_review

        out["review_history"] = record_review(conn, record_id)
    return out


RELATED_SHOWN = 50


def related_reports(conn: sqlite3.Connection, record_id: str,
                    limit: int = RELATED_SHOWN) -> tuple[list[dict[str, Any]], int]:
    """The earliest other reports of the record's events (by publication, then id), and how many there are.

    Two ways to find the first `limit` members of an event, picked by its size: a small event is
    read whole and sorted; a big one (thousands of reports) is found by walking documents in
    date order and probing each one's records for membership, which stops after `limit` hits.
    Reading a 3,000-report event whole costs ~20 ms; the walk, on migration 006's covering
    indexes, a few. The walk reads about limit * records / size rows, the sort about size rows,
    hence the crossover at size ** 2 ~ limit * records (the constant is the walk's cheaper rows).
    """
    events = conn.execute("SELECT e.id, e.n_records FROM event_records er JOIN events e ON e.id = er.event_id"
                          " WHERE er.record_id = ?", (record_id,)).fetchall()
    if not events:
        return [], 0
    total_records = conn.execute("SELECT max(rowid) FROM records").fetchone()[0] or 0
    picked: list[str] = []
    for event_id, size in events:
        if (size or 0) ** 2 > limit * total_records / 2:
            # CROSS JOIN fixes the order: documents by date, their records, then the membership probe.
            sql = ("SELECT r.id FROM documents d CROSS JOIN records r ON r.document_id = d.id"
                   " CROSS JOIN event_records other ON other.event_id = ? AND other.record_id = r.id"
                   " WHERE r.id != ? ORDER BY d.published, r.id LIMIT ?")
        else:
            sql = ("SELECT r.id FROM event_records other JOIN records r ON r.id = other.record_id"
                   " JOIN documents d ON d.id = r.document_id WHERE other.event_id = ? AND other.record_id != ?"
                   " ORDER BY d.published, r.id LIMIT ?")
        picked += [rid for (rid,) in conn.execute(sql, (event_id, record_id, limit))]
    shown = rows(conn, "SELECT r.id, r.kind, r.quote, r.date_start, r.review, d.publisher, d.published FROM records r"
                       f" JOIN documents d ON d.id = r.document_id WHERE r.id IN ({', '.join('?' * len(picked))})"
                       " ORDER BY d.published, r.id LIMIT ?", [*dict.fromkeys(picked), limit]) if picked else []
    # Reconciliation keeps n_records; a record in two events counts once per event.
    total = sum(max((size or 0) - 1, 0) for _, size in events)
    return shown, max(total, len(shown))


def document(conn: sqlite3.Connection, document_id: str) -> dict[str, Any] | None:
    found = rows(conn, "SELECT * FROM documents WHERE id = ?", (document_id,))
    if not found:
        return None
    out = found[0]
    out["records"] = rows(conn, "SELECT id, kind, span_start, span_end, quote, places, date_start, date_end,"
                                " count_value, count_low, count_high, share, qualifier, status, category, per,"
                                " agencies, sources_text, review FROM records"
                                " WHERE document_id = ? ORDER BY span_start, span_end DESC, id", (document_id,))
    # A fetched or archived page (fetch/): where it came from, and whose story it is when a copy.
    present = tables(conn)
    for key, table in (("provenance", "document_provenance"), ("copy_of", "document_copies")):
        found = rows(conn, f"SELECT * FROM {table} WHERE document_id = ?", (document_id,)) if table in present else []
        out[key] = found[0] if found else None
    return out
