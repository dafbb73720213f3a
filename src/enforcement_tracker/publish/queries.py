"""The SQL behind the web pages, as plain functions of a sqlite3 connection.

Every function works on a ledger with only the core tables: the official series and checks
(migrations 002/003) are read only when sqlite_master has them, and the pages say when they
are absent. Nothing here returns a person who was arrested: records are counts, places,
dates, agencies and public statements.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any

from enforcement_tracker.publish.filters import RecordFilter

RECORD_LIST_COLUMNS = (
    "r.rowid AS rowid, r.id, r.kind, r.document_id, d.publisher, d.published, r.date_start, r.date_end,"
    " r.places, r.state, r.agencies, r.count_value, r.count_low, r.count_high, r.share, r.qualifier,"
    " r.status, r.category, r.per, r.sources_text, r.quote, r.span_start, r.span_end, r.review")


def rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")}


# --- lists of records -------------------------------------------------------------------------

def record_page(conn: sqlite3.Connection, flt: RecordFilter, size: int = 100,
                after: tuple[str, int] | None = None) -> tuple[list[dict[str, Any]], tuple[str, int] | None]:
    """Newest documents first; keyset paging on (published, rowid) so page 1000 costs what page 1 does."""
    where, params = flt.where()
    # Plain d.published (not COALESCE) so SQLite can walk documents_published in order and stop
    # at the page; NULL dates sort last in DESC, as the empty-string token says.
    if after and after[0]:
        where += " AND (d.published < ? OR d.published IS NULL OR (d.published = ? AND r.rowid < ?))"
        params += [after[0], after[0], after[1]]
    elif after:
        where += " AND d.published IS NULL AND r.rowid < ?"
        params.append(after[1])
    # Broad filters: read documents newest first and stop at the page (CROSS JOIN fixes that
    # order). A place or state: start from its index and sort the few records it picks.
    join = "records r JOIN documents d" if flt.selective else "documents d CROSS JOIN records r"
    found = rows(conn, f"SELECT {RECORD_LIST_COLUMNS} FROM {join} ON d.id = r.document_id"
                       f" WHERE {where} ORDER BY d.published DESC, r.rowid DESC LIMIT ?", params + [size + 1])
    more = len(found) > size
    found = found[:size]
    nxt = (found[-1]["published"] or "", found[-1]["rowid"]) if more and found else None
    return found, nxt


def record_batches(conn: sqlite3.Connection, flt: RecordFilter, batch: int = 5000,
                   after_rowid: int = 0) -> list[dict[str, Any]]:
    """One batch of every matching record in storage order (for exports that stream)."""
    where, params = flt.where()
    return rows(conn, f"SELECT {RECORD_LIST_COLUMNS} FROM records r JOIN documents d ON d.id = r.document_id"
                      f" WHERE r.rowid > ? AND {where} ORDER BY r.rowid LIMIT ?", [after_rowid] + params + [batch])


def operation_features(conn: sqlite3.Connection, flt: RecordFilter, batch: int = 5000,
                       after: tuple[int, int] = (0, -1)) -> list[dict[str, Any]]:
    """Operation records with each of their located places, in storage order."""
    where, params = flt.where()
    return rows(conn, (
        "SELECT r.rowid AS rowid, p.position, r.id, r.status, r.date_start, r.date_end, r.agencies,"
        " json_extract(r.json, '$.start.precision') AS start_precision,"
        " json_extract(r.json, '$.end.precision') AS end_precision, json_extract(r.json, '$.name') AS name,"
        " p.name AS place, p.kind AS place_kind, p.state AS place_state, p.geonameid, p.lat, p.lon,"
        " d.publisher, d.published, r.sources_text"
        " FROM records r JOIN documents d ON d.id = r.document_id JOIN record_places p ON p.record_id = r.id"
        f" WHERE r.kind = 'operation' AND p.lat IS NOT NULL AND (r.rowid, p.position) > (?, ?) AND {where}"
        " ORDER BY r.rowid, p.position LIMIT ?"), [after[0], after[1]] + params + [batch])


# --- one record, one document -----------------------------------------------------------------

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
    out["checks"] = (rows(conn, "SELECT * FROM checks WHERE record_id = ? ORDER BY official_source, period_start",
                          (record_id,)) if "checks" in tables(conn) else None)
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
    shown = rows(conn, "SELECT r.id, r.kind, r.quote, r.date_start, d.publisher, d.published FROM records r"
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
    out["records"] = rows(conn, "SELECT id, kind, span_start, span_end, quote, places, date_start, count_value,"
                                " count_low, count_high, share, status, category, sources_text FROM records"
                                " WHERE document_id = ? ORDER BY span_start, span_end DESC, id", (document_id,))
    return out


# --- the dashboard ----------------------------------------------------------------------------

def overview(conn: sqlite3.Connection) -> dict[str, Any]:
    kinds = dict(conn.execute("SELECT kind, count(*) FROM records GROUP BY kind").fetchall())
    docs, first, last = conn.execute("SELECT count(*), min(published), max(published) FROM documents").fetchone()
    present = tables(conn)
    review = {"reviews": conn.execute("SELECT count(*) FROM reviews").fetchone()[0] if "reviews" in present else 0}
    # Review states arrive with the review workflow; count them when the column exists.
    for column in ("review_status", "review_state"):
        if column in columns(conn, "records"):
            review["awaiting"] = conn.execute(
                f"SELECT count(*) FROM records WHERE {column} IN ('pending', 'awaiting', 'needs_review')").fetchone()[0]
    return {"kinds": kinds, "records": sum(kinds.values()), "documents": docs, "first": first, "last": last,
            "review": review, "official": sorted(present & {"ice_posted_daily", "foia_arrests_weekly", "checks"})}


def place_activity(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Operations and arrest counts per place, day and status, in one pass over the ledger.

    Operations count in every place they name; an arrest count in its first place only (a
    count shared by several places cannot be split). The day is the record's own date, else
    its document's (looked up only when the record has none).
    """
    return rows(conn, (
        "SELECT p.name, p.state, r.kind, COALESCE(r.date_start,"
        " (SELECT published FROM documents WHERE id = r.document_id)) AS day, r.status, count(*) AS n,"
        " sum(r.count_value) AS arrests, avg(p.lat) AS lat, avg(p.lon) AS lon, min(r.id) AS record_id"
        " FROM records r JOIN record_places p ON p.record_id = r.id"
        " WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)"
        " GROUP BY p.name, p.state, r.kind, day, r.status"))


def operations_timeline(activity: list[dict[str, Any]], n_places: int = 14) -> dict[str, Any]:
    """Operations by place and day with their status, for the places with the most operations."""
    totals: dict[tuple[str, str | None], int] = {}
    for row in activity:
        if row["kind"] == "operation":
            totals[(row["name"], row["state"])] = totals.get((row["name"], row["state"]), 0) + row["n"]
    top = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0][0]))[:n_places]
    places = [{"name": name, "state": state, "n": n} for (name, state), n in top]
    keep = {key for key, _ in top}
    points = [{k: row[k] for k in ("name", "state", "day", "status", "n", "record_id")} for row in activity
              if row["kind"] == "operation" and row["day"] and (row["name"], row["state"]) in keep]
    return {"places": places, "points": points}


def daily_arrests(conn: sqlite3.Connection, before: int = 56, after: int = 7) -> dict[str, Any]:
    """Nationwide daily claims, ICE's posted figures, FOIA weekly averages per day, the target band.

    The window ends a week after the newest nationwide daily claim that has a posted official
    figure near it (else the newest claim, else the newest official day) and starts eight weeks
    before it: the days a reader is checking.
    """
    present = tables(conn)
    anchor = None
    if "ice_posted_daily" in present:
        # The chart holds claims against the agency's own figures: where both exist, the newest
        # claimed day that has a posted figure within a week is the one a reader is checking.
        anchor = conn.execute(
            "SELECT max(r.date_start) FROM records r WHERE r.kind = 'arrest_count' AND r.state IS NULL"
            " AND r.date_start = r.date_end AND EXISTS (SELECT 1 FROM ice_posted_daily p"
            " WHERE p.date BETWEEN date(r.date_start, '-7 days') AND date(r.date_start, '+7 days'))").fetchone()[0]
    if not anchor:
        anchor = conn.execute("SELECT max(date_start) FROM records WHERE kind = 'arrest_count' AND state IS NULL"
                              " AND date_start = date_end").fetchone()[0]
    if not anchor and "ice_posted_daily" in present:
        anchor = conn.execute("SELECT max(date) FROM ice_posted_daily").fetchone()[0]
    if not anchor and "foia_arrests_weekly" in present:
        anchor = conn.execute("SELECT max(week_end) FROM foia_arrests_weekly").fetchone()[0]
    out: dict[str, Any] = {"window": None, "claims": [], "posted": [], "foia": [], "targets": []}
    if not anchor:
        return out
    day = date.fromisoformat(anchor[:10])
    start, end = (day - timedelta(days=before)).isoformat(), (day + timedelta(days=after)).isoformat()
    out["window"] = (start, end)
    out["claims"] = rows(conn, (
        "SELECT date_start AS day, count_value AS value, count(*) AS n, min(id) AS record_id FROM records"
        " WHERE kind = 'arrest_count' AND state IS NULL AND places IS NULL AND date_start = date_end"
        " AND date_start BETWEEN ? AND ? AND count_value IS NOT NULL GROUP BY day, value"
        " ORDER BY n DESC LIMIT 1500"), (start, end))
    if "ice_posted_daily" in present:
        out["posted"] = rows(conn, "SELECT date AS day, arrests AS value FROM ice_posted_daily"
                                   " WHERE date BETWEEN ? AND ? AND arrests IS NOT NULL ORDER BY date", (start, end))
    if "foia_arrests_weekly" in present:
        out["foia"] = rows(conn, "SELECT week_start, week_end, arrests_total / 7.0 AS value FROM foia_arrests_weekly"
                                 " WHERE week_end >= ? AND week_start <= ? ORDER BY week_start", (start, end))
    out["targets"] = rows(conn, (
        "SELECT COALESCE(count_low, count_value) AS low, COALESCE(count_high, count_value) AS high, count(*) AS n,"
        " min(date_start) AS first_issued, min(id) AS record_id FROM records WHERE kind = 'target' AND per = 'day'"
        " AND COALESCE(count_low, count_value) IS NOT NULL GROUP BY low, high ORDER BY n DESC LIMIT 3"))
    # Start where the data starts, not eight weeks of empty chart before it.
    firsts = [c["day"] for c in out["claims"]] + [p["day"] for p in out["posted"]]
    firsts += [f["week_start"] for f in out["foia"]]
    if firsts:
        first = (date.fromisoformat(max(min(firsts), start)[:10]) - timedelta(days=2)).isoformat()
        out["window"] = (max(first, start), end)
    return out


def noncriminal_shares(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, Any]]:
    """The newest claimed non-criminal shares, each with the FOIA share without conviction that week."""
    claims = rows(conn, (
        "SELECT c.id, c.category, c.qualifier, COALESCE(c.share, c.count_value / a.count_value) AS share,"
        " COALESCE(a.date_start, c.date_start, d.published) AS day, d.publisher, c.quote"
        # CROSS JOIN keeps documents first, so the newest are read by index and the scan stops early.
        " FROM documents d CROSS JOIN records c ON d.id = c.document_id LEFT JOIN records a ON a.id = c.of_record"
        " WHERE c.kind = 'criminality' AND c.category IN ('not_criminal', 'no_record', 'collateral')"
        " AND COALESCE(c.share, c.count_value / a.count_value) IS NOT NULL"
        " ORDER BY d.published DESC, c.rowid DESC LIMIT ?"), (limit,))
    weekly = "foia_arrests_weekly" in tables(conn)
    for claim in claims:
        claim["recorded"] = None
        if weekly and claim["day"]:
            found = rows(conn, "SELECT week_start, week_end, share_without_conviction AS share FROM foia_arrests_weekly"
                               " WHERE week_start <= ? AND week_end >= ? AND share_without_conviction IS NOT NULL",
                         (claim["day"][:10], claim["day"][:10]))
            claim["recorded"] = found[0] if found else None
    return claims


def map_points(activity: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places of operations, with how many operations and how many arrests were reported there."""
    places: dict[tuple[str, str | None], dict[str, Any]] = {}
    for row in activity:
        if row["lat"] is None:
            continue
        place = places.setdefault((row["name"], row["state"]), {
            "name": row["name"], "state": row["state"], "lat": row["lat"], "lon": row["lon"], "operations": 0,
            "arrests": 0, "record_id": None})
        if row["kind"] == "operation":
            place["operations"] += row["n"]
            place["record_id"] = min(filter(None, (place["record_id"], row["record_id"])))
        else:
            place["arrests"] += row["arrests"] or 0
    return [p for p in places.values() if p["operations"]]


def newest(conn: sqlite3.Connection, n: int = 12) -> list[dict[str, Any]]:
    return record_page(conn, RecordFilter(), size=n)[0]


def dashboard(conn: sqlite3.Connection) -> dict[str, Any]:
    activity = place_activity(conn)
    return {"overview": overview(conn), "timeline": operations_timeline(activity), "daily": daily_arrests(conn),
            "shares": noncriminal_shares(conn), "map": map_points(activity), "newest": newest(conn)}
