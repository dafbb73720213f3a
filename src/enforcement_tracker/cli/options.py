"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path

import click

from enforcement_tracker.settings import DEFAULT_DB

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="ETRACK_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="The ledger file (SQLite). Also read from ETRACK_DB.",
)
