"""`/records`: the ledger's records as a list for people, filtered, sortable, paged.

Newest first pages by keyset (queries.record_page: page 1000 costs what page 1 does); the other
orders (oldest, place, kind) page by number over an index each (migration 010).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any

from datasette.utils.asgi import Response

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish import params, queries, summaries, word_search, words
from enforcement_tracker.publish.filters import FILTER_NAMES, KEY_SPAN, RecordFilter

# sort name -> (words on the page, ORDER BY). Within a place or a kind, the newest claim first
# (its own date), so that migration 012's records_by_place and records_by_kind hold the order.
SORTS = {
    "newest": ("newest first", None),
    "oldest": ("oldest first", "d.published, r.rowid"),
    "place": ("by place", "r.places IS NULL, r.places, r.date_start DESC, r.rowid DESC"),
    "kind": ("by kind", "r.kind, r.date_start DESC, r.rowid DESC"),
}
SORT_INDEXES = {"place": "records_by_place", "kind": "records_by_kind"}
# The same orders within a state (migration 013), and each order's keys with their direction.
STATE_SORT_INDEXES = {"place": "records_by_state_place", "kind": "records_by_state_kind"}
SORT_KEYS = {"place": (("r.places IS NULL", ""), ("r.places", ""), ("r.date_start", " DESC"), ("r.rowid", " DESC")),
             "kind": (("r.kind", ""), ("r.date_start", " DESC"), ("r.rowid", " DESC"))}
PAGE_SIZE = 50
COMMON = 20000  # matches past which a sorted list walks its index instead of sorting them
MAX_PAGE_NUMBER = 2000  # past this, narrow the filter: an OFFSET that deep reads too much
PAGE_PARAMS = FILTER_NAMES + ("sort", "_next", "_page")


def sorted_page(conn: sqlite3.Connection, flt: RecordFilter, sort: str, page: int,
                size: int = PAGE_SIZE) -> tuple[list[dict[str, Any]], bool]:
    flt = summaries.without_needless_review(conn, flt)
    if sort in SORT_INDEXES and flt.review and not flt.selective and summaries.few_in_review(conn, flt, COMMON):
        return _sorted_in_review(conn, flt, sort, page, size)
    if flt.active() and not (flt.selective or flt.review) and not summaries.kind_counts(conn, flt):
        return [], False  # (counted by the summaries: a walk of the sort's index would read every record)
    where, values = flt.where(by_date=word_search.indexed(conn))
    bound = summaries.published_clause(conn, flt)
    if bound is None:
        return [], False
    unbound = where, list(values)
    where += bound[0]
    values += bound[1]
    join = "records r JOIN documents d" if flt.selective else "documents d CROSS JOIN records r"
    if (sort in STATE_SORT_INDEXES and flt.state and not flt.q and word_search.indexed(conn)
            and _has_index(conn, STATE_SORT_INDEXES[sort])):
        return _sorted_in_state(conn, flt, sort, page, size, bound)
    if (sort in SORT_INDEXES and flt.kind and flt.until and flt.q and not (flt.place or flt.state)
            and word_search.indexed(conn) and word_search.matches(conn, flt.by_date_query(), COMMON) >= COMMON
            and (sort == "kind" or not _kind_has_places(conn, flt.kind))):
        # (common words of one kind: down its dates, each row probed for them, or tested against
        # the set of their matches when the page is too deep to probe)
        found = _words_down_the_dates(conn, flt, size + 1, (page - 1) * size)
        return found[:size], len(found) > size
    if sort == "kind" and not flt.kind and flt.q and word_search.indexed(conn):
        return _kind_by_kind(conn, flt, page, size)
    if sort == "place" and flt.q and not (flt.kind or flt.place or flt.state) and word_search.indexed(conn):
        # (a kind's records are placed or not alike: one walk of its part of the index serves it)
        return _words_by_place(conn, flt, page, size, bound)
    if (sort in SORT_INDEXES and flt.q and not (flt.place or flt.state) and word_search.indexed(conn)
            and word_search.matches(conn, flt.by_date_query(), COMMON) >= COMMON):
        found = _walk_with_words(conn, flt, sort, size + 1, (page - 1) * size, bound)
        return found[:size], len(found) > size
    if sort in SORT_INDEXES and flt.selective and word_search.indexed(conn):
        # Words, a place or a state: their matches from migration 012's index, sorted by their keys
        # alone, then the page's rows read.
        found = word_search.sorted_page(conn, flt, queries.RECORD_LIST_COLUMNS, SORTS[sort][1], size + 1,
                                        (page - 1) * size, extra=bound)
        return found[:size], len(found) > size
    if (sort in SORT_INDEXES and flt.kind and flt.until and not flt.selective
            and (sort == "kind" or not _kind_has_places(conn, flt.kind))):
        found = _down_the_dates(conn, flt, size + 1, (page - 1) * size)
        return found[:size], len(found) > size
    if sort == "kind" and flt.until and not (flt.kind or flt.selective or flt.review):  # (counted by the summaries)
        return _kinds_down_their_dates(conn, flt, page, size)
    if sort == "place" and flt.until and not flt.selective and _has_index(conn, SORT_INDEXES["place"]):
        return _places_down_their_dates(conn, flt, page, size)
    if sort in SORT_INDEXES:
        # A place, state or words pick a set to sort; other filters keep many records, read in the
        # sort's index order and stopped at the page (the planner would sort a kind's every record).
        index = "records_by_kind_place" if sort == "place" and flt.kind else SORT_INDEXES[sort]
        present = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (index,)).fetchone()
        hint = f" INDEXED BY {index}" if present and not flt.selective else ""
        join = f"records r{hint} JOIN documents d"
        if hint:
            # The walk of the sort's index tests each row's dates; the publication dates' bound, a
            # test of the documents alone, made SQLite scan them all first for a Bloom filter
            # (100,000 at 1M: 27 ms of a page that then takes 0.1 ms).
            where, values = unbound
    found = queries.rows(conn, f"SELECT {queries.RECORD_LIST_COLUMNS} FROM {join} ON d.id = r.document_id"
                               f" WHERE {where} ORDER BY {SORTS[sort][1]} LIMIT ? OFFSET ?",
                         values + [size + 1, (page - 1) * size])
    return found[:size], len(found) > size


def _kind_has_places(conn: sqlite3.Connection, kind: str) -> bool:
    """Whether any record of `kind` names a place: the first of the kind in migration 012's index by
    place, where the placed come first."""
    if not _has_index(conn, "records_by_kind_place"):
        return True  # (unknown without reading them: the walk it is)
    first = conn.execute("SELECT places FROM records INDEXED BY records_by_kind_place WHERE kind = ?"
                         " ORDER BY places IS NULL, places LIMIT 1", (kind,)).fetchone()
    return first is not None and first[0] is not None


def _kinds_down_their_dates(conn: sqlite3.Connection, flt: RecordFilter, page: int,
                            size: int) -> tuple[list[dict[str, Any]], bool]:
    """An `until` by kind with no kind chosen: each kind's records down its dates in turn (A to Z),
    the kinds before the page's first row passed over by their counts (summaries.kind_counts,
    exact); a walk of the kind index passed over every record newer than the until first
    (until=2025-03-01: 0.56 s at 1M)."""
    skip, wanted = (page - 1) * size, size + 1
    found: list[dict[str, Any]] = []
    for kind, n in sorted(summaries.kind_counts(conn, flt).items()):
        if skip >= n:
            skip -= n
            continue
        found += _down_the_dates(conn, replace(flt, kind=kind), wanted - len(found), skip)
        skip = 0
        if len(found) >= wanted:
            break
    return found[:size], len(found) > size


def _sorted_in_review(conn: sqlite3.Connection, flt: RecordFilter, sort: str, page: int,
                      size: int) -> tuple[list[dict[str, Any]], bool]:
    """A page of review states that hold few records: those read by the review index and sorted by
    the sort's keys alone, then the page's rows read. A walk of the sort's index read every record
    for a state no record is in yet (review=verified at 1M: 2-3 s)."""
    where, values = flt.where()
    order = SORTS[sort][1]
    pick = (f"SELECT r.rowid AS rid FROM records r INDEXED BY records_review CROSS JOIN documents d"
            f" ON d.id = r.document_id WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?")
    found = queries.rows(conn, f"SELECT {queries.RECORD_LIST_COLUMNS} FROM ({pick}) p CROSS JOIN records r"
                               f" ON r.rowid = p.rid JOIN documents d ON d.id = r.document_id ORDER BY {order}",
                         values + [size + 1, (page - 1) * size])
    return found[:size], len(found) > size


def _places_down_their_dates(conn: sqlite3.Connection, flt: RecordFilter, page: int,
                             size: int) -> tuple[list[dict[str, Any]], bool]:
    """An `until` by place: each place (the record's `places`, A to Z, then none) read down its
    dates in migration 012's index from the until on, then its undated records, as far as the page
    reaches. One walk of the index met each place's matches after all its newer records (until=
    2025-03-01: 0.57 s at 1M; agency=ICE with it 0.73 s)."""
    where, values = flt.where()
    index = SORT_INDEXES["place"]
    order = "r.places IS NULL, r.places, r.date_start DESC, r.rowid DESC"  # the index's own order
    arm = (f"SELECT r.rowid FROM records r INDEXED BY {index} CROSS JOIN documents d ON d.id = r.document_id"
           f" WHERE r.places {{place}} AND {{dates}} AND {where} ORDER BY {order} LIMIT ?")
    wanted = page * size + 1
    if not flt.review:  # (counted from the summaries: a review state is not among them)
        # No walk past the last match: a place holding none is read to its end (a publisher with
        # no record before the until read every record before it: 1.7 s at 1M).
        wanted = min(wanted, sum(summaries.kind_counts(conn, flt).values()))
    picked: list[int] = []
    place: str | None = ""
    while len(picked) < wanted and place is not None:
        found = conn.execute(f"SELECT places FROM records INDEXED BY {index} WHERE places > ?"
                             " ORDER BY places IS NULL, places LIMIT 1", (place,)).fetchone()
        place = found[0] if found else None  # past the last place: the records with none
        test = ("= ?", [place]) if place is not None else ("IS NULL", [])
        for dates, date_values in (("r.date_start <= ?", [flt.until + "~"]), ("r.date_start IS NULL", [])):
            if len(picked) < wanted:
                picked += [rid for (rid,) in conn.execute(
                    arm.format(place=test[0], dates=dates),
                    [*test[1], *date_values, *values, wanted - len(picked)])]
    page_ids = picked[(page - 1) * size:]
    found_rows = queries.rows(conn, f"SELECT {queries.RECORD_LIST_COLUMNS} FROM (SELECT value AS rid FROM json_each(?)) w"
                                    f" CROSS JOIN records r ON r.rowid = w.rid JOIN documents d ON d.id = r.document_id"
                                    f" ORDER BY {SORTS['place'][1]}", [json.dumps(page_ids)])
    return found_rows[:size], len(found_rows) > size


def _words_down_the_dates(conn: sqlite3.Connection, flt: RecordFilter, limit: int, offset: int) -> list[dict[str, Any]]:
    """Common words of one kind with an until (and nothing else), down the kind's dates: each row
    probed in migration 014's index (word_search.probed_walk), the until tested by the walk itself;
    past a probe's reach, _down_the_dates. Its set of the kind's matches, built once per arm, was
    most of the page (q=agents&kind=operation&until=2025-02-01: 140 ms at 1M)."""
    until = flt.until + "~"
    walk = ("SELECT rid FROM (SELECT r.rowid AS rid, r.date_start AS ds FROM records r INDEXED BY records_kind_date"
            " WHERE r.kind = ? AND r.date_start <= ? UNION ALL SELECT r.rowid, r.date_start FROM records r"
            " INDEXED BY records_kind_date CROSS JOIN documents d ON d.id = r.document_id WHERE r.kind = ?"
            " AND r.date_start IS NULL AND COALESCE(r.date_end, d.published) <= ? ORDER BY ds DESC, rid DESC LIMIT ?)",
            [flt.kind, until, flt.kind, until])
    probed = word_search.probed_walk(conn, replace(flt, until=None), queries.RECORD_LIST_COLUMNS, walk,
                                     "r.date_start DESC, r.rowid DESC", limit, offset)
    return probed if probed is not None else _down_the_dates(conn, flt, limit, offset)


def _down_the_dates(conn: sqlite3.Connection, flt: RecordFilter, limit: int, offset: int) -> list[dict[str, Any]]:
    """`limit` records from `offset` of one kind with an `until`, in the order of their claims'
    dates (by kind, or by place for a kind whose records name none): read down (kind, date_start)
    from the `until` on, then the records with no date of their own. A walk of the sort's index met
    them last: every target newer than the until first (kind=target&until=2025-03-02, 65,000 of
    them: 0.3-0.5 s at 1M)."""
    # Words, with the kind among their facet words: one set of that kind's matches (012's index).
    where, values = flt.where(probe=True, by_date=word_search.indexed(conn))
    arm = (f"SELECT r.rowid AS rid, r.date_start AS ds FROM records r INDEXED BY records_kind_date"
           f" CROSS JOIN documents d ON d.id = r.document_id WHERE r.kind = ? AND {{dates}} AND {where}")
    pick = (arm.format(dates="r.date_start <= ?") + " UNION ALL " + arm.format(dates="r.date_start IS NULL")
            + " ORDER BY ds DESC, rid DESC LIMIT ? OFFSET ?")
    found = queries.rows(conn, f"SELECT {queries.RECORD_LIST_COLUMNS} FROM ({pick}) p CROSS JOIN records r"
                               f" ON r.rowid = p.rid JOIN documents d ON d.id = r.document_id"
                               " ORDER BY r.date_start DESC, r.rowid DESC",
                         [flt.kind, flt.until + "~", *values, flt.kind, *values, limit, offset])
    return found


def _walk_with_words(conn: sqlite3.Connection, flt: RecordFilter, sort: str, limit: int, offset: int,
                     bound: tuple[str, list[Any]], clause: str = "",
                     index_and_order: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Words many of the filter's records hold: their matches are one set (records_fts, looked up
    once, 35 ms for 300,000 at 1M), and the list walks the sort's index testing each row against it
    (and `clause`), stopped at the page; sorting the matches by their keys took 0.5-1 s.
    `index_and_order` walks another index in its own order (one that `clause` makes the sort's)."""
    where, values = flt.where(probe=True)
    index = "records_by_kind_place" if sort == "place" and flt.kind else SORT_INDEXES[sort]
    index, order = index_and_order or (index, SORTS[sort][1])
    hint = f" INDEXED BY {index}" if _has_index(conn, index) else ""
    # The rowids first, the page's rows after: a walk that reads only the index (words and a place's
    # presence) passes over a deep page's rows without reading each one and its document (page 30
    # of q=agents by place: 1,500 rows, 80 ms at 1M, to the 35 ms of the words' set).
    documents = " JOIN documents d ON d.id = r.document_id" if flt.needs_documents or bound[0] else ""
    pick = (f"SELECT r.rowid AS rid FROM records r{hint}{documents} WHERE {where}{clause}{bound[0]}"
            f" ORDER BY {order} LIMIT ? OFFSET ?")
    return queries.rows(conn, f"SELECT {queries.RECORD_LIST_COLUMNS} FROM ({pick}) p CROSS JOIN records r"
                              f" ON r.rowid = p.rid JOIN documents d ON d.id = r.document_id ORDER BY {order}",
                        values + bound[1] + [limit, offset])


def _words_by_place(conn: sqlite3.Connection, flt: RecordFilter, page: int, size: int,
                    bound: tuple[str, list[Any]]) -> tuple[list[dict[str, Any]], bool]:
    """Words by place: the records with a place (A to Z), then those without, each group read the
    cheaper way for its number of matches (counted to COMMON in migration 012's index): walked in
    the sort's index, or its matches sorted. One walk for a word mostly in records without a place
    (criminality, quotes) tested every placed record first (q=arrested: 360 ms at 1M)."""
    if word_search.matches(conn, flt.by_date_query(), COMMON) < COMMON:  # few: sorted at once
        found = word_search.sorted_page(conn, flt, queries.RECORD_LIST_COLUMNS, SORTS["place"][1], size + 1,
                                        (page - 1) * size, extra=bound)
        return found[:size], len(found) > size
    # Each group read from its own row `skip` on: the placed matches, counted as far as the page, are
    # passed over whole when the page starts after them (page 30 read its 1,500 rows before: 220-310 ms).
    skip, wanted = (page - 1) * size, size + 1
    holding = word_search.counted_by_kind(conn, flt, at_most=1)  # the kinds that hold the words
    found = []
    placed = f"{flt.by_date_query()} AND places : p"  # a placed record's row holds "p <name>" for each place
    # Unary +: a test of each row, not a term the planner holds constant (it then sorted every row
    # of the group again by the rest of the order: 1.1 s for q=arrested&kind=criminality). Records
    # without a place are in the order of their claims alone: walked down the date index.
    dated = ("records_kind_date" if flt.kind else "records_date", "r.date_start DESC, r.rowid DESC")
    for clause, match in ((" AND +r.places IS NOT NULL", placed), (" AND +r.places IS NULL", None)):
        if len(found) >= wanted:
            break
        limit = wanted - len(found)
        cap = max(COMMON, skip + wanted)
        n = COMMON if match is None else word_search.matches(conn, match, cap)
        if n == 0:
            continue
        if match is not None and n <= skip:  # (counted exactly: under the cap)
            skip -= n
            continue
        probed = None
        if holding and not bound[0] and n >= COMMON:
            walk = _placed_walk(holding) if match else _unplaced_walk(holding)
            probed = word_search.probed_walk(conn, flt, queries.RECORD_LIST_COLUMNS, walk,
                                             SORTS["place"][1] if match else dated[1], limit, skip)
        if probed is not None:
            found += probed
        elif n >= COMMON and match is None and holding and not bound[0] and flt.kind is None:
            found += _unplaced_by_kind(conn, flt, sorted(holding), limit, skip)
        elif n >= COMMON:
            found += _walk_with_words(conn, flt, "place", limit, skip, bound, clause, None if match else dated)
        else:
            found += word_search.sorted_page(conn, flt, queries.RECORD_LIST_COLUMNS, SORTS["place"][1], limit, skip,
                                             extra=(clause + bound[0], bound[1]), match=match)
        skip = 0
    return found[:size], len(found) > size


def _unplaced_by_kind(conn: sqlite3.Connection, flt: RecordFilter, kinds: list[str], limit: int,
                      offset: int) -> list[dict[str, Any]]:
    """`limit` rows from `offset` of the records without a place whose quote holds the words, newest
    claim first: each kind that holds them walked down its dates and tested against the words'
    matches (one set, records_fts), the walks merged. A page too deep to probe walked every record's
    date instead, and q=arrested's matches are undated criminality records, which sort after every
    dated one (page 37: 360,000 rows passed over, 190-400 ms at 1M)."""
    where, values = flt.where(probe=True)
    arm = (f"SELECT r.rowid AS rid, r.date_start AS ds FROM records r INDEXED BY records_kind_date"
           f" WHERE r.kind = ? AND +r.places IS NULL AND {where}")
    pick = f"{' UNION ALL '.join(arm for _ in kinds)} ORDER BY ds DESC, rid DESC LIMIT ? OFFSET ?"
    return queries.rows(conn, f"SELECT {queries.RECORD_LIST_COLUMNS} FROM ({pick}) p CROSS JOIN records r"
                              f" ON r.rowid = p.rid JOIN documents d ON d.id = r.document_id"
                              f" ORDER BY {SORTS['place'][1]}",
                        [v for kind in kinds for v in (kind, *values)] + [limit, offset])


def _kind_by_kind(conn: sqlite3.Connection, flt: RecordFilter, page: int, size: int) -> tuple[list[dict[str, Any]], bool]:
    """Words by kind: each kind's page in turn (A to Z), as far as this page reaches. A word common in
    the ledger can be rare in the first kinds: one walk of the kind index tested every arrest count,
    cadence and criminality record before the first operation (q=agents: 190 ms at 1M)."""
    probed = _kinds_probed(conn, flt, page, size)
    if probed is not None:
        return probed
    wanted = page * size + 1  # every row through this page, and one more to tell there are more
    found: list[dict[str, Any]] = []
    for (kind,) in conn.execute("SELECT kind FROM kind_summary WHERE n > 0 ORDER BY kind"):
        if len(found) >= wanted:
            break
        rows, _ = sorted_page(conn, replace(flt, kind=kind), "kind", 1, size=wanted - len(found))
        found += rows
    return found[(page - 1) * size:page * size], len(found) > page * size


def _placed_walk(holding: dict[str, int]) -> tuple[str, list[Any]]:
    """Rowids of the placed records of the kinds that hold the words, by place (word_search.probed_walk)."""
    kinds = sorted(holding)
    return (f"SELECT r.rowid FROM records r INDEXED BY {SORT_INDEXES['place']} WHERE +r.places IS NOT NULL"
            f" AND +r.kind IN ({', '.join('?' for _ in kinds)}) ORDER BY {SORTS['place'][1]} LIMIT ?", kinds)


def _unplaced_walk(holding: dict[str, int]) -> tuple[str, list[Any]]:
    """Rowids of the records without a place of the kinds that hold the words, newest claim first:
    each kind's walk down its dates merged (one walk of every record's date read the dated kinds
    first, 840,000 rows at 1M, before the undated criminality records that hold "arrested")."""
    kinds = sorted(holding)
    arm = ("SELECT r.rowid AS rid, r.date_start AS ds FROM records r INDEXED BY records_kind_date"
           " WHERE r.kind = ? AND +r.places IS NULL")
    return (f"SELECT rid FROM ({' UNION ALL '.join(arm for _ in kinds)} ORDER BY ds DESC, rid DESC LIMIT ?)", kinds)


def _kinds_probed(conn: sqlite3.Connection, flt: RecordFilter, page: int,
                  size: int) -> tuple[list[dict[str, Any]], bool] | None:
    """Words alone by kind (migration 014): the kinds that hold none are passed over, those before
    the page's first row by their counts, and the page read in the kind index's order, each row
    probed for the words (word_search.probed_walk), or past a probe's reach from its row in the
    kind as sorted_page reads one kind. None without migration 014's index or for other filters."""
    holding = word_search.counted_by_kind(conn, flt, at_most=1)
    if holding is None:
        return None
    skip, wanted = (page - 1) * size, size + 1
    found: list[dict[str, Any]] = []
    for kind in sorted(holding):
        one = replace(flt, kind=kind)
        if skip:
            n = (word_search.counted_by_kind(conn, one, at_most=skip + 1) or {}).get(kind, 0)
            if n <= skip:
                skip -= n
                continue
        walk = (f"SELECT r.rowid FROM records r INDEXED BY {SORT_INDEXES['kind']} WHERE r.kind = ?"
                f" ORDER BY {SORTS['kind'][1]} LIMIT ?", [kind])
        limit = wanted - len(found)
        rows = word_search.probed_walk(conn, one, queries.RECORD_LIST_COLUMNS, walk, SORTS["kind"][1], limit, skip)
        if rows is None:  # a page too deep to probe: from this kind's row `skip`, as sorted_page reads a kind
            rows = (_walk_with_words(conn, one, "kind", limit, skip, ("", []))
                    if word_search.matches(conn, one.by_date_query(), COMMON) >= COMMON else
                    word_search.sorted_page(conn, one, queries.RECORD_LIST_COLUMNS, SORTS["kind"][1], limit, skip))
        found += rows
        skip = 0
        if len(found) >= wanted:
            break
    return found[:size], len(found) > size


def _has_index(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone() is not None


def _sorted_in_state(conn: sqlite3.Connection, flt: RecordFilter, sort: str, page: int, size: int,
                     bound: tuple[str, list[Any]]) -> tuple[list[dict[str, Any]], bool]:
    """A page of a state's (or a place's, "Houston, TX") records by place or kind, merged from two
    lists in the sort's order: the records whose own state it is, read down migration 013's index
    of the state and stopped at the page (a place tested on each, as one set of rowids looked up
    once), and the few placed there only after a first place elsewhere (their own state is the
    first place's that has one, store/ledger.py), sorted. Sorting every match instead read 55,000
    records for a state at 1M (100-180 ms)."""
    rest, values = replace(flt, place=None, state=None).where(probe=True, words=False)
    rest += bound[0]
    values = values + bound[1]
    documents = " JOIN documents d ON d.id = r.document_id" if flt.needs_documents or bound[0] else ""
    keys = ", ".join(f"{expr} AS k{i}" for i, (expr, _) in enumerate(SORT_KEYS[sort]))
    order = ", ".join(f"k{i}{direction}" for i, (_, direction) in enumerate(SORT_KEYS[sort]))
    names, name_values = "", []
    own_place, own_values = "", []
    if flt.place:
        variants = flt.place_variants()
        names = f" AND name IN ({', '.join('?' for _ in variants)})"
        name_values = variants
        # The place's words in migration 012's index: a set of rowids (a superset) for the walk to
        # probe, then the exact place tested on the rows in it alone.
        own_place = (f" AND +r.rowid IN (SELECT rowid % {KEY_SPAN} FROM {word_search.TABLE}"
                     f" WHERE {word_search.TABLE} MATCH ?) AND EXISTS (SELECT 1 FROM record_places"
                     f" WHERE record_id = r.id{names} AND state = ?)")
        own_values = [RecordFilter(place=flt.place, state=flt.state).by_date_query(), *variants, flt.state]
    own = (f"SELECT r.rowid AS rid, {keys} FROM records r INDEXED BY {STATE_SORT_INDEXES[sort]}{documents}"
           f" WHERE r.state = ?{own_place} AND {rest}")
    later = (f"SELECT r.rowid AS rid, {keys} FROM records r{documents} WHERE r.state IS NOT ?"
             f" AND r.id IN (SELECT record_id FROM record_places WHERE state = ? AND position > 0{names}) AND {rest}")
    pick = f"{own} UNION ALL {later} ORDER BY {order} LIMIT ? OFFSET ?"
    found = queries.rows(conn, f"SELECT {queries.RECORD_LIST_COLUMNS} FROM ({pick}) p CROSS JOIN records r"
                               f" ON r.rowid = p.rid JOIN documents d ON d.id = r.document_id ORDER BY {SORTS[sort][1]}",
                         [flt.state, *own_values, *values, flt.state, flt.state, *name_values, *values,
                          size + 1, (page - 1) * size])
    return found[:size], len(found) > size


def _read(request) -> tuple[RecordFilter, str, int, tuple[str, int] | None]:
    params.known_only(request.args, PAGE_PARAMS)
    flt = RecordFilter.from_args(request.args)
    sort = (request.args.get("sort") or "newest").strip()
    if sort not in SORTS:
        raise PublishError(f"unknown sort {sort[:40]!r}", source="sort", hint="one of " + ", ".join(SORTS))
    page = params.page_size(request.args, 1, MAX_PAGE_NUMBER, name="_page")
    after = params.cursor(request.args.get("_next"))
    return flt, sort, page, after


async def records_page(datasette, request) -> Response:
    from enforcement_tracker.publish import views

    try:
        flt, sort, page, after = _read(request)
    except PublishError as exc:
        return await views.bad_request(datasette, request, exc)
    db = views.ledger_database(datasette)
    if sort == "newest":
        found, nxt = await db.execute_fn(lambda conn: queries.record_page(conn, flt, PAGE_SIZE, after))
        next_qs = flt.query_string(_next=f"{nxt[0]},{nxt[1]}") if nxt else None
    else:
        found, more = await db.execute_fn(lambda conn: sorted_page(conn, flt, sort, page))
        next_qs = flt.query_string(sort=sort, _page=page + 1) if more and page < MAX_PAGE_NUMBER else None
    for row in found:
        row["summary"] = words.summary(row)
        row["kind_title"] = words.KIND_TITLES.get(row["kind"], row["kind"])
        row["where"] = words.row_where(row)
        row["day"] = words.row_day(row)
    sort_links = [(name, label, flt.query_string(sort=None if name == "newest" else name))
                  for name, (label, _) in SORTS.items()]
    context = {**views.filter_context(flt, "/records"), "db_name": db.name, "records": found, "sort": sort,
               "sort_label": SORTS[sort][0], "sort_links": sort_links, "next_qs": next_qs,
               "first_qs": flt.query_string(sort=None if sort == "newest" else sort) if (after or page > 1) else None}
    return Response.html(await datasette.render_template("etrack_records.html", context, request=request))
