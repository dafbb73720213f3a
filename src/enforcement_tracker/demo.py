"""The demo: a ledger built from the bundled example reports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from enforcement_tracker.errors import IngestError
from enforcement_tracker.kinds import registry
from enforcement_tracker.pipeline import IngestSummary, ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import query_records



def examples_dir() -> Path:
    """The example reports: ETRACK_EXAMPLES, else the repository's examples/ folder."""
    import os

    env = os.environ.get("ETRACK_EXAMPLES")
    here = Path(env) if env else Path(__file__).resolve().parents[2] / "examples"
    if not here.is_dir():
        raise IngestError("the example reports are not here", source=str(here),
                          hint="run from a checkout of the repository, or set ETRACK_EXAMPLES")
    return here


# Official figures restated for the demo, by the importer that reads each file.
OFFICIAL_FILES = {"ice-posted-daily.csv": "ice-posted-daily", "ddp-weekly-arrests.csv": "ddp-weekly-arrests"}


def build_demo(conn: sqlite3.Connection, settings: ExtractSettings, on_file=None) -> IngestSummary:
    """Ingest the example reports, import the official figures beside them, check every claim."""
    from enforcement_tracker.analyze.check import run_checks, save_checks
    from enforcement_tracker.official import import_official

    summary = ingest_paths(conn, [examples_dir()], settings, on_file=on_file)
    for name, kind in OFFICIAL_FILES.items():
        path = examples_dir() / "official" / name
        if path.exists():
            import_official(conn, kind, path, None)
    checks = run_checks(conn)
    save_checks(conn, checks)
    summary.checks = len(checks)
    return summary


def summary_records(conn: sqlite3.Connection) -> list[dict]:
    # The kinds with a `summary_order`, in that order, as registered when the demo runs.
    rows = [r for kind in registry.summary_names() for r in query_records(conn, kind=kind)]
    return rows
