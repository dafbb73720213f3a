"""`etrack import ice-posted-daily FILE`: the daily arrest numbers ICE posted publicly.

These are ICE's own claims (its "enforcement update" posts), kept with where each was read, not
records of the ledger and not FOIA data. A day ICE did not post stays without a number.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from enforcement_tracker.official.common import (
    ImportResult, Progress, already_imported, file_sha256, import_transaction, log_import, require_file)
from enforcement_tracker.official.csv_tables import iso_date, number, read_csv

KIND = "ice-posted-daily"
COLUMNS = {
    "date": ("date",),
    "arrests": ("arrests_reported", "arrests"),
    "detainers_lodged?": ("detainers_lodged_reported", "detainers_lodged", "detainers"),
    "weekday?": ("weekday",),
    "source_note?": ("source_note", "note"),
    "source_url?": ("source_url", "url", "source"),
}


def import_posted_daily(conn: sqlite3.Connection, path: Path, progress: Progress | None = None) -> ImportResult:
    path = Path(path)
    require_file(path, "posted daily numbers", (".csv",))
    sha = file_sha256(path)
    if already_imported(conn, KIND, sha):
        return ImportResult(KIND, path.name, "unchanged")
    rows = []
    for line, r in enumerate(read_csv(path, KIND, COLUMNS), start=2):
        rows.append((iso_date(r["date"], path, line, "date"), r.get("weekday") or None,
                     number(r["arrests"], path, line, "arrests"),
                     number(r.get("detainers_lodged", ""), path, line, "detainers_lodged"),
                     r.get("source_note") or None, r.get("source_url") or None))
    result = ImportResult(KIND, path.name, "imported", rows=len(rows))
    with import_transaction(conn, path):
        import_id = log_import(conn, KIND, path, sha, len(rows))
        # A later file about the same day (a correction) replaces it: one posted figure per day.
        conn.executemany(
            "INSERT OR REPLACE INTO ice_posted_daily (date, weekday, arrests, detainers_lodged, source_note,"
            " source_url, import_id) VALUES (?,?,?,?,?,?,?)", [r + (import_id,) for r in rows])
    missing = [r[0] for r in rows if r[2] is None]
    if missing:
        result.notes.append(f"no posted arrest figure for {', '.join(missing)}")
    result.tables["ice_posted_daily"] = len(rows)
    return result
