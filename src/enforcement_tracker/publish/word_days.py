"""Words with dates counted by kind, from migration 016's indexes of the quote by kind and day.

`since` keeps a record whose last day (COALESCE(date_end, date_start, published)) is not before
it, `until` one whose first day (COALESCE(date_start, ...)) is not after it. Migration 016 numbers
each quote by its kind's code, then one of those days as yyyymmdd, then its rowid, in two indexes
(by first day, by last day), so a kind's matches in a range of days are one range of rowids that
FTS5 seeks to, and a count reads the words' matches in that range and nothing else. Where 012's
index read every match in the documents the dates reach and tested its record's dates (2.7-7 µs
a match: q=agents over five months, 250,000 of them, 1 s at 1M), this reads the index alone.

With both dates, a record is kept unless its first day is after until or its last day before
since. When no record starts before since and ends after it (the summary of records by day,
migration 011, says), those are the records whose first day is between the two: one range. Else,
(a record's first day never after its last) no record is both before since and after until, so
the kept are the records whose first day is not after until less those whose last day is before
since, or the records whose last day is not before since less those whose first day is after
until: the summary says which reads fewer matches (the one whose subtracted side holds fewer).
"""

from __future__ import annotations

import re
import sqlite3

from enforcement_tracker.publish.filters import KEY_SPAN, RecordFilter

BY_START = "records_fts_by_kind_start"
BY_END = "records_fts_by_kind_end"
KIND_SPAN = 1 << 59     # a kind's code times this, plus the day times KEY_SPAN, plus the rowid
MAX_CODE = 15           # kinds past it are not indexed (their key would not fit in 63 bits)
LAST_DAY = 99999999     # the largest day code
_WORD = re.compile(r"[A-Za-z0-9]+")  # one token of FTS5's unicode61 whatever its settings
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# A day as the records hold it, whose yyyymmdd code sorts as the text does: 2025, 2025-01 or
# 2025-01-26 (with anything after the day), or '' for a record and document without any date.
_WELL_FORMED = ("({c} = '' OR {c} GLOB '[0-9][0-9][0-9][0-9]' OR {c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'"
                " OR {c} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*')")


def indexed(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN (?, ?, 'record_day_summary')",
                        (BY_START, BY_END)).fetchone()[0] == 3


def day_code(text: str) -> int:
    """yyyymmdd of a date like 2025, 2025-01 or 2025-01-26, a missing month or day 0 (as the view
    of migration 016 computes it)."""
    parts = text[:10].split("-")
    return int(parts[0]) * 10000 + (int(parts[1]) * 100 if len(parts) > 1 else 0) + (int(parts[2]) if len(parts) > 2 else 0)


def until_code(text: str) -> int:
    """The last day code an until keeps: every day of its month or year when it names no day
    (until=2025-01 keeps "2025-01", "2025-01-31" and all between, as the text compares)."""
    if len(text) == 4:
        return int(text) * 10000 + 9999
    return day_code(text) + (99 if len(text) == 7 else 0)


def counted_by_kind(conn: sqlite3.Connection, flt: RecordFilter) -> dict[str, int] | None:
    """Records by kind that the words of q (with a kind, at most) keep within the filter's since
    and until, exact; None when these indexes cannot answer: no dates, another filter, a word of
    other characters than ASCII letters and digits, no such index, a kind past MAX_CODE, or a
    day in the ledger whose code would not sort as its text (then the caller reads the records)."""
    words = flt.words()
    if not (flt.since or flt.until) or not words or not all(_WORD.fullmatch(w) for w in words):
        return None
    if set(flt.active()) - {"q", "kind", "since", "until"} or not indexed(conn):
        return None
    if not all(_DATE.fullmatch(d) for d in (flt.since, flt.until) if d):
        return None
    low = day_code(flt.since) if flt.since else None
    high = until_code(flt.until) if flt.until else None
    codes = conn.execute("SELECT kind, code FROM records_fts_by_kind_codes" + (" WHERE kind = ?" if flt.kind else ""),
                         [flt.kind] if flt.kind else []).fetchall()
    if any(code > MAX_CODE or code < 0 for _, code in codes):
        return None
    kinds = [flt.kind] if flt.kind else None
    where = f" AND kind IN ({', '.join('?' for _ in kinds)})" if kinds else ""
    # The records before since, after until and across since, by the summary of records by day.
    since, until = flt.since or "", (flt.until or "") + "~"
    odd, before, after, across = conn.execute(
        f"SELECT COALESCE(max(day_start > day_end OR NOT ({_WELL_FORMED.format(c='day_start')}"
        f" AND {_WELL_FORMED.format(c='day_end')})), 0),"
        " COALESCE(sum(CASE WHEN day_end != '' AND day_end < ? THEN n END), 0),"
        " COALESCE(sum(CASE WHEN day_start != '' AND day_start > ? THEN n END), 0),"
        " COALESCE(sum(CASE WHEN day_start != '' AND day_start < ? AND day_end >= ? THEN n END), 0)"
        f" FROM record_day_summary WHERE 1{where}", [since, until, since, since, *(kinds or [])]).fetchone()
    if odd or (across and low is not None and high is not None and low > high + 1):
        return None  # (since after until, and records across it: one may span both)
    match = " ".join(f'"{w}"' for w in words)

    def count(table: str, code: int, first: int, last: int) -> int:
        if first > last:
            return 0
        base = code * KIND_SPAN
        return conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ? AND rowid >= ? AND rowid < ?",
                            (match, base + first * KEY_SPAN, base + (last + 1) * KEY_SPAN)).fetchone()[0]

    out = {}
    for kind, code in codes:
        if low is None:    # first day not after until (day 0: no date, kept by no until)
            n = count(BY_START, code, 1, high)
        elif high is None:  # last day not before since
            n = count(BY_END, code, low, LAST_DAY)
        elif not across:  # no record starts before since and ends after it: the first days between
            n = count(BY_START, code, low, high)
        elif before <= after:
            n = count(BY_START, code, 1, high) - count(BY_END, code, 1, low - 1)
        else:
            n = count(BY_END, code, low, LAST_DAY) - count(BY_START, code, high + 1, LAST_DAY)
        if n:
            out[kind] = n
    return out


# The widest range of day codes read for one run of documents (about three months within a year):
# a record across a long range would make the set of matches larger than the rows it spares.
MAX_RUN_CODES = 300


def kept_in_run(conn: sqlite3.Connection, flt: RecordFilter, first: str, last: str) -> list[int] | None:
    """Rowids of records whose quote holds the words of q (and of the filter's kind) that its dates
    keep, among every record whose day the records of the documents published from `first` to `last`
    can have: a set that, met by a walk of those documents' matches, keeps exactly those the dates
    keep, with no row read. It holds when the documents' records all meet one of the dates (all end
    after since, say; the summary of records by day tells): then the other alone decides, one range
    of first days (or last days) here. None otherwise, or for words these indexes cannot read."""
    words = flt.words()
    if not words or not all(_WORD.fullmatch(w) for w in words) or not indexed(conn):
        return None
    if not all(_DATE.fullmatch(d) for d in (flt.since, flt.until) if d):
        return None
    kind = " AND kind = ?" if flt.kind else ""
    since, until = flt.since or "", (flt.until + "~") if flt.until else "~"
    odd, since_met, until_met, first_start, last_end = conn.execute(
        f"SELECT COALESCE(max(day_start > day_end OR NOT ({_WELL_FORMED.format(c='day_start')}"
        f" AND {_WELL_FORMED.format(c='day_end')}) OR day_start = ''), 1), min(day_end >= ?), min(day_start <= ?),"
        f" min(day_start), max(day_end) FROM record_day_summary WHERE published BETWEEN ? AND ?{kind}",
        [since, until, first, last, *([flt.kind] if flt.kind else [])]).fetchone()
    if odd or since_met == until_met:  # (both met: no test is needed; neither: both would be)
        return None
    if since_met:  # kept when the first day is not after until
        table, low, high = BY_START, day_code(first_start), until_code(flt.until)
    else:          # kept when the last day is not before since
        table, low, high = BY_END, day_code(flt.since), day_code(last_end)
    if high < low:
        return []
    if high - low > MAX_RUN_CODES:
        return None
    codes = conn.execute("SELECT code FROM records_fts_by_kind_codes" + (" WHERE kind = ?" if flt.kind else ""),
                         [flt.kind] if flt.kind else []).fetchall()
    if any(code > MAX_CODE or code < 0 for (code,) in codes):
        return None
    match = " ".join(f'"{w}"' for w in words)
    found: list[int] = []
    for (code,) in codes:
        base = code * KIND_SPAN
        found += [rid for (rid,) in conn.execute(
            f"SELECT rowid % {KEY_SPAN} FROM {table} WHERE {table} MATCH ? AND rowid >= ? AND rowid < ?",
            (match, base + low * KEY_SPAN, base + (high + 1) * KEY_SPAN))]
    return found
