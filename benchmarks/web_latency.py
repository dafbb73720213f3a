"""Latency of the web ledger next to Datasette's own table page on the same rows, filters and all.

    .venv/bin/python benchmarks/make_ledger.py --records 1000000 --db /tmp/etrack-1m.db
    .venv/bin/python benchmarks/web_latency.py --db /tmp/etrack-1m.db

Starts `enforcement_tracker.publish.serve` in a subprocess on a free loopback port and sends
requests one at a time over a kept-alive connection. Printed, each with its ratio to
Datasette's plain table page (/<db>/records?_nofacet=1, the first page of the records table
with its row count, measured in the same run):

- the first page after a restart (process start to the dashboard's last byte, and the
  dashboard's first request once the port answers);
- every page and API call under filter combinations (place "City, ST", state, kind, dates,
  status, words, agency, publisher): each combination asked once while nothing has cached it
  ("uncached": the query runs), then again ("warm": the server keeps rendered pages per state);
- the records list sorted by place and by kind, unfiltered (pages 1 to n) and under some of the
  same filters, each asked once;
- selections no summary answers, each asked once: a word alone, a word with a kind, a review
  state, a word sorted by kind or place with no kind chosen (and its pages 30 and deeper);
- a kind with an early `until` sorted by place (the sort's index meets those records last);
- words with dates (since, until, both), on the dashboard and the records list, each asked once;
- the CSV of the city with the most records and of the one with the fewest (and of one week of
  it, a different week each time): time to its first byte (the header), to its first row, and to
  its last byte.

The verdict lines compare p95 with 1.2 times the table page's p95 and with 100 ms. Bounded: a
fixed number of requests to 127.0.0.1 only.
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
from urllib.parse import quote


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def get(self, path: str) -> tuple[float, float, int, int]:
        """(seconds to the first body byte, seconds to the last, status, bytes)."""
        first_at, _, last_at, status, size = self.get_lines(path)
        return first_at, last_at, status, size

    def get_lines(self, path: str) -> tuple[float, float, float, int, int]:
        """(seconds to the first body byte, to the end of the first two lines (a CSV's header and its
        first row), to the last byte, status, bytes)."""
        started = time.perf_counter()
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        first = response.read(1)
        first_at = time.perf_counter() - started
        size, newlines, row_at = len(first), first.count(b"\n"), None
        while chunk := response.read1(1 << 16):
            size += len(chunk)
            newlines += chunk.count(b"\n")
            if row_at is None and newlines >= 2:
                row_at = time.perf_counter() - started
        last_at = time.perf_counter() - started
        return first_at, row_at if row_at is not None else last_at, last_at, response.status, size


def start_server(db: Path, port: int) -> tuple[subprocess.Popen, float]:
    """The server, and when it was started (perf_counter)."""
    code = f"from enforcement_tracker.publish import serve; serve({str(db)!r}, port={port})"
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, started
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(proc.stderr.read().decode() if proc.stderr else "server died")
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("server did not start")


def stats(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"p50": statistics.median(times), "p95": times[min(len(times) - 1, int(0.95 * len(times)))],
            "n": len(times)}


def timed(client: Client, paths: list[str]) -> list[float]:
    out = []
    for path in paths:
        _, took, status, _ = client.get(path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        out.append(took)
    return out


def combinations(conn: sqlite3.Connection, n: int, rng: random.Random) -> dict[str, list[str]]:
    """Query strings of each filter shape, n distinct ones each, from what the ledger holds."""
    places = conn.execute("SELECT name, state FROM record_places GROUP BY name, state").fetchall()
    publishers = [p for (p,) in conn.execute("SELECT DISTINCT publisher FROM documents LIMIT 50") if p]
    agencies = [a for (a,) in conn.execute("SELECT DISTINCT code FROM record_agencies LIMIT 20")]
    first, last = conn.execute("SELECT min(date_start), max(date_start) FROM records").fetchone()
    days = [r for (r,) in conn.execute("SELECT DISTINCT date_start FROM records WHERE date_start IS NOT NULL"
                                       " ORDER BY 1 LIMIT 400")]
    words = ["arrested", "operation", "officials", "target", "criminal", "agents", "surge", "week"]
    statuses = ["planned", "under way", "ended", "called off"]
    kinds = ["operation", "arrest_count", "criminality", "target"]

    def place() -> str:
        name, state = rng.choice(places)
        return quote(f"{name}, {state}")

    shapes = {
        "place": lambda: f"place={place()}",
        "state": lambda: f"state={rng.choice(places)[1]}",
        "kind + since": lambda: f"kind={rng.choice(kinds)}&since={rng.choice(days)}",
        "until": lambda: f"until={rng.choice(days[: max(1, len(days) // 4)])}",
        "since + until": lambda: (lambda a, b: f"since={min(a, b)}&until={max(a, b)}")(rng.choice(days), rng.choice(days)),
        "place + dates": lambda: f"place={place()}&since={rng.choice(days)}",
        "status": lambda: f"kind=operation&status={quote(rng.choice(statuses))}",
        "words (q)": lambda: f"q={rng.choice(words)}&kind={rng.choice(kinds)}",
        "agency": lambda: f"agency={rng.choice(agencies)}" if agencies else "kind=target",
        "publisher": lambda: f"publisher={quote(rng.choice(publishers))}" if publishers else "kind=quote",
    }
    out = {}
    for label, make in shapes.items():
        seen: list[str] = []
        for _ in range(n * 20):
            qs = make()
            if qs not in seen:
                seen.append(qs)
            if len(seen) == n:
                break
        out[label] = seen
    print(f"dates {first} to {last}; {len(places)} places, {len(publishers)} publishers, {len(agencies)} agencies")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="web ledger latency vs Datasette's table page")
    parser.add_argument("--db", type=Path, default=Path("/tmp/etrack-1m.db"))
    parser.add_argument("--n", type=int, default=20, help="distinct filter combinations per shape (default 20)")
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
    events = [e for (e,) in conn.execute("SELECT id FROM events ORDER BY random() LIMIT ?", (args.n,))]
    combos = combinations(conn, args.n, rng)
    city = conn.execute("SELECT name, state FROM record_places GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1").fetchone()
    small = conn.execute("SELECT name, state FROM record_places GROUP BY 1, 2 ORDER BY count(*) LIMIT 1").fetchone()
    days = [d for (d,) in conn.execute("SELECT DISTINCT date_start FROM records WHERE date_start IS NOT NULL"
                                       " ORDER BY 1 LIMIT 400")]
    early = [d for (d,) in conn.execute("SELECT DISTINCT date_start FROM records WHERE date_start IS NOT NULL"
                                        " ORDER BY 1 LIMIT 7")]
    early_until = [("target", early[min(4, len(early) - 1)])] + [
        (rng.choice(["target", "operation", "arrest_count", "criminality", "cadence"]), rng.choice(early))
        for _ in range(max(args.n, 1) - 1)] if early else []
    conn.close()
    name = args.db.stem
    port = free_port()
    proc, started = start_server(args.db, port)
    try:
        client = Client(port)
        _, first_dash, _, _ = client.get("/")
        restart = time.perf_counter() - started
        reference = stats(timed(client, [f"/{name}/records?_nofacet=1"] * max(args.n, 20)))
        rows: list[tuple[str, dict[str, float]]] = [("Datasette plain table page (reference)", reference)]
        print(f"ledger: {args.db} ({n_records:,} records); one request at a time")
        print(f"first page after a restart: {restart * 1000:,.0f} ms from process start"
              f" ({first_dash * 1000:,.0f} ms for / once the port answered)")
        rows.append(("dashboard /, warm", stats(timed(client, ["/"] * args.n))))
        rows.append(("record page /records/{id}", stats(timed(client, [f"/records/{i}" for i in ids]))))
        if events:
            rows.append(("event page /events/{id}", stats(timed(client, [f"/events/{e}" for e in events]))))
        for page in ("/", "/records", "/api/records.json", "/events", "/api/events.json", "/feeds/records.atom"):
            everything: list[float] = []
            warm: list[float] = []
            for shape, qss in combos.items():
                paths = [f"{page}?{qs}" for qs in qss]
                uncached = timed(client, paths)
                everything += uncached
                warm += timed(client, paths)
                rows.append((f"{page} {shape}, uncached", stats(uncached)))
            rows.append((f"{page} every filter, uncached", stats(everything)))
            rows.append((f"{page} every filter, warm", stats(warm)))
        for sort in ("place", "kind"):  # the records list in another order (migration 012's indexes)
            for shape in ("no filter", "kind + since", "until", "since + until", "status", "agency", "state", "place",
                          "words (q)"):
                paths = ([f"/records?sort={sort}&_page={p}" for p in range(1, args.n + 1)] if shape == "no filter"
                         else [f"/records?sort={sort}&{qs}" for qs in combos[shape]])
                rows.append((f"/records sorted by {sort}, {shape}, uncached", stats(timed(client, paths))))
        # Selections no summary answers, asked once each: a word alone (every kind counted), a review
        # state, and a word sorted with no kind chosen.
        words = ["agents", "arrested", "officials", "operation", "target", "criminal", "surge", "week"][:max(args.n, 1)]
        reviews = ["machine", "machine,reviewed", "verified", "reviewed,verified,rejected", "machine&kind=operation"]
        # Words with dates: the counts by kind test each match's dates (no summary holds words).
        spans = [sorted((rng.choice(days), rng.choice(days))) for _ in words]
        word_dates = [f"/?q={w}&since={a}&until={b}" for w, (a, b) in zip(words, spans)]
        word_until = [f"/?q={w}&until={rng.choice(days[: max(1, len(days) // 4)])}" for w in words]
        word_since = [f"/?q={w}&since={rng.choice(days[len(days) // 2:])}" for w in words]
        for label, paths in (("/ a word alone", [f"/?q={w}" for w in words]),
                             ("/ a word with kind=operation", [f"/?q={w}&kind=operation" for w in words]),
                             ("/ a review state", [f"/?review={r}" for r in reviews[:max(args.n, 1)]]),
                             ("/ a word with since + until", word_dates),
                             ("/ a word with until", word_until),
                             ("/ a word with since", word_since),
                             ("/records a word with since + until", [p.replace("/?", "/records?") for p in word_dates]),
                             ("/records sorted by kind, a word alone", [f"/records?sort=kind&q={w}" for w in words]),
                             ("/records sorted by place, a word alone", [f"/records?sort=place&q={w}" for w in words]),
                             # a kind with an early until: a walk of the place index meets its records last
                             ("/records sorted by place, a kind + early until",
                              [f"/records?sort=place&kind={k}&until={d}" for k, d in early_until]),
                             ("/records sorted by place, a word alone, page 30+",
                              [f"/records?sort=place&q={w}&_page={30 + 7 * i}" for i, w in enumerate(words)])):
            rows.append((f"{label}, uncached", stats(timed(client, paths))))
        # The CSV of the city with the most records and of the one with the fewest, each whole and of
        # its operations; and of one week of the smallest city (a small file).
        # A different week each time: a file under the page cache's entry limit is kept once served.
        weeks = [f"&since={d}&until={d2}" for d, d2 in zip(days[len(days) // 2::3], days[len(days) // 2 + 6::3])]
        for label, (cname, cstate), more in (("largest city", city, ["", "&kind=operation"]),
                                             ("smallest city", small, ["", "&kind=operation"]),
                                             ("smallest city, one week", small, weeks or [""])):
            csv_path = f"/export/records.csv?place={quote(f'{cname}, {cstate}')}"
            first_bytes, first_rows, totals, sizes = [], [], [], []
            for i in range(max(3, args.n // 4)):
                first, row, total, status, size = client.get_lines(csv_path + more[i % len(more)])
                if status != 200:
                    raise SystemExit(f"{csv_path} answered {status}")
                first_bytes.append(first)
                first_rows.append(row)
                totals.append(total)
                sizes.append(size)
            rows.append((f"CSV, {label} ({cname}, {cstate}): first byte", stats(first_bytes)))
            rows.append((f"CSV, {label}: first row", stats(first_rows)))
            rows.append((f"CSV, {label}: last byte ({max(sizes) / 2**20:,.1f} MiB at most)", stats(totals)))
        ref95 = reference["p95"]
        print(f"{'page':58} {'p50 ms':>8} {'p95 ms':>8} {'p95/ref':>8}  p95 <= 1.2 ref and < 100 ms")
        for label, r in rows:
            ok = "yes" if r["p95"] <= 1.2 * ref95 and r["p95"] < 0.1 else "NO"
            print(f"{label:58} {r['p50'] * 1000:8.1f} {r['p95'] * 1000:8.1f} {r['p95'] / ref95:8.2f}  {ok}")
        if args.full_export:
            for label, path in (("CSV export, every row (ours)", "/export/records.csv"),
                                ("CSV, every row (Datasette _stream=on)", f"/{name}/records.csv?_stream=on&_size=max")):
                _, took, status, size = client.get(path)
                print(f"{label:58} {took:8.1f} s  {size / 2**20:,.0f} MiB  {size / 2**20 / took:,.1f} MiB/s  ({status})")
            print("(Datasette's CSV stops at its max_csv_mb setting, 100 MiB by default: compare MiB/s, not time.)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
