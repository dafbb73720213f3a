"""What every importer shares: results, errors, the import log and the one-transaction rule."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from enforcement_tracker.errors import OfficialDataError

# Called as progress(done, total, what) by long imports; the CLI draws it with rich.
Progress = Callable[[int, int | None, str], None]

CRIMINALITY = {
    "convicted criminal": "convicted",
    "1 convicted criminal": "convicted",
    "pending criminal charges": "pending_charges",
    "2 pending criminal charges": "pending_charges",
    "other immigration violator": "other_violator",
    "3 other immigration violator": "other_violator",
}


@lru_cache(maxsize=256)
def criminality_slug(text: object) -> str | None:
    """ICE's three criminality classes, in any of the spellings its tables use."""
    if text is None:
        return None
    key = re.sub(r"\s+", " ", str(text)).strip().lower()
    return CRIMINALITY.get(key)


@dataclass
class ImportResult:
    kind: str
    file: str
    status: str                     # "imported" or "unchanged"
    rows: int = 0                   # rows written to the main table
    edition: str | None = None
    tables: dict[str, int] = field(default_factory=dict)   # per-table row counts
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "file": self.file, "status": self.status, "rows": self.rows,
                "edition": self.edition, "tables": self.tables, "notes": self.notes}


def require_file(path: Path, kind: str, suffixes: tuple[str, ...]) -> None:
    if not path.exists():
        raise OfficialDataError("no such file", source=str(path), hint="check the path")
    if path.is_dir():
        raise OfficialDataError("is a folder, not a file", source=str(path), hint=f"pass one {kind} file")
    if path.suffix.lower() not in suffixes:
        raise OfficialDataError(f"a {kind} file must end in {' or '.join(suffixes)}", source=str(path),
                                hint=f"pass the {kind} file itself")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def already_imported(conn: sqlite3.Connection, kind: str, sha: str) -> bool:
    return conn.execute("SELECT 1 FROM official_imports WHERE kind = ? AND sha256 = ?", (kind, sha)).fetchone() is not None


@contextmanager
def import_transaction(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """All of a file's rows or none: a failure halfway leaves the ledger as it was."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise OfficialDataError(f"could not write to the ledger ({exc})", source=str(path),
                                hint="the ledger is unchanged; retry") from exc


def log_import(conn: sqlite3.Connection, kind: str, path: Path, sha: str, rows: int,
               edition: str | None = None) -> int:
    """Record the import inside the caller's transaction; its id tags the rows it wrote."""
    cur = conn.execute(
        "INSERT INTO official_imports (kind, file_name, sha256, edition, rows, imported_at) VALUES (?,?,?,?,?,?)",
        (kind, path.name, sha, edition, rows, datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return int(cur.lastrowid)


def normalize_header(name: object) -> str:
    """"Apprehension State (filled in)" and "apprehension_state_filled_in" are the same column."""
    return re.sub(r"[^a-z0-9]+", "_", str(name or "").strip().lower()).strip("_")


def missing_columns_error(path: Path, kind: str, missing: list[str], found: list[str]) -> OfficialDataError:
    shown = ", ".join(found[:12]) + (" ..." if len(found) > 12 else "")
    return OfficialDataError(
        f"not a usable {kind} file: missing column(s) {', '.join(missing)} (found: {shown or 'none'})",
        source=str(path), hint="the ledger is unchanged; pass a file with those columns")
