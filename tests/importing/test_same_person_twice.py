"""Two rows of one file for the same person: the second is skipped naming the first by its row
number, as the report counts rows, in a dry run and in a real one alike. A real run used to
fill the member it had just made from the second row, where the dry run said "the same
person as an earlier row" without saying which."""

from __future__ import annotations

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.importing.helpers import csv_bytes

FILE = csv_bytes(
    "Voornaam;Naam;E-mail;GSM;Functie",
    "An;Peeters;an@peeters.be;;",
    "Bram;Claes;bram@claes.be;;",
    "An;Peeters;an@peeters.be;0475 12 34 56;Zaakvoerder",
)


def _import(client, login, data: bytes, dry_run: bool) -> dict:
    answer = client.post(
        "/api/import/members",
        files={"file": ("leden.csv", data)},
        data={"dry_run": "true" if dry_run else "false"},
        headers=login.headers,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def _row(report: dict, number: int) -> dict:
    return next(row for row in report["rows"] if row["row"] == number)


def _said(row: dict) -> tuple[str, list[tuple[str, str]]]:
    return row["outcome"], [(p["field"], p["message"]) for p in row["reasons"]]


def test_the_second_row_names_the_first_in_the_dry_run_and_the_real_run(client):
    organiser = factories.account(Role.organiser)
    dry = _import(client, organiser, FILE, dry_run=True)
    real = _import(client, organiser, FILE, dry_run=False)
    expected = ("skipped", [("email", "the same person as row 2 of this file")])
    assert _said(_row(dry, 4)) == expected
    assert _said(_row(real, 4)) == expected
    assert (
        dry["counts"]
        == real["counts"]
        == {
            "created": 2,
            "updated": 0,
            "skipped": 1,
            "rejected": 0,
        }
    )
    an = run(Member.select().where(Member.email == "an@peeters.be"))
    assert len(an) == 1 and an[0]["phone"] == "" and an[0]["job_title"] == ""


def test_a_stored_member_reached_by_two_rows_is_filled_by_the_first_only(client):
    organiser = factories.account(Role.organiser)
    factories.member(
        factories.organisation(),
        first_name="An",
        last_name="Peeters",
        email="an@peeters.be",
        phone="",
        job_title="",
    )
    dry = _import(client, organiser, FILE, dry_run=True)
    real = _import(client, organiser, FILE, dry_run=False)
    for report in (dry, real):
        assert _row(report, 2)["outcome"] == "skipped"  # nothing new in the first row
        assert _said(_row(report, 4)) == (
            "skipped",
            [("email", "the same person as row 2 of this file")],
        )
    assert dry["counts"] == real["counts"]
    stored = run(Member.select().where(Member.email == "an@peeters.be").first())
    assert stored["phone"] == "" and stored["job_title"] == ""


def test_the_import_page_names_the_earlier_row_in_dutch(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("leden.csv", FILE)},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 200, answer.text
    assert "E-mailadres: dezelfde persoon als rij 2 van dit bestand" in answer.text
