"""The reviewers' side of the web ledger: sign-in, the /review queue, POST /review/{id}, /releases.

Identity rides on Datasette's actor mechanism: `actor_from_request` (registered in plugin.py)
reads a reviewer token from the `etrack_token` cookie (set by signing in on /review) or an
`Authorization: Bearer` header, and checks it against this ledger's reviewers on every request,
so a revoked token stops working at once and another ledger's token never starts. Writes need
the `etrack-review` permission, which only such an actor has. Form posts carry Datasette's CSRF
token (asgi-csrf checks it before any route runs); security.py lets POST through to these routes
only. Every refused write answers 403 and is written to the audit log.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
import re
from pathlib import Path
from typing import Any

from datasette.utils.asgi import Response

from enforcement_tracker.describe import describe
from enforcement_tracker.errors import PublishError, TrackerError
from enforcement_tracker.publish import word_search, words
from enforcement_tracker.publish.filters import FILTER_NAMES, RecordFilter
from enforcement_tracker.publish.highlight import Span, highlight
from enforcement_tracker.publish.views import ledger_database
from enforcement_tracker.store import audit, reviewers
from enforcement_tracker.store.reviewers import ReviewError

# store.review (and store.corrections, for the fields a correction may set) are imported where a
# review is read or written: they bring the record models and the normalizers, 40-50 ms of the
# first page after a restart that no reader's page needs.

PERMISSION = "etrack-review"
COOKIE = "etrack_token"
# The write routes security.py lets POST reach; every other route stays read-only.
WRITE_PATHS = re.compile(r"^/review/(?:rec_[0-9a-f]{8,64}|sign-in|sign-out)$")
HIDDEN_TABLES = ("reviewers", "ledger_identity")
CONTEXT_CHARS = 400
QUEUE_SHOWN = 10


def _token_of(request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.startswith("Bearer "):
        return auth[len("Bearer "):].strip()
    return request.cookies.get(COOKIE)


async def actor_from_request(datasette, request) -> dict[str, Any] | None:
    token = _token_of(request)
    if not token or not token.startswith(reviewers.TOKEN_PREFIX):
        return None
    db = ledger_database(datasette)

    def check(conn):
        try:
            return reviewers.authenticate(conn, token)
        except reviewers.ReviewError:
            return None
        except Exception:  # noqa: BLE001 - a ledger without the review tables: nobody may write
            return None

    name = await db.execute_fn(check)
    return {"id": name, "etrack": "reviewer"} if name else None


def permission_allowed(actor, action, resource) -> bool | None:
    if action == PERMISSION:
        return bool(actor and actor.get("etrack") == "reviewer")
    # Reviewer names and token hashes stay out of Datasette's table pages.
    if action in ("view-table", "view-query") and isinstance(resource, tuple) and len(resource) == 2 \
            and resource[1] in HIDDEN_TABLES:
        return False
    return None


# One thread writes, on one connection per ledger that stays open while the server runs: the
# last connection to close would checkpoint and delete the write-ahead log under the read-only
# connections serving pages, which then fail with disk I/O errors.
_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="etrack-review-writer")
_write_connections: dict[str, Any] = {}


def open_writer(path: str) -> None:
    """Open the write connection as the app is built, before any reader connects: a read-only
    connection opened while the ledger has no write-ahead log reads a private copy of its index
    and never sees later commits; and while this one is open, no other process closing its own
    connection (an ingest, `etrack review`) removes the log either."""
    def open_it():
        if path and path not in _write_connections and os.access(path, os.W_OK):
            # Not store.connect: serving never migrates a ledger (a ledger without the review
            # tables refuses reviews, with the fix in the error).
            conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            _write_connections[path] = conn

    try:
        _writer.submit(open_it).result()
    except sqlite3.Error as exc:  # a ledger the server may not write: it serves, and refuses writes
        print(f"warning: reviews cannot be saved through the web: {exc}", flush=True)


async def _write(datasette, work):
    """Run `work(conn)` on the server's write connection, off the event loop, one write at a time."""
    path = ledger_database(datasette).path

    def run():
        conn = _write_connections.get(path)
        if conn is None:
            raise ReviewError("this server cannot write to its ledger", source=str(path),
                              hint="serve a ledger file the server may write, or review with `etrack review`")
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").fetchone():
            raise ReviewError("this ledger predates reviews", source=str(path),
                              hint="run any etrack command on it once (e.g. `etrack review queue`) to migrate it")
        return work(conn)

    return await asyncio.get_running_loop().run_in_executor(_writer, run)


def _wants_json(request) -> bool:
    accept = request.headers.get("accept", "")
    return request.headers.get("authorization", "").startswith("Bearer ") or (
        "json" in accept and "html" not in accept)


async def _refuse(datasette, request, reason: str, subject: str | None) -> Response:
    detail = {"path": request.path, "why": reason}
    try:
        await _write(datasette, lambda conn: audit.log_refusal(conn, reason=reason, subject=subject, detail=detail))
    except TrackerError:  # a ledger this server cannot write: refused all the same, unlogged
        pass
    message = f"Refused: {reason}. Writes need a reviewer's token for this ledger; the refusal is logged."
    if _wants_json(request):
        return Response.json({"ok": False, "status": 403, "error": message}, status=403)
    body = await datasette.render_template("etrack_message.html", {"message": message}, request=request)
    return Response.html(body, status=403)


async def _allowed(datasette, request) -> str | None:
    """Why this request may not write, or None when its actor is a reviewer."""
    actor = request.actor
    if await datasette.permission_allowed(actor, PERMISSION, default=False):
        return None
    token = _token_of(request)
    if not token:
        return "no reviewer token"
    db = ledger_database(datasette)

    def why(conn):
        try:
            reviewers.authenticate(conn, token)
            return "not a reviewer"
        except reviewers.ReviewError as exc:
            return exc.message
    return await db.execute_fn(why)


# --- writes -----------------------------------------------------------------------------------

async def review_post(datasette, request) -> Response:
    """POST /review/{record id}: action=accept|correct|reject, why=..., set.FIELD=... for a correction."""
    record_id = request.url_vars["record_id"]
    if request.method != "POST":  # the record itself is read on its own page
        return Response.redirect(f"/records/{record_id}")
    refused = await _allowed(datasette, request)
    if refused:
        return await _refuse(datasette, request, refused, record_id)
    form = await request.post_vars()
    action, why = form.get("action", ""), form.get("why", "")
    reviewer = request.actor["id"]

    def work(conn):
        from enforcement_tracker.store import review
        from enforcement_tracker.store.corrections import field_text

        changes = None
        if action == "correct":
            current = json.loads(conn.execute("SELECT json FROM records WHERE id = ?", (record_id,)).fetchone()[0]) \
                if conn.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone() else None
            changes = {k[4:]: v for k, v in form.items() if k.startswith("set.")}
            if current is not None:  # only what the reviewer changed in the form
                changes = {k: v for k, v in changes.items() if v != field_text(current, k)}
        return review.act(conn, record_id, action, reviewer=reviewer, why=why, changes=changes)

    try:
        out = await _write(datasette, work)
    except TrackerError as exc:
        if _wants_json(request):
            return Response.json({"ok": False, "status": 400, "error": exc.format(), "field": exc.source}, status=400)
        return await _queue_page(datasette, request, error=exc.format(), status=400)
    if _wants_json(request):
        return Response.json({"ok": True, "record": out.record_id, "action": out.action, "from": out.before,
                              "to": out.after, "revision": out.revision, "changes": out.changes})
    return Response.redirect(f"/review?done={out.record_id}", status=303)


async def sign_in(datasette, request) -> Response:
    if request.method != "POST":
        return Response.redirect("/review")
    form = await request.post_vars()
    token = (form.get("token") or "").strip()

    def check(conn):
        try:
            return reviewers.authenticate(conn, token), None
        except reviewers.ReviewError as exc:
            return None, exc.message

    name, problem = await ledger_database(datasette).execute_fn(check)
    if not name:
        return await _refuse(datasette, request, f"sign-in refused: {problem}", None)
    response = Response.redirect("/review", status=303)
    secure = (datasette.plugin_config("enforcement-tracker") or {}).get("base_url", "").startswith("https:")
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/", secure=secure)
    return response


async def sign_out(datasette, request) -> Response:
    if request.method != "POST":
        return Response.redirect("/review")
    response = Response.redirect("/review", status=303)
    response.set_cookie(COOKIE, "", max_age=0, httponly=True, samesite="strict", path="/")
    return response


# --- the queue page ---------------------------------------------------------------------------

def _excerpt(text: str, start: int, end: int, record_id: str, kind: str):
    """The claim's sentence highlighted in a window of its document."""
    a = max(0, start - CONTEXT_CHARS)
    b = min(len(text), end + CONTEXT_CHARS)
    a = text.rfind("\n\n", a, start) + 2 if text.rfind("\n\n", a, start) >= 0 else a
    cut = text.find("\n\n", end, b)
    b = cut if cut >= 0 else b
    html = highlight(text[a:b], [Span(start - a, end - a, record_id, kind)], focus=record_id, refs=False)
    return html, a > 0, b < len(text)


def queue_data(conn, flt: RecordFilter, size: int = QUEUE_SHOWN) -> dict[str, Any]:
    from enforcement_tracker.store import review
    from enforcement_tracker.store.corrections import editable_fields, field_text

    where, params = flt.where(by_date=word_search.indexed(conn))
    items = review.queue(conn, where=where, params=params, limit=size)
    out = []
    for i, item in enumerate(items):
        row = conn.execute("SELECT r.json, d.text FROM records r JOIN documents d ON d.id = r.document_id"
                           " WHERE r.id = ?", (item["id"],)).fetchone()
        data = json.loads(row[0])
        entry = {**item, "claim": words.summary({**item, **_summary_columns(conn, item["id"])}),
                 "kind_title": words.KIND_TITLES.get(item["kind"], item["kind"])}
        if i == 0:
            entry["context"], entry["before"], entry["after"] = _excerpt(row[1], item["span_start"], item["span_end"],
                                                                         item["id"], item["kind"])
            entry["inputs"] = [(f, field_text(data, f)) for f in editable_fields(data)]
            entry["fields"] = words.fields_in_words(data)
        out.append(entry)
    return {"items": out, "counts": review.state_counts(conn)}


def _summary_columns(conn, record_id: str) -> dict[str, Any]:
    cursor = conn.execute("SELECT kind, date_start, date_end, places, state, count_value, count_low, count_high,"
                          " share, qualifier, status, category, per FROM records WHERE id = ?", (record_id,))
    names = [c[0] for c in cursor.description]
    return dict(zip(names, cursor.fetchone()))


async def _queue_page(datasette, request, *, error: str | None = None, status: int = 200) -> Response:
    db = ledger_database(datasette)
    signed_in = await datasette.permission_allowed(request.actor, PERMISSION, default=False)
    try:
        flt = RecordFilter.from_args({k: request.args.get(k) for k in FILTER_NAMES})
    except PublishError as exc:
        error, flt = exc.format(), RecordFilter()
    data = await db.execute_fn(lambda conn: queue_data(conn, flt)) if signed_in else {"items": [], "counts": {}}
    from enforcement_tracker.publish.views import filter_context  # the site's one filter bar

    context = {**filter_context(flt, "/review"), "db_name": db.name, "signed_in": signed_in,
               "reviewer": (request.actor or {}).get("id"), "data": data, "error": error,
               "done": request.args.get("done"), "filters": flt.active()}
    body = await datasette.render_template("etrack_review.html", context, request=request)
    return Response.html(body, status=status)


async def review_page(datasette, request) -> Response:
    return await _queue_page(datasette, request)


# --- releases -----------------------------------------------------------------------------------

async def releases_page(datasette, request) -> Response:
    db = ledger_database(datasette)

    def load(conn):
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'releases'").fetchone():
            return []
        out = []
        for version, on, path, flt, files, n in conn.execute(
                "SELECT version, released_on, path, review_filter, files, records FROM releases"
                " ORDER BY released_on DESC, version DESC"):
            out.append({"version": version, "released_on": on, "folder": Path(path).name, "review": flt,
                        "files": json.loads(files), "records": n})
        return out

    releases = await db.execute_fn(load)
    body = await datasette.render_template("etrack_releases.html", {"db_name": db.name, "releases": releases},
                                           request=request)
    return Response.html(body)


_MEDIA = {".csv": "text/csv; charset=utf-8", ".jsonl": "application/x-ndjson; charset=utf-8",
          ".json": "application/json; charset=utf-8", ".geojson": "application/geo+json; charset=utf-8",
          ".parquet": "application/vnd.apache.parquet", ".md": "text/markdown; charset=utf-8",
          ".cff": "text/plain; charset=utf-8"}


async def release_file(datasette, request) -> Response:
    """One file of a release, only if the release lists it (no other path on disk can be named)."""
    version, name = request.url_vars["version"], request.url_vars["name"]

    def find(conn):
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'releases'").fetchone():
            return None
        row = conn.execute("SELECT path, files FROM releases WHERE version = ?", (version,)).fetchone()
        if row is None or name not in {f["name"] for f in json.loads(row[1])}:
            return None
        return Path(row[0]) / name

    path = await ledger_database(datasette).execute_fn(find)
    if path is None or not path.is_file():
        body = await datasette.render_template("etrack_message.html", {
            "message": f"No file {name[:80]!r} in release {version[:40]!r} (see /releases)."}, request=request)
        return Response.html(body, status=404)
    data = await asyncio.to_thread(path.read_bytes)
    return Response(data, content_type=_MEDIA.get(path.suffix, "application/octet-stream"),
                    headers={"content-disposition": f'attachment; filename="{path.name}"'})


def routes() -> list[tuple[str, Any]]:
    return [
        (r"^/review$", review_page),
        (r"^/review/sign-in$", sign_in),
        (r"^/review/sign-out$", sign_out),
        (r"^/review/(?P<record_id>rec_[0-9a-f]{8,64})$", review_post),
        (r"^/releases$", releases_page),
        (r"^/releases/(?P<version>[A-Za-z0-9][A-Za-z0-9._-]{0,39})/(?P<name>[A-Za-z0-9_./-]{1,80})$", release_file),
    ]


def record_review(conn, record_id: str) -> dict[str, Any]:
    """What a record page shows of its review: state, actions, and machine vs shown fields."""
    from enforcement_tracker.store import review

    h = review.history(conn, record_id)
    shown = dict(words.fields_in_words(h["current"]))
    # The newest machine reading: a newer extractor's, when one differs from the reviewed record.
    machine = dict(words.fields_in_words(h["machine"]))
    labels = list(dict.fromkeys([*machine, *shown]))
    h["side_by_side"] = [(label, machine.get(label, "—"), shown.get(label, "—"), machine.get(label) != shown.get(label))
                         for label in labels]
    for r in h["revisions"]:
        r["summary"] = describe(r["record"])
    h["corrected"] = any(r["origin"] == "reviewer" for r in h["revisions"]) or h["second_look"]
    return h
