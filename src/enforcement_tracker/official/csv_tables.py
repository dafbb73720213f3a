"""Reading small official CSV files (a few hundred rows) into dicts with normalized headers."""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official.common import missing_columns_error, normalize_header


def read_csv(path: Path, kind: str, required: dict[str, tuple[str, ...]]) -> list[dict[str, str]]:
    """Rows keyed by our column names; `required` maps each to the headers it may appear as."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh, skipinitialspace=True)
            header = [normalize_header(h) for h in next(reader, [])]
            rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise OfficialDataError(f"not a readable CSV file ({exc})", source=str(path),
                                hint=f"pass the {kind} CSV as published") from exc
    where: dict[str, int] = {}
    for ours, aliases in required.items():
        idx = next((header.index(a) for a in aliases if a in header), None)
        if idx is not None:
            where[ours] = idx
    missing = [ours for ours in required if ours not in where and not ours.endswith("?")]
    if missing:
        raise missing_columns_error(path, kind, missing, header)
    return [{ours.rstrip("?"): (row[i].strip() if i < len(row) else "") for ours, i in where.items()}
            for row in rows if any(cell.strip() for cell in row)]


# Official counts are of people and days: never negative, never near a billion, always finite.
MAX_COUNT = 1e9


def number(value: str, path: Path, line: int, column: str, *, maximum: float = MAX_COUNT) -> float | None:
    """A count cell: empty for none; a negative, infinite or absurd value is refused, named by line and column."""
    if value in ("", "NA", "N/A", "null", "None"):
        return None
    shown = repr(value) if len(value) <= 40 else repr(value[:40]) + f"… ({len(value):,} characters)"
    try:
        n = float(value.replace(",", ""))
    except ValueError:
        raise OfficialDataError(f"line {line}: {column} is not a number: {shown}", source=str(path),
                                hint="the ledger is unchanged; fix the cell or leave it empty") from None
    if not math.isfinite(n) or not 0 <= n <= maximum:
        raise OfficialDataError(f"line {line}: {column} is {shown}, not a count between 0 and {maximum:,.0f}",
                                source=str(path), hint="the ledger is unchanged; fix the cell or leave it empty")
    return n


def iso_date(value: str, path: Path, line: int, column: str) -> str:
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise OfficialDataError(f"line {line}: {column} is not a date (YYYY-MM-DD): {value[:40]!r}", source=str(path),
                                hint="the ledger is unchanged; fix the date") from None
