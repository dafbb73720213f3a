"""The extraction job on Spark: Parquet or a WARC manifest in, `documents` and `records` Parquet out.

    etrack spark extract INPUT OUTPUT [--master local[2]]
    spark-submit --master yarn .../enforcement_tracker/spark/job.py INPUT OUTPUT

Extraction runs in `mapPartitions` (spark/partition.py): the model is loaded once per Python
worker, each row gives one document row (with an `error` when it could not be read or
extracted) and its records; both tables are written partitioned by publication month, ready
for `etrack load OUTPUT`.
"""

from __future__ import annotations

import os
import sys
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from enforcement_tracker.errors import TrackerError
from enforcement_tracker.spark.columns import DOCUMENT_COLUMNS, INPUT_COLUMNS, REQUIRED_INPUT, record_columns, \
    spark_schema

DEFAULT_MASTER = "local[2]"
INPUT_FORMATS = ("auto", "parquet", "warc-manifest")


class SparkJobError(TrackerError):
    """The Spark job could not start or read its input."""

    code = "E700"


@dataclass
class JobSummary:
    documents: int
    failed: int
    records: int
    output: str

    def words(self) -> str:
        return (f"documents: {self.documents:,} ({self.failed:,} failed); records: {self.records:,}; "
                f"output: {self.output}/documents, {self.output}/records")


def spark_session(master: str | None = DEFAULT_MASTER, app_name: str = "etrack-extract", conf: dict | None = None):
    """A SparkSession; local masters are bound to 127.0.0.1 and run without the web UI."""
    try:
        with _without_pandas_note():
            from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkJobError("pyspark is not installed",
                            hint="pip install 'enforcement-tracker[spark]' (or `make test`, which installs "
                                 "requirements-spark.lock)") from exc
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        # The workers must be this interpreter (its venv holds the package and the model), not
        # whatever `python3` is first on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false", "spark.log.level": "ERROR",
                "spark.sql.session.timeZone": "UTC",
                "spark.sql.sources.partitionOverwriteMode": "static"}
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        with _without_pandas_note():  # starting the session imports pyspark.testing, which says it again
            return builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - Java missing or the master unreachable: one clear line
        raise SparkJobError(f"Spark could not start ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})",
                            source=master, hint="check that Java 17 is installed (`java -version`) and the "
                                                "--master address") from exc


@contextmanager
def _without_pandas_note() -> Iterator[None]:
    """Hide pyspark's FutureWarning about pandas 3 (the job does not use pandas): it is no news for
    someone running `etrack spark extract`."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas",
                                category=FutureWarning)
        yield


def input_format(path: str, given: str = "auto") -> str:
    """parquet for a folder or a .parquet file, warc-manifest for a text file of WARC paths."""
    if given != "auto":
        return given
    local = Path(path)
    if path.endswith(".parquet") or local.is_dir() or "://" in path and not path.endswith((".txt", ".lst")):
        return "parquet"
    return "warc-manifest"


def read_input(spark, path: str, fmt: str = "auto"):
    """An RDD of input rows (dicts) from Parquet or from the WARC files a manifest lists."""
    fmt = input_format(path, fmt)
    if fmt == "warc-manifest":
        from enforcement_tracker.spark.warc import manifest_paths, warc_rows

        paths = manifest_paths(path)
        return spark.sparkContext.parallelize(paths, max(1, len(paths))).flatMap(warc_rows)
    try:
        frame = spark.read.parquet(path)
    except Exception as exc:  # noqa: BLE001 - Spark's AnalysisException names the path; keep its first line
        raise SparkJobError(f"could not be read as Parquet ({' '.join(str(exc).split())[:200]})", source=path,
                            hint="give a Parquet file or folder, or a text file listing WARC files") from exc
    missing = [c for c in REQUIRED_INPUT if c not in frame.columns]
    if missing:
        raise SparkJobError(f"has no `{'`, `'.join(missing)}` column (it has: {', '.join(frame.columns)})",
                            source=path, hint=f"the job reads the columns {', '.join(INPUT_COLUMNS)}")
    return frame.select([c for c in INPUT_COLUMNS if c in frame.columns]).rdd.map(lambda r: r.asDict())


def run_partition(rows: Iterator[Any]) -> Iterator[tuple]:
    """What each task runs on a worker (imported there, so the worker loads the model once)."""
    from enforcement_tracker.spark.partition import as_tuple, extract_rows

    for out in extract_rows(rows):
        yield as_tuple(out)


def run_extract(spark, input_path: str, output: str, *, fmt: str = "auto", partitions: int | None = None,
                mode: str = "overwrite") -> JobSummary:
    """Run the job; OUTPUT/documents and OUTPUT/records are written, partitioned by month."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    rows = read_input(spark, input_path, fmt)
    if partitions:
        rows = rows.repartition(partitions)
    schema = spark_schema(DOCUMENT_COLUMNS, {"records": record_columns()})
    result = spark.createDataFrame(rows.mapPartitions(run_partition), schema)
    # Both tables come from one extraction: kept on disk, not computed twice.
    result = result.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        documents = result.drop("records")
        documents.write.mode(mode).partitionBy("month").parquet(f"{output}/documents")
        records = result.select(F.explode("records").alias("r")).select("r.*")
        records.write.mode(mode).partitionBy("month").parquet(f"{output}/records")
        counts = result.agg(F.count(F.lit(1)).alias("n"), F.count("error").alias("failed"),
                            F.sum("n_records").alias("records")).collect()[0]
    finally:
        result.unpersist()
    return JobSummary(documents=counts["n"], failed=counts["failed"], records=int(counts["records"] or 0),
                      output=output)


def main(argv: list[str] | None = None) -> int:
    """`spark-submit job.py INPUT OUTPUT [--format F] [--partitions N]`: the master is spark-submit's."""
    import argparse

    parser = argparse.ArgumentParser(prog="job.py", description="Enforcement Tracker extraction on Spark")
    parser.add_argument("input", help="Parquet file or folder, or a text file listing WARC files")
    parser.add_argument("output", help="folder for documents/ and records/ Parquet")
    parser.add_argument("--format", choices=INPUT_FORMATS, default="auto")
    parser.add_argument("--partitions", type=int, default=None, help="repartition the input into N tasks")
    args = parser.parse_args(argv)
    spark = spark_session(master=None)
    try:
        summary = run_extract(spark, args.input, args.output, fmt=args.format, partitions=args.partitions)
    except TrackerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    print(summary.words())
    return 0


if __name__ == "__main__":
    sys.exit(main())
