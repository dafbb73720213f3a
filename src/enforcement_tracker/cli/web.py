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
def serve_command(db_path: Path, host: str, port: int) -> None:
    """Serve the ledger read-only on the web: dashboard, record and document pages, JSON, CSV, GeoJSON, Atom."""
    from enforcement_tracker.publish import serve

    serve(db_path, host=host, port=port)
