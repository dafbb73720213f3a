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


class LedgerPath(click.Path):
    """`--db` for a command that reads: the file must exist (only ingest, import and demo create one)."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if not Path(path).exists():
            self.fail(f"no ledger at {path} (run `etrack ingest PATH --db {path}` or `etrack demo` first)",
                      param, ctx)
        return path


read_db_option = click.option(
    "--db",
    "db_path",
    type=LedgerPath(),
    envvar="ETRACK_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="The ledger file (SQLite) to read; it must exist. Also read from ETRACK_DB.",
)


def open_ledger(path: Path):
    """The ledger at path, read-only; a file that is not a ledger is one clear StoreError line."""
    import sqlite3

    from enforcement_tracker.errors import StoreError
    from enforcement_tracker.store import connect

    conn = connect(path, readonly=True)
    try:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"not a ledger ({exc})", source=str(path), hint="pass a SQLite file made by etrack") from exc
    if not {"documents", "records"} <= names:
        conn.close()
        raise StoreError("not a ledger: it has no documents or records table", source=str(path),
                         hint="pass a file made by `etrack ingest`")
    return conn


# --- dates: one type for every command ---------------------------------------------------------

_RELATIVE = {"today": 0, "yesterday": 1}

as_of_option = click.option(
    "--as-of", "as_of", metavar="DATE", default=None, is_eager=True, expose_value=True,
    help="The reference date for relative dates such as 'yesterday' or '3 days ago' (default: today's date,"
         " which is then printed).")


class DateParam(click.ParamType):
    """A date as every command reads it: 2025-01-26, 2025-01 or 2025, or a relative date ('today',
    'yesterday', 'N days ago') resolved against --as-of (or today's date, said on stderr)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import re
        from datetime import date, timedelta

        from enforcement_tracker.errors import PublishError
        from enforcement_tracker.publish.params import calendar_date

        text = str(value).strip().lower()
        ago = re.fullmatch(r"(\d{1,4}) days? ago", text)
        if text in _RELATIVE or ago:
            raw = (ctx.params.get("as_of") if ctx else None)
            try:
                reference = date.fromisoformat(raw) if raw else date.today()
            except ValueError:
                self.fail(f"--as-of {raw!r} is not a date like 2025-01-31", param, ctx)
            days = _RELATIVE[text] if text in _RELATIVE else int(ago.group(1))
            resolved = (reference - timedelta(days=days)).isoformat()
            which = f"--as-of {raw}" if raw else "today's date; pass --as-of DATE for another"
            click.echo(f"note: {value!r} read as {resolved} (relative to {which})", err=True)
            return resolved
        try:
            return calendar_date(str(value).strip(), param.name if param else "date")
        except PublishError as exc:
            self.fail(f"{value!r} is not a date: write it as 2025-01-26, 2025-01 or 2025, or 'yesterday'"
                      f" with --as-of ({exc.hint})", param, ctx)


DATE = DateParam()
POSITIVE = click.IntRange(min=1)


def place_filter(place: str | None, state: str | None):
    """A RecordFilter for the CLI's --place/--state, read exactly as the web reads them ("Chicago, IL")."""
    from enforcement_tracker.errors import PublishError
    from enforcement_tracker.publish.filters import RecordFilter

    import re

    if place and not state and re.fullmatch(r"[A-Za-z]{2}", place.strip()):
        place, state = None, place.strip()  # `--place CO`: a state code, as before
    try:
        return RecordFilter.from_args({"place": place, "state": state})
    except PublishError as exc:
        raise click.BadParameter(f"{exc.message} ({exc.hint})" if exc.hint else exc.message,
                                 param_hint=f"--{exc.source}")


class ReviewStates(click.ParamType):
    """Review states as `--review` reads them, the web's `?review=` values: "reviewed,verified".
    Given back in the ledger's order of states, comma-separated, as RecordFilter holds them."""

    name = "states"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from enforcement_tracker.errors import TrackerError
        from enforcement_tracker.store.review import STATES, parse_states

        try:
            picked = parse_states(str(value), param.name if param else "review")
        except TrackerError as exc:
            self.fail(f"{exc.message} ({exc.hint})" if exc.hint else exc.message, param, ctx)
        return ",".join(s for s in STATES if s in picked) or None


review_option = click.option(
    "--review", "review", type=ReviewStates(), metavar="STATES", default=None,
    help="Only records in these review states, comma-separated: machine, reviewed, verified, rejected"
         " (e.g. reviewed,verified: what a person checked).")
