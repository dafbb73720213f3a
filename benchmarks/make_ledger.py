"""Generate a large synthetic ledger for the web benchmark.

    .venv/bin/python benchmarks/make_ledger.py --records 1000000 --db /tmp/etrack-1m.db

Records are made up (publish/synthetic.py): documents of ten records each in the contract's
shapes, spread over 180 days and 30 cities, plus made-up official series, events and checks.
Above 5,000 records the rows are bulk-inserted with executemany in one transaction
(synchronous=OFF while building), using the same `record_columns` as save_extraction, so the
rows match what an ingest writes; only the per-document transaction is skipped.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from enforcement_tracker.publish.synthetic import write_ledger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="how many records (default 1,000,000)")
    parser.add_argument("--db", type=Path, default=Path("/tmp/etrack-1m.db"), help="where to write the ledger")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for suffix in ("", "-wal", "-shm"):
        Path(str(args.db) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    n = write_ledger(args.db, args.records, seed=args.seed)
    took = time.perf_counter() - started
    size = args.db.stat().st_size / 2**20
    print(f"{n:,} records in {took:.0f} s ({n / took:,.0f} records/s), {args.db} {size:,.0f} MiB")


if __name__ == "__main__":
    main()
