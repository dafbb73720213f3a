"""The dashboard's place-and-day aggregates, read from the summary tables when the filter allows.

Migration 010 keeps `place_day_summary` and `kind_summary` up to date at ingest (triggers), so a
page reads a few thousand summary rows instead of grouping every record; migration 011 keeps the
same groups once per agency and once per publisher, so those are answered the same way. A filter
the summaries cannot answer (words of the quote, a review state, an agency with a publisher)
reads the records.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from enforcement_tracker.publish import timeline, word_days, word_search
from enforcement_tracker.publish.filters import KEY_SPAN, RecordFilter, first_day, last_day

SUMMARY_KINDS = ("operation", "arrest_count")
# The daily chart's marks a day: the values most reported that day.
CLAIMS_PER_DAY = 3


def day_window(flt: RecordFilter) -> tuple[list[str], list[Any]]:
    """The clauses (and their values) that keep a summary row whose days meet the filter's dates:
    its last day on or after `since`, its first on or before `until` (undated rows never do)."""
    clauses: list[str] = []
    values: list[Any] = []
    if flt.since:
        clauses.append("day_end != '' AND day_end >= ?")
        values.append(flt.since)
    if flt.until:
        clauses.append("day_start != '' AND day_start <= ?")
        values.append(flt.until + "~")
    return clauses, values


def _equal(flt: RecordFilter, *columns: tuple[str, str]) -> tuple[list[str], list[Any]]:
    """'column = ?' for each (column, filter field) the filter sets, with its value; "1" first, so the
    clauses always join into a WHERE."""
    clauses: list[str] = ["1"]
    params: list[Any] = []
    for column, field in columns:
        value = getattr(flt, field)
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    return clauses, params


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


def has_summaries(conn: sqlite3.Connection) -> bool:
    return _has(conn, "place_day_summary")


def place_day_table(conn: sqlite3.Connection, flt: RecordFilter) -> tuple[str, list[str], list[Any]] | None:
    """The place-and-day summary that answers this filter exactly (its keys: agency, place, state,
    kind, day, status), with the clause that picks its agency; None when only the records can."""
    if flt.q or flt.review or (flt.agency and flt.publisher):
        return None
    if flt.agency:
        return ("agency_place_day_summary", ["code = ?"], [flt.agency]) \
            if _has(conn, "agency_place_day_summary") else None
    if flt.publisher:  # its column compares without case, as the filter does
        return ("publisher_place_day_summary", ["publisher = ?"], [flt.publisher]) \
            if _has(conn, "publisher_place_day_summary") else None
    return ("place_day_summary", [], []) if has_summaries(conn) else None


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def place_activity(conn: sqlite3.Connection, flt: RecordFilter, newest: int | None = None) -> list[dict[str, Any]]:
    """Operations and arrest counts per place, day and status (rows as queries.place_activity gives);
    with `newest`, of the newest that many of the filter's operations and arrest counts only (read
    from the records: migration 012's index hands them out newest first)."""
    if flt.kind and flt.kind not in SUMMARY_KINDS:
        return []
    if newest is not None and word_search.indexed(conn):
        kinds = "" if flt.kind else "facets : (" + " OR ".join("k" + k.replace("_", "") for k in SUMMARY_KINDS) + ")"
        # Dates bound the walk newest first to the documents their records are in (an early until
        # read every newer match first: q=agents&until=2025-02-01, 1 s at 1M).
        bound = published_clause(conn, flt, SUMMARY_KINDS)
        if bound is None:
            return []
        picked = word_search.newest_rowids(conn, flt, newest, match=kinds or None,
                                           published=tuple(bound[1]) if bound[1] else None)
        # Driven by the list (CROSS JOIN), the document read only for a record with no date of its own.
        return _rows(conn, (
            "SELECT p.name, p.state, r.kind, COALESCE(r.date_start, (SELECT published FROM documents"
            " WHERE id = r.document_id)) AS day, r.status, count(*) AS n, max(r.count_value) AS largest,"
            " avg(p.lat) AS lat, avg(p.lon) AS lon, min(r.id) AS record_id FROM (SELECT value AS rid FROM json_each(?)) w"
            " CROSS JOIN records r ON r.rowid = w.rid CROSS JOIN record_places p ON p.record_id = r.id"
            " WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)"
            " GROUP BY p.name, p.state, r.kind, day, r.status"), [json.dumps(picked)])
    source = place_day_table(conn, flt)
    if source is not None:
        table, extra, extra_params = source
        where, params = _summary_where(flt)
        return _rows(conn, (
            "SELECT name, NULLIF(state, '') AS state, kind, NULLIF(day, '') AS day, NULLIF(status, '') AS status,"
            f" n, largest, lat, lon, record_id FROM {table} WHERE " + " AND ".join([where, *extra])),
            params + extra_params)
    where, params = flt.where(by_date=word_search.indexed(conn))
    return _rows(conn, (
        "SELECT p.name, p.state, r.kind, COALESCE(r.date_start, d.published) AS day, r.status, count(*) AS n,"
        " max(r.count_value) AS largest, avg(p.lat) AS lat, avg(p.lon) AS lon, min(r.id) AS record_id"
        " FROM records r JOIN documents d ON d.id = r.document_id JOIN record_places p ON p.record_id = r.id"
        " WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)"
        f" AND {where} GROUP BY p.name, p.state, r.kind, day, r.status"), params)


def has_review_summary(conn: sqlite3.Connection) -> bool:
    return _has(conn, "review_summary")


def few_in_review(conn: sqlite3.Connection, flt: RecordFilter, at_most: int = 20000) -> bool:
    """Whether the filter's review states hold no more than `at_most` records (review_summary)."""
    if not flt.review or not has_review_summary(conn):
        return False
    states = flt.review.split(",")
    held = conn.execute(f"SELECT COALESCE(sum(n), 0) FROM review_summary WHERE review IN"
                        f" ({', '.join('?' for _ in states)})", states).fetchone()[0]
    return held <= at_most


def without_needless_review(conn: sqlite3.Connection, flt: RecordFilter) -> RecordFilter:
    """The filter without its review states when they leave out no record of the ledger (migration
    011's review_summary counts every record by state): the summaries answer it then, exactly, where
    a review state otherwise reads the records (the newest of them). On a ledger nobody has reviewed
    yet, review=machine is every record."""
    if not flt.review or not has_review_summary(conn):
        return flt
    chosen = flt.review.split(",")
    left_out = conn.execute(f"SELECT COALESCE(sum(n), 0) FROM review_summary WHERE review NOT IN"
                            f" ({', '.join('?' for _ in chosen)})", chosen).fetchone()[0]
    return replace(flt, review=None) if left_out == 0 else flt


def kind_counts(conn: sqlite3.Connection, flt: RecordFilter) -> dict[str, int]:
    """Records by kind in the selection."""
    if not flt.active() and conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'kind_summary'").fetchone():
        return {k: n for k, n in conn.execute("SELECT kind, n FROM kind_summary WHERE n > 0")}
    if flt.review and set(flt.active()) <= {"review", "kind"} and _has(conn, "records_review"):
        return _review_counts(conn, flt)
    if (flt.q or flt.review) and not (flt.since or flt.until) and word_search.indexed(conn):
        # Words or a review state (its facet word in migration 012's index), by kind in FTS5: a
        # review state read from the records walked every one of them (review=verified: 3 s at 1M).
        return word_search.kind_counts(conn, flt)
    counts = "agency_count_summary" if flt.agency else "record_count_summary"
    if flt.place and flt.state and not flt.agency:  # "Aurora, CO": migration 011's counts by place
        counts = "place_count_summary"
    elif flt.state and not flt.place and not flt.agency:  # a state: 011's counts by state
        counts = "state_count_summary"
    placed = counts in ("place_count_summary", "state_count_summary")
    if not (flt.q or flt.review or ((flt.place or flt.state) and not placed)) and _has(conn, counts):
        clauses, params = _equal(flt, ("code", "agency"), ("kind", "kind"), ("status", "status"))
        if flt.place and placed:
            variants = flt.place_variants()
            clauses.append(f"name IN ({', '.join('?' for _ in variants)})")
            params += variants
        if placed:
            clauses.append("state = ?")
            params.append(flt.state)
        if flt.publisher:
            clauses.append("publisher = ? COLLATE NOCASE")
            params.append(flt.publisher)
        window, values = day_window(flt)
        clauses += window
        params += values
        return {k: n for k, n in conn.execute(
            f"SELECT kind, sum(n) FROM {counts} WHERE " + " AND ".join(clauses) + " GROUP BY kind"
            " HAVING sum(n) > 0", params)}
    if flt.q and (flt.since or flt.until):  # words with dates and a kind at most: migration 016's counts
        found = word_days.counted_by_kind(conn, flt)
        if found is not None:
            return found
    bound = published_clause(conn, flt) if flt.q and word_search.indexed(conn) else None
    if bound and bound[1]:
        # Words with dates: only the matches in documents published when the dates' records were
        # are read (migration 012 numbers them by that date), each tested (q=agents&until=2025-02-01:
        # 300,000 matches read, 1 s at 1M, to the 60,000 published by 2025-02-04).
        where, params = flt.where(probe=True, words=False)
        low, high = (word_search.date_code(d) * KEY_SPAN for d in bound[1])
        return dict(conn.execute(
            f"SELECT r.kind, count(*) FROM {word_search.TABLE} s CROSS JOIN records r ON r.rowid = s.rowid % {KEY_SPAN}"
            f" CROSS JOIN documents d ON d.id = r.document_id WHERE {word_search.TABLE} MATCH ? AND s.rowid >= ?"
            f" AND s.rowid < ? AND {where} GROUP BY r.kind", [flt.by_date_query(), low, high + KEY_SPAN, *params]).fetchall())
    if bound is None and flt.q and word_search.indexed(conn):
        return {}  # (no record has these dates)
    where, params = flt.where(by_date=word_search.indexed(conn))
    source = "records r JOIN documents d ON d.id = r.document_id" if flt.needs_documents else "records r"
    return dict(conn.execute(f"SELECT r.kind, count(*) FROM {source} WHERE {where} GROUP BY r.kind",
                             params).fetchall())


def _review_counts(conn: sqlite3.Connection, flt: RecordFilter) -> dict[str, int]:
    """Records by kind in review states (a kind too, at most): the few records past the machine's
    reading counted by the review index, and the machine's, when asked, as every record of the kind
    (kind_summary) less those: exact, where counting the machine's by index read 1M rows."""
    from enforcement_tracker.store.review import STATES

    chosen = flt.review.split(",")
    asked = [s for s in STATES if s != "machine" and s in chosen]
    others = [s for s in STATES if s != "machine" and s not in chosen]

    # Migration 015's index of (review, kind) counts them without a row read; 008's, the state alone.
    index = "records_review_kind" if _has(conn, "records_review_kind") else "records_review"

    def counted(states: list[str]) -> dict[str, int]:
        if not states:
            return {}
        return dict(conn.execute(f"SELECT kind, count(*) FROM records INDEXED BY {index} WHERE review IN"
                                 f" ({', '.join('?' for _ in states)}) GROUP BY kind", states).fetchall())

    found = counted(asked)
    if "machine" in chosen:  # every record of a kind is in one state: the machine's are the rest
        past = counted(others)
        for kind, n in conn.execute("SELECT kind, n FROM kind_summary"):
            found[kind] = n - past.get(kind, 0)
    return {k: n for k, n in found.items() if n > 0 and flt.kind in (None, k)}


def _summary_where(flt: RecordFilter, day: str | None = "day") -> tuple[str, list[Any]]:
    """The clauses over a place summary's columns that keep the filter's rows, its dates compared
    with the column `day` (None leaves the dates out)."""
    clauses, params = _equal(flt, ("kind", "kind"), ("state", "state"), ("status", "status"))
    if flt.place:
        variants = flt.place_variants()
        clauses.append(f"name IN ({', '.join('?' for _ in variants)})")
        params += variants
    if flt.since and day:
        clauses.append(f"{day} >= ?")
        params.append(flt.since)
    if flt.until and day:
        clauses.append(f"+{day} != '' AND {day} <= ?")  # unary +: '' is no range for the day index
        params.append(flt.until + "~")
    return " AND ".join(clauses), params


def whole_weeks(flt: RecordFilter) -> tuple[str, str, str] | None:
    """The whole weeks inside the filter's dates: (first Monday, last Monday, that week's Sunday),
    "" or "~" at an end the filter leaves open; None when not one whole week is inside."""
    first, last, last_end = "", "~", "~"
    if flt.since:
        d = date.fromisoformat(first_day(flt.since))
        first = (d + timedelta(days=(7 - d.weekday()) % 7)).isoformat()
    if flt.until:
        d = date.fromisoformat(last_day(flt.until)) - timedelta(days=6)
        monday = d - timedelta(days=d.weekday())
        last, last_end = monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return None if first > last else (first, last, last_end)


_DAY_COLUMNS = ("name, state, kind, status, day AS week, 0 AS weekly, n, largest, lat, lon, record_id,"
                " day AS first, day AS last")
_WEEK_COLUMNS = "name, state, kind, status, week, dated AS weekly, n, largest, lat, lon, record_id, first, last"


def _place_rows(conn: sqlite3.Connection, flt: RecordFilter, table: str, extra: list[str], extra_params: list[Any],
                more: str = "1", more_params: list[Any] | None = None) -> tuple[str, list[Any]]:
    """A query of the place summary's groups the filter picks (and the condition `more`), as
    (name, state, kind, status, week, weekly, n, largest, lat, lon, record_id, first, last): by
    whole weeks from migration 013's week table where the dates hold them (`weekly` 1, `week`
    their Monday), by day from the day table at the edges of the dates (`week` the day). Exact:
    a week is read only when all its days are inside the dates, and its days are then not read."""
    more_params = more_params or []
    week_table = table.replace("_day_", "_week_")
    weeks = whole_weeks(flt) if _has(conn, week_table) else None

    def part(columns: str, source: str, day: str | None, *clauses: str, values: tuple = ()) -> tuple[str, list[Any]]:
        where, params = _summary_where(flt, day)
        return (f"SELECT {columns} FROM {source} WHERE " + " AND ".join([where, *extra, more, *clauses]),
                params + extra_params + more_params + list(values))

    if weeks is None:
        return part(_DAY_COLUMNS, table, "day")
    if not (flt.since or flt.until):
        return part(_WEEK_COLUMNS, week_table, None)
    first, last, last_end = weeks
    parts = [part(_WEEK_COLUMNS, week_table, None, "dated = 1 AND week BETWEEN ? AND ?", values=(first, last)),
             # a day that is no date is its own "week", read with the days around it
             part(_WEEK_COLUMNS, week_table, "week", "dated = 0 AND week BETWEEN ? AND ?", values=(first, last_end)),
             # the days before the first whole week and after the last, each one range of the day index
             # (with the filter's own bounds as well, SQLite would walk the index from `since` to `until`)
             *([part(_DAY_COLUMNS, table, None, "day >= ? AND day < ?", values=(flt.since, first))] if first else []),
             *([part(_DAY_COLUMNS, table, None, "day > ? AND day <= ?", values=(last_end, flt.until + "~"))]
               if last_end != "~" else [])]
    return " UNION ALL ".join(sql for sql, _ in parts), [p for _, values in parts for p in values]


def map_and_timeline(conn: sqlite3.Connection, flt: RecordFilter,
                     n_places: int = 14) -> tuple[list[dict[str, Any]], dict[str, Any]] | None:
    """The map's places and the timeline's marks grouped in SQL over the summary tables, or None
    when the summaries cannot answer the filter (the caller then groups the records in Python)."""
    source = place_day_table(conn, flt)
    if source is None:
        return None
    if flt.kind and flt.kind not in SUMMARY_KINDS:
        return [], {"places": [], "points": [], "weekly": False}
    table, extra, extra_params = source
    picked, params = _place_rows(conn, flt, table, extra, extra_params)
    # One group per place and kind, with plain aggregates: a FILTER clause per column cost 2-3 times
    # as much over the 30,000 day rows of an agency at 1M records.
    groups = _rows(conn, (
        "SELECT name, NULLIF(state, '') AS state, kind, sum(n) AS n, max(largest) AS largest,"
        " min(record_id) AS record_id, min(NULLIF(first, '')) AS first, max(NULLIF(last, '')) AS last,"
        f" avg(lat) AS lat, avg(lon) AS lon, count(lat) AS located FROM ({picked}) GROUP BY name, state, kind"), params)
    places = _places(groups)
    located = [p for p in places if p["operations"] and p["lat"] is not None]
    top = sorted((p for p in places if p["operations"]), key=lambda p: (-p["operations"], p["name"]))[:n_places]
    by_week = timeline.weekly(min((p["first"] for p in top if p["first"]), default=None),
                              max((p["last"] for p in top if p["last"]), default=None))
    points: list[dict[str, Any]] = []
    if top:
        keys = [x for p in top for x in (p["name"], p["state"] or "")]
        # A list SELECTed from VALUES, not VALUES itself: only then does SQLite look the places up
        # by the primary key instead of testing every row of the table against the list.
        pairs = ", ".join("(?, ?)" for _ in top)
        more = f"kind = 'operation' AND (name, state) IN (SELECT column1, column2 FROM (VALUES {pairs}))"
        if by_week:
            rows, values = _place_rows(conn, flt, table, extra, extra_params, more, keys)
        else:  # day by day: from the day table alone
            where, values = _summary_where(flt)
            rows = f"SELECT {_DAY_COLUMNS} FROM {table} WHERE " + " AND ".join([where, *extra, more])
            values = values + extra_params + keys
        points = timeline.marks(conn.execute(
            "SELECT name, NULLIF(state, ''), week, weekly, NULLIF(status, ''), n, record_id"
            f" FROM ({rows}) WHERE week != ''", values), by_week)
    return located, {"places": [{"name": p["name"], "state": p["state"], "n": p["operations"]} for p in top],
                     "points": points, "weekly": by_week}


def _places(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The map's places from their groups by kind: operation reports, their first record and days,
    the largest arrest count, and the mean of every row's coordinates."""
    places: dict[tuple[str, str | None], dict[str, Any]] = {}
    for g in groups:
        place = places.setdefault((g["name"], g["state"]), {
            "name": g["name"], "state": g["state"], "operations": 0, "largest": None, "record_id": None,
            "first": None, "last": None, "lat": None, "lon": None, "_located": 0})
        if g["kind"] == "operation":
            place.update(operations=g["n"], record_id=g["record_id"], first=g["first"], last=g["last"])
        else:
            place["largest"] = g["largest"]
        if g["located"]:
            seen, both = place["_located"], place["_located"] + g["located"]
            place["lat"] = g["lat"] if place["lat"] is None else (place["lat"] * seen + g["lat"] * g["located"]) / both
            place["lon"] = g["lon"] if place["lon"] is None else (place["lon"] * seen + g["lon"] * g["located"]) / both
            place["_located"] = both
    for place in places.values():
        del place["_located"]
    return list(places.values())


def most_reported(conn: sqlite3.Connection, table: str, clause: str, params: list[Any],
                  start: str, end: str) -> list[dict[str, Any]]:
    """The values most reported each day from `start` to `end` (at most CLAIMS_PER_DAY a day, the
    most reports first, then the smaller value) in a daily claims summary, with `clause` (over its
    columns, after AND) and its `params`; each with the day's reports in all. The day's sum, then its
    first rows in that order: a window function over the same rows sorted every one of them (28 ms
    for 56 days at 1M records; this reads each day's rows by the primary key, 2 ms)."""
    days = conn.execute(f"SELECT day, sum(n) FROM {table} WHERE day BETWEEN ? AND ?{clause} GROUP BY day ORDER BY day",
                        [start, end] + params).fetchall()
    out = []
    for day, reports in days:
        for value, n, record_id in conn.execute(f"SELECT value, n, record_id FROM {table} WHERE day = ?{clause}"
                                                f" ORDER BY n DESC, value LIMIT {CLAIMS_PER_DAY}", [day] + params):
            out.append({"day": day, "value": value, "n": n, "record_id": record_id, "reports": reports})
    return out


def published_range(conn: sqlite3.Connection, flt: RecordFilter,
                    kinds: tuple[str, ...] | None = None) -> tuple[str | None, str | None, bool, int] | None:
    """The publication dates a date filter's records can have (migration 011's record_day_summary):
    (earliest, latest, whether some are in undated documents, how many records the kind and dates
    pick), or None when the filter names no dates or the ledger keeps no such summary. A walk over
    documents newest first then starts at `latest` instead of reading every newer document."""
    if not (flt.since or flt.until) or not _has(conn, "record_day_summary"):
        return None
    clauses, params = ["1"], []
    kinds = (flt.kind,) if flt.kind else kinds
    if kinds:
        clauses.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        params += list(kinds)
    window, values = day_window(flt)
    clauses += window
    params += values
    lo, hi, undated, n = conn.execute(
        "SELECT min(NULLIF(published, '')), max(NULLIF(published, '')), COALESCE(max(published = ''), 0),"
        " COALESCE(sum(n), 0) FROM record_day_summary WHERE " + " AND ".join(clauses), params).fetchone()
    return lo, hi, bool(undated), n


def published_clause(conn: sqlite3.Connection, flt: RecordFilter,
                     kinds: tuple[str, ...] | None = None) -> tuple[str, list[Any]] | None:
    """A condition on d.published that keeps every record the filter picks and lets the walk over
    documents skip the rest ("" when there is nothing to add); None when no record can match."""
    found = published_range(conn, flt, kinds)
    if found is None:
        return "", []
    lo, hi, undated, n = found
    if not n:
        return None
    if undated or lo is None:  # NULL dates fall outside any range: keep the walk whole
        return "", []
    return " AND d.published BETWEEN ? AND ?", [lo, hi]
