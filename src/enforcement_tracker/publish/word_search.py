"""Words of the quote, newest documents first, through migration 012's records_fts_by_date.

That index numbers each quote by its document's publication date and then its record's rowid,
the order every list shows, so FTS5 hands out the matches of a search (with its kind, status and
review state, kept beside the quote as words) newest first, and a page of them stops at its
last row. The other filters are tested on each match read. A ledger served without migration
012 reads records_fts as before (`indexed` says which).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from typing import Any

from enforcement_tracker.publish import word_days
from enforcement_tracker.publish.filters import KEY_SPAN, RecordFilter

TABLE = "records_fts_by_date"
BY_KIND = "records_fts_by_kind"  # migration 014: the quote's words numbered by kind, then rowid
# Words that are one token of FTS5's unicode61 whatever its settings: 014's index keeps no positions,
# so a word it would split in two (a phrase) is not asked of it.
_PLAIN_WORD = re.compile(r"[A-Za-z0-9]+")


def indexed(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLE,)).fetchone() is not None


def in_events_clause() -> str:
    """A condition on r: one of the matches of a by_date_query (its parameter, with " AND facets :
    inevent" to read only the records some event groups)."""
    return f"r.rowid IN (SELECT rowid % {KEY_SPAN} FROM {TABLE} WHERE {TABLE} MATCH ?)"


def matches(conn: sqlite3.Connection, match: str, at_most: int) -> int:
    """How many rows the MATCH expression `match` picks, counting no further than `at_most`."""
    return conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {TABLE} MATCH ? LIMIT ?)",
                        (match, at_most)).fetchone()[0]


def date_code(published: str | None) -> int:
    """yyyymmdd of a publication date as migration 012's view computes it: a missing month or day
    is 0 ("2025-01" before "2025-01-01", as the text sorts), no date is 0."""
    if published is None:
        return 0

    def number(text: str) -> int:  # SQLite's CAST: the leading digits, else 0
        digits = ""
        for ch in text.strip():
            if not ch.isdigit():
                break
            digits += ch
        return int(digits) if digits else 0

    return number(published[0:4]) * 10000 + number(published[5:7]) * 100 + number(published[8:10])


def key(published: str | None, rowid: int) -> int:
    return date_code(published) * KEY_SPAN + rowid


def every_record(conn: sqlite3.Connection) -> str:
    """A MATCH that every record's row meets: one of the ledger's kinds among its facet words. The
    kinds are the ledger's (kind_summary, migration 010, has one row for every kind with records),
    so a kind no module registers is met too."""
    kinds = [k for (k,) in conn.execute("SELECT kind FROM kind_summary WHERE n > 0 ORDER BY kind")] or ["none"]
    return "facets : (" + " OR ".join("k" + kind.replace("_", "") for kind in kinds) + ")"


def newest(conn: sqlite3.Connection, flt: RecordFilter, columns: str, limit: int, *,
           after: tuple[str, int] | None = None, extra: tuple[str, list[Any]] = ("", []),
           published: tuple[str, str] | None = None, join: str = "", match: str | None = None) -> list[dict[str, Any]]:
    """`columns` of the records matching the filter, newest documents first (published DESC,
    rowid DESC), after the keyset token `after`; `extra` is one more condition over r, d and
    `join` (and its parameters); `published`, the range of publication dates the filter's records
    can have, bounds the walk. A filter with no facet words (dates alone, or none) walks every
    record's row: still in this order, so a page stops at its last row, where a walk over
    documents by date sorted each day's records (5,000 at 1M) before the first came out. `match`,
    when given, is one more condition of the MATCH (ANDed to the filter's words)."""
    where, params = flt.where(probe=True, words=False)
    bounds: list[str] = []
    values: list[Any] = []
    if after is not None:
        bounds.append("s.rowid < ?")
        values.append(key(after[0] or None, after[1]))
    if published is not None:
        bounds.append("s.rowid >= ? AND s.rowid < ?")
        values += [date_code(published[0]) * KEY_SPAN, (date_code(published[1]) + 1) * KEY_SPAN]
    sql = (f"SELECT {columns} FROM {TABLE} s CROSS JOIN records r ON r.rowid = s.rowid % {KEY_SPAN}"
           f" CROSS JOIN documents d ON d.id = r.document_id{join} WHERE {TABLE} MATCH ?"
           + "".join(f" AND {b}" for b in bounds) + f" AND {where}{extra[0]} ORDER BY s.rowid DESC LIMIT ?")
    words = " AND ".join(filter(None, (flt.by_date_query(), match))) or every_record(conn)
    cursor = conn.execute(sql, [words, *values, *params, *extra[1], limit])
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# The filters whose values migration 012's index holds exactly as facet words (and the words of the
# quote, which it reads for every filter): its matches of such a filter are the filter's records.
EXACT_IN_INDEX = frozenset({"q", "kind", "status", "review", "agency"})


def newest_rowids(conn: sqlite3.Connection, flt: RecordFilter, limit: int, match: str | None = None,
                  published: tuple[str, str] | None = None) -> list[int]:
    """The rowids of the newest `limit` records the filter (and `match`) picks, in newest()'s order
    (`published` as newest() reads it). A filter of EXACT_IN_INDEX alone is answered by the index
    without a row read: newest() tests each match's record and document, 7-12 ms for 2,000 at 1M,
    where the index hands them out in 1-2 ms."""
    runs = _publication_runs(conn, flt) if set(flt.active()) - {"since", "until"} <= EXACT_IN_INDEX else None
    if runs is not None:
        # Dates: in documents whose every record is within them, the index hands the matches out
        # untested; only the days at the dates' edges are tested row by row (the newest 2,000 of
        # q=agents&since=2025-01-18&until=2025-03-24 read 2,200 rows and their documents: 25-35 ms).
        words = " AND ".join(filter(None, (replace(flt, since=None, until=None).by_date_query(), match)))
        found: list[int] = []
        for first, last, sure in runs:
            if len(found) >= limit:
                break
            # At an edge, the words' matches the dates keep among the days those documents' records
            # have (migration 016's indexes) make the test when one date alone decides there.
            kept = None if sure else word_days.kept_in_run(conn, flt, first, last)
            if sure or kept is not None:
                found += [rid for (rid,) in conn.execute(
                    f"SELECT rowid % {KEY_SPAN} FROM {TABLE} WHERE {TABLE} MATCH ? AND rowid >= ? AND rowid < ?"
                    + ("" if sure else f" AND rowid % {KEY_SPAN} IN (SELECT value FROM json_each(?))")
                    + " ORDER BY rowid DESC LIMIT ?",
                    (words or every_record(conn), date_code(first) * KEY_SPAN, (date_code(last) + 1) * KEY_SPAN,
                     *(() if sure else (json.dumps(kept),)), limit - len(found)))]
            else:
                found += [row["rid"] for row in newest(conn, flt, "r.rowid AS rid", limit - len(found), match=match,
                                                       published=(first, last))]
        return found
    if not set(flt.active()) <= EXACT_IN_INDEX:
        return [row["rid"] for row in newest(conn, flt, "r.rowid AS rid", limit, match=match, published=published)]
    words = " AND ".join(filter(None, (flt.by_date_query(), match))) or every_record(conn)
    return [rid for (rid,) in conn.execute(f"SELECT rowid % {KEY_SPAN} FROM {TABLE} WHERE {TABLE} MATCH ?"
                                           " ORDER BY rowid DESC LIMIT ?", (words, limit))]


MAX_RUNS = 8


def _publication_runs(conn: sqlite3.Connection, flt: RecordFilter) -> list[tuple[str, str, bool]] | None:
    """The publication dates of the documents holding records the filter's dates keep (of its kind;
    of every kind when it names none), newest first, in runs of consecutive dates: (first, last,
    sure), `sure` when every record of those documents is within the dates (migration 011's
    record_day_summary), so that its matches need no test. Dates whose records are all outside are
    in no run. None when no dates, no such summary, a document without a date, dates whose codes do
    not sort as their text, or more than MAX_RUNS runs."""
    if not (flt.since or flt.until):
        return None
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'record_day_summary'").fetchone() is None:
        return None
    keeps = "(day_end != '' AND day_end >= ? AND day_start != '' AND day_start <= ?)"
    bounds = [flt.since or "", flt.until + "~" if flt.until else "~"]
    rows = conn.execute(f"SELECT published, min({keeps}), max({keeps}) FROM record_day_summary"
                        + (" WHERE kind = ?" if flt.kind else "") + " GROUP BY published ORDER BY published",
                        [*bounds, *bounds, *([flt.kind] if flt.kind else [])]).fetchall()
    codes = [date_code(published) for published, _, _ in rows]
    if any(published == "" for published, _, _ in rows) or any(a >= b for a, b in zip(codes, codes[1:])):
        return None
    runs: list[list[Any]] = []
    for published, every, some in rows:
        state = "sure" if every else ("tested" if some else None)
        if runs and runs[-1][2] == state:
            runs[-1][1] = published
        else:
            runs.append([published, published, state])
    runs = [r for r in runs if r[2] is not None]
    if len(runs) > MAX_RUNS:
        return None
    return [(first, last, state == "sure") for first, last, state in reversed(runs)]


def newest_only(conn: sqlite3.Connection, flt: RecordFilter, kind: str, at_most: int,
                published: tuple[str, str] | None = None) -> tuple[str, list[Any]] | None:
    """A condition on r (and its parameter) that picks the newest `at_most` records of `kind` the
    filter picks, all of them already tested against it; None when there are no more than that."""
    picked = replace(flt, kind=kind)
    if matches(conn, picked.by_date_query(), at_most + 1) <= at_most:
        return None
    rowids = newest_rowids(conn, picked, at_most, published=published)
    return "r.rowid IN (SELECT value FROM json_each(?))", [json.dumps(rowids)]


def sorted_page(conn: sqlite3.Connection, flt: RecordFilter, columns: str, order: str, limit: int, offset: int,
                *, extra: tuple[str, list[Any]] = ("", []), match: str | None = None) -> list[dict[str, Any]]:
    """`columns` of the records matching the filter, in `order` (over r), `limit` of them from
    `offset`: the matches are sorted by the order's keys only, and the page's rows read after.
    `match`, when given, is the MATCH to read instead of the filter's (its words and more)."""
    # Every match is read: a place or state is one set looked up first, then probed (a lookup of
    # each match's places cost 2 µs each, 35 of 120 ms for a city's 15,000 records at 1M), and the
    # documents are joined only when the filter reads them.
    where, params = flt.where(probe=True, words=False, sets=True)
    documents = f" CROSS JOIN documents d ON d.id = r.document_id" if flt.needs_documents or extra[0] else ""
    pick = (f"SELECT r.rowid AS rid FROM {TABLE} s CROSS JOIN records r ON r.rowid = s.rowid % {KEY_SPAN}"
            f"{documents} WHERE {TABLE} MATCH ? AND {where}{extra[0]} ORDER BY {order} LIMIT ? OFFSET ?")
    cursor = conn.execute(f"SELECT {columns} FROM ({pick}) p CROSS JOIN records r ON r.rowid = p.rid"
                          f" JOIN documents d ON d.id = r.document_id ORDER BY {order}",
                          [match or flt.by_date_query(), *params, *extra[1], limit, offset])
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def counted_by_kind(conn: sqlite3.Connection, flt: RecordFilter, at_most: int | None = None) -> dict[str, int] | None:
    """Records by kind that words alone (or with a kind) pick, from migration 014's index: each
    kind's matches are one range of its rowids, so the words' matches are read once (q=agents at
    1M: 6 intersections with a kind's word, 65-75 ms, to 15-25 ms), and no further than `at_most`
    in each kind when given (1: which kinds hold them, 0.1 ms each). None when it cannot answer:
    no such index, another filter, or a word of other characters than ASCII letters and digits."""
    words = _words_of(flt)
    if words is None or set(flt.active()) - {"q", "kind"}:
        return None
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (BY_KIND,)).fetchone() is None:
        return None
    # Every kind that has had a record: one with none left costs a seek that finds nothing.
    codes = conn.execute("SELECT kind, code FROM records_fts_by_kind_codes" + (" WHERE kind = ?" if flt.kind else ""),
                         [flt.kind] if flt.kind else []).fetchall()
    match = " ".join(f'"{w}"' for w in words)
    pick = f"SELECT 1 FROM {BY_KIND} WHERE {BY_KIND} MATCH ? AND rowid >= ? AND rowid < ?"
    out = {}
    for kind, code in codes:
        bounds = (match, code * KEY_SPAN, (code + 1) * KEY_SPAN)
        n = conn.execute(f"SELECT count(*) FROM ({pick} LIMIT ?)", (*bounds, at_most) if at_most is not None
                         else (*bounds, -1)).fetchone()[0]
        if n:
            out[kind] = n
    return out


# Rows a probed walk reads at most: each probe of 014's index and read of its row costs 25-30 µs
# at 1M, so a walk that would read more is left to a set of the matches (35-150 ms).
PROBED_AT_MOST = 1500


def probed_walk(conn: sqlite3.Connection, flt: RecordFilter, columns: str, walk: tuple[str, list[Any]],
                order: str, limit: int, offset: int) -> list[dict[str, Any]] | None:
    """`limit` rows from `offset` of the records whose quote holds the words alone (with a kind at
    most), in `order`, read down a window of the records: `walk` is a query of their rowids in
    that order (one placeholder for the window's size last) and its parameters, and each row of
    the window is tested by a probe of migration 014's index for its rowid. The window is four
    times the rows the page needs: a page of a word one record in four holds is read in a few
    milliseconds, where a set of its every match took 35-150 ms at 1M. None when the walk cannot
    answer: no such index, other filters, a page too deep for the window, or a window read whole
    without filling the page (the words are rarer there)."""
    words = _words_of(flt)
    if words is None or set(flt.active()) - {"q", "kind"}:
        return None
    window = (offset + limit) * 4 + 50
    if window > PROBED_AT_MOST or conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (BY_KIND,)).fetchone() is None:
        return None
    sql, values = walk
    rowids = [rid for (rid,) in conn.execute(sql, [*values, window])]
    match = " ".join(f'"{w}"' for w in words)
    held = _held_in_span(conn, match, rowids)
    if held is not None:
        # CROSS JOIN: the window's rows are read by rowid, never the index walked again for the order.
        kept = [rid for rid in rowids if rid in held]
        cursor = conn.execute(
            f"SELECT {columns} FROM (SELECT value AS rid FROM json_each(?)) w CROSS JOIN records r ON r.rowid = w.rid"
            f" JOIN documents d ON d.id = r.document_id ORDER BY {order} LIMIT ? OFFSET ?",
            [json.dumps(kept), limit, offset])
    else:
        cursor = conn.execute(
            f"SELECT {columns} FROM (SELECT value AS rid FROM json_each(?)) w CROSS JOIN records r ON r.rowid = w.rid"
            f" JOIN documents d ON d.id = r.document_id WHERE EXISTS (SELECT 1 FROM {BY_KIND} f WHERE {BY_KIND} MATCH ?"
            f" AND f.rowid = (SELECT code FROM records_fts_by_kind_codes WHERE kind = r.kind) * {KEY_SPAN} + r.rowid)"
            f" ORDER BY {order} LIMIT ? OFFSET ?", [json.dumps(rowids), match, limit, offset])
    names = [c[0] for c in cursor.description]
    found = [dict(zip(names, row)) for row in cursor.fetchall()]
    return None if len(found) < limit and len(rowids) == window else found


# How many matches, per window row, a window's span may hold for _held_in_span to read them all.
_SPAN_MATCHES_PER_ROW = 8


def _held_in_span(conn: sqlite3.Connection, match: str, rowids: list[int]) -> set[int] | None:
    """The rowids between the window's least and greatest whose quote holds the words: one read of
    014's index per kind, over that span of rowids, in place of a probe per row (a window of 250
    rows of one day's records took 250 probes, 50 ms at 1M; the span's matches take a few). None
    when the span holds too many matches to be worth reading (a walk by place jumps across the
    whole ledger): the caller probes each row instead."""
    if not rowids:
        return set()
    low, high = min(rowids), max(rowids)
    cap = len(rowids) * _SPAN_MATCHES_PER_ROW
    held: set[int] = set()
    for (code,) in conn.execute("SELECT code FROM records_fts_by_kind_codes"):
        found = [key - code * KEY_SPAN for (key,) in conn.execute(
            f"SELECT rowid FROM {BY_KIND} WHERE {BY_KIND} MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?",
            (match, code * KEY_SPAN + low, code * KEY_SPAN + high, cap + 1))]
        if len(found) > cap:
            return None
        held.update(found)
        cap -= len(found)
    return held


def _words_of(flt: RecordFilter) -> list[str] | None:
    """The words of q when each is one plain token, else None."""
    words = flt.words()
    return words if words and all(_PLAIN_WORD.fullmatch(w) for w in words) else None


def kind_counts(conn: sqlite3.Connection, flt: RecordFilter) -> dict[str, int]:
    """Records by kind that the words and every filter but the dates pick: FTS5 counts its
    intersection of each kind, as facet words. Exact only where the facet words are: a kind,
    status, review state and agency are single words; a place, state or publisher are tested on
    the records the index picks (a place's phrase matches "New York City" for "York City")."""
    if flt.since or flt.until:
        raise ValueError("kind_counts: dates are not among the facet words; count the records")
    by_kind = counted_by_kind(conn, flt)
    if by_kind is not None:
        return by_kind
    kinds = [flt.kind] if flt.kind else [k for (k,) in conn.execute("SELECT kind FROM kind_summary WHERE n > 0")]
    loose = flt.place or flt.state or flt.publisher
    out = {}
    for kind in kinds:
        picked = replace(flt, kind=kind)
        if loose:
            where, params = picked.where(probe=True, words=False)
            n = conn.execute(f"SELECT count(*) FROM {TABLE} s CROSS JOIN records r ON r.rowid = s.rowid % {KEY_SPAN}"
                             f" CROSS JOIN documents d ON d.id = r.document_id WHERE {TABLE} MATCH ? AND {where}",
                             [picked.by_date_query(), *params]).fetchone()[0]
        else:
            n = conn.execute(f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH ?", (picked.by_date_query(),)).fetchone()[0]
        if n:
            out[kind] = n
    return out
