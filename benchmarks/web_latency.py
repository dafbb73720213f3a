"""Latency of the web ledger next to Datasette's own table page on the same rows.

    .venv/bin/python benchmarks/make_ledger.py --records 1000000 --db /tmp/etrack-1m.db
    .venv/bin/python benchmarks/web_latency.py --db /tmp/etrack-1m.db

Starts `enforcement_tracker.publish.serve` in a subprocess on a free loopback port, sends
requests one at a time over a kept-alive connection, and prints p50 / p95 per page with the
ratio to Datasette's plain table page on the same rows (/<db>/records?_nofacet=1: the first
page of the records table, with its row count, without facets).
The dashboard's aggregates are cached per state of the file, so it is measured twice: the
first request after a change (cold, computed) and the ones after (warm). Bounded: a fixed
number of requests to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def get(self, path: str) -> tuple[float, int, int]:
        """(seconds to the last byte, status, bytes)."""
        started = time.perf_counter()
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        size = 0
        while chunk := response.read(1 << 16):
            size += len(chunk)
        return time.perf_counter() - started, response.status, size


def start_server(db: Path, port: int) -> subprocess.Popen:
    code = f"from enforcement_tracker.publish import serve; serve({str(db)!r}, port={port})"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(proc.stderr.read().decode() if proc.stderr else "server died")
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start")


def measure(client: Client, paths: list[str], n: int) -> dict[str, float]:
    times = []
    for i in range(n):
        took, status, _ = client.get(paths[i % len(paths)])
        if status != 200:
            raise SystemExit(f"{paths[i % len(paths)]} answered {status}")
        times.append(took)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[min(len(times) - 1, int(0.95 * len(times)))], "n": n}


def main() -> None:
    parser = argparse.ArgumentParser(description="web ledger latency vs Datasette's table page")
    parser.add_argument("--db", type=Path, default=Path("/tmp/etrack-1m.db"))
    parser.add_argument("--n", type=int, default=40, help="requests per page (default 40)")
    parser.add_argument("--full-export", action="store_true", help="also download every row as CSV, ours and Datasette's")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no ledger (run benchmarks/make_ledger.py first)")
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    n_records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    rng = random.Random(0)
    max_rowid = conn.execute("SELECT max(rowid) FROM records").fetchone()[0]
    ids = [conn.execute("SELECT id FROM records WHERE rowid >= ? LIMIT 1", (rng.randint(1, max_rowid),)).fetchone()[0]
           for _ in range(args.n)]
    conn.close()
    name = args.db.stem
    port = free_port()
    proc = start_server(args.db, port)
    try:
        client = Client(port)
        cold, _, _ = client.get("/")  # computes and caches the dashboard's aggregates
        rows: list[tuple[str, dict[str, float]]] = [("dashboard, cold (first request)", {"p50": cold, "p95": cold, "n": 1})]
        pages = {
            "Datasette plain table page (reference)": [f"/{name}/records?_nofacet=1"],
            "Datasette table page with the metadata's facets": [f"/{name}/records"],
            "dashboard /, warm": ["/"],
            "record page /records/{id}": [f"/records/{i}" for i in ids],
            "JSON API, first page (100)": ["/api/records.json"],
            "JSON API, filtered (kind/state/agency/since)": [
                "/api/records.json?kind=operation&state=CO", "/api/records.json?agency=CBP&since=2025-05-01",
                "/api/records.json?kind=arrest_count&place=Aurora", "/api/records.json?publisher=Metro%20Wire"],
            "JSON API, until=2025-01-15 (reads back to that date)": ["/api/records.json?until=2025-01-15"],
            "CSV export, one city's operations (streamed)": ["/export/records.csv?kind=operation&place=Aurora"],
            "Atom feed, kind=target": ["/feeds/records.atom?kind=target"],
        }
        for label, paths in pages.items():
            client.get(paths[0])  # warm the page cache once
            rows.append((label, measure(client, paths, args.n)))
        reference = rows[1][1]["p50"]
        print(f"ledger: {args.db} ({n_records:,} records); {args.n} requests per page, one at a time")
        print(f"{'page':52} {'p50 ms':>9} {'p95 ms':>9} {'p50 / table page':>17}")
        for label, r in rows:
            print(f"{label:52} {r['p50'] * 1000:9.1f} {r['p95'] * 1000:9.1f} {r['p50'] / reference:17.2f}")
        if args.full_export:
            for label, path in (("CSV export, every row (ours)", "/export/records.csv"),
                                ("CSV, every row (Datasette _stream=on)", f"/{name}/records.csv?_stream=on&_size=max")):
                took, status, size = client.get(path)
                print(f"{label:52} {took:9.1f} s  {size / 2**20:,.0f} MiB  {size / 2**20 / took:,.1f} MiB/s  ({status})")
            print("(Datasette's CSV stops at its max_csv_mb setting, 100 MiB by default: compare MiB/s, not time.)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
