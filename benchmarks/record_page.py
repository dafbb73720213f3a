"""Our record page next to Datasette's row page for the same records, one request at a time.

    .venv/bin/python benchmarks/make_ledger.py --records 100000 --db /tmp/etrack-100k.db
    .venv/bin/python benchmarks/record_page.py --db /tmp/etrack-100k.db

Each record is asked for once, so no page comes from our page cache: this is the cost of
building the page (its queries, the document's highlighting, the template), which issue 13 asks
to be at most the cost of Datasette's row page (/<db>/records/<id>) on the same file. Both
servers run on a free 127.0.0.1 port, one after the other, over one kept-alive connection.
Prints p50 and p95 of each and the ratio. Bounded: --n requests to each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import httpx

import load  # benchmarks/load.py: the ledger sample and the server start and stop


def measure(cmd: list[str], port: int, paths: list[str]) -> tuple[float, float]:
    proc = load.start(cmd, port)
    try:
        load.warm(port, paths[:5], rounds=1)
        times = []
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for path in paths[5:]:
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise SystemExit(f"{path} answered {response.status_code}")
    finally:
        load.stop(proc)
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/etrack-100k.db"))
    parser.add_argument("--n", type=int, default=300, help="records asked for, from each server (default 300)")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no ledger (run benchmarks/make_ledger.py first)")
    sample = load.sample_ledger(args.db, args.n * 2, random.Random(7))
    ids = [record_id for record_id, _ in sample.records][: args.n + 5]
    port = load.free_port()
    ours = measure([sys.executable, "-c", f"from enforcement_tracker.publish import serve; serve({str(args.db)!r}, port={port})"],
                   port, [f"/records/{i}" for i in ids])
    port = load.free_port()
    theirs = measure([sys.executable, "-m", "datasette", "serve", str(args.db), "--host", "127.0.0.1", "--port", str(port)],
                     port, [f"/{args.db.stem}/records/{i}" for i in ids])
    print(f"ledger {args.db}; {len(ids) - 5} records, each asked for once, one request at a time")
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8}")
    print(f"{'our record page /records/{id}':40} {ours[0] * 1000:8.1f} {ours[1] * 1000:8.1f}")
    print(f"{'Datasette row page /<db>/records/{id}':40} {theirs[0] * 1000:8.1f} {theirs[1] * 1000:8.1f}")
    print(f"ours / Datasette's: p50 {ours[0] / theirs[0]:.2f}, p95 {ours[1] / theirs[1]:.2f}")


if __name__ == "__main__":
    main()
