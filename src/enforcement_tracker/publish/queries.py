"""The SQL behind the web pages, as plain functions of a sqlite3 connection.

Every function works on a ledger with only the core tables: the official series and checks
(migrations 002/003) are read only when sqlite_master has them, and the pages say when they
are absent. Nothing here returns a person who was arrested: records are counts, places,
dates, agencies and public statements.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from enforcement_tracker.publish import summaries, timeline, word_search
from enforcement_tracker.publish.summaries import CLAIMS_PER_DAY
from enforcement_tracker.publish.filters import KEY_SPAN, RecordFilter, first_day, last_day
from enforcement_tracker.publish.record_queries import document, record, related_reports  # noqa: F401 - read as queries.*
from enforcement_tracker.publish.sql import columns, rows, tables  # noqa: F401 - read as queries.*

RECORD_LIST_COLUMNS = (
    "r.rowid AS rowid, r.id, r.kind, r.document_id, d.publisher, d.published, r.date_start, r.date_end,"
    " r.places, r.state, r.agencies, r.count_value, r.count_low, r.count_high, r.share, r.qualifier,"
    " r.status, r.category, r.per, r.sources_text, r.quote, r.span_start, r.span_end, r.review,"
    # The check's verdict (migration 010): one primary-key probe per row listed.
    " (SELECT code FROM record_checks WHERE record_id = r.id) AS check_code,"
    " (SELECT headline FROM record_checks WHERE record_id = r.id) AS check_headline")


# --- lists of records -------------------------------------------------------------------------

def record_page(conn: sqlite3.Connection, flt: RecordFilter, size: int = 100,
                after: tuple[str, int] | None = None) -> tuple[list[dict[str, Any]], tuple[str, int] | None]:
    """Newest documents first; keyset paging on (published, rowid) so page 1000 costs what page 1 does."""
    bound = summaries.published_clause(conn, flt)
    if bound is None:  # the summary says no record has these dates
        return [], None

    def conditions(probe: bool) -> tuple[str, list[Any]]:
        where, params = flt.where(probe=probe, by_date=word_search.indexed(conn))
        where += bound[0]
        params += bound[1]
        # Plain d.published (not COALESCE) so SQLite can walk documents_published in order and stop
        # at the page; NULL dates sort last in DESC, as the empty-string token says.
        if after and after[0]:
            where += " AND (d.published < ? OR d.published IS NULL OR (d.published = ? AND r.rowid < ?))"
            params += [after[0], after[0], after[1]]
        elif after:
            where += " AND d.published IS NULL AND r.rowid < ?"
            params.append(after[1])
        return where, params

    order = " ORDER BY d.published DESC, r.rowid DESC LIMIT ?"
    found = None
    if word_search.indexed(conn):
        # Migration 012's index hands out the filter's records newest first, whatever the filter.
        found = word_search.newest(conn, flt, RECORD_LIST_COLUMNS, size + 1, after=after, extra=bound,
                                   published=bound[1] or None)
    cut = _recent_cut(conn, after) if found is None and _many_picked(conn, flt) else None
    if cut:
        # A place, state or words picking many records fill a page from the newest few thousand
        # documents: read those first (the records they pick probed per row, not driving the
        # query), and all of those records only when they hold less than a page. Exact: every
        # document from `cut` on is read, and every record of an older one sorts after them.
        where, params = conditions(probe=True)
        found = rows(conn, f"SELECT {RECORD_LIST_COLUMNS} FROM documents d CROSS JOIN records r"
                           f" ON d.id = r.document_id WHERE {where} AND d.published >= ?{order}",
                     params + [cut, size + 1])
        found = found if len(found) > size else None
    if found is None:
        # Broad filters: read documents newest first and stop at the page (CROSS JOIN fixes that
        # order). A place, state or words: start from its index and sort the records it picks.
        join = "records r JOIN documents d" if flt.selective else "documents d CROSS JOIN records r"
        where, params = conditions(probe=False)
        found = rows(conn, f"SELECT {RECORD_LIST_COLUMNS} FROM {join} ON d.id = r.document_id WHERE {where}{order}",
                     params + [size + 1])
    more = len(found) > size
    found = found[:size]
    nxt = (found[-1]["published"] or "", found[-1]["rowid"]) if more and found else None
    return found, nxt


RECENT_DOCUMENTS = 2000
MANY_WORD_MATCHES = 20000


def _many_picked(conn: sqlite3.Connection, flt: RecordFilter) -> bool:
    """Whether the filter's place, state or words pick enough records that the newest documents
    hold a page of them. Words: the rarest word's count of quotes (records_fts_terms, migration
    011) is at most how many quotes have them all."""
    if not flt.q:
        return bool(flt.place or flt.state)
    if "records_fts_terms" not in tables(conn):
        return False
    words = re.findall(r"\w+", flt.q.lower())
    counts = [conn.execute("SELECT doc FROM records_fts_terms WHERE term = ?", (w,)).fetchone() for w in words]
    return bool(words) and min((c[0] if c else 0) for c in counts) >= MANY_WORD_MATCHES


def _recent_cut(conn: sqlite3.Connection, after: tuple[str, int] | None) -> str | None:
    """The publication date of the RECENT_DOCUMENTS-th newest document (from a page's token on)."""
    if after and not after[0]:
        return None  # past every dated document
    found = conn.execute("SELECT published FROM documents WHERE published <= ? ORDER BY published DESC"
                         " LIMIT 1 OFFSET ?", ((after[0] if after else "~"), RECENT_DOCUMENTS)).fetchone()
    return found[0] if found else None


def record_batches(conn: sqlite3.Connection, flt: RecordFilter, batch: int = 5000,
                   after_rowid: int = 0) -> list[dict[str, Any]]:
    """One batch of every matching record in storage order (for exports that stream)."""
    where, params = flt.where(by_date=word_search.indexed(conn))
    if flt.selective:
        # A place, state or words pick few records through their index: pick those rowids first,
        # then read the rows in order (a walk in rowid order would test every record of the ledger).
        # The batch's rowids are sorted before its rows are read: read in storage order, the rows and
        # their documents come from neighbouring pages (a city's 15,000 at 1M: 360-400 ms to 170-210),
        # and the sort holds rowids, not rows.
        source = "records r JOIN documents d ON d.id = r.document_id" if flt.needs_documents else "records r"
        pick = f"SELECT r.rowid AS rid FROM {source} WHERE {where}"
        bound = summaries.published_clause(conn, flt) if (flt.since or flt.until) and word_search.indexed(conn) else None
        if bound is None and (flt.since or flt.until) and word_search.indexed(conn):
            return []  # (no record has these dates)
        if bound and bound[1]:
            # Dates too: the place's, state's or words' matches in migration 012's index among the
            # documents published when the dates' records were, each tested, not every record of the
            # place read for its dates (a week of a city at 1M: 14,000 records, 180 ms).
            where, params = flt.where(probe=True, words=False)
            low, high = (word_search.date_code(d) * KEY_SPAN for d in bound[1])
            pick = (f"SELECT r.rowid AS rid FROM {word_search.TABLE} s CROSS JOIN records r ON r.rowid = s.rowid % {KEY_SPAN}"
                    f" CROSS JOIN documents d ON d.id = r.document_id WHERE {word_search.TABLE} MATCH ?"
                    f" AND s.rowid >= ? AND s.rowid < ? AND {where}")
            params = [flt.by_date_query(), low, high + KEY_SPAN, *params]
        return rows(conn, f"WITH pick AS MATERIALIZED ({pick})"
                          f" SELECT {RECORD_LIST_COLUMNS} FROM (SELECT rid FROM pick WHERE rid > ? ORDER BY rid LIMIT ?) p"
                          " CROSS JOIN records r ON r.rowid = p.rid CROSS JOIN documents d ON d.id = r.document_id"
                          " ORDER BY p.rid", params + [after_rowid, batch])
    return rows(conn, f"SELECT {RECORD_LIST_COLUMNS} FROM records r JOIN documents d ON d.id = r.document_id"
                      f" WHERE r.rowid > ? AND {where} ORDER BY r.rowid LIMIT ?", [after_rowid] + params + [batch])


def operation_features(conn: sqlite3.Connection, flt: RecordFilter, batch: int = 5000,
                       after: tuple[int, int] = (0, -1)) -> list[dict[str, Any]]:
    """Operation records with each of their located places, in storage order."""
    where, params = flt.where(by_date=word_search.indexed(conn))
    return rows(conn, (
        "SELECT r.rowid AS rowid, p.position, r.id, r.status, r.date_start, r.date_end, r.agencies,"
        " json_extract(r.json, '$.start.precision') AS start_precision,"
        " json_extract(r.json, '$.end.precision') AS end_precision, json_extract(r.json, '$.name') AS name,"
        " p.name AS place, p.kind AS place_kind, p.state AS place_state, p.geonameid, p.lat, p.lon,"
        " d.publisher, d.published, r.sources_text"
        " FROM records r JOIN documents d ON d.id = r.document_id JOIN record_places p ON p.record_id = r.id"
        f" WHERE r.kind = 'operation' AND p.lat IS NOT NULL AND (r.rowid, p.position) > (?, ?) AND {where}"
        " ORDER BY r.rowid, p.position LIMIT ?"), [after[0], after[1]] + params + [batch])


def contract_records(conn: sqlite3.Connection, flt: RecordFilter, *, event: str | None = None,
                     limit: int | None = None) -> list[dict[str, Any]]:
    """Records as contract dicts with their document's publisher, date and path and their review
    state, newest documents first: what `etrack records` prints, selected by the web's own filter
    (and an event id)."""
    where, params = flt.where(by_date=word_search.indexed(conn))
    if event:
        where += " AND r.id IN (SELECT record_id FROM event_records WHERE event_id = ?)"
        params.append(event)
    sql = ("SELECT r.json, d.publisher, d.published, d.path, r.review FROM records r"
           f" JOIN documents d ON d.id = r.document_id WHERE {where} ORDER BY d.published DESC, r.document_id, r.span_start")
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    out = []
    for row in conn.execute(sql, params):
        data = json.loads(row[0])
        data["document"] = {"publisher": row[1], "published": row[2], "path": row[3]}
        data["review"] = row[4]  # the record's review state (store/review.py), as the API's `review`
        out.append(data)
    return out


# --- the dashboard ----------------------------------------------------------------------------


def overview(conn: sqlite3.Connection, flt: RecordFilter | None = None) -> dict[str, Any]:
    flt = flt or RecordFilter()
    kinds = summaries.kind_counts(conn, flt)
    # Three statements, not one: together they scan every document's date (19 ms at 100,000
    # documents); apart, the count reads the smallest index and the ends are two index probes (1 ms).
    present = tables(conn)
    count = "(SELECT n FROM document_count)" if "document_count" in present else "(SELECT count(*) FROM documents)"
    docs, first, last = conn.execute(f"SELECT {count}, (SELECT min(published) FROM documents),"
                                     " (SELECT max(published) FROM documents)").fetchone()
    review = {"reviews": conn.execute("SELECT count(*) FROM reviews").fetchone()[0] if "reviews" in present else 0}
    # Review states arrive with the review workflow; count them when the column exists.
    for column in ("review_status", "review_state"):
        if column in columns(conn, "records"):
            review["awaiting"] = conn.execute(
                f"SELECT count(*) FROM records WHERE {column} IN ('pending', 'awaiting', 'needs_review')").fetchone()[0]
    if "review_summary" in present:  # migration 011 keeps them by state at every write
        review["awaiting"] = conn.execute(
            "SELECT COALESCE(sum(n), 0) FROM review_summary WHERE review = 'machine'"
            " OR (review IN ('reviewed', 'verified', 'rejected') AND second_look = 1)").fetchone()[0]
    elif "review" in columns(conn, "records"):  # store/review.py: machine records and second looks, by index
        review["awaiting"] = conn.execute(
            # INDEXED BY: on a ledger where (nearly) every record is still 'machine', ANALYZE's figures
            # make the planner scan a million records for the handful of second looks.
            "SELECT (SELECT count(*) FROM records WHERE review = 'machine') + (SELECT count(*) FROM records"
            " INDEXED BY records_review WHERE review IN ('reviewed', 'verified', 'rejected') AND second_look = 1)"
            ).fetchone()[0]
    return {"kinds": kinds, "records": sum(kinds.values()), "documents": docs, "first": first, "last": last,
            "review": review, "official": sorted(present & {"ice_posted_daily", "foia_arrests_weekly", "checks"})}


def place_activity(conn: sqlite3.Connection, flt: RecordFilter | None = None) -> list[dict[str, Any]]:
    """Operations and arrest counts per place, day and status (summaries.py: from the summary tables
    kept at ingest when the filter allows). Operations count in every place they name; an arrest
    count in its first place only (a count shared by several places cannot be split)."""
    return summaries.place_activity(conn, flt or RecordFilter())


def operations_timeline(activity: list[dict[str, Any]], n_places: int = 14) -> dict[str, Any]:
    """Operations by place and day with their status, for the places with the most operations."""
    totals: dict[tuple[str, str | None], int] = {}
    for row in activity:
        if row["kind"] == "operation":
            totals[(row["name"], row["state"])] = totals.get((row["name"], row["state"]), 0) + row["n"]
    top = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0][0]))[:n_places]
    places = [{"name": name, "state": state, "n": n} for (name, state), n in top]
    keep = {key for key, _ in top}
    rows = [row for row in activity
            if row["kind"] == "operation" and row["day"] and (row["name"], row["state"]) in keep]
    by_week = timeline.weekly(min((r["day"] for r in rows), default=None), max((r["day"] for r in rows), default=None))
    marks = timeline.marks(((r["name"], r["state"], r["day"], False, r["status"], r["n"], r["record_id"]) for r in rows),
                           by_week)
    return {"places": places, "points": marks, "weekly": by_week}


def daily_arrests(conn: sqlite3.Connection, flt: RecordFilter | None = None, before: int = 56,
                  after: int = 7, held: dict[str, int] | None = None) -> dict[str, Any]:
    """Daily claims, ICE's posted figures, FOIA weekly averages per day, the target band.

    Nationwide unless the filter names a place or state: then the claims are that place's, and the
    nationwide official series are left out (a city's count is not held against the country's).
    The window is the filter's since/until when given; else it ends a week after the newest daily
    claim that has a posted official figure near it (else the newest claim, else the newest
    official day) and starts eight weeks before it: the days a reader is checking. `held`, the
    selection's records by kind when the caller has counted them, spares the queries of a kind
    it does not hold (the official series are drawn all the same).
    """
    flt = flt or RecordFilter()
    claimed = held is None or "arrest_count" in held
    targeted = held is None or "target" in held
    present = tables(conn)
    local = bool(flt.place or flt.state)
    # Each part asks for its own kind: in migration 012's index the words and the kind are then one
    # intersection (q=officials: every target tested against 200,000 matches took 0.3 s at 1M).
    where, params = (replace(flt, kind="arrest_count") if flt.kind is None else flt).where(by_date=word_search.indexed(conn))
    target_where, target_params = (replace(flt, kind="target") if flt.kind is None else flt).where(
        by_date=word_search.indexed(conn))
    partial: dict[str, dict[str, int | None]] = {}
    if _chart_summaries(flt, present) is None and word_search.indexed(conn):
        # No summary answers (words, a review state, a status): each part reads the newest
        # MAPPED_AT_MOST records of its kind when there are more, and the page says so (grouping
        # every target under a common word, or of a review state, took 0.3-0.5 s at 1M).
        # Counted already (`held`, exact), a kind with no more than that is read whole without a count.
        for kind in ("arrest_count", "target"):
            many = flt.kind in (None, kind) and (held is None or held.get(kind, 0) > MAPPED_AT_MOST)
            bound = summaries.published_clause(conn, replace(flt, kind=kind)) if many else None
            newest_only = word_search.newest_only(conn, flt, kind, MAPPED_AT_MOST, published=tuple(bound[1])
                                                  if bound and bound[1] else None) if many and bound is not None else None
            if newest_only is None and flt.kind in (None, kind) and (held is None or held.get(kind)):
                newest_only = _every_one(conn, replace(flt, kind=kind))
                many = False  # (every one of them: nothing left out)
            if newest_only and kind == "arrest_count":
                where, params = newest_only
            elif newest_only:
                target_where, target_params = newest_only
            if newest_only and many:
                partial[kind] = {"shown": MAPPED_AT_MOST, "of": (held or {}).get(kind)}
    # Unary + keeps the planner on (kind, date_start), walked newest first, not on the places index.
    scope = "" if local else " AND +r.state IS NULL AND +r.places IS NULL"
    # The documents are joined only when the filter reads them (publisher, dates): without them the
    # newest claimed day is one walk down the (kind, date_start) index.
    join = " JOIN documents d ON d.id = r.document_id" if flt.needs_documents else ""
    claim_sql = (f"FROM records r{join} WHERE r.kind = 'arrest_count'{scope}"
                 f" AND r.date_start = r.date_end AND {where}")
    out: dict[str, Any] = {"window": None, "claims": [], "posted": [], "foia": [], "targets": [], "local": local,
                           "partial": partial}
    if flt.kind and flt.kind not in ("arrest_count", "target"):
        return out
    anchor = None
    chart = _chart_summaries(flt, present)
    from_summary = chart is not None and flt.kind in (None, "arrest_count")
    if from_summary:
        claims_table, _, facet, facet_params = chart
        lo, hi = first_day(flt.since) if flt.since else "", last_day(flt.until) if flt.until else "~"
        if "ice_posted_daily" in present and not local:
            found = conn.execute(
                f"SELECT day FROM {claims_table} s WHERE day BETWEEN ? AND ?{facet} AND EXISTS (SELECT 1 FROM"
                " ice_posted_daily p WHERE p.date BETWEEN date(s.day, '-7 days') AND date(s.day, '+7 days'))"
                " ORDER BY day DESC LIMIT 1", [lo, hi] + facet_params).fetchone()
            anchor = found[0] if found else None
        if not anchor:
            found = conn.execute(f"SELECT max(day) FROM {claims_table} WHERE day BETWEEN ? AND ?{facet}",
                                 [lo, hi] + facet_params).fetchone()
            anchor = found[0] if found else None
    elif "ice_posted_daily" in present and not local and claimed:
        # The chart holds claims against the agency's own figures: where both exist, the newest
        # claimed day that has a posted figure within a week is the one a reader is checking.
        found = conn.execute(
            f"SELECT r.date_start {claim_sql} AND r.date_start IS NOT NULL AND EXISTS (SELECT 1 FROM ice_posted_daily p"
            " WHERE p.date BETWEEN date(r.date_start, '-7 days') AND date(r.date_start, '+7 days'))"
            " ORDER BY r.kind DESC, r.date_start DESC LIMIT 1", params).fetchone()
        anchor = found[0] if found else None
    if not anchor and not from_summary and claimed:
        found = conn.execute(f"SELECT r.date_start {claim_sql} AND r.date_start IS NOT NULL"
                             " ORDER BY r.kind DESC, r.date_start DESC LIMIT 1", params).fetchone()
        anchor = found[0] if found else None
    if not anchor and "ice_posted_daily" in present and not local:
        anchor = conn.execute("SELECT max(date) FROM ice_posted_daily").fetchone()[0]
    if not anchor and "foia_arrests_weekly" in present and not local:
        anchor = conn.execute("SELECT max(week_end) FROM foia_arrests_weekly").fetchone()[0]
    if not anchor and not flt.since:
        return out
    day = date.fromisoformat((anchor or flt.since)[:10] if not flt.until else last_day(flt.until))
    start, end = (day - timedelta(days=before)).isoformat(), (day + timedelta(days=after)).isoformat()
    if flt.since:
        start = first_day(flt.since)
        end = last_day(flt.until) if flt.until else max(end, start)
    elif flt.until:
        end = last_day(flt.until)
    out["window"] = (start, end)
    if from_summary:
        # One-day claims are dated by their day: the summary kept at ingest answers dates exactly.
        out["claims"] = summaries.most_reported(conn, claims_table, facet, facet_params, start, end)
    elif flt.kind in (None, "arrest_count") and claimed:
        out["claims"] = rows(conn, _most_reported(
            f"SELECT r.date_start AS day, r.count_value AS value, count(*) AS n, min(r.id) AS record_id {claim_sql}"
            " AND r.date_start BETWEEN ? AND ? AND r.count_value IS NOT NULL GROUP BY day, value"),
            params + [start, end])
    if "ice_posted_daily" in present and not local:
        out["posted"] = rows(conn, "SELECT date AS day, arrests AS value, source_url AS url FROM ice_posted_daily"
                                   " WHERE date BETWEEN ? AND ? AND arrests IS NOT NULL ORDER BY date", (start, end))
    if "foia_arrests_weekly" in present and not local:
        out["foia"] = rows(conn, "SELECT week_start, week_end, arrests_total / 7.0 AS value FROM foia_arrests_weekly"
                                 " WHERE week_end >= ? AND week_start <= ? ORDER BY week_start", (start, end))
    # A target applies from when it was first reported, whatever window is drawn: a selection of
    # dates alone (or with one agency or publisher) draws every band of it, clipped to the window,
    # read from the summary.
    if chart is not None and chart[1] and flt.kind in (None, "target"):
        _, bands_table, facet, facet_params = chart
        out["targets"] = rows(conn, f"SELECT low, high, n, first_issued, record_id FROM {bands_table}"
                                    f" WHERE 1{facet} ORDER BY n DESC LIMIT 3", facet_params)
    elif not local and flt.kind in (None, "target") and targeted:
        out["targets"] = rows(conn, (
            "SELECT COALESCE(r.count_low, r.count_value) AS low, COALESCE(r.count_high, r.count_value) AS high,"
            f" count(*) AS n, min(r.date_start) AS first_issued, min(r.id) AS record_id FROM records r{join}"
            f" WHERE r.kind = 'target' AND r.per = 'day' AND {target_where}"
            " AND COALESCE(r.count_low, r.count_value) IS NOT NULL GROUP BY low, high ORDER BY n DESC LIMIT 3"),
            target_params)
    # Start where the data starts, not eight weeks of empty chart before it.
    firsts = [c["day"] for c in out["claims"]] + [p["day"] for p in out["posted"]]
    firsts += [f["week_start"] for f in out["foia"]]
    if firsts and not flt.since:
        first = (date.fromisoformat(max(min(firsts), start)[:10]) - timedelta(days=2)).isoformat()
        out["window"] = (max(first, start), end)
    return out


def _every_one(conn: sqlite3.Connection, flt: RecordFilter) -> tuple[str, list[Any]] | None:
    """A condition on r picking the filter's records as one list of rowids read from migration 012's
    index, when the filter is one the index holds exactly (with dates, at most: each match in the
    documents published when the dates' records were is tested) and picks no more than
    MAPPED_AT_MOST; else None. The records' own indexes served 2,000 verified targets by reading all
    100,000 targets (370 ms at 1M), and the targets of q=officials&since=2025-06-29 by testing the
    dates of all 100,000 officials' targets (470 ms; 2 ms from the documents of those days)."""
    dated = bool(flt.since or flt.until)
    if not set(flt.active()) <= word_search.EXACT_IN_INDEX | ({"since", "until"} if dated else set()):
        return None
    published = None
    if dated:
        bound = summaries.published_clause(conn, flt)
        if bound is None:  # no record has these dates
            return "0", []
        published = tuple(bound[1]) if bound[1] else None
    rowids = word_search.newest_rowids(conn, flt, MAPPED_AT_MOST + 1, published=published)
    return ("r.rowid IN (SELECT value FROM json_each(?))", [json.dumps(rowids)]) if len(rowids) <= MAPPED_AT_MOST else None


def _chart_summaries(flt: RecordFilter, present: set[str]) -> tuple[str, str | None, str, list[str]] | None:
    """The summaries that answer the daily chart for this filter (dates, and one agency, one
    publisher, one place with its state or one state: migrations 010 and 011): (claims table,
    bands table or None for a place or state, whose chart draws no target, clause, parameters)."""
    if any((flt.q, flt.status, flt.review)) or sum(map(bool, (flt.agency, flt.publisher, flt.place))) > 1:
        return None
    if flt.place and flt.state:
        variants = flt.place_variants()
        clause = f" AND name IN ({', '.join('?' for _ in variants)}) AND state = ?"
        return ("place_daily_claim_summary", None, clause, variants + [flt.state]) \
            if "place_daily_claim_summary" in present else None
    if flt.state and not flt.place:
        return ("state_daily_claim_summary", None, " AND state = ?", [flt.state]) \
            if "state_daily_claim_summary" in present else None
    if flt.place:
        return None
    facet, clause, params = "", "", []
    if flt.agency:
        facet, clause, params = "agency_", " AND code = ?", [flt.agency]
    elif flt.publisher:  # the summaries' publisher compares without case, as the filter does
        facet, clause, params = "publisher_", " AND publisher = ?", [flt.publisher]
    claims, bands = f"{facet}daily_claim_summary", f"{facet}target_band_summary"
    return (claims, bands, clause, params) if {claims, bands} <= present else None


def _most_reported(grouped_sql: str) -> str:
    """The values most reported each day (at most CLAIMS_PER_DAY): a million claims draw as a few
    hundred marks, and the chart's table stays a page long."""
    return ("SELECT day, value, n, record_id, reports FROM (SELECT g.*, row_number() OVER (PARTITION BY day"
            " ORDER BY n DESC, value) AS pick, sum(n) OVER (PARTITION BY day) AS reports FROM (" + grouped_sql +
            f") g) WHERE pick <= {CLAIMS_PER_DAY} ORDER BY day, n DESC")


def noncriminal_shares(conn: sqlite3.Connection, flt: RecordFilter | None = None,
                       limit: int = 10) -> list[dict[str, Any]]:
    """The newest claimed non-criminal shares, each beside the FOIA share without conviction of the
    week that contains its whole period; a claim with no dated period, or a period longer than a
    week, is set beside no week."""
    flt = flt or RecordFilter()
    where, params = flt.where(by_date=word_search.indexed(conn))
    bound = summaries.published_clause(conn, flt, ("criminality",))
    if bound is None:
        return []
    where += bound[0]
    params += bound[1]
    sql = ("SELECT r.id, r.category, r.qualifier, COALESCE(r.share, r.count_value / a.count_value) AS share,"
           " COALESCE(a.date_start, r.date_start) AS day, COALESCE(a.date_end, r.date_end, a.date_start, r.date_start)"
           " AS day_end, d.published, d.publisher, r.quote"
           " FROM {join} ON d.id = r.document_id LEFT JOIN records a ON a.id = r.of_record"
           " WHERE r.kind = 'criminality' AND r.category IN ('not_criminal', 'no_record', 'collateral')"
           " AND COALESCE(r.share, r.count_value / a.count_value) IS NOT NULL AND {where}"
           " ORDER BY d.published DESC, r.rowid DESC LIMIT ?")
    claims = None
    if word_search.indexed(conn):  # as record_page reads them: migration 012's index, newest first
        if flt.kind not in (None, "criminality"):
            return []
        share = "COALESCE(r.share, r.count_value / a.count_value)"
        return _with_weeks(conn, word_search.newest(
            conn, replace(flt, kind="criminality"),
            f"r.id, r.category, r.qualifier, {share} AS share, COALESCE(a.date_start, r.date_start) AS day,"
            " COALESCE(a.date_end, r.date_end, a.date_start, r.date_start) AS day_end, d.published, d.publisher, r.quote",
            limit, extra=(f" AND r.category IN ('not_criminal', 'no_record', 'collateral') AND {share} IS NOT NULL"
                          + bound[0], bound[1]),
            published=bound[1] or None, join=" LEFT JOIN records a ON a.id = r.of_record"))
    cut = _recent_cut(conn, None) if _many_picked(conn, flt) else None
    if cut:  # as record_page reads them: the newest documents first, then all the filter picks
        probe, probe_params = flt.where(probe=True, by_date=word_search.indexed(conn))
        claims = rows(conn, sql.format(join="documents d CROSS JOIN records r",
                                       where=probe + bound[0] + " AND d.published >= ?"),
                      probe_params + bound[1] + [cut, limit])
        claims = claims if len(claims) >= limit else None
    if claims is None:
        # Broad filters: CROSS JOIN keeps documents first, so the newest are read by index and the
        # scan stops early. A place, state or words: start from their index instead.
        claims = rows(conn, sql.format(join="records r JOIN documents d" if flt.selective
                                       else "documents d CROSS JOIN records r", where=where), params + [limit])
    return _with_weeks(conn, claims)


def _with_weeks(conn: sqlite3.Connection, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each claimed share with the FOIA week that contains its whole period (`recorded`), or None."""
    weekly = "foia_arrests_weekly" in tables(conn)
    for claim in claims:
        claim["recorded"] = None
        if weekly and claim["day"]:
            found = rows(conn, "SELECT week_start, week_end, share_without_conviction AS share FROM foia_arrests_weekly"
                               " WHERE week_start <= ? AND week_end >= ? AND share_without_conviction IS NOT NULL",
                         (claim["day"][:10], (claim["day_end"] or claim["day"])[:10]))
            claim["recorded"] = found[0] if found else None
    return claims


def map_points(activity: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places of operations in the selection: how many operation reports there (the measure the map
    sizes by) and the largest single arrest count reported there. Counts are never summed: reports
    of one event, and sub-counts of one total, would add up twice."""
    places: dict[tuple[str, str | None], dict[str, Any]] = {}
    for row in activity:
        if row["lat"] is None:
            continue
        place = places.setdefault((row["name"], row["state"]), {
            "name": row["name"], "state": row["state"], "lat": row["lat"], "lon": row["lon"], "operations": 0,
            "largest": None, "record_id": None, "first": None, "last": None})
        if row["kind"] == "operation":
            place["operations"] += row["n"]
            place["record_id"] = min(filter(None, (place["record_id"], row["record_id"])))
            if row["day"]:
                place["first"] = min(filter(None, (place["first"], row["day"])))
                place["last"] = max(filter(None, (place["last"], row["day"])))
        elif row["largest"] is not None:
            place["largest"] = max(row["largest"], place["largest"] or 0)
    return [p for p in places.values() if p["operations"]]


def newest(conn: sqlite3.Connection, flt: RecordFilter | None = None, n: int = 12) -> list[dict[str, Any]]:
    return record_page(conn, flt or RecordFilter(), size=n)[0]


# Past this many operations and arrest counts that no summary answers for (words, a review state),
# the map and timeline group the newest this many (2,000: 30-60 ms at 1M) and the page says so.
MAPPED_AT_MOST = 2000


def dashboard(conn: sqlite3.Connection, flt: RecordFilter | None = None) -> dict[str, Any]:
    asked = flt or RecordFilter()
    flt = summaries.without_needless_review(conn, asked)
    summary = overview(conn, flt)
    kinds = summary["kinds"]
    # A part whose kinds the selection does not hold is left empty without a query: read from the
    # records, an empty answer costs a walk over all of them (an agency no criminality names).
    grouped = ([], {"places": [], "points": []}) if not kinds.keys() & set(summaries.SUMMARY_KINDS) else None
    grouped = grouped or summaries.map_and_timeline(conn, flt)
    partial = None
    if grouped is None:
        # No summary answers: the records are grouped (a common word picks 300,000: 3 s at 1M).
        mapped = sum(kinds.get(k, 0) for k in summaries.SUMMARY_KINDS)
        newest_only = MAPPED_AT_MOST if mapped > MAPPED_AT_MOST and word_search.indexed(conn) else None
        activity = summaries.place_activity(conn, flt, newest=newest_only)
        grouped = map_points(activity), operations_timeline(activity)
        partial = {"shown": newest_only, "of": mapped} if newest_only else None
    places, by_place = grouped
    daily = daily_arrests(conn, flt, held=kinds)
    shares = noncriminal_shares(conn, flt) if "criminality" in kinds else []
    return {"overview": summary, "timeline": by_place, "daily": daily, "shares": shares, "map": places, "partial": partial,
            "newest": newest(conn, flt) if kinds else [], "filter": asked.active(), "label": asked.label()}
