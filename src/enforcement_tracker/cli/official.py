"""`etrack import KIND FILE` and `etrack check`: official data, and claims held against it."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from enforcement_tracker.cli import main
from enforcement_tracker.cli.options import KindChoice, db_option, open_ledger, read_db_option, review_option
from enforcement_tracker.kinds import registry
from enforcement_tracker.official import KINDS, import_official
from enforcement_tracker.store.db import connect


@contextmanager
def _progress(enabled: bool) -> Iterator[object]:
    """A rich progress line on stderr, fed by the importer's progress(done, total, what) calls."""
    if not enabled:
        yield None
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("importing", total=None)

        def update(done: int, total: int | None, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        yield update


@main.command("import")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print what was imported as JSON.")
def import_command(kind: str, file: Path, db_path: Path, as_json: bool) -> None:
    """Import an official dataset FILE of the given KIND into the ledger, all or nothing.

    \b
    ice-detention-stats  ICE's biweekly detentionStats workbook (.xlsx)
    ice-posted-daily     the daily arrest numbers ICE posted (.csv)
    ddp-arrests          FOIA arrest records, Deportation Data Project (.parquet, .csv, .xlsx)
    ddp-weekly-arrests   weekly FOIA arrests by conviction, Deportation Data Project (.csv)

    Importing the same file again changes nothing.
    """
    conn = connect(db_path)
    with _progress(not as_json and sys.stderr.isatty()) as progress:
        result = import_official(conn, kind, file, progress)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    edition = f" (edition {result.edition})" if result.edition else ""
    if result.status == "unchanged":
        click.echo(f"{file.name}: already imported{edition}; nothing changed")
        return
    click.echo(f"{file.name}: imported {result.rows:,} rows{edition}")
    for table, n in result.tables.items():
        click.echo(f"  {table}: {n:,}")
    for note in result.notes:
        click.echo(f"  note: {note}")


@main.command("check")
@read_db_option
@click.option("--json", "as_json", is_flag=True, help="Print the checks as a JSON list.")
@click.option("--kind", type=KindChoice(registry.checked_names),
              help="Only check records of this kind.")
@click.option("--headline", is_flag=True, help="Show only the headline figure of each check, not every figure.")
@click.option("--all", "show_all", is_flag=True, help="List the claims no official figure covers too (hidden by default).")
@review_option
def check_command(db_path: Path, as_json: bool, kind: str | None, headline: bool, show_all: bool,
                  review: str | None) -> None:
    """Hold every arrest count, target and criminality claim against the official figures.

    Posted daily numbers, FOIA daily and weekly counts and detention book-ins for the same
    period and place, each with what it counts, and a verdict in plain words, and the review
    state of the claim checked. The checks are stored in the ledger for the web to show next to
    each record (all of them: --kind and --review narrow what is printed).
    """
    from enforcement_tracker.analyze.check import run_checks, save_checks
    from enforcement_tracker.analyze.official_figures import SOURCE_LABELS
    from enforcement_tracker.analyze.verdict import CODES
    from enforcement_tracker.publish.words import review_words

    open_ledger(db_path).close()  # a missing file or one that is not a ledger: one line, nothing created
    conn = connect(db_path)
    checks = run_checks(conn)
    save_checks(conn, checks)
    if kind:
        checks = [c for c in checks if c.claim.kind == kind]
    if review:
        checks = [c for c in checks if c.claim.review in review.split(",")]
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in checks], indent=2, ensure_ascii=False))
        return
    console = Console()
    if not checks:
        console.print("No arrest count, target or criminality records in the ledger yet.")
        return
    counts = {code: sum(c.code == code for c in checks) for code in CODES}
    console.print(f"{len(checks)} claims checked: " + ", ".join(f"{n} {CODES[code]}" for code, n in counts.items() if n))
    hidden = [c for c in checks if c.code == "no_official_figure"]
    if not show_all:
        checks = [c for c in checks if c.code != "no_official_figure"]
        if hidden:
            console.print(f"({len(hidden)} claims no official figure covers are not listed: add --all)")
    table = Table("claim", "official figure", "value", "verdict", show_lines=True, expand=True)
    table.columns[0].ratio, table.columns[1].ratio, table.columns[3].ratio = 2, 2, 5
    for check in checks:
        c = check.claim
        number = f"{c.qualifier.replace('_', ' ')} " if c.qualifier not in (None, "exact") else ""
        when = (f"issued {c.issued_on or '?'} (reported {c.published or '?'})" if c.kind == "target" else
                f"{c.start or 'no date'}" + ("" if c.end in (None, c.start) else f" to {c.end}"))
        claim = (" ".join(x for x in (c.kind, number + c.number_text, c.category or "") if x.strip())
                 + (f" per {c.per}" if c.per else "") + f"\n{when}, {c.place_label}\n{review_words(c.review)}")
        figures = check.figures[:1] if headline else check.figures
        claim += f"\n[bold]{CODES[check.code]}[/bold]: {escape(check.headline)}"
        if not figures:
            table.add_row(claim, "-", "-", check.verdict)
        for i, f in enumerate(figures):
            share = c.kind == "criminality" and f.value is not None and f.value <= 1
            value = "-" if f.value is None else f"{f.value:.0%}" if share else f"{f.value:,.0f}"
            period = f.start if f.end == f.start else f"{f.start} to {f.end}"
            table.add_row(claim if i == 0 else "", f"{SOURCE_LABELS.get(f.source, f.source)}\n{period}, {f.place}",
                          value, f.verdict)
        if headline and len(check.figures) > 1:
            table.add_row("", f"+{len(check.figures) - 1} more", "", "drop --headline, or use --json")
    console.print(table)
