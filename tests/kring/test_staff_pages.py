"""Organisers keep members and organisations in pages, note contacts, and read a member's whole
record (the sections every app declares); members delete their own records unless another
member's history refers to them. Through the real app and database, over HTTP."""

from __future__ import annotations

import re
from datetime import date, timedelta

from events import registration
from introductions.tables import Introduction, IntroductionState
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Challenge, Expertise, Interaction, Member, Organisation
from tests import factories
from tests.conftest import run
from tests.events.helpers import event

HTML = {"accept": "text/html"}


def _signed_in(client, role: Role) -> factories.Login:
    login = factories.account(role)
    assert factories.log_in(client, login.email).status_code == 303
    return login


def _post(client, path: str, data: dict) -> object:
    return client.post(
        path,
        data={**data, "_csrf_token": factories.csrf_token(client)},
        headers=HTML,
        follow_redirects=False,
    )


def test_organiser_adds_and_changes_an_organisation_in_pages(client):
    _signed_in(client, Role.organiser)
    assert 'href="/organisations/new"' in client.get("/organisations", headers=HTML).text
    answer = _post(
        client,
        "/organisations/new",
        {
            "name": "Kwaliteit & Co",
            "kind": "company",
            "enterprise_number": "BE 0403 170 701",
            "website": "",
            "address": "Markt 1, Gent",
            "email_domains": "kwaliteit.example",
        },
    )
    assert answer.status_code == 303, answer.text
    organisation_id = int(answer.headers["location"].rsplit("/", 1)[-1])
    row = run(Organisation.select().where(Organisation.id == organisation_id).first())
    assert row["enterprise_number"] == "0403.170.701"

    page = client.get(f"/organisations/{organisation_id}", headers=HTML).text
    assert f'href="/organisations/{organisation_id}/edit"' in page
    assert "kwaliteit.example" in page
    form = client.get(f"/organisations/{organisation_id}/edit", headers=HTML).text
    assert 'value="Kwaliteit &amp; Co"' in form
    answer = _post(
        client,
        f"/organisations/{organisation_id}/edit",
        {
            "name": "Kwaliteit en Co",
            "kind": "consultancy",
            "enterprise_number": "0403170701",
            "website": "kwaliteit.example",
            "address": "",
            "email_domains": "",
        },
    )
    assert answer.status_code == 303
    row = run(Organisation.select().where(Organisation.id == organisation_id).first())
    assert (row["name"], row["kind"]) == ("Kwaliteit en Co", "consultancy")


def test_a_wrong_enterprise_number_is_named_and_the_form_keeps_what_was_typed(client):
    _signed_in(client, Role.organiser)
    answer = _post(
        client,
        "/organisations/new",
        {"name": "Typfout NV", "kind": "company", "enterprise_number": "0123.456.789"},
    )
    assert answer.status_code == 400
    assert 'value="Typfout NV"' in answer.text
    assert 'value="0123.456.789"' in answer.text
    assert run(Organisation.count().where(Organisation.name == "Typfout NV")) == 0


def test_organiser_adds_a_member_changes_them_and_notes_a_call(client):
    _signed_in(client, Role.organiser)
    organisation_id = factories.organisation("Stad Gent")
    assert 'href="/members/new"' in client.get("/members", headers=HTML).text
    form = client.get("/members/new", headers=HTML).text
    assert f'<option value="{organisation_id}"' in form
    answer = _post(
        client,
        "/members/new",
        {
            "first_name": "Hélène",
            "last_name": "Dubois",
            "job_title": "Kwaliteitscoördinator",
            "email": "helene.dubois@Gent.Example",
            "phone": "09 210 10 10",
            "address": "",
            "organisation": str(organisation_id),
            "met_via": "event",
            "joined_at": "2019-05-01",
            "status": "active",
            "language": "nl",
        },
    )
    assert answer.status_code == 303, answer.text
    member_id = int(answer.headers["location"].rsplit("/", 1)[-1])
    row = run(Member.select().where(Member.id == member_id).first())
    assert row["email"] == "helene.dubois@gent.example"
    assert row["organisation"] == organisation_id and row["joined_at"] == date(2019, 5, 1)

    page = client.get(f"/members/{member_id}", headers=HTML).text
    assert f'href="/members/{member_id}/edit"' in page
    edit = client.get(f"/members/{member_id}/edit", headers=HTML).text
    assert 'value="Hélène"' in edit and 'value="01-05-2019"' in edit
    answer = _post(
        client,
        f"/members/{member_id}/edit",
        {
            "first_name": "Hélène",
            "last_name": "Dubois",
            "job_title": "Directeur kwaliteit",
            "email": "helene.dubois@gent.example",
            "phone": "",
            "address": "",
            "organisation": "",
            "met_via": "event",
            "joined_at": "2019-05-01",
            "status": "paused",
            "language": "en",
        },
    )
    assert answer.status_code == 303, answer.text
    row = run(Member.select().where(Member.id == member_id).first())
    assert (row["job_title"], row["organisation"], row["status"], row["language"]) == (
        "Directeur kwaliteit",
        None,
        "paused",
        "en",
    )

    answer = _post(
        client,
        f"/members/{member_id}/interactions",
        {"kind": "call", "occurred_on": date.today().isoformat(), "note": "Vraag over ISO 9001"},
    )
    assert answer.status_code == 303
    assert "Vraag over ISO 9001" in client.get(f"/members/{member_id}", headers=HTML).text

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    answer = _post(
        client,
        f"/members/{member_id}/interactions",
        {"kind": "call", "occurred_on": tomorrow, "note": "Nog niet gebeurd"},
    )
    assert answer.status_code == 400
    answer = _post(
        client,
        f"/members/{member_id}/interactions",
        {"kind": "telepathy", "occurred_on": date.today().isoformat(), "note": ""},
    )
    assert answer.status_code == 400
    assert run(Interaction.count().where(Interaction.member == member_id)) == 1


def test_a_member_form_with_a_bad_value_answers_400_and_stores_nothing(client):
    _signed_in(client, Role.organiser)
    for bad in (
        {"email": "not-an-address"},
        {"joined_at": "gisteren"},
        {"organisation": "999999"},
        {"met_via": "pigeon"},
        {"first_name": ""},
    ):
        data = {
            "first_name": "Kevin",
            "last_name": "Peeters",
            "status": "active",
            "met_via": "unknown",
            "language": "nl",
            **bad,
        }
        answer = _post(client, "/members/new", data)
        assert answer.status_code == 400, (bad, answer.status_code)
        assert 'value="Peeters"' in answer.text
    assert run(Member.count().where(Member.last_name == "Peeters")) == 0


def test_the_crm_page_shows_what_every_app_knows_of_the_member(client):
    organiser = _signed_in(client, Role.organiser)
    member_id = factories.member(factories.organisation(), first_name="Jens")
    other = factories.member(factories.organisation(), first_name="Lotte", last_name="Claes")
    event_id = event(organiser, title="Lean-café Gent")
    run(registration.register(event_id, member_id=member_id))
    challenge = Challenge(member=member_id, title="Audits voorbereiden", tags=["audit"])
    run(challenge.save())
    run(Expertise(member=member_id, title="FMEA in de zorg", tags=["fmea"]).save())
    now = utc_now()
    run(
        Introduction(
            challenge=challenge.id,
            expert=other,
            requester=member_id,
            state=IntroductionState.accepted,
            created_at=now,
            requested_at=now,
        ).save()
    )
    run(Member.update({Member.opt_out_listing: True}).where(Member.id == member_id))

    page = client.get(f"/members/{member_id}", headers=HTML).text
    for section in (
        "interactions",
        "event-history",
        "member-records",
        "member-introductions",
        "member-privacy",
    ):
        assert f'id="{section}"' in page, section
    assert "Lean-café Gent" in page and "Audits voorbereiden" in page
    assert "FMEA in de zorg" in page and "Lotte Claes" in page
    privacy = page[page.index('id="member-privacy"') :]
    listed = re.search(r"Op deelnemerslijsten</dt><dd>(\w+)</dd>", privacy)
    assert listed and listed.group(1) == "nee"


def test_peers_and_privacy_officers_get_no_crm_and_cannot_write(client):
    member_id = factories.member(factories.organisation())
    _signed_in(client, Role.member)
    page = client.get(f"/members/{member_id}", headers=HTML)
    assert 'id="interactions"' not in page.text and 'id="member-privacy"' not in page.text
    assert "/edit" not in page.text
    for path in (f"/members/{member_id}/edit", "/members/new", "/organisations/new"):
        assert client.get(path, headers=HTML).status_code == 403, path
    answer = _post(
        client,
        f"/members/{member_id}/interactions",
        {"kind": "call", "occurred_on": date.today().isoformat()},
    )
    assert answer.status_code == 403
    assert _post(client, "/members/new", {"first_name": "X", "last_name": "Y"}).status_code == 403

    client.cookies.clear()
    _signed_in(client, Role.privacy_officer)
    page = client.get(f"/members/{member_id}", headers=HTML).text
    assert 'id="member-privacy"' in page and 'id="interactions"' not in page


def test_a_member_deletes_records_unless_someone_was_asked_about_them(client):
    owner = _signed_in(client, Role.member)
    expert = factories.member(factories.organisation())
    expertise = Expertise(member=owner.member_id, title="Procesmapping", tags=[])
    asked = Challenge(member=owner.member_id, title="Klachten opvolgen", tags=[])
    proposed = Challenge(member=owner.member_id, title="KPI's kiezen", tags=[])
    for row in (expertise, asked, proposed):
        run(row.save())
    now = utc_now()
    for challenge, state in (
        (asked, IntroductionState.requested),
        (proposed, IntroductionState.proposed),
    ):
        run(
            Introduction(
                challenge=challenge.id,
                expert=expert,
                requester=owner.member_id,
                state=state,
                created_at=now,
            ).save()
        )

    page = client.get("/my/challenges", headers=HTML).text
    assert f'action="/my/challenges/{asked.id}/delete"' in page

    assert _post(client, f"/my/expertise/{expertise.id}/delete", {}).status_code == 303
    assert run(Expertise.count().where(Expertise.id == expertise.id)) == 0

    refused = _post(client, f"/my/challenges/{asked.id}/delete", {})
    assert refused.status_code == 409
    assert 'id="error-summary"' in refused.text and "Sluit ze" in refused.text
    assert run(Challenge.count().where(Challenge.id == asked.id)) == 1
    assert run(Introduction.count().where(Introduction.challenge == asked.id)) == 1

    assert _post(client, f"/my/challenges/{proposed.id}/delete", {}).status_code == 303
    assert run(Challenge.count().where(Challenge.id == proposed.id)) == 0
    assert run(Introduction.count().where(Introduction.challenge == proposed.id)) == 0


def test_nobody_deletes_another_members_record(client):
    stranger = factories.member(factories.organisation())
    theirs = Challenge(member=stranger, title="Van iemand anders", tags=[])
    run(theirs.save())
    login = _signed_in(client, Role.member)
    assert _post(client, f"/my/challenges/{theirs.id}/delete", {}).status_code == 404
    answer = client.delete(f"/api/challenges/{theirs.id}", headers=login.headers)
    assert answer.status_code == 404
    assert run(Challenge.count().where(Challenge.id == theirs.id)) == 1


def test_the_api_deletes_a_record_and_refuses_one_with_history(client):
    login = factories.account(Role.member)
    expert = factories.member(factories.organisation())
    free = Challenge(member=login.member_id, title="Vrij", tags=[])
    kept = Challenge(member=login.member_id, title="Gevraagd", tags=[])
    run(free.save())
    run(kept.save())
    now = utc_now()
    run(
        Introduction(
            challenge=kept.id,
            expert=expert,
            requester=login.member_id,
            state=IntroductionState.declined,
            created_at=now,
        ).save()
    )
    assert client.delete(f"/api/challenges/{free.id}", headers=login.headers).status_code == 204
    answer = client.delete(f"/api/challenges/{kept.id}", headers=login.headers)
    assert answer.status_code == 409
    assert "Close it instead" in answer.text
