"""The dashboard's place-and-day aggregates, read from the summary tables when the filter allows.

Migration 010 keeps `place_day_summary` and `kind_summary` up to date at ingest (triggers), so a
page reads a few thousand summary rows instead of grouping every record. A filter the summary
cannot answer (words of the quote, an agency, a publisher) reads the records themselves.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from enforcement_tracker.publish.filters import RecordFilter

SUMMARY_KINDS = ("operation", "arrest_count")


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def has_summaries(conn: sqlite3.Connection) -> bool:
    return _has(conn, "place_day_summary")


def summary_serves(flt: RecordFilter) -> bool:
    """Whether the summary tables answer this filter exactly (their keys: place, state, kind, day, status)."""
    return not (flt.q or flt.agency or flt.publisher or flt.review)  # no review state in them either


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def place_activity(conn: sqlite3.Connection, flt: RecordFilter) -> list[dict[str, Any]]:
    """Operations and arrest counts per place, day and status (rows as queries.place_activity gives)."""
    if flt.kind and flt.kind not in SUMMARY_KINDS:
        return []
    if has_summaries(conn) and summary_serves(flt):
        clauses, params = ["1"], []
        if flt.kind:
            clauses.append("kind = ?")
            params.append(flt.kind)
        if flt.place:
            variants = flt.place_variants()
            clauses.append(f"name IN ({', '.join('?' for _ in variants)})")
            params += variants
        if flt.state:
            clauses.append("state = ?")
            params.append(flt.state)
        if flt.status:
            clauses.append("status = ?")
            params.append(flt.status)
        if flt.since:
            clauses.append("day >= ?")
            params.append(flt.since)
        if flt.until:
            clauses.append("day != '' AND day <= ?")
            params.append(flt.until + "~")
        return _rows(conn, (
            "SELECT name, NULLIF(state, '') AS state, kind, NULLIF(day, '') AS day, NULLIF(status, '') AS status,"
            " n, largest, lat, lon, record_id FROM place_day_summary WHERE " + " AND ".join(clauses)), params)
    where, params = flt.where()
    return _rows(conn, (
        "SELECT p.name, p.state, r.kind, COALESCE(r.date_start, d.published) AS day, r.status, count(*) AS n,"
        " max(r.count_value) AS largest, avg(p.lat) AS lat, avg(p.lon) AS lon, min(r.id) AS record_id"
        " FROM records r JOIN documents d ON d.id = r.document_id JOIN record_places p ON p.record_id = r.id"
        " WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)"
        f" AND {where} GROUP BY p.name, p.state, r.kind, day, r.status"), params)


def kind_counts(conn: sqlite3.Connection, flt: RecordFilter) -> dict[str, int]:
    """Records by kind in the selection."""
    if not flt.active() and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'kind_summary'").fetchone():
        return {k: n for k, n in conn.execute("SELECT kind, n FROM kind_summary WHERE n > 0")}
    if not (flt.q or flt.place or flt.state or flt.agency or flt.review) and _has(conn, "record_count_summary"):
        clauses, params = ["1"], []
        if flt.kind:
            clauses.append("kind = ?")
            params.append(flt.kind)
        if flt.status:
            clauses.append("status = ?")
            params.append(flt.status)
        if flt.publisher:
            clauses.append("publisher = ? COLLATE NOCASE")
            params.append(flt.publisher)
        if flt.since:
            clauses.append("day_end != '' AND day_end >= ?")
            params.append(flt.since)
        if flt.until:
            clauses.append("day_start != '' AND day_start <= ?")
            params.append(flt.until + "~")
        return {k: n for k, n in conn.execute(
            "SELECT kind, sum(n) FROM record_count_summary WHERE " + " AND ".join(clauses) + " GROUP BY kind"
            " HAVING sum(n) > 0", params)}
    where, params = flt.where()
    source = "records r JOIN documents d ON d.id = r.document_id" if flt.needs_documents else "records r"
    return dict(conn.execute(f"SELECT r.kind, count(*) FROM {source} WHERE {where} GROUP BY r.kind",
                             params).fetchall())


def _summary_where(flt: RecordFilter) -> tuple[str, list[Any]]:
    clauses, params = ["1"], []
    if flt.kind:
        clauses.append("kind = ?")
        params.append(flt.kind)
    if flt.place:
        variants = flt.place_variants()
        clauses.append(f"name IN ({', '.join('?' for _ in variants)})")
        params += variants
    if flt.state:
        clauses.append("state = ?")
        params.append(flt.state)
    if flt.status:
        clauses.append("status = ?")
        params.append(flt.status)
    if flt.since:
        clauses.append("day >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append("day != '' AND day <= ?")
        params.append(flt.until + "~")
    return " AND ".join(clauses), params


def map_and_timeline(conn: sqlite3.Connection, flt: RecordFilter,
                     n_places: int = 14) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    """The map's places and the timeline's rows grouped in SQL over the summary table, or None when
    the summary cannot answer the filter (the caller then groups the records in Python)."""
    if not (has_summaries(conn) and summary_serves(flt)):
        return None
    if flt.kind and flt.kind not in SUMMARY_KINDS:
        return [], {"places": [], "points": []}
    where, params = _summary_where(flt)
    places = _rows(conn, (
        "SELECT name, NULLIF(state, '') AS state, avg(lat) FILTER (WHERE lat IS NOT NULL) AS lat,"
        " avg(lon) FILTER (WHERE lon IS NOT NULL) AS lon,"
        " COALESCE(sum(n) FILTER (WHERE kind = 'operation'), 0) AS operations,"
        " max(largest) FILTER (WHERE kind = 'arrest_count') AS largest,"
        " min(record_id) FILTER (WHERE kind = 'operation') AS record_id,"
        " min(NULLIF(day, '')) FILTER (WHERE kind = 'operation') AS first,"
        " max(NULLIF(day, '')) FILTER (WHERE kind = 'operation') AS last"
        f" FROM place_day_summary WHERE {where} GROUP BY name, state"), params)
    located = [p for p in places if p["operations"] and p["lat"] is not None]
    top = sorted((p for p in places if p["operations"]), key=lambda p: (-p["operations"], p["name"]))[:n_places]
    points: list[dict[str, Any]] = []
    if top:
        keys = [x for p in top for x in (p["name"], p["state"] or "")]
        pairs = ", ".join("(?, ?)" for _ in top)
        points = _rows(conn, (
            "SELECT name, NULLIF(state, '') AS state, day, NULLIF(status, '') AS status, n, record_id"
            f" FROM place_day_summary WHERE {where} AND kind = 'operation' AND day != ''"
            f" AND (name, state) IN (VALUES {pairs})"), params + keys)
    timeline = {"places": [{"name": p["name"], "state": p["state"], "n": p["operations"]} for p in top],
                "points": points}
    return located, timeline
