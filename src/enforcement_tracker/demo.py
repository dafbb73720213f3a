"""The demo: a ledger built from the bundled example reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from enforcement_tracker.errors import IngestError
from enforcement_tracker.pipeline import IngestSummary, ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import query_records

SUMMARY_KINDS = ("operation", "target", "arrest_count", "criminality", "cadence")


def examples_dir() -> Path:
    """The example reports: ETRACK_EXAMPLES, else the repository's examples/ folder."""
    import os

    env = os.environ.get("ETRACK_EXAMPLES")
    here = Path(env) if env else Path(__file__).resolve().parents[2] / "examples"
    if not here.is_dir():
        raise IngestError("the example reports are not here", source=str(here),
                          hint="run from a checkout of the repository, or set ETRACK_EXAMPLES")
    return here


def build_demo(conn: sqlite3.Connection, settings: ExtractSettings, on_file=None) -> IngestSummary:
    return ingest_paths(conn, [examples_dir()], settings, on_file=on_file)


def summary_records(conn: sqlite3.Connection) -> list[dict]:
    rows = [r for kind in SUMMARY_KINDS for r in query_records(conn, kind=kind)]
    return rows
