"""Commands that read the news where it is: `etrack fetch URL...` and `etrack feeds ...`."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from enforcement_tracker.cli import main
from enforcement_tracker.cli.options import db_option
from enforcement_tracker.errors import TrackerError
from enforcement_tracker.settings import ExtractSettings

PROGRESS_THRESHOLD = 5
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


def fetch_options(fn):
    """The politeness options every fetching command takes (their defaults are the settings')."""
    fn = click.option("--allow-private-addresses", is_flag=True, default=None,
                      help="Let requests reach loopback, private and link-local addresses (a server on your own "
                           "network). Off by default; also ETRACK_ALLOW_PRIVATE_ADDRESSES=1.")(fn)
    fn = click.option("--rate", type=click.FloatRange(0.01, 100), default=None, metavar="N",
                      help="Requests per second to any one host (default 1; also ETRACK_FETCH_RATE).")(fn)
    return fn


def _policy(allow_private: bool | None, rate: float | None):
    from enforcement_tracker.fetch import FetchPolicy

    changes = {}
    if allow_private:
        changes["allow_private"] = True
    if rate is not None:
        changes["rate"] = rate
    return FetchPolicy(**changes)


def _progress(console: Console, total: int | None, label: str) -> Progress | None:
    if total is not None and total <= PROGRESS_THRESHOLD:
        return None
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                    transient=True)


def _errors(summary) -> None:
    for line in summary.errors:
        click.echo(f"error: {line}", err=True)
    more = summary.outcomes["failed"] + summary.outcomes["refused"] - len(summary.errors)
    if more > 0:
        click.echo(f"error: ... and {more:,} more (the `fetches` table of the ledger lists them all)", err=True)


def _report(summary, db_path) -> None:
    _errors(summary)
    click.echo(f"{summary.words()}; ledger: {db_path}")


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--from-file", "from_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also fetch the URLs in this file, one a line (# starts a comment).")
@db_option
@fetch_options
def fetch(urls, from_file, db_path, allow_private_addresses, rate):
    """Fetch article pages at URLS and ingest them, keeping each raw page and its provenance.

    A page already read (same bytes at the same canonical URL, or a 304) changes nothing; a
    changed one becomes the next revision of its document. Polite by default: robots.txt, one
    request a second per host, conditional GET, retries that honour Retry-After.
    """
    from enforcement_tracker.fetch.client import Fetcher
    from enforcement_tracker.fetch.pages import fetch_and_ingest
    from enforcement_tracker.store import connect

    wanted = list(urls)
    if from_file:
        wanted += [line.split("#", 1)[0].strip() for line in from_file.read_text("utf-8").splitlines()]
    wanted = [u for u in wanted if u]
    if not wanted:
        raise click.UsageError("give at least one URL (or --from-file FILE)")
    conn = connect(db_path)
    console = Console(stderr=True)
    progress = _progress(console, len(wanted), "fetching")
    with Fetcher(_policy(allow_private_addresses, rate)) as fetcher:
        if progress is None:
            summary = fetch_and_ingest(conn, wanted, ExtractSettings(), fetcher)
        else:
            task = progress.add_task("fetch", total=len(wanted))
            with progress:
                summary = fetch_and_ingest(conn, wanted, ExtractSettings(), fetcher,
                                           on_page=lambda _r: progress.advance(task))
    _report(summary, db_path)
    if summary.outcomes["failed"] or summary.outcomes["refused"]:
        sys.exit(1)


@main.group()
def feeds() -> None:
    """Follow RSS and Atom feeds: add, list, remove, and poll them for new articles."""


@feeds.command("add")
@click.argument("url")
@click.option("--name", metavar="NAME", help="A name to list the feed by (default: its address).")
@db_option
def feeds_add(url, name, db_path):
    """Follow the RSS or Atom feed at URL (nothing is fetched until `etrack feeds poll`)."""
    from enforcement_tracker.fetch.feeds import add_feed
    from enforcement_tracker.store import connect

    feed = add_feed(connect(db_path), url, name)
    click.echo(f"following feed {feed.id}: {feed.name or feed.url}; ledger: {db_path}")


@feeds.command("list")
@db_option
def feeds_list(db_path):
    """The feeds followed, with when each was last polled and what came of it."""
    from enforcement_tracker.fetch.feeds import list_feeds
    from enforcement_tracker.store import connect

    rows = list_feeds(connect(db_path))
    if not rows:
        click.echo(f"no feeds in {db_path} (add one with `etrack feeds add URL`)")
        return
    table = Table(title=f"{len(rows)} feeds in {db_path}")
    for column in ("id", "name", "url", "entries", "last polled", "last outcome"):
        table.add_column(column)
    for f in rows:
        table.add_row(str(f.id), f.name or "", f.url, str(f.entries), f.last_polled_at or "never", f.last_outcome or "")
    Console().print(table)


@feeds.command("remove")
@click.argument("feed")
@db_option
def feeds_remove(feed, db_path):
    """Stop following FEED (its id or its URL). Documents already read stay in the ledger."""
    from enforcement_tracker.fetch.feeds import remove_feed
    from enforcement_tracker.store import connect

    gone = remove_feed(connect(db_path), feed)
    click.echo(f"no longer following feed {gone.id}: {gone.name or gone.url}")


def wait_between_polls(seconds: float) -> None:
    time.sleep(seconds)


def parse_every(value: str) -> float:
    """'15m', '2h', '90s', '1d' (a bare number is minutes) to seconds; at least one minute."""
    m = _EVERY.match(value or "")
    if not m:
        raise click.BadParameter(f"{value!r} is not a duration: write e.g. 15m, 2h or 90s", param_hint="--every")
    seconds = float(m.group(1)) * _UNITS[m.group(2)]
    if seconds < 60:
        raise click.BadParameter("poll at most once a minute (a feed changes slowly; be polite)",
                                 param_hint="--every")
    return seconds


@feeds.command("poll")
@click.option("--once", "once", is_flag=True, help="Poll every feed once and stop (the default).")
@click.option("--every", metavar="DURATION", help="Poll again every DURATION (15m, 2h, ...) until interrupted.")
@click.option("--feed", "only", metavar="FEED", multiple=True, help="Poll only this feed (id or URL); repeatable.")
@db_option
@fetch_options
def feeds_poll(once, every, only, db_path, allow_private_addresses, rate):
    """Fetch each feed (a 304 when unchanged), then fetch and ingest its new entries.

    Entries whose title and summary say nothing about enforcement are skipped as off-topic
    without fetching them. Prints one summary line per feed: new, unchanged, failed, skipped.
    """
    from enforcement_tracker.fetch.client import Fetcher
    from enforcement_tracker.fetch.feeds import poll_feeds
    from enforcement_tracker.store import connect

    if once and every:
        raise click.UsageError("--once and --every do not go together: pick one")
    interval = parse_every(every) if every else None
    conn = connect(db_path)
    if not only and not conn.execute("SELECT 1 FROM feeds LIMIT 1").fetchone():
        click.echo(f"no feeds in {db_path} (add one with `etrack feeds add URL`)")
        return
    failed = False
    with Fetcher(_policy(allow_private_addresses, rate)) as fetcher:
        while True:
            for report in poll_feeds(conn, ExtractSettings(), fetcher, only=list(only)):
                click.echo(report.words())
                failed = failed or report.failed_feed
            if interval is None:
                break
            click.echo(f"next poll in {every.strip()} (Ctrl-C stops)", err=True)
            try:
                wait_between_polls(interval)
            except KeyboardInterrupt:  # between polls: nothing is half done, so a clean stop
                click.echo("stopped", err=True)
                break
    if failed:
        sys.exit(1)


def ingest_warcs(paths: list[Path], db_path: Path, settings: ExtractSettings) -> bool:
    """`etrack ingest crawl.warc.gz`: each archive's HTML responses, with a progress bar by bytes
    read; prints one summary line per archive. True when something failed."""
    from enforcement_tracker.fetch.warc import file_size, ingest_warc
    from enforcement_tracker.store import connect

    conn = connect(db_path)
    console = Console(stderr=True)
    failed = False
    for path in paths:
        size = file_size(path)
        progress = Progress(TextColumn(f"reading {path.name}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                            TimeElapsedColumn(), console=console, transient=True)
        task = progress.add_task("warc", total=size or None)
        try:
            with progress:
                summary, counts = ingest_warc(conn, path, settings,
                                              on_position=lambda at: progress.update(task, completed=at))
        except TrackerError as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
            continue
        _errors(summary)
        click.echo(f"{path}: {counts.get('records', 0)} WARC records, {counts.get('html', 0)} HTML responses; "
                   f"{summary.words()}; ledger: {db_path}")
        failed = failed or bool(summary.outcomes["failed"])
    return failed
