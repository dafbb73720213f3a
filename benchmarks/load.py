"""Open-loop load on the web ledger, with plain Datasette on the same file as the reference.

    .venv/bin/python benchmarks/make_ledger.py --records 100000 --db /tmp/etrack-100k.db
    .venv/bin/python benchmarks/load.py --db /tmp/etrack-100k.db --rate 500 --seconds 60

Starts the server `etrack serve` runs (with `--workers N` if asked) on a free 127.0.0.1 port
and sends requests at `--rate` per second for `--seconds`, on a fixed schedule (Poisson
arrivals, seeded) that does not wait for answers: a slow server gets the same traffic as a fast
one, and each latency is counted from the moment its request was due, so a backlog shows. The
first `--warmup` seconds (5 by default) are sent the same way but only summed up on one line:
a server just started has an empty page cache and cold file pages, and its first seconds
say how it starts, not how it holds a rate. Then
the same schedule against plain `datasette serve` on the file, each page mapped to Datasette's
cheapest equivalent (row pages; table JSON and CSV without counts, facets or suggestions).

The page mix: dashboard 15%, record page 35%, document page 20%, filtered JSON API 10%, CSV of
a place 10%, Atom feed 10%. Records are drawn from 20,000 sampled ones, by default Zipf-weighted
(`--ids hot`: the records a story links to take most of the traffic) or uniformly (`--ids
uniform`: nearly every record page is one no cache has seen). Requests are plain GETs that
accept gzip, without If-None-Match, over at most `--connections` kept-alive connections.

The client is asyncio with a small HTTP/1.1 reader of its own by default (`--client raw`):
httpx.AsyncClient (`--client httpx`) spends 1.2 to 2 ms of CPU a request, so on two cores it,
not the server, saturates first (it managed 90 requests/s against a trivial app).

Prints per server: answers per second, errors by status, timeouts, p50/p95/p99 of the answers
that succeeded, per-page p50/p95, resident memory of all its processes (and the anonymous,
heap part of it) at the start, peak and end, the server's CPU time per answer (a figure that
holds when other processes share the machine; latencies do not), and how far behind schedule
the client fell. `--floor` first runs a trivial ASGI app the same way: what the machine gives
any Python server at that moment. Bounded: a fixed number of requests, each with a deadline,
to loopback only; the servers are stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

FLOOR_APP = """
import sys, uvicorn
async def app(scope, receive, send):
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"x" * 5000})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""
# The records columns of our CSV (exports.CSV_COLUMNS less the document's, which need a join).
RECORD_COLUMNS = ("kind", "document_id", "date_start", "date_end", "places", "state", "agencies", "count_value",
                  "count_low", "count_high", "share", "qualifier", "status", "category", "per", "sources_text",
                  "quote", "span_start", "span_end")
MIX = (("dashboard", 0.15), ("record", 0.35), ("document", 0.20), ("api", 0.10), ("csv", 0.10), ("atom", 0.10))


@dataclass
class Sample:
    records: list[tuple[str, str]]  # (record id, document id)
    cities: list[str]
    states: list[str]


def sample_ledger(db: Path, n: int, rng: random.Random) -> Sample:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        high = conn.execute("SELECT max(rowid) FROM records").fetchone()[0]
        rowids = sorted({rng.randint(1, high) for _ in range(n)})
        records = []
        for i in range(0, len(rowids), 500):
            chunk = rowids[i:i + 500]
            records += conn.execute(f"SELECT id, document_id FROM records WHERE rowid IN ({','.join('?' * len(chunk))})",
                                    chunk).fetchall()
        cities = [c for (c,) in conn.execute("SELECT name FROM record_places GROUP BY name ORDER BY count(*) DESC LIMIT 30")]
        states = [s for (s,) in conn.execute("SELECT state FROM records WHERE state IS NOT NULL GROUP BY state"
                                             " ORDER BY count(*) DESC LIMIT 20")]
    finally:
        conn.close()
    rng.shuffle(records)
    return Sample(records, cities, states)


def pages(kind: str, pick: int, sample: Sample, rng: random.Random, db_name: str) -> tuple[str, str]:
    """(ours, Datasette's) address of one request of the mix."""
    record_id, document_id = sample.records[pick]
    city, state = quote(rng.choice(sample.cities)), quote(rng.choice(sample.states))
    record_id, document_id = quote(record_id), quote(document_id, safe=":")
    # Datasette's side uses its cheapest equivalents (no counts, facets or suggestions), so the
    # reference is Datasette at its best on this mix, not Datasette at its defaults.
    cheap = "_nocount=1&_nofacet=1&_nosuggest=1"
    # and the columns our API, CSV and feed give, not the record's whole JSON besides
    cheap_rows = cheap + "".join(f"&_col={c}" for c in RECORD_COLUMNS)
    if kind == "dashboard":
        return "/", f"/{db_name}/records?_size=12&{cheap}"
    if kind == "record":
        return f"/records/{record_id}", f"/{db_name}/records/{record_id}"
    if kind == "document":
        return f"/documents/{document_id}", f"/{db_name}/documents/{document_id}"
    if kind == "api":
        return (f"/api/records.json?kind=operation&state={state}",
                f"/{db_name}/records.json?kind=operation&state={state}&_size=100&{cheap_rows}")
    if kind == "csv":
        return (f"/export/records.csv?kind=operation&place={city}",
                f"/{db_name}/records.csv?kind=operation&places__contains={city}&_size=max&{cheap_rows}")
    return ("/feeds/records.atom?kind=target",
            f"/{db_name}/records.json?kind=target&_sort_desc=date_start&_size=50&{cheap_rows}")


def schedule(args, sample: Sample, db_name: str) -> list[tuple[float, str, str, str]]:
    """(seconds from start, page kind, our path, Datasette's path), Poisson arrivals at --rate.

    The first --warmup seconds of it are sent but not counted.
    """
    rng = random.Random(args.seed)
    kinds, weights = zip(*MIX)
    n = len(sample.records)
    zipf = list(itertools.accumulate(1 / (rank + 1) for rank in range(n)))
    out, at = [], 0.0
    for _ in range(int(args.rate * (args.warmup + args.seconds))):
        at += rng.expovariate(args.rate)
        kind = rng.choices(kinds, weights)[0]
        pick = rng.choices(range(n), cum_weights=zipf)[0] if args.ids == "hot" else rng.randrange(n)
        ours, theirs = pages(kind, pick, sample, rng, db_name)
        out.append((at, kind, ours, theirs))
    return out


# --- servers ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"{' '.join(cmd)} died: " + (proc.stderr.read().decode() if proc.stderr else ""))
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"{' '.join(cmd)} did not start")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of the server and all its processes so far."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def cpu_wait_seconds(pid: int) -> float:
    """Time the server's threads spent runnable but waiting for a CPU (schedstat's run-queue time)."""
    total = 0
    for p in process_tree(pid):
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/schedstat") as f:
                    total += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e9


def rss_mib(pid: int) -> tuple[float, float]:
    """Resident memory of the server's processes, all of it and the anonymous part, in MiB.

    The anonymous part is the heap (caches, backlogs); the rest is mostly the ledger file's
    pages mapped into memory (mmap_size), which the kernel can drop at will.
    """
    total = anon = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                fields = {line.split(":")[0]: int(line.split()[1]) for line in f if line.startswith(("VmRSS:", "RssAnon:"))}
            total += fields.get("VmRSS", 0)
            anon += fields.get("RssAnon", 0)
        except (OSError, ValueError, IndexError):
            continue
    return total / 1024, anon / 1024


# --- the run ----------------------------------------------------------------------------------

@dataclass
class Result:
    label: str
    sent: int = 0
    answered: list[tuple[str, int, float]] = field(default_factory=list)  # (kind, status, seconds)
    timeouts: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # connection errors by type
    elapsed: float = 0.0
    lag_max: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    server_cpu_wait: float = 0.0
    rss: list[tuple[float, float]] = field(default_factory=list)
    warmup: list[tuple[str, int, float]] = field(default_factory=list)  # answers due in the warm-up


class RawClient:
    """Keep-alive HTTP/1.1 GETs over asyncio streams: a tenth of httpx's CPU per request.

    Enough HTTP for this server (Content-Length or chunked bodies, Connection: close); it
    reads every body to its end but does not decompress it.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def get(self, path: str) -> int:
        reused = bool(self.idle)
        reader, writer = self.idle.pop() if reused else await asyncio.open_connection("127.0.0.1", self.port)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                         "Accept-Encoding: gzip\r\nUser-Agent: etrack-load\r\n\r\n".encode())
            status, keep = await self._response(reader)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            writer.close()
            # A kept-alive connection the server closed while idle: what every client retries, once.
            if reused and not getattr(exc, "partial", b""):
                return await self.get(path)
            raise
        except BaseException:
            writer.close()
            raise
        if keep:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return status

    @staticmethod
    async def _response(reader: asyncio.StreamReader) -> tuple[int, bool]:
        lines = (await reader.readuntil(b"\r\n\r\n")).split(b"\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        keep = headers.get(b"connection") != b"close"
        if b"content-length" in headers:
            await reader.readexactly(int(headers[b"content-length"]))
        elif headers.get(b"transfer-encoding") == b"chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)  # the chunk and its CRLF; the last one has no trailers
                if size == 0:
                    break
        elif status >= 200 and status not in (204, 304):
            await reader.read()  # a body to the end of the connection
            keep = False
        return status, keep

    async def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


class HttpxClient:
    """The same GETs through httpx (what a Python newsroom script would use)."""

    def __init__(self, port: int, connections: int) -> None:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        self.client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=None)

    async def get(self, path: str) -> int:
        return (await self.client.get(path)).status_code

    async def close(self) -> None:
        await self.client.aclose()


async def drive(port: int, plan: list[tuple[float, str, str]], args, pid: int, label: str) -> Result:
    result = Result(label)
    loop = asyncio.get_running_loop()
    running = True
    client = RawClient(port) if args.client == "raw" else HttpxClient(port, args.connections)

    async def watch_memory() -> None:
        while running:
            result.rss.append(rss_mib(pid))
            await asyncio.sleep(0.5)

    # Requests due while every connection is busy wait here, first come first served, and their
    # wait counts in their latency. (Left to httpx's pool, thousands of waiters cost it time
    # quadratic in their number, and the client, not the server, became what was measured.)
    free = asyncio.Semaphore(args.connections)

    async def one(due: float, kind: str, path: str, counted: bool) -> None:
        try:
            async with asyncio.timeout_at(due + args.timeout):
                async with free:
                    status = await client.get(path)
            (result.answered if counted else result.warmup).append((kind, status, loop.time() - due))
        except TimeoutError:
            if counted:
                result.timeouts += 1
            else:
                result.warmup.append((kind, 0, args.timeout))
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError, httpx.HTTPError) as exc:
            if counted:
                result.failures[type(exc).__name__] = result.failures.get(type(exc).__name__, 0) + 1
            else:
                result.warmup.append((kind, 0, loop.time() - due))

    t0 = loop.time()
    measured_from = t0 + args.warmup
    memory = None
    tasks = []
    for at, kind, path in plan:
        delay = t0 + at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        counted = t0 + at >= measured_from
        if counted and memory is None:  # the measured part starts: take the baselines
            memory = asyncio.create_task(watch_memory())
            cpu0, server0, wait0 = os.times(), cpu_seconds(pid), cpu_wait_seconds(pid)
        result.lag_max = max(result.lag_max, loop.time() - (t0 + at))
        tasks.append(asyncio.create_task(one(t0 + at, kind, path, counted)))
        result.sent += counted
    # Each request ends by its own deadline; this wait is only a backstop.
    _, late = await asyncio.wait(tasks, timeout=args.timeout + 5)
    for task in late:
        task.cancel()
        result.timeouts += 1
    result.elapsed = loop.time() - measured_from
    cpu1 = os.times()
    result.server_cpu = cpu_seconds(pid) - server0
    result.server_cpu_wait = cpu_wait_seconds(pid) - wait0
    result.client_cpu = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / result.elapsed
    running = False
    if memory is not None:
        await memory
    await client.close()
    return result


def warm(port: int, paths: list[str], rounds: int) -> None:
    """One request of each page kind, `rounds` times over fresh connections.

    With several workers the port is open before they have started, and each new connection
    goes to one of them: a few rounds reach every worker's start-up and first pages.
    """
    for _ in range(rounds):
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for path in paths:
                client.get(path, headers={"Connection": "close"})


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def report(r: Result) -> dict[str, float]:
    ok = [s for _, status, s in r.answered if status < 400]
    errors: dict[str, int] = {}
    for _, status, _ in r.answered:
        if status >= 400:
            errors[str(status)] = errors.get(str(status), 0) + 1
    for name, n in r.failures.items():
        errors[name] = errors.get(name, 0) + n
    n_errors = sum(errors.values())
    figures = {"rate": len(ok) / r.elapsed, "p50": pct(ok, 0.5), "p95": pct(ok, 0.95), "p99": pct(ok, 0.99),
               "errors": n_errors, "timeouts": r.timeouts,
               "cpu": r.server_cpu / len(r.answered) if r.answered else float("inf")}
    print(f"\n== {r.label}")
    if r.warmup:
        warm_ok = [s for _, status, s in r.warmup if 0 < status < 400]
        print(f"warm-up from a cold start, not counted: {len(r.warmup):,} due, {len(warm_ok):,} answered ok,"
              f" p50 {pct(warm_ok, 0.5) * 1000:.1f} ms, p95 {pct(warm_ok, 0.95) * 1000:.1f} ms")
    print(f"sent {r.sent:,} in {r.elapsed:.1f} s; answered ok {len(ok):,} ({figures['rate']:.0f}/s); "
          f"errors {n_errors:,} {errors or ''}; timeouts {r.timeouts:,}")
    print(f"latency of ok answers, from when each was due: p50 {figures['p50'] * 1000:.1f} ms, "
          f"p95 {figures['p95'] * 1000:.1f} ms, p99 {figures['p99'] * 1000:.1f} ms")
    for name, column in (("RSS", 0), ("anonymous RSS (heap)", 1)):
        mib = [sample[column] for sample in r.rss] or [float("nan")]
        quarters = ", ".join(f"{mib[min(len(mib) - 1, len(mib) * q // 4)]:.0f}" for q in (1, 2, 3))
        print(f"server {name}, all processes: start {mib[0]:.0f} MiB, at 1/4, 1/2, 3/4 of the run {quarters},"
              f" peak {max(mib):.0f} MiB, end {mib[-1]:.0f} MiB")
    waited = f"its threads (summed) waited {r.server_cpu_wait:.1f} s for a CPU, runnable but not running"
    if r.answered:
        per_answer = r.server_cpu / len(r.answered)
        print(f"server CPU: {r.server_cpu:.1f} s over the run, {per_answer * 1000:.2f} ms per answer"
              f" (so {os.cpu_count()} free cores would answer about {os.cpu_count() / per_answer:,.0f}/s); {waited}")
    else:
        print(f"server CPU: {r.server_cpu:.1f} s over the run, and no answer; {waited}")
    print(f"client: fell behind schedule by at most {r.lag_max * 1000:.0f} ms; used {r.client_cpu:.0%} of a core")
    print(f"  {'page':10} {'n':>7} {'p50 ms':>9} {'p95 ms':>9} {'errors':>7}")
    for kind, _ in MIX:
        times = [s for k, status, s in r.answered if k == kind and status < 400]
        bad = sum(1 for k, status, _ in r.answered if k == kind and status >= 400)
        print(f"  {kind:10} {len(times):7,} {pct(times, 0.5) * 1000:9.1f} {pct(times, 0.95) * 1000:9.1f} {bad:7,}")
    return figures


def run_one(label: str, cmd: list[str], port: int, plan, warm_paths, args, workers: int = 1) -> dict[str, float]:
    proc = start(cmd, port)
    try:
        warm(port, warm_paths, rounds=1 if workers == 1 else 3 * workers)
        result = asyncio.run(drive(port, plan, args, proc.pid, label))
    finally:
        stop(proc)
    return report(result)


def main() -> None:
    parser = argparse.ArgumentParser(description="open-loop load on the web ledger vs plain Datasette")
    parser.add_argument("--db", type=Path, default=Path("/tmp/etrack-100k.db"))
    parser.add_argument("--records", type=int, default=100_000, help="records of the ledger built when --db is missing")
    parser.add_argument("--rate", type=float, default=500, help="requests per second (default 500)")
    parser.add_argument("--seconds", type=float, default=15, help="how long to send and count (default 15)")
    parser.add_argument("--warmup", type=float, default=5,
                        help="seconds at the same rate sent first and not counted, from a cold start (default 5)")
    parser.add_argument("--workers", type=int, default=1, help="etrack serve --workers (default 1)")
    parser.add_argument("--connections", type=int, default=100, help="client connections at most (default 100)")
    parser.add_argument("--timeout", type=float, default=5, help="seconds before a request counts as timed out")
    parser.add_argument("--ids", choices=("hot", "uniform"), default="hot", help="how record pages are picked")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="raw: keep-alive HTTP/1.1 over asyncio streams (default; ~0.2 ms of client CPU a"
                             " request); httpx: httpx.AsyncClient (~1.2-2 ms a request, so the client saturates"
                             " first on 2 cores)")
    parser.add_argument("--serving", action="append", default=[], metavar="NAME=VALUE",
                        help="a serving setting for our server (publish/serving.py), e.g. max_in_flight=8")
    parser.add_argument("--no-reference", action="store_true", help="skip plain Datasette")
    parser.add_argument("--floor", action="store_true",
                        help="first, the same schedule against a trivial ASGI app on uvicorn (5 KB answers):"
                             " what this machine gives any Python server at the moment")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not args.db.exists():
        from enforcement_tracker.publish.synthetic import write_ledger

        print(f"building {args.db} with {args.records:,} records ...", flush=True)
        write_ledger(args.db, args.records, seed=args.seed)
    db_name = args.db.stem
    sample = sample_ledger(args.db, 20_000, random.Random(args.seed))
    plan = schedule(args, sample, db_name)
    kinds_first = {kind: (ours, theirs) for _, kind, ours, theirs in reversed(plan)}
    print(f"ledger {args.db}; serving settings {args.serving or 'default'}; {len(plan):,} requests at {args.rate:g}/s"
          f" for {args.warmup:g} s of warm-up and {args.seconds:g} s counted; "
          f"record ids {args.ids}; {args.connections} connections; timeout {args.timeout:g} s; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run")

    if args.floor:
        port = free_port()
        floor_cmd = [sys.executable, "-c", FLOOR_APP, str(port)]
        run_one("trivial ASGI app on uvicorn (the machine's floor)", floor_cmd, port,
                [(a, k, "/") for a, k, _, _ in plan], ["/"], args)
    port = free_port()
    # What `etrack serve --workers N` calls, without the CLI's imports of the whole pipeline.
    serving = dict(item.split("=", 1) for item in args.serving)
    ours_cmd = [sys.executable, "-c", "from enforcement_tracker.publish import serve;"
                " from enforcement_tracker.publish.serving import ServeSettings;"
                f" serve({str(args.db)!r}, port={port}, workers={args.workers},"
                f" serving=ServeSettings.from_config({serving!r}))"]
    ours = run_one(f"etrack serve --workers {args.workers}", ours_cmd, port, [(a, k, o) for a, k, o, _ in plan],
                   [o for o, _ in kinds_first.values()], args, workers=args.workers)
    if args.no_reference:
        return
    port = free_port()
    ref_cmd = [sys.executable, "-m", "datasette", "serve", str(args.db), "--host", "127.0.0.1", "--port", str(port)]
    ref = run_one("plain datasette serve (reference, one process)", ref_cmd, port,
                  [(a, k, t) for a, k, _, t in plan], [t for _, t in kinds_first.values()], args)
    if not ref["rate"]:
        print(f"\nours / reference: the reference answered nothing within {args.timeout:g} s in the counted part;"
              f" ours answered {ours['rate']:.0f}/s with p95 {ours['p95'] * 1000:.1f} ms")
        return
    print(f"\nours / reference: ok answers per second {ours['rate'] / ref['rate']:.2f}; "
          f"p95 {ours['p95'] / ref['p95']:.2f}; errors {ours['errors']:,} vs {ref['errors']:,}; "
          f"timeouts {ours['timeouts']:,} vs {ref['timeouts']:,}; server CPU per answer {ours['cpu'] / ref['cpu']:.2f}")


if __name__ == "__main__":
    main()
