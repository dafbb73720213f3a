"""Official datasets the ledger's claims are held against, one importer module per kind."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official.common import ImportResult, Progress

Importer = Callable[[sqlite3.Connection, Path, "Progress | None"], ImportResult]


def importers() -> dict[str, tuple[Importer, str]]:
    """KIND -> (importer, one line of help). Imported lazily: each pulls in its own engine."""
    from enforcement_tracker.official.ddp_arrests import import_ddp_arrests
    from enforcement_tracker.official.ddp_weekly import import_ddp_weekly
    from enforcement_tracker.official.detention_stats import import_detention_stats
    from enforcement_tracker.official.posted_daily import import_posted_daily

    return {
        "ice-detention-stats": (import_detention_stats, "ICE's biweekly detentionStats workbook (.xlsx)"),
        "ice-posted-daily": (import_posted_daily, "daily arrest numbers ICE posted publicly (.csv)"),
        "ddp-arrests": (import_ddp_arrests, "FOIA arrest records, Deportation Data Project (.parquet/.csv/.xlsx)"),
        "ddp-weekly-arrests": (import_ddp_weekly, "weekly FOIA arrests by conviction, Deportation Data Project (.csv)"),
    }


KINDS = ("ice-detention-stats", "ice-posted-daily", "ddp-arrests", "ddp-weekly-arrests")


def import_official(conn: sqlite3.Connection, kind: str, path: Path,
                    progress: Progress | None = None) -> ImportResult:
    """Import one official file of the given kind, all or nothing."""
    table = importers()
    if kind not in table:
        raise OfficialDataError(f"unknown kind {kind!r}", source=str(path), hint=f"use one of {', '.join(table)}")
    return table[kind][0](conn, Path(path), progress)
