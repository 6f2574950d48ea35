"""What `kring privacy …` answers when there is nothing to list or the question is wrong."""

from click.testing import CliRunner

from privacy.cli import privacy as privacy_cli
from tests import factories


def test_empty_lists_say_so_instead_of_printing_nothing():
    runner = CliRunner()
    assert runner.invoke(privacy_cli, ["requests"]).output == "no open requests\n"
    assert runner.invoke(privacy_cli, ["notices"]).output == "no open notices\n"
    assert runner.invoke(privacy_cli, ["processors"]).output == "no processors\n"
    without = runner.invoke(privacy_cli, ["processors", "--without-agreement"])
    assert without.output == "every processor has a signed agreement\n"


def test_suppressed_refuses_what_is_not_an_e_mail_address():
    result = CliRunner().invoke(privacy_cli, ["suppressed", "notanemail"])
    assert result.exit_code == 2 and "not an e-mail address" in result.output
    assert "not suppressed" not in result.output


def test_erase_of_an_unknown_member_is_refused_before_asking_to_confirm():
    result = CliRunner().invoke(privacy_cli, ["erase", "999999"], input="y\n")
    assert result.exit_code == 2 and "member 999999 not found" in result.output
    assert "Erase member" not in result.output


def test_erase_of_a_known_member_still_asks_first():
    member_id = factories.member(factories.organisation())
    result = CliRunner().invoke(privacy_cli, ["erase", str(member_id)], input="n\n")
    assert "Erase member" in result.output and result.exit_code == 1


def test_a_hold_on_a_member_row_says_which_rows_can_be_held():
    member_id = factories.member(factories.organisation())
    result = CliRunner().invoke(
        privacy_cli, ["hold", "member", str(member_id), "accounting_record", "2030-12-01"]
    )
    assert result.exit_code == 2
    assert "only a row that belongs to a member can be kept back" in result.output
    assert "invoice" in result.output and "registration" in result.output
