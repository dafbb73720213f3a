"""`etrack`: one command, thin over the library. Each submodule adds the commands of one area."""

from __future__ import annotations

import sys

import click

from enforcement_tracker import __version__
from enforcement_tracker.errors import TrackerError


class TrackerGroup(click.Group):
    """Turns the library's errors into one clear line and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="etrack")
def main() -> None:
    """Enforcement Tracker: turn reporting on US immigration enforcement into a sourced ledger.

    Every number points at the words and the source that carry it.
    """


# Registration: each module decorates its commands onto `main` when imported.
from enforcement_tracker.cli import ledger  # noqa: E402,F401
from enforcement_tracker.cli import evaluate  # noqa: E402,F401
from enforcement_tracker.cli import official  # noqa: E402,F401
from enforcement_tracker.cli import web  # noqa: E402,F401
from enforcement_tracker.cli import review  # noqa: E402,F401
from enforcement_tracker.cli import fetch  # noqa: E402,F401
from enforcement_tracker.cli import spark  # noqa: E402,F401
