"""Commands past one machine: `etrack spark extract` runs the job, `etrack load` merges its output."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from enforcement_tracker.cli import main
from enforcement_tracker.cli.options import db_option


@main.group()
def spark() -> None:
    """Extraction as an Apache Spark job (needs `pip install 'enforcement-tracker[spark]'` and Java 17).

    See docs/spark.md for local mode, a standalone cluster and a managed service.
    """


@spark.command("extract")
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option("--master", default="local[2]", show_default=True,
              help="Spark master: local[N], spark://HOST:7077, yarn, ...")
@click.option("--format", "fmt", type=click.Choice(["auto", "parquet", "warc-manifest"]), default="auto",
              show_default=True, help="INPUT is Parquet (columns id, text, publisher, published, url, title, "
                                      "source_uri) or a text file listing WARC files; auto: by its name.")
@click.option("--partitions", type=click.IntRange(1, 100_000), default=None,
              help="Repartition the input into this many tasks (default: as read).")
def spark_extract(input_path, output, master, fmt, partitions):
    """Extract records from INPUT on Spark into OUTPUT/documents and OUTPUT/records (Parquet).

    Both tables are partitioned by publication month; a document that could not be read or
    extracted is a row with its `error`. Load the result with `etrack load OUTPUT`.
    """
    from enforcement_tracker.spark.job import run_extract, spark_session

    session = spark_session(master)
    try:
        session.sparkContext.setLogLevel("ERROR")
        summary = run_extract(session, input_path, output, fmt=fmt, partitions=partitions)
    finally:
        session.stop()
    click.echo(summary.words())


@spark.command("events")
@click.argument("output", metavar="OUTPUT")
@click.option("--master", default="local[2]", show_default=True,
              help="Spark master: local[N], spark://HOST:7077, yarn, ...")
def spark_events(output, master):
    """Group the records of a job's OUTPUT into events on Spark (a full backfill): OUTPUT/events.

    The same grouping `etrack load` does in the ledger, by claim, with only the earliest
    published copy of each text counted; the rows are the ledger's `events` rows.
    """
    from enforcement_tracker.spark.events import backfill_events
    from enforcement_tracker.spark.job import spark_session

    session = spark_session(master, app_name="etrack-events")
    try:
        session.sparkContext.setLogLevel("ERROR")
        count = backfill_events(session, output)
    finally:
        session.stop()
    click.echo(f"events: {count:,}; output: {output}/events")


@main.command()
@click.argument("records_dir", metavar="RECORDS_DIR", type=click.Path(file_okay=False, path_type=Path))
@db_option
@click.option("--keep-all-text", is_flag=True,
              help="Store the text of every document, not only of those that carry records.")
def load(records_dir, db_path, keep_all_text):
    """Merge a Spark job's output (RECORDS_DIR, the OUTPUT of `etrack spark extract`) into the ledger.

    Documents go in by document id, then publication date, one transaction each; a rerun
    changes nothing; the events are regrouped once at the end. The result is the ledger that
    `etrack ingest` of the same inputs gives.
    """
    from enforcement_tracker.store import connect
    from enforcement_tracker.store.load import count_documents, load_output

    total = count_documents(records_dir)
    conn = connect(db_path)
    progress = Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True, disable=total < 50)
    with progress:
        task = progress.add_task("load", total=total)
        summary = load_output(conn, records_dir, keep_all_text=keep_all_text,
                              on_document=lambda status: progress.advance(task))
    for line in summary.errors[:20]:
        click.echo(f"error: {line}", err=True)
    if len(summary.errors) > 20:
        click.echo(f"error: ... and {len(summary.errors) - 20} more (the `error` column of "
                   f"{records_dir}/documents)", err=True)
    click.echo(f"{summary.words()}; ledger: {db_path}")
    if summary.failed:
        sys.exit(1)
