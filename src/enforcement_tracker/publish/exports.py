"""Stable URLs for machines: the records API, the CSV and GeoJSON exports, the Atom feed.

All four read the same filter (filters.RecordFilter). The CSV and GeoJSON stream every
matching row in batches, so an export of the whole ledger never sits in memory.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from datasette.utils.asgi import AsgiStream, Response

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish import params, queries, words
from enforcement_tracker.publish.csvsafe import defuse_row
from enforcement_tracker.publish.filters import FILTER_NAMES, RecordFilter
from enforcement_tracker.publish.metadata import DEFAULT_BASE_URL, PLUGIN
from enforcement_tracker.publish.views import ledger_database

CSV_COLUMNS = ["id", "kind", "document_id", "publisher", "published", "date_start", "date_end", "places", "state",
               "agencies", "count_value", "count_low", "count_high", "share", "qualifier", "status", "category",
               "per", "sources_text", "quote", "span_start", "span_end", "review", "check_code", "check_headline"]
MAX_PAGE = 1000
MAX_FEED = 200
# What each URL reads besides the filter; anything else is a 400, so a typo never widens a query.
API_PARAMS = FILTER_NAMES + ("_size", "_next", "_shape")
FEED_PARAMS = FILTER_NAMES + ("_size",)
EXPORT_PARAMS = FILTER_NAMES
BATCH = 20000  # rows per read while streaming; larger batches repeat less filter work
# The first read is smaller: its rows go out while the rest are read (a city's 15,000 records at 1M
# were one batch, and its first row came with its last, 0.5-0.9 s after the header).
FIRST_BATCH = 1000


async def _batches(db, fetch, *, start, key):
    """Every matching row, FIRST_BATCH then BATCH at a time, each read resuming after the last row of
    the one before: `fetch(conn, after, size)`."""
    after, size = start, FIRST_BATCH
    while True:
        batch = await db.execute_fn(lambda conn: fetch(conn, after, size))
        if batch:
            yield batch
        if len(batch) < size:
            return
        after, size = key(batch[-1]), BATCH


def _bad_request(exc: PublishError) -> Response:
    return Response.json({"ok": False, "error": exc.message, "parameter": exc.source, "hint": exc.hint}, status=400)


def _filter(request, allowed: tuple[str, ...]) -> RecordFilter:
    params.known_only(request.args, allowed)
    return RecordFilter.from_args(request.args)


@lru_cache(maxsize=16)
def _base_url(datasette) -> str:
    # Read once per server: plugin_config re-resolves the whole metadata on every call, which
    # was a third of a CSV export's time when it ran once per row.
    return ((datasette.plugin_config(PLUGIN) or {}).get("base_url") or DEFAULT_BASE_URL).rstrip("/")


def _absolute(datasette, path: str) -> str:
    """An absolute URL from the configured base URL (`etrack serve --base-url`), never the Host header."""
    return _base_url(datasette) + path


def _public(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in CSV_COLUMNS}
    out["url"] = f"/records/{row['id']}"
    return out


async def api_records(datasette, request) -> Response:
    """/api/records.json?kind=&place=&state=&agency=&since=&until=&publisher=&_size=&_next="""
    try:
        flt = _filter(request, API_PARAMS)
        size = params.page_size(request.args, 100, MAX_PAGE)
        after = params.cursor(request.args.get("_next"))
        shape = request.args.get("_shape")
        if shape not in (None, "", "array", "objects"):
            raise PublishError("_shape must be array or objects", source="_shape", hint=f"got {shape[:40]!r}")
    except PublishError as exc:
        return _bad_request(exc)
    db = ledger_database(datasette)
    found, nxt = await db.execute_fn(lambda conn: queries.record_page(conn, flt, size, after))
    records = [_public(r) for r in found]
    next_token = f"{nxt[0]},{nxt[1]}" if nxt else None
    next_url = f"/api/records.json?{flt.query_string(_size=size, _next=next_token)}" if next_token else None
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if shape == "array":
        return Response.json(records, headers=headers)
    return Response.json({"ok": True, "filters": flt.active(), "records": records, "next": next_token,
                          "next_url": next_url}, headers=headers)


async def export_csv(datasette, request):
    try:
        flt = _filter(request, EXPORT_PARAMS)
    except PublishError as exc:
        return _bad_request(exc)
    db = ledger_database(datasette)

    async def stream(writer) -> None:
        buffer = io.StringIO()
        out = csv.writer(buffer)
        out.writerow(CSV_COLUMNS + ["url"])
        await writer.write(buffer.getvalue())  # the header goes at once: the download starts before the rows are read
        buffer.seek(0)
        buffer.truncate()
        async for batch in _batches(db, lambda conn, after, size: queries.record_batches(conn, flt, size, after),
                                    start=0, key=lambda row: row["rowid"]):
            for row in batch:
                cells = [row[c] for c in CSV_COLUMNS] + [_absolute(datasette, f"/records/{row['id']}")]
                out.writerow(defuse_row(cells))
            await writer.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        if buffer.getvalue():
            await writer.write(buffer.getvalue())

    return AsgiStream(stream, headers={"content-disposition": 'attachment; filename="records.csv"'},
                      content_type="text/csv; charset=utf-8")


async def export_geojson(datasette, request):
    try:
        flt = _filter(request, EXPORT_PARAMS)
    except PublishError as exc:
        return _bad_request(exc)
    db = ledger_database(datasette)

    async def stream(writer) -> None:
        await writer.write('{"type": "FeatureCollection", "features": [\n')
        first = True
        async for batch in _batches(db, lambda conn, after, size: queries.operation_features(conn, flt, size, after),
                                    start=(0, -1), key=lambda row: (row["rowid"], row["position"])):
            parts = []
            for row in batch:
                parts.append(("" if first else ",\n") + json.dumps(_feature(datasette, row), ensure_ascii=False))
                first = False
            await writer.write("".join(parts))
        await writer.write("\n]}\n")

    return AsgiStream(stream, content_type="application/geo+json; charset=utf-8")


def _feature(datasette, row: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {
                "record_id": row["id"], "url": _absolute(datasette, f"/records/{row['id']}"), "name": row["name"],
                "place": row["place"], "place_precision": row["place_kind"], "state": row["place_state"],
                "geonameid": row["geonameid"], "status": row["status"],
                "date_start": row["date_start"], "date_start_precision": row["start_precision"],
                "date_end": row["date_end"], "date_end_precision": row["end_precision"],
                "agencies": row["agencies"], "publisher": row["publisher"], "published": row["published"],
                "sources": row["sources_text"]}}


def _atom_time(published: str | None, fallback: str) -> str:
    """An RFC 3339 time from a full or partial publication date (2025, 2025-01, 2025-01-26)."""
    if not published:
        return fallback
    padded = published[:10] + "-01-01"[len(published[:10]) - 4:] if len(published) < 10 else published[:10]
    return padded + "T00:00:00Z"


async def feed_atom(datasette, request) -> Response:
    try:
        flt = _filter(request, FEED_PARAMS)
        size = params.page_size(request.args, 50, MAX_FEED)
    except PublishError as exc:
        return _bad_request(exc)
    db = ledger_database(datasette)
    found, _ = await db.execute_fn(lambda conn: queries.record_page(conn, flt, size))
    self_url = _absolute(datasette, request.path + (f"?{request.query_string}" if request.query_string else ""))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    title = "Enforcement Tracker records" + (
        " (" + ", ".join(f"{k}={v}" for k, v in flt.active().items()) + ")" if flt.active() else "")
    entries = []
    for row in found:
        url = _absolute(datasette, f"/records/{row['id']}")
        updated = _atom_time(row["published"], now)
        content = f"“{row['quote']}” — {row['publisher'] or 'unknown publisher'}; sources: {row['sources_text'] or '—'}"
        entries.append(
            f"<entry><id>{xml_escape(url)}</id><title>{xml_escape(words.summary(row))}</title>"
            f'<link href="{xml_escape(url)}"/><updated>{updated}</updated>'
            f"<category term=\"{xml_escape(row['kind'])}\"/>"
            f'<content type="text">{xml_escape(content)}</content></entry>')
    body = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>{xml_escape(self_url)}</id><title>{xml_escape(title)}</title>"
            f'<link rel="self" href="{xml_escape(self_url)}"/><updated>{now}</updated>'
            "<author><name>Enforcement Tracker</name></author>" + "".join(entries) + "</feed>\n")
    return Response(body, content_type="application/atom+xml; charset=utf-8")
