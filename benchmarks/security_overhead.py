"""What the security layer costs: pages and Datasette's streamed CSV through it, next to the same
app built without it (the reference, measured in the same run).

    .venv/bin/python benchmarks/security_overhead.py --records 20000

Builds a synthetic ledger (publish.synthetic) and two in-process apps over one Datasette: with
our wrappers, and with the security layer left out (the load layers stay in both). Prints, per
page, the median time of a request with the layer and the ratio to the reference; for
/<db>/records.csv?_stream=on&_size=max (every cell checked, formula cells defused by
csvsafe.CsvDefuser) MiB/s with and without, and the defuser alone over the same bytes.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from enforcement_tracker.publish import make_datasette, security
from enforcement_tracker.publish.csvsafe import CsvDefuser
from enforcement_tracker.publish.synthetic import write_ledger


async def timed(app, paths: list[str], repeat: int) -> tuple[list[float], bytes]:
    """Median seconds per path over `repeat` requests (one client, one at a time); the last body."""
    transport = httpx.ASGITransport(app=app)
    medians, body = [], b""
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8001") as client:
        for path in paths:
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                response = await client.get(path, headers={"accept-encoding": "identity"})
                times.append(time.perf_counter() - start)
                assert response.status_code == 200, (path, response.status_code)
                body = response.content
            medians.append(statistics.median(times))
    return medians, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=200, help="requests per page")
    parser.add_argument("--rounds", type=int, default=3, help="full CSV downloads per app")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        n = write_ledger(db, args.records, seed=11)
        record = sqlite3.connect(db).execute("SELECT id FROM records LIMIT 1 OFFSET 7").fetchone()[0]
        ds = make_datasette(db)
        asyncio.run(ds.invoke_startup())
        real = security.secure
        security.secure = lambda app, **_: app  # the plugin's hook then wraps nothing
        plain = ds.app()
        security.secure = real
        wrapped = ds.app()
        pages = [f"/records/{record}", "/api/records.json?_size=20&kind=arrest_count", "/feeds/records.atom",
                 f"/{db.stem}/records?_size=20&_sort=kind", "/"]
        ours, _ = asyncio.run(timed(wrapped, pages, args.repeat))
        theirs, _ = asyncio.run(timed(plain, pages, args.repeat))
        csv_path = f"/{db.stem}/records.csv?_stream=on&_size=max"
        csv_ours, csv_theirs = [], []
        for _ in range(args.rounds):
            (t,), body = asyncio.run(timed(wrapped, [csv_path], 1))
            csv_ours.append(t)
            (t,), _ = asyncio.run(timed(plain, [csv_path], 1))
            csv_theirs.append(t)
        start = time.perf_counter()
        defuser, step = CsvDefuser(), 64 * 1024
        for i in range(0, len(body), step):
            defuser.feed(body[i:i + step], final=i + step >= len(body))
        alone = time.perf_counter() - start
    print(f"ledger: {n:,} records; {args.repeat} requests per page, one at a time, in process")
    print(f"{'page':52} {'with layer':>11} {'without':>9} {'ratio':>6}")
    for path, o, t in zip(pages, ours, theirs):
        print(f"{path[:52]:52} {o * 1000:9.2f}ms {t * 1000:7.2f}ms {o / t:6.2f}")
    mib = len(body) / 2**20
    o, t = statistics.median(csv_ours), statistics.median(csv_theirs)
    print(f"streamed table CSV, {mib:.1f} MiB (median of {args.rounds}): with layer {mib / o:.1f} MiB/s,"
          f" without {mib / t:.1f} MiB/s, ratio {o / t:.2f}x the time; CsvDefuser alone {mib / alone:.1f} MiB/s")


if __name__ == "__main__":
    main()
