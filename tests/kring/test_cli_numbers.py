"""Numbers on the command line have one spelling, as in a path or a form: digits 0-9, no
leading zero, sign, point or exponent; fractions are finite. click's own `int`/`IntRange`
read with Python's `int()`, which took `٣` (Arabic-Indic 3) for 3: `kring import merge ٣ ٤`
merged member 4 into 3."""

import click
import pytest
from click.testing import CliRunner

from assembly.cli import main
from kring.commands import Decimal, WholeNumber
from kring.tables import Account, Member
from tests import factories
from tests.cli import kring
from tests.conftest import run

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _parameters(command: click.Command, path: str = "kring"):
    for parameter in command.params:
        yield f"{path} {parameter.name}", parameter
    if isinstance(command, click.Group):
        context = click.Context(command)  # the apps' commands load when asked for (assembly.cli)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from _parameters(sub, f"{path} {name}")


def test_every_number_parameter_of_every_command_reads_digits_0_9_only():
    loose = [
        where
        for where, parameter in _parameters(main)
        if (
            isinstance(parameter.type, click.types.IntParamType)
            and not isinstance(parameter.type, WholeNumber)
        )
        or (
            isinstance(parameter.type, click.types.FloatParamType)
            and not isinstance(parameter.type, Decimal)
        )
    ]
    numbers = [w for w, p in _parameters(main) if isinstance(p.type, WholeNumber | Decimal)]
    assert loose == [] and len(numbers) >= 15


def _refused(result) -> None:
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and "digits 0-9" in errors[0], result.output


def test_merge_with_ids_in_other_digits_is_refused_and_merges_nothing():
    org = factories.organisation()
    survivor = factories.member(org, first_name="Jan", last_name="Janssens")
    loser = factories.member(org, first_name="Jan", last_name="Jansens")
    for spell in (
        lambda n: str(n).translate(ARABIC_INDIC),
        lambda n: str(n).translate(FULL_WIDTH),
        lambda n: f"+{n}",
        lambda n: f"0{n}",
        lambda n: f"{n}e0",
        lambda n: f"{n}.0",
        lambda n: f"{n}_0",
        lambda n: f" {n}",
    ):
        result = kring("import", "merge", spell(survivor), spell(loser), "--take", "phone")
        assert result.returncode == 2 and result.stdout == "", result
        errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
        assert len(errors) == 1 and "digits 0-9" in errors[0], result.stderr
    assert run(Member.count().where(Member.id.is_in([survivor, loser]))) == 2


@pytest.mark.parametrize(
    "args",
    [
        ["events", "attendees", "٣"],
        ["events", "attendees", "３"],
        ["privacy", "access", "٣"],
        ["privacy", "erase", "٢"],
        ["privacy", "lift", "+3"],
        ["privacy", "notices", "--done", "03"],
        ["import", "duplicates", "--limit", "٣"],
        ["import", "members", "nofile.csv", "--show", "1e3"],
        ["mailings", "send", "３"],
        ["createuser", "a@kring-test.be", "--member-id", "٣", "--password", "a-long-password"],
        ["serve", "--workers", "٠"],  # 0, below the range too: never serves
        ["demo", "--seed", "-1"],
    ],
)
def test_a_number_in_other_digits_is_one_error_line_and_exit_code_2(args):
    member = factories.member(factories.organisation())
    result = CliRunner().invoke(main, args, input="y\n")
    _refused(result)
    assert "Erase member" not in result.output and "{" not in result.output
    assert run(Member.exists().where(Member.id == member))


def test_a_number_in_digits_0_9_is_still_read():
    member = factories.member(factories.organisation())
    result = CliRunner().invoke(main, ["privacy", "access", str(member)])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(main, ["import", "duplicates", "--limit", "3"]).exit_code == 0
    assert CliRunner().invoke(main, ["privacy", "access", "0"]).exit_code == 2  # below range


@pytest.mark.parametrize("score", ["nan", "NaN", "inf", "-inf", "Infinity", "٠.٥", "1e-1", "-0.5"])
def test_a_score_that_is_no_finite_number_in_digits_is_refused(score):
    result = CliRunner().invoke(main, ["import", "duplicates", "--min-score", score])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and "--min-score" in errors[0], result.output


def test_scores_and_intervals_in_digits_are_read():
    for score in ("0", "0.5", ".5", "1"):
        result = CliRunner().invoke(main, ["import", "duplicates", "--min-score", score])
        assert result.exit_code == 0, (score, result.output)
    assert CliRunner().invoke(main, ["import", "duplicates", "--min-score", "2"]).exit_code == 2
    assert CliRunner().invoke(main, ["worker", "--interval", "nan"]).exit_code == 2


@pytest.mark.parametrize("password", ["abcdefghij\x07", "abcdefghij\u202e", "abc\x00defghijk"])
def test_createuser_refuses_a_password_no_login_would_accept(password):
    """Login and the password pages refuse control characters (a 400): an account made with
    one could never log in."""
    result = CliRunner().invoke(
        main, ["createuser", "x@kring-test.be", "--role", "organiser", "--password", password]
    )
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and "control character" in errors[0], result.output
    assert "--password" in errors[0] and "Created" not in result.output
    assert not run(Account.exists().where(Account.email == "x@kring-test.be"))


def test_a_number_too_long_to_be_any_number_here_is_out_of_range():
    long = CliRunner().invoke(main, ["privacy", "access", "9" * 5000])
    assert long.exit_code == 2 and "out of range" in long.output and "9" * 30 not in long.output
    huge = CliRunner().invoke(main, ["worker", "--interval", "9" * 400])
    assert huge.exit_code == 2 and "out of range" in huge.output
