"""Events for people and machines: `/events`, `/events/{id}` and `/api/events.json`.

An event is one operation or claim as many documents report it (reconcile.py groups them). The
list takes the same filter as the records (filters.RecordFilter): an event is in the selection
when one of its reports is.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from datasette.utils.asgi import Response

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish import params, word_search, words
from enforcement_tracker.publish.filters import FILTER_NAMES, RecordFilter
from enforcement_tracker.publish.queries import rows, tables
from enforcement_tracker.publish.summaries import day_window, few_in_review, without_needless_review

EVENT_ID = re.compile(r"[A-Za-z0-9_:.-]{1,80}")
API_PARAMS = FILTER_NAMES + ("min_documents", "_size", "_page")
EVENT_PAGE_PARAMS = ("review",)  # one event's page narrows its reports by review state only
PAGE_PARAMS = FILTER_NAMES + ("min_documents", "_page")
MAX_PAGE = 500


def _min_documents(args) -> int:
    return params.page_size(args, 1, 100000, name="min_documents")


MANY_MATCHES = 2000  # words with more matches in events than this are asked event by event


def event_list(conn: sqlite3.Connection, flt: RecordFilter, min_documents: int = 1, size: int = 50,
               page: int = 1) -> tuple[list[dict[str, Any]], bool]:
    """Events with a report in the selection, most widely reported first; (events, more pages)."""
    flt = without_needless_review(conn, flt)
    clauses, values = ["e.n_documents >= ?"], [min_documents]
    if flt.kind:
        # An event groups reports of one kind (reconcile.py): other events are not asked at all.
        clauses.append("e.kind = ?")
        values.append(flt.kind)
    if (flt.since or flt.until) and "event_day_summary" in tables(conn):
        # An event's reports by their dates (migration 011): exact for dates alone, and for other
        # filters it leaves only the events worth asking report by report.
        window, window_values = day_window(flt)
        days = ["event_id = e.id", *window]
        values += window_values
        clauses.append(f"EXISTS (SELECT 1 FROM event_day_summary WHERE {' AND '.join(days)})")
    dates_only = set(flt.active()) <= {"since", "until", "kind"}
    placed = (flt.place or flt.state) and "event_place_summary" in tables(conn)
    if placed:
        # The events whose reports name the place or are in the state (migration 013): exact for a
        # place or a state alone (and a kind, the event's own); other filters then ask only these.
        if flt.place:
            variants = flt.place_variants()
            clauses.append(f"e.id IN (SELECT event_id FROM event_place_summary WHERE name IN ({', '.join('?' for _ in variants)})"
                           + (" AND state = ?)" if flt.state else ")"))
            values += variants + ([flt.state] if flt.state else [])
        else:
            clauses.append("e.id IN (SELECT event_id FROM event_state_summary WHERE state = ?)")
            values.append(flt.state)
    exact = placed and set(flt.active()) <= {"place", "state", "kind"}
    if not exact and flt.active() and not (dates_only and "event_day_summary" in tables(conn)):
        where, extra = flt.where(by_date=word_search.indexed(conn))
        # Review states holding few records are looked up by the review index, as a place is by its
        # own; walking the events asked each one (review=verified, none yet at 1M: 0.7-1 s).
        selective = flt.selective or (bool(flt.review) and few_in_review(conn, flt))
        if selective and word_search.indexed(conn):
            # Words, a place or a state: migration 012's index, reading only the matches some event
            # groups. Many of them (an operation's common word) are a set each event in the list's
            # order is asked about, as broad filters are; a few go from the matches to their events.
            match = " AND ".join(filter(None, (flt.by_date_query(), "facets : inevent")))
            where, extra = flt.where(words=False)
            where += f" AND {word_search.in_events_clause()}"
            extra.append(match)
            selective = word_search.matches(conn, match, MANY_MATCHES) < MANY_MATCHES
        if selective:
            # A place, state or words pick few records through their index: their events, then the order.
            clauses.append("e.id IN (SELECT er.event_id FROM event_records er JOIN records r ON r.id = er.record_id"
                           f" JOIN documents d ON d.id = r.document_id WHERE {where})")
        else:
            # Broad filters keep most events: walk them in the list's order (migration 011's
            # events_listing index) and ask each for one report in the selection, stopping at the page.
            clauses.append("EXISTS (SELECT 1 FROM event_records er CROSS JOIN records r ON r.id = er.record_id"
                           f" JOIN documents d ON d.id = r.document_id WHERE er.event_id = e.id AND {where})")
        values += extra
    found = rows(conn, "SELECT e.* FROM events e WHERE " + " AND ".join(clauses) +
                 " ORDER BY e.n_documents DESC, e.n_independent_sources DESC, e.date_start, e.id LIMIT ? OFFSET ?",
                 values + [size + 1, (page - 1) * size])
    for item in found:
        item["conflicts"] = json.loads(item["conflicts"] or "[]")
        item["detail"] = json.loads(item.pop("json") or "{}")
    return found[:size], len(found) > size


def _review_clause(review: str | None) -> tuple[str, list[str]]:
    """' AND r.review IN (...)' for a RecordFilter's review value ('reviewed,verified'), or nothing."""
    states = review.split(",") if review else []
    return (f" AND r.review IN ({', '.join('?' for _ in states)})" if states else ""), states


def event(conn: sqlite3.Connection, event_id: str, review: str | None = None) -> dict[str, Any] | None:
    """One event with its reports, checks and (an operation's) arrest counts there; `review`
    ('reviewed,verified') keeps the reports, checks and counts in those review states only."""
    found = rows(conn, "SELECT * FROM events WHERE id = ?", (event_id,))
    if not found:
        return None
    out = found[0]
    out["conflicts"] = json.loads(out["conflicts"] or "[]")
    out["detail"] = json.loads(out.pop("json") or "{}")
    checked = "record_checks" in tables(conn)
    in_states, states = _review_clause(review)
    out["reports_total"] = out["n_records"]
    out["reports"] = rows(conn, (
        "SELECT r.id, r.kind, r.quote, r.status, r.date_start, r.date_end, r.places, r.count_value, r.count_low,"
        " r.count_high, r.share, r.category, r.per, r.sources_text, r.document_id, r.review, d.publisher,"
        " d.published, d.title, d.syndicated_from"
        + (", c.code AS check_code, c.headline AS check_headline" if checked else "") +
        " FROM event_records er JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id"
        + (" LEFT JOIN record_checks c ON c.record_id = r.id" if checked else "") +
        f" WHERE er.event_id = ?{in_states} ORDER BY d.published, r.id LIMIT 500"), (event_id, *states))
    for r in out["reports"]:
        r["summary"] = words.summary(r)
        # A syndicated copy is credited to its origin; a publisher is never "syndicated from" itself.
        origin = r["syndicated_from"]
        r["origin"] = origin if origin and origin != r["publisher"] else None
    out["outlets"] = _outlets(out["reports"])
    out["history"] = [{"published": r["published"], "status": r["status"], "record_id": r["id"],
                       "publisher": r["publisher"], "review": r["review"]}
                      for r in out["reports"] if r["kind"] == "operation"]
    out["arrests"] = _arrests_there(conn, out, review)
    out["checks"] = [r for r in out["reports"] if r.get("check_code")]
    return out


def _outlets(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Independent outlets: each origin once, with the copies that carried its report."""
    by_origin: dict[str, dict[str, Any]] = {}
    for r in reports:
        origin = r["origin"] or r["publisher"] or "unknown publisher"
        entry = by_origin.setdefault(origin, {"origin": origin, "copies": [], "reports": 0})
        entry["reports"] += 1
        if r["origin"] and r["publisher"] not in entry["copies"]:
            entry["copies"].append(r["publisher"])
    return sorted(by_origin.values(), key=lambda e: (-e["reports"], e["origin"]))


def _arrests_there(conn: sqlite3.Connection, ev: dict[str, Any], review: str | None = None) -> list[dict[str, Any]]:
    """Arrest counts reported for the event's places within its dates (an operation's only), in
    the review states asked for; a rejected count (not a claim its text makes) only when asked."""
    if ev["kind"] != "operation" or not ev.get("date_start"):
        return []
    in_states, states = _review_clause(review) if review else (" AND r.review != 'rejected'", [])
    ids = [r["id"] for r in ev["reports"]]
    places = rows(conn, f"SELECT DISTINCT name, state FROM record_places WHERE record_id IN"
                        f" ({', '.join('?' for _ in ids)})", ids) if ids else []
    if not places:
        return []
    found: list[dict[str, Any]] = []
    for p in places[:10]:
        found += rows(conn, (
            "SELECT r.id, r.count_value, r.count_low, r.count_high, r.qualifier, r.date_start, r.date_end, r.places,"
            " r.quote, r.review, d.publisher, d.published FROM records r"
            " JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN documents d ON d.id = r.document_id"
            # the counts of those days whose first place has that name (it opens r.places, "Tulsa;
            # Enid"), read from the covering index of kind, date and places (017) alone: the rows of
            # other places' counts are never read
            " WHERE r.rowid IN (SELECT rowid FROM records WHERE kind = 'arrest_count' AND date_start BETWEEN ? AND ?"
            " AND places >= ? AND places < ?)"
            f" AND p.name = ? AND COALESCE(p.state, '') = ?{in_states}"
            " ORDER BY r.date_start, d.published LIMIT 50"),
            (ev["date_start"], ev["date_end"] or ev["date_start"], p["name"], p["name"] + ";~",
             p["name"], p["state"] or "", *states))
    for r in found:
        r["amount"] = words.row_amount(r)
    return found


def _public(ev: dict[str, Any]) -> dict[str, Any]:
    return {"id": ev["id"], "kind": ev["kind"], "label": ev["label"], "state": ev["state"],
            "date_start": ev["date_start"], "date_end": ev["date_end"], "status": ev["status"],
            "n_documents": ev["n_documents"], "n_records": ev["n_records"],
            "n_independent_sources": ev["n_independent_sources"], "conflicts": ev["conflicts"],
            "origins": ev["detail"].get("origins", []), "url": f"/events/{ev['id']}"}


def _read(request, allowed: tuple[str, ...]) -> tuple[RecordFilter, int, int]:
    params.known_only(request.args, allowed)
    flt = RecordFilter.from_args(request.args)
    page = params.page_size(request.args, 1, 100000, name="_page")
    return flt, _min_documents(request.args), page


async def api_events(datasette, request) -> Response:
    """/api/events.json?<the records filter>&min_documents=&_size=&_page="""
    from enforcement_tracker.publish.views import ledger_database

    try:
        flt, min_docs, page = _read(request, API_PARAMS)
        size = params.page_size(request.args, 50, MAX_PAGE)
    except PublishError as exc:
        return Response.json({"ok": False, "error": exc.message, "parameter": exc.source, "hint": exc.hint},
                             status=400)
    db = ledger_database(datasette)
    found, more = await db.execute_fn(lambda conn: event_list(conn, flt, min_docs, size, page))
    next_url = (f"/api/events.json?{flt.query_string(min_documents=min_docs if min_docs > 1 else None, _size=size, _page=page + 1)}"
                if more else None)
    return Response.json({"ok": True, "filters": flt.active(), "events": [_public(e) for e in found],
                          "next_url": next_url})


async def events_page(datasette, request) -> Response:
    from enforcement_tracker.publish import views

    try:
        flt, min_docs, page = _read(request, PAGE_PARAMS)
    except PublishError as exc:
        return await views.bad_request(datasette, request, exc)
    db = views.ledger_database(datasette)
    found, more = await db.execute_fn(lambda conn: event_list(conn, flt, min_docs, 50, page))
    for ev in found:
        ev["status_words"] = words.status_words(ev["status"]) if ev["kind"] == "operation" else ""
        ev["label"] = words.plain(ev["label"])
    context = {**views.filter_context(flt, "/events"), "db_name": db.name, "events": found, "page": page,
               "more": more, "min_documents": min_docs, "kind_titles": words.KIND_TITLES,
               "next_qs": flt.query_string(min_documents=min_docs if min_docs > 1 else None, _page=page + 1)}
    return Response.html(await datasette.render_template("etrack_events.html", context, request=request))


async def event_page(datasette, request) -> Response:
    from enforcement_tracker.publish import views

    event_id = request.url_vars["event_id"]
    if not EVENT_ID.fullmatch(event_id):
        return await views.not_found(datasette, request, f"{event_id[:80]!r} is not an event id.")
    try:
        params.known_only(request.args, EVENT_PAGE_PARAMS)
        flt = RecordFilter.from_args(request.args)
    except PublishError as exc:
        return await views.bad_request(datasette, request, exc)
    db = views.ledger_database(datasette)
    ev = await db.execute_fn(lambda conn: event(conn, event_id, flt.review))
    if ev is None:
        return await views.not_found(datasette, request, f"No event {event_id} in this ledger.")
    ev["label"] = words.plain(ev["label"])
    for listed in (ev["reports"], ev["arrests"]):
        for r in listed:  # every report, count and check says who has checked it
            r["review_words"] = words.review_words(r["review"])
    for h in ev["history"]:
        h["status_words"] = words.status_words(h["status"])
        h["review_words"] = words.review_words(h["review"])
    for c in ev["checks"]:
        c["code_words"] = words.check_code_words(c["check_code"])
    context = {"db_name": db.name, "ev": ev, "title": words.KIND_TITLES.get(ev["kind"], ev["kind"]),
               "status_words": words.status_words(ev["status"]) if ev["kind"] == "operation" else None,
               "review": flt.review, "review_label": flt.label() if flt.review else "",
               "review_links": _review_links(event_id, flt.review),
               "kind_titles": words.KIND_TITLES, **views.filter_context(RecordFilter(review=flt.review), "/records")}
    return Response.html(await datasette.render_template("etrack_event.html", context, request=request))


# The choices an event page offers for its reports, as (label, review value or None for all).
REVIEW_CHOICES = (("all reports", None), ("reviewed or verified", "reviewed,verified"),
                  ("machine readings not yet reviewed", "machine"))


def _review_links(event_id: str, current: str | None) -> list[dict[str, Any]]:
    return [{"label": label, "href": f"/events/{event_id}" + (f"?review={value}" if value else ""),
             "current": value == current} for label, value in REVIEW_CHOICES]
