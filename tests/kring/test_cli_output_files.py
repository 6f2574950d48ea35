"""A command that writes a file never writes one format under another's name."""

from click.testing import CliRunner

from assembly.cli import main
from kring.choices import Role
from tests import factories
from tests.events.helpers import event


def test_attendees_refuses_csv_into_a_file_named_xlsx(tmp_path):
    event_id = event(factories.account(Role.organiser))
    target = tmp_path / "att.xlsx"
    args = ["events", "attendees", str(event_id), "--format", "csv", "--output", str(target)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "give --format xlsx" in result.output
    assert not target.exists()


def test_attendees_takes_the_format_from_the_file_name(tmp_path):
    event_id = event(factories.account(Role.organiser))
    target = tmp_path / "att.xlsx"
    args = ["events", "attendees", str(event_id), "--output", str(target)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert target.read_bytes().startswith(b"PK")


def test_export_takes_the_format_from_the_file_name_and_refuses_one_it_cannot_write(tmp_path):
    factories.member(factories.organisation())
    target = tmp_path / "leden.xlsx"
    written = CliRunner().invoke(main, ["import", "export", "members", "-o", str(target)])
    assert written.exit_code == 0
    assert target.read_bytes().startswith(b"PK")
    pdf = tmp_path / "leden.pdf"
    refused = CliRunner().invoke(main, ["import", "export", "members", "-o", str(pdf)])
    assert refused.exit_code == 2 and "name the file .csv or .xlsx" in refused.output
    assert not pdf.exists()
