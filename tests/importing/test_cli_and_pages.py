from click.testing import CliRunner

from assembly.cli import main
from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.importing.helpers import DATA


def test_cli_imports_reports_and_is_idempotent():
    runner = CliRunner()
    path = str(DATA / "crm_export_cp1252.csv")
    first = runner.invoke(main, ["import", "members", path, "--map", "Opmerkingen="])
    assert first.exit_code == 0, first.output
    assert "5 created, 0 updated, 1 skipped, 2 rejected" in first.output
    assert "rejected row 9: email:" in first.output
    again = runner.invoke(main, ["import", "members", path])
    assert "0 created, 0 updated, 6 skipped, 2 rejected" in again.output
    assert run(Member.count()) == 5


def test_cli_refuses_an_unknown_column_in_map():
    result = CliRunner().invoke(
        main, ["import", "members", str(DATA / "leden.xlsx"), "--map", "Fax=phone"]
    )
    assert result.exit_code == 2 and "map: the file has no column 'Fax'" in result.output


def test_cli_duplicates_and_merge():
    org = factories.organisation()
    first = factories.member(org, first_name="Jan", last_name="Janssens")
    second = factories.member(org, first_name="JANSSENS", last_name="Jan")
    listed = CliRunner().invoke(main, ["import", "duplicates"])
    assert f"member {first} ~ {second}" in listed.output
    merged = CliRunner().invoke(main, ["import", "merge", str(first), str(second)])
    assert merged.exit_code == 0, merged.output
    assert run(Member.count()) == 1


def test_import_page_is_for_organisers_only(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    assert client.get("/import").status_code == 403


def test_import_page_answers_400_naming_a_bad_file(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("leden.xlsx", b"PK\x03\x04broken")},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 400
    assert "file: not a readable Excel workbook" in answer.text
