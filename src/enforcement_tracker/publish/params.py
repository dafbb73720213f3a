"""Query-string parameters of our pages and machine URLs, checked before any query runs.

Every check raises PublishError naming the parameter, what is wrong and what to send instead;
the routes answer it with a 400. Nothing here trusts a number's size: SQLite integers stop at
2**63 - 1, and a page size bounds what one request may cost.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterable, Mapping

from enforcement_tracker.errors import PublishError

SQLITE_MAX_INT = 2**63 - 1
_WHOLE = re.compile(r"[0-9]{1,9}")
_CURSOR_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
# What an id in a page's path can be; anything else is not looked up (a 404 that says so).
RECORD_ID = re.compile(r"rec_[0-9a-f]{8,64}")
DOCUMENT_ID = re.compile(r"sha256:[0-9a-f]{64}")


def page_size(args: Mapping[str, Any], default: int, maximum: int, name: str = "_size") -> int:
    """A page size from 1 to `maximum`; the default when absent."""
    raw = args.get(name)
    if raw is None or str(raw).strip() == "":
        return default
    text = str(raw).strip()
    if not _WHOLE.fullmatch(text) or not 1 <= int(text) <= maximum:
        raise PublishError(f"{name} must be a whole number from 1 to {maximum}", source=name,
                           hint=f"got {text[:40]!r}; leave it out for {default}")
    return int(text)


def cursor(token: str | None) -> tuple[str, int] | None:
    """A `_next` token from a previous page: `PUBLISHED,ROWID` (PUBLISHED may be empty)."""
    if token is None or token == "":
        return None
    published, _, rowid = token.rpartition(",")
    if (not rowid.isascii() or not rowid.isdigit() or len(rowid) > 19 or int(rowid) > SQLITE_MAX_INT
            or (published and not _CURSOR_DATE.fullmatch(published))):
        raise PublishError("_next is not a token from a previous page", source="_next",
                           hint="use the `next` value of the last answer, or leave _next out to start again")
    return published, int(rowid)


def calendar_date(value: str, name: str) -> str:
    """A date like 2025-01-26, 2025-01 or 2025 that exists on the calendar."""
    if not _CURSOR_DATE.fullmatch(value):
        raise PublishError(f"{name} must be a date like 2025-01-26 (or 2025-01, 2025)", source=name,
                           hint=f"got {value[:40]!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise PublishError(f"{name} is not a day on the calendar ({exc})", source=name,
                           hint=f"got {value!r}; months run 01-12, days to the month's end") from exc
    return value


def known_only(args: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse a parameter the URL does not read: a typo (`knd=`) must not silently match everything."""
    allowed = tuple(allowed)
    for name in args.keys():
        if name not in allowed:
            raise PublishError(f"unknown parameter {name[:40]!r}", source=name[:40],
                               hint="this URL reads " + ", ".join(allowed))
