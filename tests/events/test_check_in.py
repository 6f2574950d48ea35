"""Issue #21.3: organisers see registrations with their ids and check-in state in the API, and
check in by member id or by the code on the member's ticket (shown as a QR code on the
member's event page). Over HTTP, against the real app and database."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from events.check_in import check_in_code
from events.tables import Registration
from kring.choices import Role
from kring.clock import utc_now
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open

START = (utc_now() + timedelta(days=10)).replace(microsecond=0)
EVENT = {
    "title": "Kwaliteitsdag",
    "starts_at": START.isoformat(),
    "ends_at": (START + timedelta(hours=2)).isoformat(),
    "capacity": 2,
}
HTML = {"accept": "text/html"}


def _event_with(client, organiser, *members) -> int:
    event_id = client.post("/api/events", json=EVENT, headers=organiser.headers).json()["id"]
    for member in members:
        answer = client.post(f"/api/events/{event_id}/registration", headers=member.headers)
        assert answer.status_code in (200, 201), answer.text
    return event_id


def _registration_id(event_id: int, member_id: int) -> int:
    return run(
        Registration.select(Registration.id)
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )["id"]


def test_check_in_by_member_id_and_by_code_shows_in_the_registrations(client):
    organiser = factories.account(Role.organiser)
    first, second, third = (factories.account(Role.member) for _ in range(3))
    event_id = _event_with(client, organiser, first, second, third)
    url = f"/api/events/{event_id}/check-in"
    doors_open(event_id)

    rows = client.get(f"/api/events/{event_id}/registrations", headers=organiser.headers).json()
    assert {r["member_id"]: r["checked_in"] for r in rows} == {
        first.member_id: None,
        second.member_id: None,
        third.member_id: None,
    }

    answer = client.post(url, json={"member_id": first.member_id}, headers=organiser.headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["checked_in"] is True and answer.json()["status"] == "attended"

    code = check_in_code(event_id, _registration_id(event_id, second.member_id))
    spelled = " " + code.lower().replace("-", "- ") + " "
    answer = client.post(url, json={"code": spelled, "attended": False}, headers=organiser.headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["member_id"] == second.member_id
    assert answer.json()["checked_in"] is False

    waiting = client.post(url, json={"member_id": third.member_id}, headers=organiser.headers)
    assert waiting.status_code == 409  # waitlisted: no seat to check in with

    rows = client.get(f"/api/events/{event_id}/registrations", headers=organiser.headers).json()
    assert {r["member_id"]: r["checked_in"] for r in rows} == {
        first.member_id: True,
        second.member_id: False,
        third.member_id: None,
    }


def test_a_code_works_only_at_its_own_event_and_cannot_be_made_up(client):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    event_id = _event_with(client, organiser, member)
    other_event = _event_with(client, organiser, member)
    registration_id = _registration_id(event_id, member.member_id)
    code = check_in_code(event_id, registration_id)
    forged = f"K{registration_id}-0000000000"
    for bad, status in (
        ({"code": code}, None),  # sent to the other event below
        ({"code": forged}, 404),
        ({"code": "hello"}, 400),
        ({"code": code, "member_id": member.member_id}, 400),
        ({}, 400),
        ({"member_id": 999999}, 404),
        ({"member_id": "one"}, 400),
    ):
        target = other_event if status is None else event_id
        answer = client.post(f"/api/events/{target}/check-in", json=bad, headers=organiser.headers)
        assert answer.status_code == (status or 404), (bad, answer.status_code, answer.text)
    assert run(Registration.count().where(Registration.status == "attended")) == 0


def test_only_the_events_organisers_check_in(client):
    organiser = factories.account(Role.organiser)
    stranger = factories.account(Role.organiser)
    member = factories.account(Role.member)
    event_id = _event_with(client, organiser, member)
    body = {"member_id": member.member_id}
    url = f"/api/events/{event_id}/check-in"
    assert client.post(url, json=body, headers=member.headers).status_code == 403
    assert client.post(url, json=body, headers=stranger.headers).status_code == 403
    assert client.post(url, json=body).status_code == 401


def test_the_member_sees_a_ticket_and_the_organiser_checks_it_in_on_the_page(client):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    event_id = _event_with(client, organiser, member)
    factories.log_in(client, member.email)
    page = client.get(f"/events/{event_id}", headers=HTML).text
    code = re.search(r"K\d+-[0-9A-F]{10}", page).group(0)
    assert "<svg" in page and code == check_in_code(
        event_id, _registration_id(event_id, member.member_id)
    )

    client.cookies.clear()
    factories.log_in(client, organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}
    desk = client.get(f"/events/{event_id}/registrations", headers=HTML).text
    assert 'id="check-in-later"' in desk and 'id="check-in"' not in desk  # ten days early
    early = client.post(f"/events/{event_id}/check-in", data={**form, "code": code}, headers=HTML)
    assert early.status_code == 400 and "inchecken kan vanaf 3 uur voor de start" in early.text
    doors_open(event_id, started=False)
    desk = client.get(f"/events/{event_id}/registrations", headers=HTML).text
    assert 'id="check-in"' in desk and "Niet opgedaagd" not in desk
    answer = client.post(
        f"/events/{event_id}/check-in",
        data={**form, "code": "K1-XYZ"},
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 400 and 'aria-invalid="true"' in answer.text
    answer = client.post(
        f"/events/{event_id}/check-in",
        data={**form, "code": code},
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 303
    status = run(
        Registration.select(Registration.status)
        .where(Registration.member == member.member_id)
        .first()
    )["status"]
    assert status == "attended"


def test_the_desk_names_people_and_offers_no_hiding_to_who_asked_to_be_hidden(client):
    """Found from outside: a row read 'Jonas Aerts #183', and people hidden at their own request
    were still offered 'Verbergen op de lijst' (which could change nothing for them)."""
    organiser = factories.account(Role.organiser)
    shown, shy = factories.account(Role.member), factories.account(Role.member)
    event_id = _event_with(client, organiser, shown, shy)
    url = f"/api/events/{event_id}/registration/visibility"
    assert client.post(url, json={"hidden": True}, headers=shy.headers).status_code in (200, 201)
    factories.log_in(client, organiser.email)
    desk = client.get(f"/events/{event_id}/registrations", headers=HTML).text
    rows = {
        member.member_id: re.search(
            rf'<tr data-registration="{_registration_id(event_id, member.member_id)}">(.*?)</tr>',
            desk,
            re.S,
        ).group(1)
        for member in (shown, shy)
    }
    assert "verborgen op eigen vraag" in rows[shy.member_id]
    on_the_list = re.findall(r"<td[^>]*>(.*?)</td>", rows[shy.member_id], re.S)[4]  # column 5
    assert "<button" not in on_the_list
    assert "Verbergen op de lijst" in rows[shown.member_id]
    assert f"(lidnummer {shown.member_id})" in rows[shown.member_id]
    assert f"#{shown.member_id}" not in desk


def test_the_desk_says_whom_a_code_checked_in_and_when_it_was_used_before(client):
    """Found by the events probe: the desk answered every scan with 'Ingecheckt.', naming
    nobody, so the organiser could not compare the ticket with the person in front of them,
    and a ticket shown a second time (a forwarded screenshot) said 'Ingecheckt.' again."""
    organiser = factories.account(Role.organiser)
    person = factories.member(factories.organisation(), first_name="Inès", last_name="Aerts")
    member = factories.account(Role.member, member_id=person)
    event_id = _event_with(client, organiser, member)
    code = check_in_code(event_id, _registration_id(event_id, person))
    doors_open(event_id, started=False)
    factories.log_in(client, organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}

    first = client.post(f"/events/{event_id}/check-in", data={**form, "code": code}, headers=HTML)
    assert first.status_code == 200 and "Ingecheckt: Inès Aerts." in unescape(first.text)
    again = client.post(
        f"/events/{event_id}/check-in", data={**form, "code": str(person)}, headers=HTML
    )
    assert again.status_code == 200
    assert "Inès Aerts was al ingecheckt" in unescape(again.text)
