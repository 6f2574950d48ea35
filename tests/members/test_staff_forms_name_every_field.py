"""The organisers' member and organisation forms name every field at fault at once, each message
beside its field and all of them in the summary, and store nothing: they named only the first
(`members.profiles.clean_member`, `members.organisations.clean_organisation` collect them with
`kring.validation.Checks`). The import, which cleans one cell at a time, still reports each."""

from __future__ import annotations

from datetime import timedelta

import httpx

from kring.choices import Role
from kring.clock import home_today
from kring.tables import Interaction, Member, Organisation
from tests import factories
from tests.conftest import run
from tests.kring.test_form_errors_at_once import errors_beside_fields, summary_items

HTML = {"accept": "text/html"}


def _tomorrow() -> str:
    """Tomorrow in the network's zone, when the test runs: taken when the module was read, a
    run that crossed midnight sent today's date as "tomorrow" and it was rightly accepted."""
    return (home_today() + timedelta(days=1)).isoformat()


def _post(client, path: str, data: dict) -> httpx.Response:
    return client.post(
        path,
        data={**data, "_csrf_token": factories.csrf_token(client)},
        headers=HTML,
        follow_redirects=False,
    )


def _member_form(**fields: str) -> dict[str, str]:
    return {
        "first_name": "Lotte",
        "last_name": "Vermeersch",
        "job_title": "",
        "email": "",
        "phone": "",
        "address": "",
        "organisation": "",
        "met_via": "unknown",
        "joined_at": "",
        "status": "active",
        "language": "nl",
        **fields,
    }


def test_a_new_member_form_names_every_bad_field_at_once(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    answer = _post(
        client,
        "/members/new",
        _member_form(
            first_name="",
            email="geen-adres",
            phone="abc",
            organisation="drie",
            joined_at="gisteren",
            met_via="duif",
        ),
    )
    assert answer.status_code == 400
    beside = errors_beside_fields(answer.text)
    assert set(beside) == {
        "first_name",
        "email",
        "phone",
        "organisation",
        "joined_at",
        "met_via",
    }, beside
    assert len(summary_items(answer.text)) == 6
    assert 'value="Vermeersch"' in answer.text and 'value="geen-adres"' in answer.text
    assert run(Member.count().where(Member.last_name == "Vermeersch")) == 0


def test_a_changed_member_form_names_every_bad_field_and_changes_nothing(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    member_id = factories.member(first_name="Lotte", last_name="Vermeersch", job_title="Coach")
    answer = _post(
        client,
        f"/members/{member_id}/edit",
        _member_form(job_title="Trainer", phone="12", joined_at=_tomorrow(), organisation="999999"),
    )
    assert answer.status_code == 400
    assert set(errors_beside_fields(answer.text)) == {"phone", "joined_at", "organisation"}
    row = run(Member.select(Member.job_title).where(Member.id == member_id).first())
    assert row["job_title"] == "Coach"


def test_an_address_another_member_uses_is_named_with_the_other_bad_fields(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    factories.member(email="bezet@kring-test.be")
    answer = _post(client, "/members/new", _member_form(email="bezet@kring-test.be", phone="12"))
    assert answer.status_code == 400
    beside = errors_beside_fields(answer.text)
    assert set(beside) == {"email", "phone"}, beside
    assert "bezet@kring-test.be" in beside["email"]


def test_an_address_another_member_uses_alone_is_still_a_conflict(client):
    organiser = factories.account(Role.organiser)
    factories.member(email="alleen@kring-test.be")
    answer = client.post(
        "/api/members",
        json={"first_name": "Lotte", "last_name": "Vermeersch", "email": "alleen@kring-test.be"},
        headers=organiser.headers,
    )
    assert answer.status_code == 409
    assert [e["field"] for e in answer.json()["errors"]] == ["email"]


def test_a_new_organisation_form_names_every_bad_field_at_once(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    answer = _post(
        client,
        "/organisations/new",
        {
            "name": "",
            "kind": "vereniging-zonder-soort",
            "enterprise_number": "0123.456.789",
            "website": "ftp://bestanden.example",
            "address": "Markt 1",
            "email_domains": "goed.example geen_domein",
        },
    )
    assert answer.status_code == 400
    beside = errors_beside_fields(answer.text)
    assert set(beside) == {"name", "kind", "enterprise_number", "website", "email_domains"}
    assert "geen_domein" in beside["email_domains"]
    assert len(summary_items(answer.text)) == 5
    assert 'value="Markt 1"' not in answer.text  # a textarea keeps it as its text
    assert ">Markt 1</textarea>" in answer.text


def test_a_changed_organisation_form_names_every_bad_field_and_changes_nothing(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    taken = factories.organisation("Bezet NV", domain="bezet.example")
    organisation_id = factories.organisation("Vrij NV")
    assert taken != organisation_id
    answer = _post(
        client,
        f"/organisations/{organisation_id}/edit",
        {
            "name": "Nieuwe naam",
            "kind": "company",
            "enterprise_number": "123",
            "website": "",
            "address": "",
            "email_domains": "bezet.example",
        },
    )
    assert answer.status_code == 400
    assert set(errors_beside_fields(answer.text)) == {"enterprise_number", "email_domains"}
    row = run(Organisation.select(Organisation.name).where(Organisation.id == organisation_id))
    assert row[0]["name"] == "Vrij NV"


def test_the_api_lists_every_refused_field_of_a_member(client):
    organiser = factories.account(Role.organiser)
    member_id = factories.member()
    answer = client.patch(
        f"/api/members/{member_id}",
        json={"phone": "12", "joined_at": _tomorrow(), "first_name": "   "},
        headers=organiser.headers,
    )
    assert answer.status_code == 400
    assert sorted(e["field"] for e in answer.json()["errors"]) == [
        "first_name",
        "joined_at",
        "phone",
    ]


def test_piccolo_admin_names_every_refused_field_of_a_member(client):
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    headers = {"X-CSRFToken": client.cookies.get("csrftoken", ""), "accept": "application/json"}
    member_id = factories.member(job_title="Coach")
    answer = client.patch(
        f"/admin/api/tables/member/{member_id}/",
        json={"phone": "12", "email": "geen-adres", "job_title": "Trainer"},
        headers=headers,
    )
    assert answer.status_code == 400, answer.text
    detail = answer.json()["detail"]
    assert sorted(part.split(":")[0] for part in detail.split("; ")) == ["email", "phone"], detail
    row = run(Member.select(Member.job_title).where(Member.id == member_id).first())
    assert row["job_title"] == "Coach"


def test_the_contact_form_names_every_bad_field_at_once(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    member_id = factories.member()
    answer = _post(
        client,
        f"/members/{member_id}/interactions",
        {"kind": "telepathie", "occurred_on": _tomorrow(), "note": "x" * 501},
    )
    assert answer.status_code == 400
    beside = errors_beside_fields(answer.text)
    assert set(beside) == {"kind", "occurred_on", "note"}, beside
    assert run(Interaction.count().where(Interaction.member == member_id)) == 0


def test_a_day_is_in_the_future_by_the_networks_calendar(client):
    """Days people type are checked against today in Brussels (kring.clock.home_today): by
    UTC's date, between midnight and one or two o'clock in Brussels, a member who joined today
    or a call held this morning was refused as "in the future"."""
    factories.log_in(client, factories.account(Role.organiser).email)
    member_id = factories.member(first_name="Lotte", last_name="Vermeersch")
    today = home_today().isoformat()
    answer = _post(client, f"/members/{member_id}/edit", _member_form(joined_at=today))
    assert answer.status_code == 303, errors_beside_fields(answer.text)
    row = run(Member.select(Member.joined_at).where(Member.id == member_id).first())
    assert row["joined_at"].isoformat() == today
