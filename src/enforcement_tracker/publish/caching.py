"""Answers that are functions of the ledger's state: ETags, 304s, and a bounded cache of hot pages.

Every page of the ledger is a function of the request and of what the file holds, and the
file changes only when something is ingested, imported or checked. So an answer carries an
ETag made from the ledger's state (state.LedgerState), a client that sends it back gets a 304
without the page being built, and the pages people hit most (a record a story links to, the
dashboard, a feed) are kept rendered in memory, keyed by (path, query, host, state), until the
state moves on or the cache's byte budget pushes them out.

What is never shared: answers to requests that carry a cookie or credentials (they may be
someone's own), answers that set a cookie, and anything under /-/ (Datasette's live
introspection pages and static files, which have their own headers).
"""

from __future__ import annotations

import asyncio
import gzip
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from enforcement_tracker.publish.state import LedgerState

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# The tracker's own pages: what a newsroom's readers and scripts hit. Datasette's table and
# query pages get ETags and 304s too, but are not kept (they show query timings).
KEPT_PREFIXES = ("/records/", "/documents/", "/events/", "/api/", "/export/", "/feeds/")
# The lists for people, kept per query string (a filter, a sort, a page) like the dashboard.
KEPT_PAGES = ("/", "/records", "/events")
_PERSONAL = (b"cookie", b"authorization")
# Kept pages are also kept gzipped (the dashboard's charts are 840 KB of HTML and SVG, 7 times
# less compressed), and sent so to the clients that accept it: fewer bytes through the server.
_COMPRESSIBLE = (b"text/", b"application/json", b"application/geo+json", b"application/atom+xml",
                 b"application/xml", b"image/svg+xml")
_GZIP_FROM = 1024


@dataclass(frozen=True)
class Stored:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    gzip_headers: list[tuple[bytes, bytes]] | None = None
    gzip_body: bytes | None = None

    @property
    def size(self) -> int:
        return (len(self.body) + len(self.gzip_body or b"") + 400
                + sum(len(k) + len(v) for k, v in self.headers + (self.gzip_headers or [])))


class PageCache:
    """Least recently used answers, within a byte budget (bodies and headers counted)."""

    def __init__(self, max_bytes: int, entry_max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entry_max_bytes = min(entry_max_bytes, max_bytes)
        self._entries: OrderedDict[tuple, Stored] = OrderedDict()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple) -> Stored | None:
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return found

    def put(self, key: tuple, value: Stored) -> None:
        if value.size > self.entry_max_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old.size
        self._entries[key] = value
        self.bytes += value.size
        while self.bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.bytes -= evicted.size

    def __len__(self) -> int:
        return len(self._entries)


def gzip_etag(etag: bytes) -> bytes:
    """The ETag of the gzipped variant: another representation, so another tag (RFC 9110 8.8.3)."""
    return etag[:-1] + b'-gzip"'


def accepts_gzip(accept_encoding: bytes) -> bool:
    for coding in accept_encoding.lower().split(b","):
        name, _, params = coding.strip().partition(b";")
        if name.strip() == b"gzip":
            return params.replace(b" ", b"") not in (b"q=0", b"q=0.0", b"q=0.00", b"q=0.000")
    return False


def compressed(found: Stored) -> Stored:
    """The entry with its gzipped variant, when its type compresses and it is worth it."""
    names = {k.lower(): v for k, v in found.headers}
    kind = names.get(b"content-type", b"").lower()
    if (len(found.body) < _GZIP_FROM or b"content-encoding" in names or not kind.startswith(_COMPRESSIBLE)):
        return found
    body = gzip.compress(found.body, compresslevel=6, mtime=0)
    headers = [(k, v) for k, v in found.headers if k.lower() not in (b"content-length", b"etag")]
    headers += [(b"content-encoding", b"gzip"), (b"content-length", str(len(body)).encode()),
                (b"etag", gzip_etag(names.get(b"etag", b'W/""')))]
    return Stored(found.status, found.headers, found.body, headers, body)


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """Weak comparison (RFC 9110 13.1.2): W/"x" and "x" name the same state."""
    wanted = etag.removeprefix(b"W/")
    return any(tag.strip().removeprefix(b"W/") == wanted for tag in if_none_match.split(b","))


def is_kept(path: str) -> bool:
    return path in KEPT_PAGES or path.startswith(KEPT_PREFIXES)


def cached(app: App, *, state: LedgerState, cache: PageCache, max_age: int) -> App:
    """The app behind state ETags, 304 on a matching If-None-Match, and the page cache."""
    cache_control = f"max-age={max_age}".encode()
    # One build per page and state: requests for a page being built wait for it, not build it too.
    building: dict[tuple, asyncio.Future] = {}

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        path = scope.get("path") or ""
        if scope.get("type") != "http" or method not in ("GET", "HEAD") or path.startswith("/-/"):
            try:
                await app(scope, receive, send)
            finally:
                if scope.get("type") == "http" and method not in ("GET", "HEAD"):
                    state.expire()  # a write (a review): the next page reads the state after it
            return
        headers = dict((k.lower(), v) for k, v in scope.get("headers", []))
        if any(name in headers for name in _PERSONAL):
            await app(scope, receive, send)
            return
        etag = b'W/"' + state.token().encode() + b'"'
        if_none_match = headers.get(b"if-none-match")
        if if_none_match:
            for tag in (etag, gzip_etag(etag)):
                if etag_matches(if_none_match, tag):
                    await send({"type": "http.response.start", "status": 304,
                                "headers": [(b"etag", tag), (b"cache-control", cache_control),
                                            (b"vary", b"Accept-Encoding")]})
                    await send({"type": "http.response.body", "body": b""})
                    return
        key = None
        if method == "GET" and is_kept(path):
            key = (path, scope.get("query_string", b""), headers.get(b"host", b""), etag)
            found = cache.get(key)
            if found is None and key in building:
                await asyncio.shield(building[key])
                found = cache.get(key)
            if found is not None:
                await _replay(found, send, gzipped=accepts_gzip(headers.get(b"accept-encoding", b"")))
                return
        await _build(app, scope, receive, send, key=key, etag=etag, cache_control=cache_control,
                     cache=cache, building=building)

    return wrapped


def _vary_on_encoding(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    vary = [v for k, v in headers if k.lower() == b"vary"]
    if any(b"accept-encoding" in v.lower() or v.strip() == b"*" for v in vary):
        return headers
    joined = b", ".join(vary + [b"Accept-Encoding"])
    return [(k, v) for k, v in headers if k.lower() != b"vary"] + [(b"vary", joined)]


async def _replay(found: Stored, send: Send, *, gzipped: bool) -> None:
    if gzipped and found.gzip_body is not None:
        headers, body = found.gzip_headers or [], found.gzip_body
    else:
        headers, body = found.headers, found.body
    await send({"type": "http.response.start", "status": found.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _build(app: App, scope: Scope, receive: Receive, send: Send, *, key: tuple | None, etag: bytes,
                 cache_control: bytes, cache: PageCache, building: dict[tuple, asyncio.Future]) -> None:
    """Run the app; tag a 200 with the ETag; keep a copy of it when it is small and shareable."""
    done: asyncio.Future | None = None
    if key is not None:
        done = asyncio.get_running_loop().create_future()
        building[key] = done
    copy: dict[str, Any] = {"keep": key is not None, "status": 0, "headers": [], "body": [], "size": 0}

    async def tagging_send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status = message.get("status", 200)
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            if status == 200 and b"set-cookie" not in names:
                if b"etag" not in names:
                    headers.append((b"etag", etag))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", cache_control))
                if key is not None:
                    headers = _vary_on_encoding(headers)  # a kept copy may go out gzipped
            else:
                copy["keep"] = False
            message = {**message, "headers": headers}
            copy["status"], copy["headers"] = status, headers
        elif message["type"] == "http.response.body" and copy["keep"]:
            chunk = message.get("body", b"")
            copy["body"].append(chunk)
            copy["size"] += len(chunk)
            # Stop copying an answer past the entry budget (a big export): it streams on regardless.
            if copy["size"] > cache.entry_max_bytes:
                copy["keep"], copy["body"] = False, []
        await send(message)
        if message["type"] == "http.response.body" and copy["keep"] and not message.get("more_body", False):
            copy["keep"] = False
            whole = Stored(copy["status"], copy["headers"], b"".join(copy["body"]))
            # Compressed off the event loop (zlib lets go of the GIL), after the answer has gone.
            cache.put(key, await asyncio.get_running_loop().run_in_executor(None, compressed, whole))

    try:
        await app(scope, receive, tagging_send)
    finally:
        if done is not None:
            building.pop(key, None)
            done.set_result(None)
