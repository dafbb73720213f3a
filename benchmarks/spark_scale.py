"""Spark against the CLI on the same documents: throughput, CPU per document, worker memory,
Spark's fixed overhead, and from those the executors for 285,000 HTML articles in 30 minutes.

Issue 12. One run, on the same generated corpus (benchmarks/make_corpus.py: news-like mix, 20%
enforcement reports):

- the CLI with its pool: `etrack extract --jsonl DIR --processes 2`, a whole process;
- Spark `local[1]` and `local[2]`: `run_extract` over the same texts as Parquet, each in a
  process of its own (a fresh JVM), timed from the session's start to the written output;
- Spark's fixed overhead: a session that reads the same Parquet and counts it;
- HTML: the CPU that `document_from_html` (trafilatura) adds per page, on pages made of the
  same texts, so the estimate is for HTML articles, not text.

CPU seconds are read from /proc for the whole process tree (the JVM, Spark's Python daemon and
its workers, which ignore SIGCHLD and so never reach a parent's rusage); peak memory per Python
worker is each worker's VmHWM. Ratios are against the CLI measured in the same run.

    .venv/bin/python benchmarks/spark_scale.py               # 6,000 documents, about 10 minutes on 2 cores
    .venv/bin/python benchmarks/spark_scale.py --docs 30000  # the issue's size (about 45 minutes)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make_corpus  # noqa: E402

TARGET_DOCUMENTS = 285_000
ISSUE_DOCUMENTS = 30_000  # the size issue 12 asks the comparison at
TARGET_SECONDS = 30 * 60
EXECUTOR_CORES = 4
HTML_SAMPLE = 300
TICK = os.sysconf("SC_CLK_TCK")


def write_parquet(paths: list[Path], target: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from enforcement_tracker.ingest.frontmatter import split_front_matter
    from enforcement_tracker.ingest.reader import decode

    rows = []
    for i, path in enumerate(paths):
        meta, body = split_front_matter(decode(path.read_bytes(), str(path)), str(path))
        rows.append({"id": str(i), "text": body, "publisher": meta.get("publisher"),
                     "published": meta.get("published", meta.get("date")), "url": meta.get("url"),
                     "title": meta.get("title"), "source_uri": str(path), "kind": meta.get("kind")})
    pq.write_table(pa.Table.from_pylist(rows), target, row_group_size=1000)


def process_tree() -> list[dict]:
    """This process and every live descendant: pid, command line, CPU seconds, peak RSS (MB)."""
    parents, info = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            status = Path(f"/proc/{entry}/status").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        parents[int(entry)] = int(fields[1])
        cpu = sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICK  # utime, stime, cutime, cstime
        peak = next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0.0)
        info[int(entry)] = {"pid": int(entry), "cmd": cmdline, "cpu": cpu, "peak_mb": peak}
    me, out = os.getpid(), []
    for pid in info:
        p = pid
        while p and p != me:
            p = parents.get(p, 0)
        if p == me:
            out.append(info[pid])
    return out


def run_child(args: argparse.Namespace) -> None:
    """One Spark measurement in a fresh process; prints one JSON line."""
    from enforcement_tracker.spark.job import run_extract, spark_session

    start = time.perf_counter()
    spark = spark_session(args.master, app_name="etrack-bench")
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    if args.child == "count":
        n = spark.read.parquet(args.input).count()
        result = {"documents": n}
    else:
        summary = run_extract(spark, args.input, args.output, partitions=args.partitions)
        result = {"documents": summary.documents, "records": summary.records, "failed": summary.failed}
    wall = time.perf_counter() - start
    tree = process_tree()
    spark.stop()
    workers = [p for p in tree if "pyspark" in p["cmd"] and "daemon" in p["cmd"]]
    # The daemon forks the workers (same command line); the daemon itself never loads the model.
    loaded = sorted((p["peak_mb"] for p in workers), reverse=True)
    result.update(master=args.master, wall=wall, started=started, cpu=sum(p["cpu"] for p in tree),
                  cpu_jvm=sum(p["cpu"] for p in tree if "java" in p["cmd"].split(" ", 1)[0]),
                  worker_peak_mb=loaded[:max(1, len(loaded) - 1)])
    print(json.dumps(result))


def spark_run(kind: str, master: str, source: Path, output: Path | None, partitions: int) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--master", master, "--input", str(source),
           "--partitions", str(partitions)]
    if output is not None:
        cmd += ["--output", str(output)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"error: {kind} on {master} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cli_run(folder: Path, processes: int) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        done = subprocess.run([str(Path(sys.executable).parent / "etrack"), "extract", "--jsonl", str(folder),
                               "--processes", str(processes)], stdout=sink, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"error: etrack extract failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024}


def html_cost(paths: list[Path]) -> float:
    """CPU seconds per page that reading HTML (trafilatura) adds over reading the same text."""
    import html as escape

    from enforcement_tracker.ingest import document_from_html, document_from_text

    pages, texts = [], []
    for path in paths[:HTML_SAMPLE]:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        texts.append(body)
        paragraphs = "".join(f"<p>{escape.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        pages.append(f"<!doctype html><html><head><title>t</title></head><body><nav><a href='/'>Home</a></nav>"
                     f"<article>{paragraphs}</article><footer>Contact us</footer></body></html>")
    document_from_html(pages[0])  # imports and first-call set-up, not a page's cost
    start = time.process_time()
    for page in pages:
        try:
            document_from_html(page)
        except Exception:  # noqa: BLE001 - a page trafilatura finds no text in still cost its time
            pass
    html_seconds = time.process_time() - start
    start = time.process_time()
    for text in texts:
        try:
            document_from_text(text)
        except Exception:  # noqa: BLE001
            pass
    return (html_seconds - (time.process_time() - start)) / len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=6000, help="documents in the corpus (default 6,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", choices=["extract", "count"], help=argparse.SUPPRESS)
    parser.add_argument("--master", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--partitions", type=int, default=8, help="Spark tasks for the corpus (default 8)")
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    work = Path(tempfile.mkdtemp(prefix="etrack-spark-bench-"))
    try:
        corpus = work / "corpus"
        paths = make_corpus(corpus, docs=args.docs, seed=args.seed)
        source = work / "input.parquet"
        write_parquet(paths, source)
        n = len(paths)
        print(f"corpus: {n:,} documents ({sum(p.stat().st_size for p in paths) / 1e6:.1f} MB), "
              f"{os.cpu_count()} cores; each figure from one run")
        cli = cli_run(corpus, processes=2)
        # One report (make_corpus names them *-enf.txt; prose never loads the model): the CLI's fixed cost.
        cli_start = cli_run(next(p for p in paths if p.stem.endswith("-enf")), processes=2)
        count = spark_run("count", "local[2]", source, None, args.partitions)
        runs = {m: spark_run("extract", m, source, work / f"out-{m[6]}", args.partitions)
                for m in ("local[1]", "local[2]")}
        html_cpu = html_cost(paths)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = [("CLI --processes 2", cli["wall"], cli["cpu"], [cli["peak_mb"]])]
    rows += [(f"Spark {m}", r["wall"], r["cpu"], r["worker_peak_mb"]) for m, r in runs.items()]
    print(f"\n{'run':<20}{'wall s':>9}{'docs/s':>9}{'vs CLI':>8}{'CPU ms/doc':>12}{'worker peak MB':>16}")
    for name, wall, cpu, peaks in rows:
        print(f"{name:<20}{wall:>9.1f}{n / wall:>9.1f}{cli['wall'] / wall:>8.2f}{1000 * cpu / n:>12.1f}"
              f"{max(peaks):>16.0f}")
    overhead = count["wall"]
    print(f"\nSpark fixed overhead (session start {count['started']:.1f} s + read and count {n:,} rows): "
          f"{overhead:.1f} s wall, {count['cpu']:.1f} s CPU")
    print(f"HTML reading (trafilatura) adds {1000 * html_cpu:.1f} ms CPU per page (sample of {HTML_SAMPLE})")
    past = ", ".join(f"{m} {1000 * (r['cpu'] - count['cpu']) / n:.1f}" for m, r in runs.items())
    print(f"CPU ms per document past the fixed overhead (whole process tree): {past}; the CLI "
          f"{1000 * cli['cpu'] / n:.1f}, its own start included")
    # Where Spark's extra CPU goes: the JVM's part and the Python side's (driver, daemon, workers).
    split = ", ".join(f"{m} JVM {1000 * (r['cpu_jvm'] - count['cpu_jvm']) / n:.1f} + Python "
                      f"{1000 * ((r['cpu'] - r['cpu_jvm']) - (count['cpu'] - count['cpu_jvm'])) / n:.1f}"
                      for m, r in runs.items())
    print(f"  of which: {split}")
    # Start-up is paid once (Spark's, the CLI's: its model and gazetteer); the rest grows with the
    # corpus. What this run's parts say of the issue's size (a projection, not a measurement:
    # run --docs 30000 for that).
    print(f"CLI fixed cost (one document): {cli_start['wall']:.1f} s wall")

    def grown(wall: float, fixed: float, size: int) -> float:
        return fixed + (wall - fixed) / n * size

    for size in sorted({n, ISSUE_DOCUMENTS}):
        ratio = {m: grown(cli["wall"], cli_start["wall"], size) / grown(r["wall"], overhead, size)
                 for m, r in runs.items()}
        label = "measured" if size == n else "projected"
        print(f"  vs CLI at {size:,} documents ({label}): " + ", ".join(f"{m} {v:.2f}" for m, v in ratio.items()))

    two = runs["local[2]"]
    per_doc = (two["cpu"] - count["cpu"]) / n  # the whole tree's CPU (JVM, daemon, workers) past start-up
    steady = (two["wall"] - overhead) / n * 2  # core-seconds per document once running, on 2 cores
    per_html = max(per_doc, steady) + html_cpu
    budget = TARGET_SECONDS - overhead
    cores = math.ceil(TARGET_DOCUMENTS * per_html / budget)
    executors = math.ceil(cores / EXECUTOR_CORES)
    memory = max(two["worker_peak_mb"]) * EXECUTOR_CORES / 1024
    print(f"\n{TARGET_DOCUMENTS:,} HTML articles in {TARGET_SECONDS // 60} minutes: {per_html * 1000:.0f} core-ms per "
          f"article (Spark local[2], steady state, plus HTML) -> {TARGET_DOCUMENTS * per_html / 3600:.1f} "
          f"core-hours, {cores} cores in {budget:.0f} s after the fixed overhead")
    print(f"  = {executors} executors of {EXECUTOR_CORES} cores (spark.executor.cores={EXECUTOR_CORES}, "
          f"spark.executor.pyspark.memory={math.ceil(memory)}g for {EXECUTOR_CORES} Python workers of "
          f"{max(two['worker_peak_mb']):.0f} MB, spark.executor.memory=1g), on CPUs like this machine's")


if __name__ == "__main__":
    main()
