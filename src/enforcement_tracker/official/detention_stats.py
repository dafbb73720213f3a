"""`etrack import ice-detention-stats FILE`: ICE's biweekly detentionStats workbook.

Every table of the Detention sheet goes into the tidy `detention_stats` table, the Facilities
sheet into `detention_facilities`. Every edition is kept; importing an edition again changes
nothing (a different file of the same edition replaces that edition's rows).
"""

from __future__ import annotations

import re
import sqlite3
import math
from datetime import date, datetime
from pathlib import Path
from typing import Any

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official.common import (
    ImportResult, Progress, already_imported, file_sha256, import_transaction, log_import, require_file)
from enforcement_tracker.official.detention_tables import clean
from enforcement_tracker.official.workbook_layout import Grid, find_tables, table_cells
from enforcement_tracker.official.workbook_safety import WORKBOOK_ERRORS, check_workbook, workbook_errors

KIND = "ice-detention-stats"
_DIMS = ("agency", "criminality", "facility_type", "release_reason", "breakdown")

# Facilities sheet headers -> columns of detention_facilities (after lower-casing; the fiscal
# year in "FY25 ALOS" is dropped first).
FACILITY_COLUMNS = {
    "name": "name", "address": "address", "city": "city", "state": "state", "zip": "zip", "aor": "aor",
    "type detailed": "facility_type", "male/female": "gender", "alos": "alos",
    "level a": "adp_level_a", "level b": "adp_level_b", "level c": "adp_level_c", "level d": "adp_level_d",
    "male crim": "adp_male_crim", "male non-crim": "adp_male_noncrim", "female crim": "adp_female_crim",
    "female non-crim": "adp_female_noncrim", "ice threat level 1": "adp_threat_level_1",
    "ice threat level 2": "adp_threat_level_2", "ice threat level 3": "adp_threat_level_3",
    "no ice threat level": "adp_no_threat_level", "mandatory": "adp_mandatory",
    "guaranteed minimum": "guaranteed_minimum", "last inspection type": "last_inspection_type",
    "last inspection end date": "last_inspection_end_date",
    "last inspection standard": "last_inspection_standard", "last final rating": "last_final_rating",
}


def read_sheets(path: Path) -> tuple[dict[str, Grid], datetime | None]:
    """The Detention and Facilities sheets as grids of values, and the workbook's modified time."""
    import openpyxl  # imported here: only workbook imports pay for it

    hint = "pass ICE's detentionStats workbook as downloaded"
    check_workbook(path, hint)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except WORKBOOK_ERRORS as exc:
        raise OfficialDataError(f"not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})",
                                source=str(path), hint=hint) from exc
    try:
        with workbook_errors(path, hint):
            wanted = {name: ws for name, ws in zip(wb.sheetnames, wb.worksheets)
                      if re.match(r"\s*(detention|facilities)\b", name, re.I)}
            if not any(re.match(r"\s*detention\b", n, re.I) for n in wanted):
                raise OfficialDataError(
                    f"not an ICE detentionStats workbook: no 'Detention' sheet (sheets: {', '.join(wb.sheetnames)})",
                    source=str(path), hint="the ledger is unchanged; pass the workbook from ICE's detention statistics page")
            grids = {name: [list(r) for r in ws.iter_rows(values_only=True)] for name, ws in wanted.items()}
            modified = wb.properties.modified
    finally:
        wb.close()
    return grids, modified


def edition_of(path: Path, modified: datetime | None) -> str:
    """The edition's date: from the file name (YYYY-MM-DD or ICE's MMDDYYYY), else the workbook."""
    name = path.stem
    m = re.search(r"(20\d{2})[-_]?(\d{2})[-_]?(\d{2})", name)
    candidates = []
    if m:
        candidates.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    m = re.search(r"(\d{2})[-_]?(\d{2})[-_]?(20\d{2})", name)
    if m:
        candidates.append((int(m.group(3)), int(m.group(1)), int(m.group(2))))
    for y, mo, d in candidates:
        try:
            return date(y, mo, d).isoformat()
        except ValueError:
            continue
    if modified:
        return modified.date().isoformat()
    raise OfficialDataError("cannot tell the edition's date", source=str(path),
                            hint="rename the file with its date, e.g. detentionStats-2025-09-25.xlsx")


def fiscal_year_of(sheet_name: str, grid: Grid, edition: str) -> int:
    for text in [sheet_name] + [clean(v) for row in grid[:6] for v in row if isinstance(v, str)]:
        m = re.search(r"\bFY\s?(\d{4}|\d{2})\b", text, re.I)
        if m:
            year = int(m.group(1))
            return year + 2000 if year < 100 else year
    d = date.fromisoformat(edition)
    return d.year + 1 if d.month >= 10 else d.year


def parse_detention(grid: Grid, fiscal_year: int, edition: str) -> tuple[list[dict[str, Any]], list[str]]:
    notes, cells, seen = [], [], set()
    for table in find_tables(grid):
        if not table.known:
            notes.append(f"unrecognised table imported as '{table.slug}': {table.title}")
        for cell in table_cells(table, fiscal_year, edition[:7]):
            key = (cell["fiscal_year"], table.slug, cell["month"]) + tuple(cell.get(d) for d in _DIMS)
            if key in seen:
                continue
            seen.add(key)
            cell.update(table=table.slug, title=table.title)
            cells.append(cell)
    return cells, notes


def parse_facilities(grid: Grid) -> list[dict[str, Any]]:
    header_row = next((i for i, row in enumerate(grid[:30])
                       if {"name", "city", "state"} <= {clean(v).lower() for v in row if isinstance(v, str)}), None)
    if header_row is None:
        return []
    pulled = None
    for row in grid[:header_row]:
        for v in row:
            m = re.search(r"data source.*?(\d{1,2})/(\d{1,2})/(\d{4})", clean(v), re.I) if isinstance(v, str) else None
            if m:
                pulled = date(int(m.group(3)), int(m.group(1)), int(m.group(2))).isoformat()
    columns = {}
    for j, h in enumerate(grid[header_row]):
        key = re.sub(r"^fy\s?\d{2,4}\s+", "", clean(h).lower())
        if key in FACILITY_COLUMNS:
            columns[j] = FACILITY_COLUMNS[key]
    out = []
    for row in grid[header_row + 1:]:
        name = clean(row[0]) if row and row[0] is not None else ""
        if not name:
            if out:
                break
            continue
        rec: dict[str, Any] = {"data_pulled": pulled}
        for j, col in columns.items():
            v = row[j] if j < len(row) else None
            if isinstance(v, datetime):
                v = v.date().isoformat()
            elif col in ("zip",) and v is not None:
                v = str(v).split(".")[0].zfill(5)
            elif isinstance(v, str):
                v = clean(v) or None
            rec[col] = v
        out.append(rec)
    return out


def import_detention_stats(conn: sqlite3.Connection, path: Path, progress: Progress | None = None) -> ImportResult:
    path = Path(path)
    require_file(path, "detentionStats workbook", (".xlsx", ".xlsm"))
    sha = file_sha256(path)
    if already_imported(conn, KIND, sha):
        return ImportResult(KIND, path.name, "unchanged")
    if progress:
        progress(0, 3, "reading workbook")
    grids, modified = read_sheets(path)
    edition = edition_of(path, modified)
    cells, facilities, notes, fiscal_year = [], [], [], None
    for name, grid in grids.items():
        if re.match(r"\s*detention\b", name, re.I):
            fiscal_year = fiscal_year_of(name, grid, edition)
            found, table_notes = parse_detention(grid, fiscal_year, edition)
            cells += found
            notes += table_notes
        else:
            facilities += parse_facilities(grid)
    if not cells:
        raise OfficialDataError("not an ICE detentionStats workbook: its Detention sheet holds no table ICE publishes",
                                source=str(path), hint="the ledger is unchanged; pass the workbook from ICE's page")
    for c in cells:
        _check_value(c, path)
    if not facilities:
        notes.append("no Facilities sheet with a Name/City/State header: facilities not imported")
    if progress:
        progress(1, 3, "writing tables")
    result = ImportResult(KIND, path.name, "imported", rows=len(cells), edition=edition, notes=notes)
    with import_transaction(conn, path):
        replaced = conn.execute("SELECT COUNT(*) FROM detention_stats WHERE edition = ? AND fiscal_year = ?",
                                (edition, fiscal_year)).fetchone()[0]
        if replaced:
            notes.append(f"edition {edition} was imported from another file before: its rows are replaced")
            conn.execute("DELETE FROM detention_stats WHERE edition = ? AND fiscal_year = ?", (edition, fiscal_year))
            conn.execute("DELETE FROM detention_facilities WHERE edition = ?", (edition,))
        conn.executemany(
            'INSERT OR REPLACE INTO detention_stats (edition, fiscal_year, "table", agency, criminality, facility_type,'
            " release_reason, breakdown, month, value, title) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(edition, c["fiscal_year"], c["table"], c.get("agency"), c.get("criminality"), c.get("facility_type"),
              c.get("release_reason"), c.get("breakdown"), c["month"], c["value"], c["title"]) for c in cells])
        cols = ["edition", "fiscal_year", "data_pulled"] + list(dict.fromkeys(FACILITY_COLUMNS.values()))
        conn.executemany(
            f"INSERT OR REPLACE INTO detention_facilities ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [[edition, fiscal_year] + [f.get(c) for c in cols[2:]] for f in facilities])
        log_import(conn, KIND, path, sha, len(cells), edition)
    for c in cells:
        result.tables[c["table"]] = result.tables.get(c["table"], 0) + 1
    result.tables["detention_facilities"] = len(facilities)
    if progress:
        progress(3, 3, "done")
    return result


# Populations, book-ins and stays in days: never negative, never near a billion.
MAX_VALUE = 1e9


def _check_value(cell: dict[str, Any], path: Path) -> None:
    value = cell["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= MAX_VALUE:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise OfficialDataError(
            f"table {cell['title']!r}, month {cell['month']}: value {shown} is not a count between 0 and "
            f"{MAX_VALUE:,.0f}", source=str(path), hint="the ledger is unchanged; fix the cell in the workbook")


def latest_value(conn: sqlite3.Connection, table: str, *, month: str | None = None, fiscal_year: int | None = None,
                 **dims: str | None) -> tuple[float, str] | None:
    """The newest edition's value of one cell, and that edition: e.g. ICE book-ins in 2025-01."""
    where, params = ['"table" = ?'], [table]
    for col in _DIMS:
        where.append(f"COALESCE({col}, '') = ?")
        params.append(dims.get(col) or "")
    where.append("COALESCE(month, '') = ?")
    params.append(month or "")
    if fiscal_year is not None:
        where.append("fiscal_year = ?")
        params.append(fiscal_year)
    row = conn.execute(f"SELECT value, edition FROM detention_stats WHERE {' AND '.join(where)}"
                       " ORDER BY edition DESC LIMIT 1", params).fetchone()
    return (row[0], row[1]) if row else None
