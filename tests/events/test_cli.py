from click.testing import CliRunner

from assembly.cli import main
from events import registration
from events.tables import ExportLog
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event


def test_attendees_command_writes_shareable_and_full_lists(tmp_path):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    shown = factories.member(factories.organisation(), last_name="Zichtbaar")
    hidden = factories.member(factories.organisation(), last_name="Verborgen")
    run(registration.register(event_id, member_id=shown))
    run(registration.register(event_id, member_id=hidden, hide_from_list=True))
    runner = CliRunner()
    result = runner.invoke(main, ["events", "attendees", str(event_id)])
    assert result.exit_code == 0, result.output
    assert "Zichtbaar" in result.output and "Verborgen" not in result.output
    target = tmp_path / "list.xlsx"
    result = runner.invoke(
        main, ["events", "attendees", str(event_id), "--format", "xlsx", "--output", str(target)]
    )
    assert result.exit_code == 0 and target.read_bytes().startswith(b"PK")
    result = runner.invoke(main, ["events", "attendees", str(event_id), "--output", "-"])
    assert result.exit_code == 0 and "Zichtbaar" in result.output  # '-' is standard output
    result = runner.invoke(main, ["events", "attendees", str(event_id), "--full"])
    assert result.exit_code != 0 and "--as" in result.output
    result = runner.invoke(
        main,
        [
            "events",
            "attendees",
            str(event_id),
            "--full",
            "--as",
            organiser.email,
            "--language",
            "en",
        ],
    )
    assert result.exit_code == 0 and "CONFIDENTIAL" in result.output
    assert "Verborgen" in result.output
    assert run(ExportLog.count()) == 1
    stranger = factories.account(Role.organiser)
    result = runner.invoke(
        main, ["events", "attendees", str(event_id), "--full", "--as", stranger.email]
    )
    assert result.exit_code == 2 and "organisers" in result.output
    result = runner.invoke(main, ["events", "attendees", "424242"])
    assert result.exit_code == 2 and "no event" in result.output
    result = runner.invoke(main, ["events", "attendees", str(event_id), "--format", "doc"])
    assert result.exit_code == 2
