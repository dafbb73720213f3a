"""Every `etrack` command, at any depth, explains itself: `--help` works and says what it does.

The commands are found by walking the click group, so a command added anywhere is checked
without touching this file.
"""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from enforcement_tracker import __version__
from enforcement_tracker.cli import main


def walk(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """(path of names after `etrack`, command) for the command and everything below it."""
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=" ".join(("etrack", *path)))
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                found.extend(walk(sub, (*path, name)))
    return found


COMMANDS = walk(main)
IDS = [" ".join(("etrack", *path)) for path, _ in COMMANDS]


def help_text(command: click.Command) -> str:
    return (command.help or command.short_help or "").strip()


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_exits_zero_and_shows_usage(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    # The first line of the command's own description appears on its help page (a command
    # with no description at all is reported by the next test).
    first_line = " ".join(help_text(command).split("\n", 1)[0].split())
    assert first_line[:40] in " ".join(result.output.split())


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_command_has_help_text(path, command):
    assert help_text(command), f"`{' '.join(('etrack', *path))}` has no help text (add a docstring)"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_option_has_help_text(path, command):
    missing = [
        param.opts[0]
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden and not (param.help or "").strip()
    ]
    assert not missing, f"`{' '.join(('etrack', *path))}`: options without help text: {missing}"


def test_the_cli_has_commands_beyond_the_group():
    assert len(COMMANDS) > 1, "no `etrack` subcommands are registered"


def test_version_prints_package_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
