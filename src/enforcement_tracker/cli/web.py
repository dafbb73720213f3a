"""`etrack serve`: the web ledger."""

from __future__ import annotations

from pathlib import Path

import click

from enforcement_tracker.cli import main
from enforcement_tracker.cli.options import db_option


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep 127.0.0.1 unless a proxy in front of it serves the public.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes sharing the port; more than one when a single process cannot hold the"
                   " load (each has its own page cache and in-flight limit).")
@click.option("--base-url", default=None, metavar="URL",
              help="The address readers use (e.g. https://tracker.example.org/): absolute URLs in the feed and"
                   " exports are made from it, never from a request's Host header. Default: http://127.0.0.1:PORT/.")
@click.option("--allow-sql", is_flag=True, default=False,
              help="Let anyone run read-only SQL of their own over the whole ledger, documents' full text"
                   " included. Off by default; canned queries and the tracker's pages work either way.")
def serve_command(db_path: Path, host: str, port: int, workers: int, base_url: str | None, allow_sql: bool) -> None:
    """Serve the ledger read-only on the web: dashboard, record and document pages, JSON, CSV, GeoJSON, Atom."""
    from enforcement_tracker.publish import serve

    _port_free(host, port)
    _upgrade(db_path)
    _finish_events(db_path)
    serve(db_path, host=host, port=port, workers=workers, base_url=base_url, allow_sql=allow_sql)


def _port_free(host: str, port: int) -> None:
    """A busy port is said first, before the ledger is opened or anything is printed."""
    import socket

    if port == 0:
        return
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.UsageError(f"port {port} on {host} is busy ({exc.strerror}): stop what uses it,"
                                   f" or pass --port with another number") from exc


def _upgrade(db_path: Path) -> None:
    """A ledger an older release wrote gets the newer migrations before it is served: the pages read
    their summaries and indexes. One that cannot be written is served as it is, with a warning."""
    from enforcement_tracker.errors import StoreError
    from enforcement_tracker.store.db import connect, schema_behind

    if not db_path.exists():
        return  # serve says there is no ledger, with the fix
    try:
        behind = schema_behind(db_path)
    except StoreError:
        return  # not a ledger: serve says so, with the fix
    if behind is None:
        return
    click.echo(f"Upgrading the ledger from schema {behind[0]} to {behind[1]} (once; a million records take"
               " about a minute) ...", err=True)
    try:
        connect(db_path).close()
    except StoreError as exc:
        click.echo(f"warning: the ledger stays at schema {behind[0]} ({exc}); some pages answer slower until"
                   " `etrack serve` runs once with write access to it", err=True)


def _finish_events(db_path: Path) -> None:
    """Finish the events an interrupted ingest left marked, so record pages list other reports."""
    from enforcement_tracker.errors import StoreError
    from enforcement_tracker.store.events import ensure_events

    if not db_path.exists():
        return  # serve says there is no ledger, with the fix
    try:
        # Marks only: a full check of every record would slow the start of a big ledger.
        ensure_events(db_path, verify=False)
    except StoreError as exc:
        click.echo(f"warning: events may be out of date: {exc}", err=True)
