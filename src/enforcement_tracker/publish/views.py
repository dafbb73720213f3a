"""The pages for people: the dashboard, a record, a document. Each reads through queries.py."""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Any

from datasette.database import Database
from datasette.utils.asgi import Response

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish import charts, params, queries, words
from enforcement_tracker.publish.filters import FILTER_NAMES, RecordFilter
from enforcement_tracker.publish.highlight import Span, highlight


def ledger_database(datasette) -> Database:
    """The ledger: the one database being served (Datasette's own internal one aside)."""
    for name, db in datasette.databases.items():
        if not name.startswith("_"):
            return db
    raise LookupError("no ledger database is attached")


_cache: dict[str, tuple[tuple, dict[str, Any]]] = {}
_cache_lock = threading.Lock()


def _file_state(path: str | None) -> tuple:
    """Changes whenever the ledger file (or its write-ahead log) is written."""
    if not path:
        return ()
    out = []
    for p in (path, path + "-wal"):
        try:
            st = os.stat(p)
            out.append((st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


_computing: dict[str, asyncio.Future] = {}


async def dashboard_data(db: Database) -> dict[str, Any]:
    """The dashboard's aggregates, computed once per state of the file: it changes only on ingest.

    Concurrent requests for a state being computed wait for that one computation.
    """
    key = db.path or db.name
    state = _file_state(db.path)
    with _cache_lock:
        hit = _cache.get(key)
    if hit and hit[0] == state:
        return hit[1]
    pending = _computing.get(key)
    if pending is not None and pending.get_loop() is asyncio.get_running_loop():
        return await asyncio.shield(pending)
    future = asyncio.get_running_loop().create_future()
    _computing[key] = future
    try:
        data = await db.execute_fn(queries.dashboard)
        future.set_result(data)
    except BaseException as exc:
        future.set_exception(exc)
        future.exception()  # retrieved here, so an unwaited future does not warn
        raise
    finally:
        _computing.pop(key, None)
    with _cache_lock:
        _cache[key] = (state, data)
    return data


# The dashboard's template and the ones it extends and includes, compiled as the server starts.
DASHBOARD_TEMPLATES = ("etrack_dashboard.html", "etrack_base.html", "_etrack_nav.html", "_etrack_filters.html",
                       "_etrack_footer.html", "_close_open_menus.html")


def filter_context(flt: RecordFilter, action: str) -> dict[str, Any]:
    """What the filter bar (_etrack_filters.html) needs: the values set, the choices, and every
    download link carrying the same selection."""
    from enforcement_tracker.kinds.operation import STATUSES

    qs = flt.query_string()
    tail = f"?{qs}" if qs else ""
    return {
        "flt": flt, "filter_values": flt.active(), "filter_label": flt.label(), "filter_action": action,
        "filter_qs": qs, "kind_choices": [(k, words.KIND_TITLES[k]) for k in words.KIND_TITLES],
        "status_choices": [(s, words.status_words(s)) for s in STATUSES],
        "agency_choices": [(c, words.agency_name(c)) for c in words.agency_codes()],
        "review_choices": words.REVIEW_CHOICES,
        "downloads": [("JSON", f"/api/records.json{tail}"), ("CSV", f"/export/records.csv{tail}"),
                      ("GeoJSON", f"/export/operations.geojson{tail}"), ("Atom feed", f"/feeds/records.atom{tail}"),
                      ("Events (JSON)", f"/api/events.json{tail}")],
        "page_links": [("Dashboard", f"/{tail}"), ("Records", f"/records{tail}"), ("Events", f"/events{tail}")],
    }


def read_filter(request, allowed: tuple[str, ...] = FILTER_NAMES) -> RecordFilter:
    params.known_only(request.args, allowed)
    return RecordFilter.from_args(request.args)


async def dashboard(datasette, request) -> Response:
    db = ledger_database(datasette)
    try:
        flt = read_filter(request)
    except PublishError as exc:
        return await bad_request(datasette, request, exc)
    if flt.active():
        data = await db.execute_fn(lambda conn: queries.dashboard(conn, flt))
    else:
        data = await dashboard_data(db)
    for row in data["newest"]:
        row["summary"] = words.summary(row)
    context = {
        **filter_context(flt, "/"),
        "db_name": db.name, "data": data, "fmt": charts.fmt,
        "timeline_svg": charts.timeline(data["timeline"]), "status_legend": charts.status_legend(),
        "daily_svg": charts.daily_chart(data["daily"]), "share_svg": charts.share_bars(data["shares"]),
        "map_svg": charts.us_map(data["map"]), "colours": charts.SERIES_COLOURS,
        "kind_titles": words.KIND_TITLES, "status_words": words.status_words,
        "category_words": words.CATEGORY_WORDS,
    }
    return Response.html(await datasette.render_template("etrack_dashboard.html", context, request=request))


async def record_page(datasette, request) -> Response:
    db = ledger_database(datasette)
    record_id = request.url_vars["record_id"]
    if not params.RECORD_ID.fullmatch(record_id):  # no query for what cannot be an id
        return await _not_found(datasette, request, f"{record_id[:80]!r} is not a record id"
                                                    " (record ids look like rec_ and 16 hex digits).")
    rec = await db.execute_fn(lambda conn: queries.record(conn, record_id))
    if rec is None:
        return await _not_found(datasette, request, f"No record {record_id} in this ledger.")
    for e in rec.get("events") or []:
        e["label"] = words.plain(e["label"])
    text = rec["document_text"] or ""
    span = Span(rec["span_start"], rec["span_end"], rec["id"], rec["kind"])
    context = {
        "db_name": db.name, "rec": rec, "title": words.KIND_TITLES.get(rec["kind"], rec["kind"]),
        "fields": words.fields_in_words(rec["data"]), "summary": words.summary(rec),
        "document_html": highlight(text, [span], focus=rec["id"], refs=False),
        "quote_matches": text[rec["span_start"]:rec["span_end"]] == rec["quote"],
        "verdict": rec.get("verdict"), "code_words": words.check_code_words(
            (rec.get("verdict") or {}).get("code")) if rec.get("verdict") else None,
        "source_words": words.SOURCE_KIND_WORDS,
    }
    return Response.html(await datasette.render_template("etrack_record.html", context, request=request))


async def document_page(datasette, request) -> Response:
    db = ledger_database(datasette)
    document_id = request.url_vars["document_id"]
    if not params.DOCUMENT_ID.fullmatch(document_id):
        return await _not_found(datasette, request, f"{document_id[:80]!r} is not a document id"
                                                    " (document ids look like sha256: and 64 hex digits).")
    doc = await db.execute_fn(lambda conn: queries.document(conn, document_id))
    if doc is None:
        return await _not_found(datasette, request, f"No document {document_id} in this ledger.")
    for row in doc["records"]:
        row["summary"] = words.summary(row)
    spans = [Span(r["span_start"], r["span_end"], r["id"], r["kind"], r["summary"]) for r in doc["records"]]
    context = {"db_name": db.name, "doc": doc, "document_html": highlight(doc["text"], spans),
               "kind_titles": words.KIND_TITLES}
    return Response.html(await datasette.render_template("etrack_document.html", context, request=request))


async def not_found(datasette, request, message: str) -> Response:
    body = await datasette.render_template("etrack_message.html", {"message": message, "db_name": _db_name(datasette)},
                                           request=request)
    return Response.html(body, status=404)


def _db_name(datasette) -> str:
    try:
        return ledger_database(datasette).name
    except LookupError:
        return ""


_not_found = not_found


async def bad_request(datasette, request, exc: PublishError) -> Response:
    """A page asked with a parameter it does not read, or a bad value: a 400 that names it."""
    message = f"{exc.message}" + (f" ({exc.hint})" if exc.hint else "")
    body = await datasette.render_template("etrack_message.html", {"message": message, "heading": "Bad request",
                                                                  "db_name": _db_name(datasette)},
                                           request=request)
    return Response.html(body, status=400)


async def record_row_redirect(datasette, request) -> Response:
    """Datasette's row page of a record sends the reader to the tracker's page of it."""
    db = ledger_database(datasette)
    if request.url_vars["database"] != db.name:
        return await not_found(datasette, request, "No such database.")
    return Response.redirect(f"/records/{request.url_vars['record_id']}", status=302)


def record_id_cell(value: Any):
    from markupsafe import Markup, escape

    if isinstance(value, str) and params.RECORD_ID.fullmatch(value):
        return Markup(f'<a href="/records/{escape(value)}">{escape(value)}</a>')
    return None
