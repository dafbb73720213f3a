"""A ledger as an older release left it: the migrations up to a number, then records written by the
code of today, for the tests that migrate it forward."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from enforcement_tracker.publish.synthetic import synthetic_extractions
from enforcement_tracker.store.db import _statements, migrations
from enforcement_tracker.store.events import rebuild_events
from enforcement_tracker.store.ledger import save_extraction


def ledger_at_version(path: Path, version: int, documents: int = 200, seed: int = 2) -> sqlite3.Connection:
    """An open ledger at `path` with migrations 1..version applied and `documents` synthetic
    documents in it, its events built; the caller closes it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row  # as store/db.connect opens it
    conn.execute("PRAGMA foreign_keys = ON")
    for number, _, sql in migrations():
        if number <= version:
            for statement in _statements(sql):
                conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    for extraction in synthetic_extractions(documents, seed=seed):
        save_extraction(conn, extraction)
    rebuild_events(conn)
    return conn
