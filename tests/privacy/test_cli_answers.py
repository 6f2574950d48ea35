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


def test_requests_shows_the_deadline_that_holds_and_marks_overdue_ones():
    """The desk and the API show an extended deadline and "overdue"; the command printed the
    first deadline, sorted by it, and marked nothing late."""
    from datetime import timedelta

    from kring.clock import today, utc_now
    from privacy.requests import Kind, RequestChannel, record_request
    from privacy.tables import AccessRequest, ErasureRequest
    from tests.conftest import run

    day = today()
    extended, soon = (
        run(record_request(Kind.access, factories.member(factories.organisation()), c, None))
        for c in (RequestChannel.phone, RequestChannel.phone)
    )
    late = run(
        record_request(
            Kind.erasure, factories.member(factories.organisation()), RequestChannel.phone, None
        )
    )
    run(
        AccessRequest.update(
            {
                AccessRequest.due_on: day + timedelta(days=5),
                AccessRequest.extended_until: day + timedelta(days=60),
                # Extended as the desk extends: the person was mailed why.
                AccessRequest.extension_notified_at: utc_now(),
            }
        ).where(AccessRequest.id == extended)
    )
    run(
        AccessRequest.update({AccessRequest.due_on: day + timedelta(days=20)}).where(
            AccessRequest.id == soon
        )
    )
    run(
        ErasureRequest.update({ErasureRequest.due_on: day - timedelta(days=1)}).where(
            ErasureRequest.id == late
        )
    )
    result = CliRunner().invoke(privacy_cli, ["requests"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split("#")[1].split()[0] for line in lines] == [
        str(late),
        str(soon),
        str(extended),
    ]
    assert lines[0].startswith(f"{day - timedelta(days=1)} ") and lines[0].endswith("OVERDUE")
    assert lines[1].startswith(f"{day + timedelta(days=20)} ") and "OVERDUE" not in lines[1]
    assert lines[2].startswith(f"{day + timedelta(days=60)} (extended) access")
    assert str(day + timedelta(days=5)) not in result.output and "OVERDUE" not in lines[2]


def test_requests_lists_what_waits_for_a_code_or_an_approval_as_the_desk_does():
    """The command listed only `open` requests; the desk also shows those waiting for the
    person's code and for a second officer's approval."""
    from privacy.requests import Kind, RequestChannel, record_request
    from privacy.tables import AccessRequest, ErasureRequest
    from tests.conftest import run

    coded, approving = (
        run(
            record_request(
                k, factories.member(factories.organisation()), RequestChannel.phone, None
            )
        )
        for k in (Kind.access, Kind.erasure)
    )
    run(AccessRequest.update({AccessRequest.status: "unverified"}).where(AccessRequest.id == coded))
    run(
        ErasureRequest.update({ErasureRequest.status: "approval"}).where(
            ErasureRequest.id == approving
        )
    )
    lines = CliRunner().invoke(privacy_cli, ["requests"]).output.splitlines()
    (access,) = [line for line in lines if f"access   #{coded} " in line]
    (erasure,) = [line for line in lines if f"erasure  #{approving} " in line]
    assert access.endswith("(waits for the person's code)")
    assert erasure.endswith("(waits for a second officer's approval)")
