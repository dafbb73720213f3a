"""What the server adds to a reviewer's time per record: one action and the next item, measured.

    .venv/bin/python benchmarks/make_ledger.py --records 100000 --db /tmp/etrack-100k.db
    .venv/bin/python benchmarks/review_actions.py --db /tmp/etrack-100k.db --n 60

Copies the ledger (reviews change it), adds a reviewer, serves the copy on a free 127.0.0.1 port
and, over one kept-alive connection, clears --n records as the /review page does: POST
/review/{id} (accept, or a correction of the count for every third record), then GET /review
(the next item). The reference, measured in the same run on the same server, is a GET of a
record page. Prints p50 and p95 of each step and the ratio of a whole action (POST + next page)
to a record page. The issue's budget is a simple record cleared in under 10 s of a person's time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

import load  # benchmarks/load.py: free port, server start and stop

from enforcement_tracker.store import connect, reviewers


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/etrack-100k.db"))
    parser.add_argument("--n", type=int, default=60, help="records to clear (default 60)")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no ledger (run benchmarks/make_ledger.py first)")
    work = Path(tempfile.mkdtemp(prefix="etrack-review-bench-"))
    db = work / "ledger.db"
    shutil.copy(args.db, db)
    conn = connect(db)  # migrates a ledger made before reviews
    token = reviewers.add(conn, "benchmark")
    conn.close()
    port = load.free_port()
    proc = load.start([sys.executable, "-c", f"from enforcement_tracker.publish import serve; serve({str(db)!r}, port={port})"],
                      port)
    post, queue, page = [], [], []
    try:
        auth = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120, headers=auth) as client:
            html = client.get("/review").text
            for i in range(args.n):
                found = re.search(r'data-record="(rec_[0-9a-f]+)"', html)
                if not found:
                    raise SystemExit("the queue is empty")
                rid = found.group(1)
                started = time.perf_counter()
                got = client.get(f"/records/{rid}")
                page.append(time.perf_counter() - started)
                assert got.status_code == 200, got.status_code
                count = re.search(r'name="set.count" value="([^"]*)"', html)
                data = {"action": "accept", "why": "benchmark"}
                if i % 3 == 2 and count and count.group(1):
                    data = {"action": "correct", "why": "benchmark", "set.count": "99999"}
                started = time.perf_counter()
                answer = client.post(f"/review/{rid}", data=data)
                post.append(time.perf_counter() - started)
                assert answer.status_code == 200, answer.text[:200]
                started = time.perf_counter()
                response = client.get("/review")
                queue.append(time.perf_counter() - started)
                html = response.text
    finally:
        load.stop(proc)
        shutil.rmtree(work, ignore_errors=True)
    action = [a + b for a, b in zip(post, queue)]
    print(f"ledger {args.db}; {args.n} records cleared through the web, one at a time")
    for name, values in (("POST /review/{id}", post), ("GET /review (next item)", queue),
                         ("action + next item", action), ("reference: GET /records/{id}", page)):
        print(f"  {name:30s} p50 {1000 * statistics.median(values):8.1f} ms   p95 {1000 * _p(values, 0.95):8.1f} ms")
    print(f"  ratio action+next / record page (p50): {statistics.median(action) / statistics.median(page):.2f}")


if __name__ == "__main__":
    main()
