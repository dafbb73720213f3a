"""Opening the ledger and bringing its schema up to date through numbered migrations."""

from __future__ import annotations

import re
import sqlite3
import time
from importlib import resources
from pathlib import Path

from enforcement_tracker.errors import StoreError

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) for every migration shipped with the package, in order."""
    found = []
    for entry in resources.files("enforcement_tracker.store.migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StoreError(f"migrations are not numbered 1..n: {numbers}", hint="renumber the files")
    return found


def current_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def schema_behind(path: str | Path) -> tuple[int, int] | None:
    """(the ledger's schema, the newest) when the ledger at path has migrations still to apply, else None."""
    conn = connect(path, readonly=True)
    try:
        version = current_version(conn)
    finally:
        conn.close()
    newest = migrations()[-1][0]
    return (version, newest) if version < newest else None


def migrate(conn: sqlite3.Connection) -> int:
    """Apply each migration past the file's user_version, each in its own transaction.

    Each transaction takes the write lock first (BEGIN IMMEDIATE) and reads the version again
    under it, so two processes opening a new ledger at once apply every migration once."""
    version = current_version(conn)
    for number, name, sql in migrations():
        if number <= version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            if current_version(conn) >= number:  # another process applied it while we waited
                conn.execute("COMMIT")
                version = current_version(conn)
                continue
            for statement in _statements(sql):
                _execute(conn, statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {exc}", hint="the file is unchanged; report this") from exc
        version = number
    return version


_ADD_COLUMN = re.compile(r"^(?:\s*--[^\n]*\n)*\s*ALTER\s+TABLE\s+\S+\s+ADD\s+COLUMN\s", re.I)


def _execute(conn: sqlite3.Connection, statement: str) -> None:
    """One statement of a migration. A migration re-applied over its own work finds the columns it
    adds already there (SQLite has no ADD COLUMN IF NOT EXISTS): that one is done, not an error."""
    try:
        conn.execute(statement)
    except sqlite3.OperationalError as exc:
        if not (_ADD_COLUMN.match(statement) and "duplicate column name" in str(exc)):
            raise


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        chunk = "\n".join(buf).strip()
        if chunk and sqlite3.complete_statement(chunk):
            out.append(chunk)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out


def _write_ahead_log(conn: sqlite3.Connection, wait: float = 30.0) -> None:
    """Switch the file to WAL. SQLite answers "database is locked" at once, without its busy
    timeout, while another process is creating the same new ledger: wait for it and try again."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) the ledger at path, in WAL mode, migrated to the current schema."""
    path = Path(path)
    if readonly:
        if not path.exists():
            raise StoreError("no ledger here", source=str(path), hint="run `etrack ingest` or `etrack demo` first")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        conn.row_factory = sqlite3.Row
        return conn
    if path.parent and not path.parent.exists():
        raise StoreError("the folder for the ledger does not exist", source=str(path),
                         hint="create the folder or pass another --db")
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        _write_ahead_log(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"not a ledger ({exc})", source=str(path), hint="pass a SQLite file made by etrack") from exc
    migrate(conn)
    return conn


# Rows ANALYZE reads per index: enough for the planner's choices, and bounded, so a refresh after
# a batch costs milliseconds on a small ledger and a second or two on a million records.
ANALYSIS_LIMIT = 1000


def refresh_statistics(conn: sqlite3.Connection) -> None:
    """Give SQLite's planner fresh statistics after a batch of writes (ingest, load). Without any,
    it may walk a kind index inside the newest-first walk over documents, and a dashboard of a
    million records takes tens of seconds instead of a fraction of one."""
    conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    conn.execute("ANALYZE")
