"""Official-data import speed.

    .venv/bin/python benchmarks/import_speed.py [--rows 5000000] [--workbook PATH ...]

1. The detentionStats workbook import (find tables, tidy, write to SQLite) next to pandas reading
   every sheet of the same file (pd.read_excel(sheet_name=None)), measured in the same run: ratio.
   pandas is only the reference here; it is not a dependency of the tracker (skipped if absent).
2. A generated FOIA arrests file (default 5 million rows, Parquet and CSV) imported into a fresh
   ledger: wall time, rows per second, and peak memory of the importing process (a child process
   each, so the generator's memory is not counted).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "official"
WORKBOOKS = ["ice-detention-stats-FY25-2025-09-25.xlsx", "ice-detention-stats-FY26-2026-04-09.xlsx"]

CHILD = """
import json, resource, sys, time
from pathlib import Path
from enforcement_tracker.official import import_official
from enforcement_tracker.store.db import connect
kind, path, db = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
t0 = time.perf_counter()
result = import_official(connect(db), kind, path)
seconds = time.perf_counter() - t0
# VmHWM is this process's own peak; ru_maxrss would carry the forking parent's peak across exec.
status = Path("/proc/self/status")
hwm = [l for l in status.read_text().splitlines() if l.startswith("VmHWM")] if status.exists() else []
peak = int(hwm[0].split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": result.rows, "notes": result.notes}))
"""


def child_import(kind: str, path: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(path), str(db)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_workbooks(paths: list[Path], tmp: Path) -> None:
    try:
        import pandas as pd
    except ImportError:
        pd = None
    from enforcement_tracker.official import import_official
    from enforcement_tracker.store.db import connect

    print("== detentionStats workbook: etrack import vs pandas reading every sheet (best of 3)")
    for path in paths:
        counter = iter(range(100))
        ours = best_of(lambda: import_official(connect(tmp / f"wb{next(counter)}.db"), "ice-detention-stats", path))
        line = f"{path.name}: etrack import {ours:.2f}s"
        if pd is not None:
            ref = best_of(lambda: pd.read_excel(path, sheet_name=None))
            line += f" | pandas read_excel(all sheets) {ref:.2f}s | ratio etrack/pandas {ours / ref:.2f}"
        else:
            line += " | pandas not installed: no reference"
        print(line)


def bench_foia(rows: int, tmp: Path) -> None:
    from enforcement_tracker.official.foia_sample import FoiaSample, write_foia_sample

    print(f"== FOIA arrests, {rows:,} generated rows, imported in a child process")
    spec = FoiaSample(rows=rows, start="2023-10-01", end="2025-10-15")
    for suffix in (".parquet", ".csv"):
        path = tmp / f"arrests{suffix}"
        t0 = time.perf_counter()
        write_foia_sample(path, spec)
        made = time.perf_counter() - t0
        r = child_import("ddp-arrests", path, tmp / f"foia{suffix}.db")
        print(f"{suffix[1:]}: {path.stat().st_size / 1e6:,.0f} MB (generated in {made:.1f}s) -> import {r['seconds']:.1f}s,"
              f" {rows / r['seconds']:,.0f} rows/s, peak memory {r['peak_mb']:,.0f} MB, {r['rows']:,} daily count rows")
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000, help="FOIA rows to generate")
    parser.add_argument("--workbook", type=Path, action="append", help="workbook(s) to time (default: shared/)")
    parser.add_argument("--no-workbooks", action="store_true", help="time the FOIA import only")
    args = parser.parse_args()
    workbooks = args.workbook or [SHARED / n for n in WORKBOOKS if (SHARED / n).exists()]
    with tempfile.TemporaryDirectory(prefix="etrack-bench-") as tmp:
        if args.no_workbooks:
            pass
        elif workbooks:
            bench_workbooks(workbooks, Path(tmp))
        else:
            print("no detentionStats workbook found: pass --workbook")
        bench_foia(args.rows, Path(tmp))
    print(f"(benchmark process peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB)")


if __name__ == "__main__":
    main()
