"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import click

from enforcement_tracker.kinds import registry
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


class KindChoice(click.Choice):
    """A claim kind, as `--kind`: the choices are read from the registry each time click asks for
    them (help, validation, completion), so a kind registered after import is a choice too.
    `which` names the kinds offered, e.g. `registry.checked_names` for `etrack check`."""

    def __init__(self, which: Callable[[], Iterable[str]] = registry.kind_names) -> None:
        self._which = which
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(self._which())

    @choices.setter
    def choices(self, _value: Any) -> None:
        # click.Choice.__init__ stores the choices it was given; the registry is the list here.
        pass
