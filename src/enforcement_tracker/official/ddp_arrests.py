"""`etrack import ddp-arrests FILE`: FOIA arrest records reduced to daily counts.

The Deportation Data Project's "ERO Admin Arrests" files (Parquet, CSV, or the raw Excel
release with its header on row 7) hold one row per arrest record. DuckDB drops the
duplicate_likely rows and counts by day, area of responsibility, state and criminality, streaming
over the file so memory stays bounded for millions of rows; only the counts reach Python.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official.aor import canonical_area, state_code
from enforcement_tracker.official.workbook_safety import check_workbook, workbook_errors
from enforcement_tracker.official.common import (
    ImportResult, Progress, already_imported, criminality_slug, file_sha256, import_transaction, log_import,
    missing_columns_error, normalize_header, require_file)

KIND = "ddp-arrests"
REQUIRED = {"date": ("apprehension_date",), "aor": ("apprehension_aor",),
            "criminality": ("apprehension_criminality",)}
OPTIONAL = {"state": ("apprehension_state_filled_in", "apprehension_state"),
            "duplicate": ("duplicate_likely",), "uid": ("unique_identifier",)}
MEMORY_LIMIT = "1GB"


def _connect_duckdb(tmp: str) -> Any:
    import duckdb

    db = duckdb.connect(":memory:")
    db.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    db.execute(f"SET temp_directory = '{tmp}'")
    db.execute("SET preserve_insertion_order = false")
    db.execute("SET enable_progress_bar = false")
    return db


def _source(path: Path, tmp: str, progress: Progress | None) -> str:
    """A DuckDB relation over the file, by format; Excel is streamed to Parquet first."""
    suffix = path.suffix.lower()
    quoted = str(path).replace("'", "''")
    if suffix == ".parquet":
        return f"read_parquet('{quoted}')"
    if suffix == ".csv":
        return f"read_csv('{quoted}', header = true, all_varchar = true)"
    return f"read_parquet('{_excel_to_parquet(path, tmp, progress)}')"


def _excel_to_parquet(path: Path, tmp: str, progress: Progress | None, batch: int = 100_000) -> str:
    import openpyxl
    import pyarrow as pa
    import pyarrow.parquet as pq

    hint = "pass the arrests file as Parquet, CSV or the Excel release"
    check_workbook(path, hint)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise OfficialDataError(f"not a readable .xlsx workbook ({exc.__class__.__name__})", source=str(path),
                                hint=hint) from exc
    out = str(Path(tmp) / "arrests.parquet")
    writer, header, rows, done = None, None, [], 0
    try:
        with workbook_errors(path, hint):
            for row in wb.worksheets[0].iter_rows(values_only=True):
                if header is None:
                    names = [normalize_header(v) for v in row]
                    if "apprehension_date" in names:   # the raw release's header is on row 7
                        header = [n or f"column_{i}" for i, n in enumerate(names)]
                    continue
                rows.append(["" if v is None else str(v) for v in row[:len(header)]])
                if len(rows) >= batch:
                    writer = _write_rows(writer, out, header, rows, pa, pq)
                    done += len(rows)
                    rows = []
                    if progress:
                        progress(done, None, "reading Excel rows")
            if header is None:
                raise missing_columns_error(path, KIND, ["apprehension_date"], [])
            writer = _write_rows(writer, out, header, rows, pa, pq)
    finally:
        wb.close()
        if writer is not None:
            writer.close()
    return out


def _write_rows(writer: Any, out: str, header: list[str], rows: list[list[str]], pa: Any, pq: Any) -> Any:
    columns = list(zip(*rows)) if rows else [[] for _ in header]
    table = pa.table({h: pa.array(list(col), type=pa.string()) for h, col in zip(header, columns)})
    if writer is None:
        writer = pq.ParquetWriter(out, table.schema)
    writer.write_table(table)
    return writer


def _columns(db: Any, source: str, path: Path) -> tuple[dict[str, str], dict[str, str]]:
    import duckdb

    try:
        described = db.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as exc:
        raise OfficialDataError(f"cannot read the file ({str(exc).splitlines()[0]})", source=str(path),
                                hint="the ledger is unchanged; the file may be truncated: download it again") from exc
    actual = {normalize_header(name): name for name, *_ in described}
    types = {name: str(kind).upper() for name, kind, *_ in described}
    found: dict[str, str] = {}
    for ours, aliases in {**REQUIRED, **OPTIONAL}.items():
        hit = next((actual[a] for a in aliases if a in actual), None)
        if hit:
            found[ours] = hit
    missing = [aliases[0] for ours, aliases in REQUIRED.items() if ours not in found]
    if missing:
        raise missing_columns_error(path, KIND, missing, list(actual))
    return found, {ours: types[name] for ours, name in found.items()}


def _count_sql(source: str, col: dict[str, str], types: dict[str, str]) -> str:
    q = {k: '"' + v.replace('"', '""') + '"' for k, v in col.items()}
    text_date = f"CAST({q['date']} AS VARCHAR)"
    # Typed columns (Parquet) are used as they are; text (CSV, Excel) is parsed in any of ICE's forms.
    when = (f"COALESCE(TRY_CAST({text_date} AS TIMESTAMP), TRY_CAST(TRY_CAST({text_date} AS DATE) AS TIMESTAMP),"
            f" TRY_STRPTIME({text_date}, '%m/%d/%Y'), TRY_STRPTIME({text_date}, '%m/%d/%Y %H:%M:%S'))")
    if types["date"].startswith(("TIMESTAMP", "DATE")):
        when = f"CAST({q['date']} AS TIMESTAMP)"
    state = f"CAST({q['state']} AS VARCHAR)" if "state" in q else "NULL"
    if "duplicate" in q:
        dup = (f"COALESCE({q['duplicate']}, false)" if types["duplicate"] == "BOOLEAN" else
               f"lower(trim(CAST({q['duplicate']} AS VARCHAR))) IN ('true', '1', 'yes', 'y', 't')")
        base = f"SELECT {when} AS ts, {q['aor']} AS aor, {state} AS state, {q['criminality']} AS crim, {dup} AS dup FROM {source}"
    elif "uid" in q:
        # No flag in the file: another arrest of the same identifier within 24 hours is a duplicate.
        base = (f"SELECT ts, aor, state, crim, COALESCE(ts - LAG(ts) OVER (PARTITION BY uid ORDER BY ts)"
                f" <= INTERVAL 24 HOURS, false) AS dup FROM (SELECT {when} AS ts, {q['aor']} AS aor, {state} AS state,"
                f" {q['criminality']} AS crim, {q['uid']} AS uid FROM {source})")
    else:
        base = f"SELECT {when} AS ts, {q['aor']} AS aor, {state} AS state, {q['criminality']} AS crim, false AS dup FROM {source}"
    # Group on the DATE; text is made once per group, not once per row.
    grouped = (f"SELECT CAST(ts AS DATE) AS day, aor, state, crim, COUNT(*) FILTER (WHERE NOT dup) AS n,"
               f" COUNT(*) FILTER (WHERE dup) AS dups FROM ({base}) GROUP BY ALL")
    return f"SELECT day::VARCHAR, CAST(aor AS VARCHAR), state, CAST(crim AS VARCHAR), n, dups FROM ({grouped})"


def count_arrests(path: Path, progress: Progress | None = None) -> tuple[dict[tuple[str, str, str, str], int], dict[str, int]]:
    """Daily counts keyed (date, aor, state, criminality), and what was dropped or unreadable."""
    import duckdb

    with tempfile.TemporaryDirectory(prefix="etrack-foia-") as tmp:
        db = _connect_duckdb(tmp)
        try:
            source = _source(path, tmp, progress)
            col, types = _columns(db, source, path)
            if progress:
                progress(0, None, "counting arrests by day, area, state, criminality")
            groups = db.execute(_count_sql(source, col, types)).fetchall()
        except duckdb.Error as exc:
            raise OfficialDataError(f"cannot read the file ({str(exc).splitlines()[0]})", source=str(path),
                                    hint="the ledger is unchanged; the file may be truncated: download it again") from exc
        finally:
            db.close()
    counts: dict[tuple[str, str, str, str], int] = {}
    stats = {"rows": 0, "duplicates_dropped": 0, "undated": 0}
    for day, aor, state, crim, n, dups in groups:
        stats["rows"] += n + dups
        stats["duplicates_dropped"] += dups
        if day is None:
            stats["undated"] += n
            continue
        key = (day, canonical_area(aor) or "", state_code(state) or "", criminality_slug(crim) or "unknown")
        counts[key] = counts.get(key, 0) + n
    return counts, stats


def import_ddp_arrests(conn: sqlite3.Connection, path: Path, progress: Progress | None = None) -> ImportResult:
    path = Path(path)
    require_file(path, "FOIA arrests", (".parquet", ".csv", ".xlsx"))
    sha = file_sha256(path)
    if already_imported(conn, KIND, sha):
        return ImportResult(KIND, path.name, "unchanged")
    counts, stats = count_arrests(path, progress)
    if not counts:
        raise OfficialDataError("no dated arrest rows in the file", source=str(path),
                                hint="the ledger is unchanged; check apprehension_date")
    days = sorted({k[0] for k in counts})
    result = ImportResult(KIND, path.name, "imported", rows=len(counts))
    result.notes.append(f"{stats['rows']:,} arrest rows, {stats['duplicates_dropped']:,} duplicate_likely dropped,"
                        f" {days[0]} to {days[-1]}")
    if stats["undated"]:
        result.notes.append(f"{stats['undated']:,} rows without a readable date left out")
    with import_transaction(conn, path):
        import_id = log_import(conn, KIND, path, sha, len(counts))
        # A release covers its days completely: it replaces what an earlier release said about them.
        conn.execute("DELETE FROM foia_arrests_daily WHERE date BETWEEN ? AND ?", (days[0], days[-1]))
        conn.executemany("INSERT INTO foia_arrests_daily (date, aor, state, criminality, arrests, import_id)"
                         " VALUES (?,?,?,?,?,?)", [k + (n, import_id) for k, n in sorted(counts.items())])
    result.tables["foia_arrests_daily"] = len(counts)
    return result
