"""The query-string arguments Datasette 0.65 answers with a 500 instead of a 400, refused first.

Found by fuzzing every route with hostile values (tests/test_publish_security.py keeps doing
it): `_sort` / `_sort_desc` naming no column, a non-numeric `_timelimit`, any `_through`, a JSON
`_facet` configuration, a comparison (`count__gt=`) with an integer past 2**63, and a NUL
character in any value. Each is refused here with a 400 that names the argument; everything
else goes to Datasette unchanged, which answers bad input with its own 400s.
"""

from __future__ import annotations

import re
from typing import Any, Mapping
from urllib.parse import parse_qsl, unquote

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish.params import SQLITE_MAX_INT

_TIMELIMIT = re.compile(r"[0-9]{1,7}")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_FORMATS = (".json", ".csv")


def table_of(path: str, database: str) -> str | None:
    """The table a Datasette table URL (`/db/table`, `/db/table.json`, `.csv`) names, or None."""
    from datasette.utils import tilde_decode  # Datasette's own decoding of names in URLs

    parts = path.strip("/").split("/")
    if len(parts) != 2 or unquote(parts[0]) != database:
        return None
    name = parts[1]
    for ext in _FORMATS:
        if name.endswith(ext):
            name = name[: -len(ext)]
    try:
        return tilde_decode(name)
    except ValueError:
        return None


def query_args(query_string: bytes) -> list[tuple[str, str]]:
    return parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="replace")


def check_args(args: list[tuple[str, str]], columns: set[str] | None) -> None:
    """Raise PublishError for the first argument Datasette would turn into a 500.

    `columns` is the table's columns when the URL is a table page, else None.
    """
    for name, value in args:
        if "\x00" in name or "\x00" in value:
            raise PublishError("a NUL character is not allowed in a parameter", source=name.replace("\x00", "\\0")[:40],
                               hint="remove the %00 from the URL")
        if name == "_timelimit" and not _TIMELIMIT.fullmatch(value):
            raise PublishError("_timelimit must be a whole number of milliseconds", source="_timelimit",
                               hint=f"got {value[:40]!r}")
        if name == "_through":
            raise PublishError("_through is not supported on this ledger", source="_through",
                               hint="filter on the linking table's own columns instead")
        if name.startswith("_facet") and value.lstrip().startswith("{"):
            raise PublishError(f"{name} takes a column name, not a JSON facet configuration", source=name,
                               hint=f"got {value[:40]!r}; e.g. {name}=kind")
        digits = value.strip().lstrip("+-")
        if "__" in name and _INTEGER.fullmatch(value.strip()) and (len(digits) > 19 or int(digits) > SQLITE_MAX_INT):
            raise PublishError(f"{name}: {value[:40]} is beyond SQLite's integers", source=name,
                               hint=f"compare with a number from {-SQLITE_MAX_INT - 1} to {SQLITE_MAX_INT}")
        if name in ("_sort", "_sort_desc") and columns is not None and value not in columns:
            raise PublishError(f"{name} names no column of this table", source=name,
                               hint=f"got {value[:40]!r}; sort by one of " + ", ".join(sorted(columns)))


async def check_request(datasette: Any, database: str, scope: Mapping[str, Any]) -> None:
    """Check one request's arguments against Datasette's routes; PublishError if one is refused."""
    args = query_args(scope.get("query_string") or b"")
    if not args:
        return
    columns = None
    table = table_of(scope.get("path") or "", database)
    if table is not None and any(n in ("_sort", "_sort_desc") for n, _ in args):
        db = datasette.databases.get(database)
        if db is not None and (await db.table_exists(table) or table in await db.view_names()):
            columns = set(await db.table_columns(table))
    check_args(args, columns)
