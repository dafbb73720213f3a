"""Synthetic FOIA arrest files in the Deportation Data Project's schema, for tests and benchmarks.

The real "ERO Admin Arrests" files are hundreds of thousands of rows and are not shipped. This
writes files of any size with the same columns, value vocabularies and quirks (duplicate_likely
rows, missing states, the raw Excel release's header on row 7), generated in columnar batches
so that millions of rows take bounded memory. Every row is invented: no real person is in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)

from enforcement_tracker.official.aor import areas

CRIMINALITY = np.array(["1 Convicted Criminal", "2 Pending Criminal Charges", "3 Other Immigration Violator"])
METHODS = np.array(["CAP Local Incarceration", "Non-Custodial Arrest", "Located", "CAP Federal Incarceration",
                    "CAP State Incarceration", "Probation and Parole", "Traffic Check", "Worksite Enforcement"])
PROGRAMS = np.array(["ERO Criminal Alien Program", "Fugitive Operations", "Non-Detained Docket Control",
                     "Detained Docket Control", "ERO Alternatives to Detention"])
# Rough relative sizes of the areas' arrest counts (bigger border and metro areas arrest more).
_AREA_WEIGHT = {"Houston": 9, "Dallas": 8, "Atlanta": 8, "Miami": 7, "San Antonio": 7, "New Orleans": 6,
                "Chicago": 5, "Los Angeles": 5, "Phoenix": 5, "Harlingen": 4, "El Paso": 4, "New York City": 3,
                "Newark": 3, "Washington": 3, "Salt Lake City": 3, "Denver": 3, "St Paul": 3, "San Francisco": 3}
_AREA_LABEL = {"St Paul": "St. Paul"}


@dataclass(frozen=True)
class FoiaSample:
    """What to generate: how many rows over which days, and how the rows split."""

    rows: int = 10_000
    start: str = "2025-01-01"
    end: str = "2025-02-28"
    share_convicted: float = 0.49          # of non-duplicate rows
    share_pending: float = 0.21
    share_duplicate: float = 0.03
    share_state_missing: float = 0.02
    seed: int = 7


def _batch(spec: FoiaSample, n: int, rng: np.random.Generator, offset: int) -> pa.Table:
    names = [a.name for a in areas()]
    weights = np.array([_AREA_WEIGHT.get(n_, 1.5) for n_ in names], dtype=float)
    area_idx = rng.choice(len(names), size=n, p=weights / weights.sum())
    area_states = [list(a.whole_states) + list(a.counties) for a in areas()]
    width = max(len(s) for s in area_states)
    table = np.array([s + [s[0]] * (width - len(s)) for s in area_states], dtype=object)
    counts = np.array([len(s) for s in area_states])
    states = table[area_idx, rng.integers(0, 1 << 30, size=n) % counts[area_idx]]
    states[rng.random(n) < spec.share_state_missing] = None
    start, end = np.datetime64(spec.start), np.datetime64(spec.end)
    days = int((end - start).astype(int)) + 1
    day_weights = np.array([0.85 if (start + d).astype("datetime64[D]").astype(object).weekday() >= 5 else 1.05
                            for d in range(days)])
    day = rng.choice(days, size=n, p=day_weights / day_weights.sum())
    seconds = rng.integers(6 * 3600, 22 * 3600, size=n)
    stamps = start.astype("datetime64[s]") + day.astype("timedelta64[D]") + seconds.astype("timedelta64[s]")
    p = [spec.share_convicted, spec.share_pending, 1 - spec.share_convicted - spec.share_pending]
    crim = CRIMINALITY[rng.choice(3, size=n, p=p)]
    ids = pa.compute.utf8_lpad(pa.array((offset + np.arange(n)).astype(str)), width=9, padding="0")
    labels = np.array([_AREA_LABEL.get(name, name) + " Area of Responsibility" for name in names])
    area_label = labels[area_idx]
    return pa.table({
        "apprehension_date": pa.array(stamps, type=pa.timestamp("s")),
        "apprehension_aor": area_label,
        "apprehension_state_filled_in": pa.array(states, type=pa.string()),
        "apprehension_method": METHODS[rng.integers(0, len(METHODS), size=n)],
        "apprehension_criminality": crim,
        "final_program": PROGRAMS[rng.integers(0, len(PROGRAMS), size=n)],
        "apprehension_site_landmark": np.char.add("SITE ", rng.integers(1, 400, size=n).astype(str)),
        "operation": pa.array([None] * n, type=pa.string()),
        "case_status": np.where(rng.random(n) < 0.6, "ACTIVE", "8 Excluded/Removed - Inadmissibility"),
        "case_category": np.where(rng.random(n) < 0.5, "[8C] Excludable / Inadmissible", "[16] Reinstated Final Order"),
        "unique_identifier": ids,
        "duplicate_likely": rng.random(n) < spec.share_duplicate,
    })


def write_foia_sample(path: Path, spec: FoiaSample = FoiaSample(), batch_rows: int = 500_000) -> Path:
    """Write spec.rows rows to path (.parquet, .csv or .xlsx, by suffix), batch by batch."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    path = Path(path)
    rng = np.random.default_rng(spec.seed)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _write_excel(path, _batch(spec, spec.rows, rng, 0))
    writer = None
    try:
        done = 0
        while done < spec.rows:
            n = min(batch_rows, spec.rows - done)
            table = _batch(spec, n, rng, done)
            if writer is None:
                writer = (pq.ParquetWriter(str(path), table.schema) if suffix == ".parquet"
                          else pacsv.CSVWriter(str(path), table.schema))
            writer.write_table(table)
            done += n
    finally:
        if writer is not None:
            writer.close()
    return path


def _write_excel(path: Path, table: pa.Table) -> Path:
    """The raw release's look: six preamble rows, Title Case headers on row 7, redactions marked."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Admin Arrests")
    ws.append(["ICE Enforcement and Removal Operations - Administrative Arrests (synthetic sample)"])
    ws.append([f"Generated {date.today().isoformat()}; every row is invented"])
    for _ in range(4):
        ws.append([])
    names = [c.replace("_filled_in", "").replace("_", " ").title().replace("Aor", "AOR") for c in table.column_names]
    ws.append(names + ["Birth Date"])
    for row in table.to_pylist():
        ws.append(list(row.values()) + ["b(6), b(7)c"])
    wb.save(path)
    return path
