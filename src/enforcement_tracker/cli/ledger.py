"""Commands over documents and the ledger: extract, ingest, records, demo."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from enforcement_tracker.cli import main
from enforcement_tracker.cli.options import (
    DATE, POSITIVE, KindChoice, as_of_option, db_option, open_ledger, place_filter, read_db_option, review_option)
from enforcement_tracker.describe import date_words, describe, place_words, sources_words
from enforcement_tracker.pipeline import count_inputs, extract_files, ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect

PROGRESS_THRESHOLD = 5


def _settings(processes: int | None) -> ExtractSettings:
    return ExtractSettings() if processes is None else ExtractSettings(processes=processes)


processes_option = click.option("--processes", "-p", type=click.IntRange(1, 64), default=None,
                                help="Worker processes for big batches (default: one per core, at most 4; "
                                     "batches under 200 documents use one).")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@as_of_option
@click.option("--published", type=DATE, metavar="DATE",
              help="Publication date (2025-01-29, 2025-01, 2025, yesterday), overriding front matter.")
@click.option("--publisher", metavar="NAME", help="Publisher, overriding front matter.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file (pretty).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="Print one JSON line per input file, in input order.")
@processes_option
def extract(files, as_of, published, publisher, as_json, as_jsonl, processes):
    """Extract sourced records from FILES (text or HTML) without touching a ledger.

    A file may begin with YAML front matter between `---` lines (publisher, published, url,
    title, kind); spans count from the first character after it.
    """
    failed = 0
    console = Console()
    for result in extract_files(files, _settings(processes), publisher=publisher, published=published):
        if result.error is not None:
            failed += 1
            click.echo(f"error: {result.error}", err=True)
            continue
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if result.extraction.refused:
            click.echo(f"guard: {result.file}: refused {refused_words(result.extraction.refused)}", err=True)
        payload = result.extraction.to_dict()
        if as_jsonl:
            click.echo(json.dumps({"file": result.file, **payload}, ensure_ascii=False))
        elif as_json:
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            _print_records(console, result.file, [dict(r.to_dict(), document={}) for r in result.extraction.records])
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@as_of_option
@click.option("--published", type=DATE, metavar="DATE",
              help="Publication date for every file (2025-01-29, 2025-01, 2025, yesterday), overriding front matter.")
@click.option("--publisher", metavar="NAME", help="Publisher for every file, overriding front matter.")
@processes_option
def ingest(paths, db_path, as_of, published, publisher, processes):
    """Read files and folders into the ledger, one transaction per document.

    Re-ingesting a document changes nothing. A file that cannot be read is reported and
    skipped; the others go in. A .warc or .warc.gz crawl archive, named or in a folder, is read
    for its HTML responses, each with its capture URL and date as provenance.
    """
    from enforcement_tracker.fetch.warc import split_archives

    warc_failed = False
    archives, paths = split_archives(paths)
    if archives:  # crawl archives: many pages each, read by fetch/warc.py
        from enforcement_tracker.cli.fetch import ingest_warcs

        warc_failed = ingest_warcs(archives, db_path, _settings(processes))
        if not paths:
            sys.exit(1 if warc_failed else 0)
    console = Console(stderr=True)
    conn = connect(db_path)
    total = count_inputs(paths)
    errors: list[str] = []

    def note(result, status):
        if result.error is not None:
            errors.append(str(result.error))
        if progress is not None:
            progress.advance(task)

    progress = None
    if total > PROGRESS_THRESHOLD:
        progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=console, transient=True)
        task = progress.add_task("ingest", total=total)
        with progress:
            summary = ingest_paths(conn, paths, _settings(processes), on_file=note, publisher=publisher,
                                   published=published)
    else:
        summary = ingest_paths(conn, paths, _settings(processes), on_file=note, publisher=publisher,
                               published=published)
    for line in errors:
        click.echo(f"error: {line}", err=True)
    for line in summary.warnings:
        click.echo(f"warning: {line}", err=True)
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.records.items())) or "none"
    events = f"; events: {summary.events}" if summary.events is not None else ""
    refused = f"; refused: {refused_words(summary.refused)}" if summary.refused else ""
    click.echo(f"documents: {summary.new} new, {summary.unchanged} unchanged, {summary.failed} failed; "
               f"records: {kinds}{refused}{events}; ledger: {db_path}")
    if summary.failed or warc_failed:
        sys.exit(1)


def _record_filter(kind=None, place=None, state=None, since=None, until=None, publisher=None, review=None):
    """The web's record filter from the CLI's options: one meaning for every flag, everywhere."""
    from dataclasses import replace

    flt = place_filter(place, state)
    return replace(flt, kind=kind, since=since, until=until, publisher=publisher or None, review=review)


@main.command()
@read_db_option
@as_of_option
@click.option("--kind", type=KindChoice(), help="Only records of this kind.")
@click.option("--place", metavar="PLACE", help='Only records about this place, as the tool prints it ("Chicago, IL"),'
                                               " or a state code.")
@click.option("--state", metavar="ST", help="Only records in this state (two-letter code, e.g. CO).")
@click.option("--since", type=DATE, metavar="DATE", help="Only records dated on or after DATE (2025-01-26, 2025-01, 2025, yesterday).")
@click.option("--until", type=DATE, metavar="DATE", help="Only records dated on or before DATE (2025-01 keeps all of January).")
@click.option("--publisher", metavar="NAME", help="Only records from documents of this publisher.")
@click.option("--event", metavar="ID", help="Only the records of this event (an id from `etrack events --format json`).")
@review_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="Output format.")
@click.option("--limit", type=POSITIVE, default=None, help="At most this many records (a whole number from 1).")
def records(db_path, as_of, kind, place, state, since, until, publisher, event, review, fmt, limit):
    """List what is in the ledger, newest documents first, each with its review state."""
    from enforcement_tracker.publish.queries import contract_records

    flt = _record_filter(kind, place, state, since, until, publisher, review)
    conn = open_ledger(db_path)
    rows = contract_records(conn, flt, event=event, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from enforcement_tracker.publish.csvsafe import defuse_row

        writer = csv.writer(sys.stdout)
        writer.writerow(["id", "kind", "claim", "date", "places", "sources", "quote", "publisher", "published",
                         "review"])
        for r in rows:
            # Defused as the web's CSV is: a quote that starts like a formula must not run in a sheet.
            writer.writerow(defuse_row([r["id"], r["kind"], describe(r), _when(r), place_words(r.get("places")),
                                        sources_words(r), r["quote"], r["document"]["publisher"],
                                        r["document"]["published"], r["review"]]))
    else:
        _print_records(Console(), f"{len(rows)} records in {db_path}", rows, review=True)


@main.command()
@read_db_option
@as_of_option
@click.option("--kind", type=KindChoice(), help="Only events of this kind.")
@click.option("--place", metavar="PLACE", help='Only events with a report about this place ("Chicago, IL"), or a state code.')
@click.option("--since", type=DATE, metavar="DATE", help="Only events with a report dated on or after DATE.")
@click.option("--until", type=DATE, metavar="DATE", help="Only events with a report dated on or before DATE.")
@click.option("--min-documents", type=POSITIVE, default=1, show_default=True,
              help="Only claims carried by at least this many documents.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--rebuild", is_flag=True, help="Regroup every record into events from scratch first.")
@review_option
def events(db_path, as_of, kind, place, since, until, min_documents, fmt, rebuild, review):
    """Claims made by several reports, counted once: documents, independent outlets, status, conflicts.

    Events an interrupted ingest left out of date are brought up to date first.
    """
    from enforcement_tracker.errors import StoreError
    from enforcement_tracker.publish.events_page import event_list
    from enforcement_tracker.store.events import ensure_events, rebuild_events

    flt = _record_filter(kind, place, None, since, until, review=review)  # events with a report in those states
    conn = open_ledger(db_path)
    if rebuild:
        writer = connect(db_path)
        try:
            update = rebuild_events(writer)
        finally:
            writer.close()
        click.echo(f"note: {update.events} events rebuilt from {update.records} records", err=True)
    else:
        try:
            update = ensure_events(db_path)
        except StoreError as exc:
            # A ledger on read-only storage can still be listed, as it is.
            click.echo(f"warning: events may be out of date: {exc}", err=True)
        else:
            if update is not None and update.mode != "current":
                click.echo(f"note: events brought up to date ({update.mode}): {update.reason}", err=True)
    rows, _ = event_list(conn, flt, min_documents, size=10**9)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from enforcement_tracker.publish.words import status_words

    table = Table(title=f"{len(rows)} events in {db_path}")
    for col in ("kind", "claim", "documents", "outlets", "status", "disagreements"):
        table.add_column(col)
    for r in rows:
        conflicts = "; ".join(f"{c['field']}: {', '.join(map(str, c['values']))}" for c in r["conflicts"])
        table.add_row(r["kind"], r["label"], str(r["n_documents"]), str(r["n_independent_sources"]),
                      status_words(r["status"]) if r["status"] else "", conflicts)
    Console().print(table)


@main.command()
@db_option
@click.option("--serve/--no-serve", default=True, show_default=True, help="Serve the ledger on the web afterwards.")
@click.option("--port", type=int, default=8001, show_default=True, help="Port for the web ledger.")
@processes_option
def demo(db_path, serve, port, processes):
    """Build a ledger from the bundled example reports and show what it holds."""
    from enforcement_tracker.demo import build_demo, summary_records

    conn = connect(db_path)
    summary = build_demo(conn, _settings(processes))
    for err in summary.errors:
        click.echo(f"error: {err}", err=True)
    console = Console()
    _print_records(console, "Operations, targets, counts and criminality in the example reports",
                   summary_records(conn), wide=True)
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.records.items())) or "none new"
    refused = f"; refused: {refused_words(summary.refused)}" if summary.refused else ""
    console.print(f"documents: {summary.new} new, {summary.unchanged} unchanged, {summary.failed} failed; "
                  f"records: {kinds}{refused}; claims checked against official figures: {summary.checks}; ledger: {db_path}")
    console.print(f"next: etrack check --db {db_path} --headline   |   etrack events --db {db_path}")
    conn.close()
    if serve:
        from enforcement_tracker.publish import serve as serve_ledger

        try:
            serve_ledger(db_path, port=port)
        except ImportError:  # Datasette is imported as the server starts
            console.print("(the web ledger is not available in this build)")


def refused_words(counts: dict[str, int]) -> str:
    """What the guard dropped, for a summary line: "2 private_person, 1 sub_city_place"."""
    return ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items()))


def _when(r: dict) -> str:
    for key in ("period", "start", "issued_on"):
        if r.get(key):
            return date_words(r[key])
    return ""


def _print_records(console: Console, title: str, rows: list[dict], wide: bool = False,
                   review: bool = False) -> None:
    """A table of contract records; `review` adds each one's review state (rows from the ledger)."""
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("kind", style="bold")
    table.add_column("claim")
    table.add_column("date")
    table.add_column("sources")
    table.add_column("publisher" if wide or rows and rows[0].get("document") else "span")
    if review:
        table.add_column("review")
    for r in rows:
        doc = r.get("document") or {}
        last = doc.get("publisher") or f"{r['span'][0]}-{r['span'][1]}"
        cells = [r["kind"], describe(r), _when(r), sources_words(r), str(last)[:40]]
        table.add_row(*cells, *([r.get("review") or "machine"] if review else []))
    console.print(table)
