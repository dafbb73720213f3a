"""How much fetching costs next to reading the same pages from files, and how fast WARCs are read.

Issue 11. A corpus of article pages (benchmarks/make_corpus.py: one in five an enforcement
report, the rest unrelated prose, each wrapped as an HTML article page) is:

1. read from .html files with `etrack ingest`'s library call (ingest_paths): the reference;
2. fetched from a local server on 127.0.0.1 and ingested (fetch_and_ingest) at a per-host limit
   of --rate requests/s, with the fetcher's whole policy on (robots.txt, conditional GET
   validators, body limit, provenance, raw page kept, wire-copy check);
3. fetched only (no extraction), to show the fetcher's own cost at that rate.

The ratio 2/1 is the fetcher's overhead on top of extraction; at a rate above extraction's own
pace the fetch runs in threads beside extraction and the ratio should stay near 1.

Then a WARC of the same pages (warcio, gzip) is read by our reader (iter_warc_pages: HTML
responses, bounded bodies, provenance) against warcio iterating the same file and reading every
record's body alone: MB/s of the file and their ratio.

Extraction runs in one process on both sides (--processes 1), so the ratio compares like with like.
The site runs in a process of its own, as a real site does: served from threads of this process
(--site thread, the first version of this benchmark) its CPU was counted as the fetcher's, and
its threads competed with extraction for the interpreter lock.

    .venv/bin/python benchmarks/fetch_speed.py                  # 1,000 pages at 100 requests/s
    .venv/bin/python benchmarks/fetch_speed.py --pages 300 --rate 20
    .venv/bin/python benchmarks/fetch_speed.py --site thread    # the site in this process
"""

from __future__ import annotations

import argparse
import html
import io
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make_corpus  # noqa: E402

from enforcement_tracker.fetch import FetchPolicy  # noqa: E402
from enforcement_tracker.fetch.client import Fetcher  # noqa: E402
from enforcement_tracker.fetch.pages import fetch_and_ingest  # noqa: E402
from enforcement_tracker.fetch.warc import iter_warc_pages  # noqa: E402
from enforcement_tracker.ingest import read_document  # noqa: E402
from enforcement_tracker.pipeline import ingest_paths  # noqa: E402
from enforcement_tracker.settings import ExtractSettings  # noqa: E402
from enforcement_tracker.store import connect  # noqa: E402


def html_page(title: str | None, publisher: str | None, published: str | None, text: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return ("<!doctype html><html><head>"
            f"<title>{html.escape(title or 'Untitled')}</title>"
            f'<meta property="og:site_name" content="{html.escape(publisher or "Example Outlet")}">'
            f'<meta property="article:published_time" content="{published or ""}">'
            "</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<article><h1>{html.escape(title or '')}</h1>{paras}</article>"
            "<footer>About us · Contact · Terms</footer></body></html>")


def build_pages(workdir: Path, n: int) -> list[bytes]:
    texts = make_corpus(workdir / "corpus", docs=n, seed=11)
    pages = []
    for path in texts:
        doc = read_document(path)
        pages.append(html_page(doc.title, doc.publisher, doc.published, doc.text).encode("utf-8"))
    return pages


def serve(pages: list[bytes]) -> tuple[ThreadingHTTPServer, int]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall between them

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            name = self.path.rsplit("/", 1)[-1].removesuffix(".html")
            if self.path.startswith("/p/") and name.isdigit() and int(name) < len(pages):
                body, status = pages[int(name)], 200
            else:
                body, status = b"not here", 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", f'"{hash(body) & 0xffffffff:x}"')
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, server.server_address[1]


def _site(pages: list[bytes], ports) -> None:
    server, port = serve(pages)
    ports.put(port)
    threading.Event().wait()  # until the benchmark terminates this process


def serve_elsewhere(pages: list[bytes]) -> tuple[multiprocessing.Process, int]:
    """The site in a process of its own (forked, so the pages need no pickling)."""
    context = multiprocessing.get_context("fork")
    ports = context.Queue()
    site = context.Process(target=_site, args=(pages, ports), daemon=True)
    site.start()
    return site, ports.get(timeout=30)


def write_warc(path: Path, pages: list[bytes], port: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, body in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"http://127.0.0.1:{port}/p/{i}.html", "response",
                                                          payload=io.BytesIO(body), http_headers=headers))


def timed(fn):
    started, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - started, time.process_time() - cpu


def warcio_alone(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "response":
                record.content_stream().read()
                n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages in the corpus (default 1000)")
    parser.add_argument("--rate", type=float, default=100.0, help="per-host limit, requests/s (default 100)")
    parser.add_argument("--processes", type=int, default=1, help="extraction processes on both sides (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="WARC reads: best of this many (default 3)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="files and fetch runs, taking turns: each side's best of this many (default 3)")
    parser.add_argument("--site", choices=("process", "thread"), default="process",
                        help="serve the pages from a process of their own (default) or from threads of this one")
    args = parser.parse_args()
    settings = ExtractSettings(processes=args.processes)

    with tempfile.TemporaryDirectory(prefix="etrack-fetch-bench-") as tmp:
        work = Path(tmp)
        pages = build_pages(work, args.pages)
        folder = work / "html"
        folder.mkdir()
        files = []
        for i, body in enumerate(pages):
            files.append(folder / f"{i:05d}.html")
            files[-1].write_bytes(body)
        size = sum(len(p) for p in pages)
        print(f"{len(pages)} pages, {size / 1e6:.1f} MB of HTML; extraction in {args.processes} process(es); "
              f"the site served from {'threads of this process' if args.site == 'thread' else 'its own process'}")

        if args.site == "thread":
            server, port = serve(pages)
        else:
            site, port = serve_elsewhere(pages)
        urls = [f"http://127.0.0.1:{port}/p/{i}.html" for i in range(len(pages))]
        policy = FetchPolicy(allow_private=True, rate=args.rate, concurrency=4, workers=8, retries=1)
        try:
            # A warm-up of both sides, so that first loads and first calls (the model, the HTML
            # reader, the HTTP client) are counted on neither.
            ingest_paths(connect(work / "warm.db"), files[:5], settings)
            with Fetcher(policy) as fetcher:
                fetch_and_ingest(connect(work / "warm-fetch.db"), urls[:5], settings, fetcher)

            # The two sides take turns, round after round, so a spell of load from another process
            # on this shared machine falls on both; each side's best round is compared.
            files_s = files_cpu = fetch_s = fetch_cpu = float("inf")
            for turn in range(args.rounds):
                files_summary, wall, cpu = timed(
                    lambda: ingest_paths(connect(work / f"files{turn}.db"), files, settings))
                print(f"from files:         {len(files) / wall:7.1f} pages/s ({wall:.1f} s, {cpu:.1f} s CPU; "
                      f"{files_summary.new} new)")
                files_s, files_cpu = min(files_s, wall), min(files_cpu, cpu)
                with Fetcher(policy) as fetcher:
                    fetched, wall, cpu = timed(
                        lambda: fetch_and_ingest(connect(work / f"fetch{turn}.db"), urls, settings, fetcher))
                print(f"fetched + ingested: {len(urls) / wall:7.1f} pages/s ({wall:.1f} s, {cpu:.1f} s CPU; "
                      f"{fetched.words()[:60]}...) at {args.rate:g} requests/s per host")
                fetch_s, fetch_cpu = min(fetch_s, wall), min(fetch_cpu, cpu)
            with Fetcher(policy) as fetcher:
                got, only_s, only_cpu = timed(lambda: sum(
                    1 for _, r in fetcher.map(fetcher.get, urls) if not isinstance(r, BaseException)))
            print(f"fetched only:       {got / only_s:7.1f} pages/s ({only_s:.1f} s, {only_cpu:.1f} s CPU); "
                  f"the rate limit alone allows {args.rate:g}/s")
        finally:
            if args.site == "thread":
                server.shutdown()
                server.server_close()
            else:
                site.terminate()
                site.join()
        print(f"ratio fetched+ingested / from files (best of {args.rounds} rounds each): {fetch_s / files_s:.2f}x the "
              f"wall time, {fetch_cpu / files_cpu:.2f}x the CPU (the steadier figure on a shared machine)")

        warc = work / "crawl.warc.gz"
        write_warc(warc, pages, port)
        mb = os.path.getsize(warc) / 1e6
        best_ours = best_ref = float("inf")
        for _ in range(args.repeat):
            n_ref, ref_s, _ = timed(lambda: warcio_alone(warc))
            n_ours, ours_s, _ = timed(lambda: sum(1 for _ in iter_warc_pages(warc)))
            best_ref, best_ours = min(best_ref, ref_s), min(best_ours, ours_s)
        assert n_ref == n_ours == len(pages), (n_ref, n_ours)
        print(f"WARC ({mb:.1f} MB gzip, {n_ours} responses): ours {mb / best_ours:.1f} MB/s, "
              f"warcio alone {mb / best_ref:.1f} MB/s, ratio {best_ours / best_ref:.2f}x the time "
              f"(best of {args.repeat})")


if __name__ == "__main__":
    main()
