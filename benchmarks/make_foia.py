"""Write a synthetic FOIA arrests file in the Deportation Data Project's schema.

    .venv/bin/python benchmarks/make_foia.py /tmp/arrests.parquet --rows 5000000

Every row is invented (see enforcement_tracker.official.foia_sample); .parquet, .csv or .xlsx.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from enforcement_tracker.official.foia_sample import FoiaSample, write_foia_sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="output file (.parquet, .csv or .xlsx)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows to write")
    parser.add_argument("--start", default="2023-10-01", help="first apprehension date")
    parser.add_argument("--end", default="2025-10-15", help="last apprehension date")
    parser.add_argument("--seed", type=int, default=7, help="random seed")
    args = parser.parse_args()
    t0 = time.perf_counter()
    write_foia_sample(args.path, FoiaSample(rows=args.rows, start=args.start, end=args.end, seed=args.seed))
    size = args.path.stat().st_size / 1e6
    print(f"wrote {args.rows:,} rows to {args.path} ({size:,.1f} MB) in {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
