"""A wrong argument or option is one line on stderr, `error: ` and what is wrong, as every other
refusal of `kring` is. click printed `Usage: …` and `Try … --help` first, so an organiser who
read the first line read no reason (found by an outside probe of the CLI)."""

import click
import pytest
from click.testing import CliRunner

from assembly.cli import main
from tests.cli import kring


def _commands(command: click.Command, path: tuple[str, ...] = ()):
    """Every command a person can run, with the path that runs it."""
    if isinstance(command, click.Group):
        context = click.Context(command)  # the apps' commands load when asked for (assembly.cli)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from _commands(sub, (*path, name))
    else:
        yield path, command


COMMANDS = list(_commands(main))


def _one_error_line(stderr: str, *said: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "Usage:" not in stderr and "Try " not in stderr
    for words in said:
        assert words in lines[0], stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "said", "command"),
    [
        (("events", "attendees", "x"), ("'EVENT_ID'", "not a whole number"), "events attendees"),
        (("events", "attendees"), ("missing argument 'EVENT_ID'",), "events attendees"),
        (("createuser", "a@kring-test.be", "--role", "boss"), ("'--role'", "'boss'"), "createuser"),
        (
            ("import", "export", "members", "--bogus"),
            ("no such option '--bogus'",),
            "import export",
        ),
        (
            ("privacy", "hold", "member", "1", "x", "2030-01-01"),
            ("'REASON'", "'x'"),
            "privacy hold",
        ),
        (("nosuch",), ("no such command 'nosuch'",), ""),
    ],
)
def test_a_usage_error_is_one_line_on_stderr_naming_what_is_wrong(args, said, command):
    result = kring(*args)
    assert result.returncode == 2 and result.stdout == "", result
    line = _one_error_line(result.stderr, *said)
    assert line.endswith(f"see `{f'kring {command}'.strip()} --help`"), line


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_says_an_unknown_option_in_one_line(path, command):
    result = CliRunner().invoke(main, [*path, "--no-such-option"], prog_name="kring")
    assert result.exit_code == 2 and result.stdout == "", result.output
    line = _one_error_line(result.stderr, "no such option '--no-such-option'")
    assert line.endswith(f"see `kring {' '.join(path)} --help`"), line


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_names_a_missing_argument_in_one_line(path, command):
    required = [p for p in command.params if isinstance(p, click.Argument) and p.required]
    if not required:
        pytest.skip("takes no argument it needs")
    result = CliRunner().invoke(main, list(path), prog_name="kring")
    assert result.exit_code == 2 and result.stdout == "", result.output
    _one_error_line(result.stderr, f"missing argument '{required[0].human_readable_name}'")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_still_shows_how_to_use_every_command(path, command):
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="kring")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: kring"), result.output


def test_a_group_without_a_command_still_shows_its_help():
    result = kring("events")
    assert result.returncode == 2 and "attendees" in result.stdout + result.stderr
