"""What every response of the web ledger carries, and what no request may make it do.

Documents come from the open web, so their text, title and `url:` are hostile until shown
otherwise. Text is escaped everywhere (highlight.py, Jinja's autoescape); this module adds the
rest, in one ASGI wrapper that Datasette installs through its `asgi_wrapper` hook:

- a document's URL becomes a link only when its scheme is http or https (`link_url`);
- every response sends a strict Content-Security-Policy (scripts from this server, plus the few
  inline scripts Datasette's own templates ship, allowed by hash), nosniff, no framing and no
  referrer;
- the ledger is read-only: POST, PUT, PATCH and DELETE answer 405 on every route but the
  reviewers' POST routes (`write_paths`, publish/review.py), which need a token and CSRF;
- the Host header and scheme a request claims are replaced by the configured base URL, so no
  absolute URL (feed, CSV, GeoJSON, Datasette's own links) repeats what a client sent;
- CSV that Datasette streams is defused cell by cell (csvsafe.py), as ours is when written.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import sys
import traceback
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import urlsplit

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish.csvsafe import CsvDefuser

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# --- links -----------------------------------------------------------------------------------

# What a browser drops before reading a URL (WHATWG URL parser): C0 controls and spaces at
# either end, tabs and newlines anywhere. `java\tscript:` is `javascript:` to a browser.
_EDGE = "".join(chr(c) for c in range(0x21))
_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
LINK_SCHEMES = ("http", "https")


def link_url(url: Any) -> str | None:
    """The URL to put in an href, or None when it must be shown as plain text.

    Only http and https with a host are links; `javascript:`, `data:`, `vbscript:`, relative and
    scheme-less addresses, however they are cased or spaced, are not.
    """
    if not isinstance(url, str):
        return None
    cleaned = _INSIDE.sub("", url.strip(_EDGE))
    scheme = _SCHEME.match(cleaned)
    if not scheme or scheme.group(1).lower() not in LINK_SCHEMES:
        return None
    try:
        if not urlsplit(cleaned).hostname:
            return None
    except ValueError:  # an unclosed IPv6 bracket and the like: not an address a reader can open
        return None
    return cleaned


# --- the base URL ----------------------------------------------------------------------------

def check_base_url(value: str) -> str:
    """The base URL as `scheme://host[:port]/`, or a PublishError naming what is wrong with it."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError as exc:
        raise PublishError(f"not a URL ({exc})", source=f"--base-url {value!r}",
                           hint="give the address readers use, like https://tracker.example.org/") from exc
    if parts.scheme not in LINK_SCHEMES or not parts.hostname:
        raise PublishError("must start with http:// or https:// and name a host", source=f"--base-url {value!r}",
                           hint="give the address readers use, like https://tracker.example.org/")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise PublishError("must be a scheme and host only (no path, query, fragment or login)",
                           source=f"--base-url {value!r}",
                           hint="the ledger is served at the root of its host, like https://tracker.example.org/")
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}{f':{port}' if port else ''}/"


def _scope_for_base(scope: Scope, base_url: str) -> Scope:
    """The request as if it had been sent to the base URL: its Host header and scheme replaced."""
    parts = urlsplit(base_url)
    headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"host"]
    headers.append((b"host", parts.netloc.encode("latin-1")))
    return {**scope, "headers": headers, "scheme": parts.scheme}


# --- headers ---------------------------------------------------------------------------------

def _datasette_templates() -> Path:
    import datasette  # the package only: datasette.app may still be loading when this runs

    return Path(datasette.__file__).parent / "templates"


# Inline scripts in Datasette's templates whose only variable part is one of these values.
_TEMPLATE_VALUES = {"datasette_allow_facet": ("true", "false")}
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_EXPRESSION = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def inline_script_bodies(template_dir: Path) -> set[str]:
    """Every inline script Datasette's templates can render, as the exact text a browser hashes.

    A script whose text has a template expression is rendered for each value it can take
    (_TEMPLATE_VALUES); one with any other expression (a plugin's extra body script) is left out
    and so blocked, which the tests would show.
    """
    bodies: set[str] = set()
    for path in sorted(template_dir.glob("*.html")):
        for m in _INLINE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
            if "src=" in m.group("attrs"):
                continue
            body = m.group("body")
            names = set(_EXPRESSION.findall(body))
            if "{{" not in body and "{%" not in body:
                bodies.add(body)
            elif len(names) == 1 and (name := names.pop()) in _TEMPLATE_VALUES and "{%" not in body:
                bodies.update(_EXPRESSION.sub(value, body) for value in _TEMPLATE_VALUES[name])
    return bodies


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(template_dir: Path | None = None) -> str:
    """The policy every response sends: nothing from elsewhere, no inline script but hashed ones.

    Inline style stays allowed: Datasette's table, row and query pages write a `<style>` of the
    table's column names (their mobile layout), which differs with `_col=` and so has no hash to
    list, and its pages and our charts colour with style attributes. Every text is escaped, so a
    document cannot add a style; what runs is held by script-src, which allows nothing inline
    but the hashed scripts.
    """
    hashes = " ".join(sorted(script_hash(b) for b in inline_script_bodies(template_dir or _datasette_templates())))
    return "; ".join([
        "default-src 'none'", f"script-src 'self' {hashes}".strip(), "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
        "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"])


def security_headers(policy: str) -> list[tuple[bytes, bytes]]:
    return [(b"content-security-policy", policy.encode("ascii")), (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin")]


def quiet_error_handler() -> None:
    """Stop Datasette's default error handler from printing a rich traceback for every error page.

    Datasette 0.65 calls rich's print_exception whenever rich is installed, for a 404 as for a
    crash: outside an `except` block (the router's own 404, e.g. a raw `GET /records/../x`) rich
    raises, so the error page itself fails; and a traceback with locals per 4xx costs more than
    the page. Without rich it answers the same page and still prints real 500s plainly.
    """
    import datasette.handle_exception as handler

    handler.rich = None


# --- the wrapper -----------------------------------------------------------------------------

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ_METHODS).encode("ascii")
OUR_CSV = "/export/"  # our exports defuse as they write (exports.py)


def _wants_json(scope: Scope) -> bool:
    path = scope.get("path") or ""
    accept = dict(scope.get("headers") or []).get(b"accept", b"")
    return path.endswith(".json") or path.startswith("/api/") or (b"json" in accept and b"html" not in accept)


def error_body(scope: Scope, status: int, title: str, message: str,
               extra: dict[str, Any] | None = None) -> tuple[bytes, bytes]:
    """A small error answer, JSON for machine URLs and HTML for people; (content type, body)."""
    if _wants_json(scope):
        return b"application/json; charset=utf-8", json.dumps(
            {"ok": False, "status": status, "title": title, "error": message, **(extra or {})}).encode("utf-8")
    page = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<link rel=\"stylesheet\" href=\"/-/static/app.css\"></head><body><section class=\"content\">"
            f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p><p><a href=\"/\">The dashboard</a></p>"
            "</section></body></html>\n")
    return b"text/html; charset=utf-8", page.encode("utf-8")


async def send_error(scope: Scope, send: Send, status: int, title: str, message: str,
                     headers: list[tuple[bytes, bytes]], extra: dict[str, Any] | None = None) -> None:
    content_type, body = error_body(scope, status, title, message, extra)
    await send({"type": "http.response.start", "status": status,
                "headers": headers + [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body})


def _is_datasette_csv(scope: Scope) -> bool:
    path = scope.get("path") or ""
    if path.startswith(OUR_CSV):
        return False
    query = scope.get("query_string") or b""
    return path.endswith(".csv") or b"_format=csv" in query


def secure(app: App, *, base_url: str, policy: str,
           check: Callable[[Scope], Awaitable[None]] | None = None,
           write_paths: re.Pattern[str] | None = None) -> App:
    """The ledger's app behind the headers, the read-only rule, the base URL and CSV defusing.

    `check` looks at a request before the app does and raises PublishError to refuse it (400).
    `write_paths` is the one allow-list of paths that take a POST (the review routes, which
    check their actor and CSRF token); every other write method on every other path is a 405.
    """
    added = security_headers(policy)
    names = {name for name, _ in added}

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        method = (scope.get("method") or "GET").upper()
        if method == "POST" and write_paths is not None and write_paths.match(scope.get("path") or ""):
            pass  # a reviewer's write: the route checks the actor, asgi-csrf the CSRF token
        elif method not in READ_METHODS:
            await send_error(scope, send, 405, "Method not allowed",
                             f"This ledger is read-only: {method} is not allowed here; use GET.",
                             added + [(b"allow", ALLOW)])
            return
        if method == "OPTIONS":  # answered here: no route needs to run (and stream) to say what it allows
            await send({"type": "http.response.start", "status": 204, "headers": added + [(b"allow", ALLOW)]})
            await send({"type": "http.response.body", "body": b""})
            return
        scope = _scope_for_base(scope, base_url)
        if check is not None:
            try:
                await check(scope)
            except PublishError as exc:
                await send_error(scope, send, 400, "Bad request", exc.format(), added,
                                 {"parameter": exc.source, "hint": exc.hint})
                return
        state = {"started": False, "csv": None}

        async def guarded_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names] + added
                if message.get("status") == 200 and _is_datasette_csv(scope):
                    state["csv"] = CsvDefuser()
                    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and state["csv"] is not None:
                more = message.get("more_body", False)
                body = state["csv"].feed(message.get("body", b""), final=not more)
                message = {**message, "body": body}
            await send(message)

        try:
            await app(scope, receive, guarded_send)
        except Exception:  # noqa: BLE001 - the last line of defence: log it, answer, keep serving
            traceback.print_exc(file=sys.stderr)
            if not state["started"]:
                await send_error(scope, send, 500, "Server error",
                                 "The ledger could not answer this request; the error is in the server's log.", added)

    return wrapped
