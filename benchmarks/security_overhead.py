"""What defusing CSV costs: Datasette's streamed table CSV through the security wrapper, next to
the same rows straight from Datasette (the reference, measured in the same run).

    .venv/bin/python benchmarks/csv_defuse.py --records 50000

Builds a synthetic ledger (publish.synthetic), then asks one in-process Datasette for
/<db>/records.csv?_stream=on&_size=max twice per round: once through the app with our
wrappers (cells defused in csvsafe.CsvDefuser) and once through Datasette's own app without
them (the load layers stay in both). Prints MiB/s for each and the ratio, plus the defuser alone over the same bytes.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from enforcement_tracker.publish import make_datasette, security
from enforcement_tracker.publish.csvsafe import CsvDefuser
from enforcement_tracker.publish.synthetic import write_ledger


async def fetch(app, path: str) -> tuple[float, bytes]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8001") as client:
        start = time.perf_counter()
        response = await client.get(path, headers={"accept-encoding": "identity"})
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return elapsed, response.content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        n = write_ledger(db, args.records, seed=11)
        ds = make_datasette(db)
        asyncio.run(ds.invoke_startup())
        # The reference: the same app built with the security layer left out (its hook wraps
        # nothing), so both go through Datasette and the load layers alike.
        real = security.secure
        security.secure = lambda app, **_: app
        plain = ds.app()
        security.secure = real
        wrapped = ds.app()
        path = f"/{db.stem}/records.csv?_stream=on&_size=max"
        ours, theirs, size = [], [], 0
        for _ in range(args.rounds):
            t, body = asyncio.run(fetch(wrapped, path))
            ours.append(t)
            size = len(body)
            t, _ = asyncio.run(fetch(plain, path))
            theirs.append(t)
        mib = size / 2**20
        start = time.perf_counter()
        defuser = CsvDefuser()
        step = 64 * 1024
        for i in range(0, size, step):
            defuser.feed(body[i:i + step], final=i + step >= size)
        alone = time.perf_counter() - start
    o, d = statistics.median(ours), statistics.median(theirs)
    print(f"records: {n:,}; CSV: {mib:.1f} MiB; median of {args.rounds} rounds")
    print(f"datasette alone (reference): {mib / d:8.1f} MiB/s")
    print(f"through security wrapper:    {mib / o:8.1f} MiB/s   ratio to reference: {o / d:.2f}x the time")
    print(f"CsvDefuser alone:            {mib / alone:8.1f} MiB/s")


if __name__ == "__main__":
    main()
