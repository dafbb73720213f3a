"""`etrack import ddp-weekly-arrests FILE`: weekly FOIA arrest counts with and without a conviction.

The Deportation Data Project publishes ICE ERO administrative arrests per week, split by whether
the person had a criminal conviction. "Without a conviction" includes people with pending
charges: it is not "no criminal record".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official.common import (
    ImportResult, Progress, already_imported, file_sha256, import_transaction, log_import, require_file)
from enforcement_tracker.official.csv_tables import iso_date, number, read_csv

KIND = "ddp-weekly-arrests"
SOURCE = "Deportation Data Project, weekly ICE ERO administrative arrests (FOIA)"
COLUMNS = {
    "week_start": ("week_start",),
    "week_end?": ("week_end",),
    "arrests_total": ("arrests_total", "arrests"),
    "with_conviction?": ("arrests_with_criminal_conviction", "with_conviction"),
    "without_conviction?": ("arrests_without_criminal_conviction", "without_conviction"),
    "share_without_conviction?": ("share_without_conviction",),
}


def import_ddp_weekly(conn: sqlite3.Connection, path: Path, progress: Progress | None = None) -> ImportResult:
    from datetime import date, timedelta

    path = Path(path)
    require_file(path, "weekly arrests", (".csv",))
    sha = file_sha256(path)
    if already_imported(conn, KIND, sha):
        return ImportResult(KIND, path.name, "unchanged")
    rows = []
    for line, r in enumerate(read_csv(path, KIND, COLUMNS), start=2):
        start = iso_date(r["week_start"], path, line, "week_start")
        end = iso_date(r["week_end"], path, line, "week_end") if r.get("week_end") else \
            (date.fromisoformat(start) + timedelta(days=6)).isoformat()
        total = number(r["arrests_total"], path, line, "arrests_total")
        if total is None:
            raise OfficialDataError(f"line {line}: arrests_total is empty", source=str(path),
                                    hint="the ledger is unchanged; every week needs its total")
        with_c = number(r.get("with_conviction", ""), path, line, "with_conviction")
        without = number(r.get("without_conviction", ""), path, line, "without_conviction")
        share = number(r.get("share_without_conviction", ""), path, line, "share_without_conviction")
        if share is None and without is not None and total:
            share = round(without / total, 4)
        rows.append((start, end, total, with_c, without, share, SOURCE))
    result = ImportResult(KIND, path.name, "imported", rows=len(rows))
    with import_transaction(conn, path):
        import_id = log_import(conn, KIND, path, sha, len(rows))
        conn.executemany(
            "INSERT OR REPLACE INTO foia_arrests_weekly (week_start, week_end, arrests_total, with_conviction,"
            " without_conviction, share_without_conviction, source, import_id) VALUES (?,?,?,?,?,?,?,?)",
            [r + (import_id,) for r in rows])
    result.tables["foia_arrests_weekly"] = len(rows)
    return result
