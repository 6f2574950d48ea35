from datetime import timedelta

import pytest

from events.tables import EventOrganiser, Registration
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Activity
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open
from tests.factories import csrf_token

START = (utc_now() + timedelta(days=10)).replace(microsecond=0)
NEW_EVENT = {
    "title": "Lerend netwerk ISO 45001",
    "starts_at": START.isoformat(),
    "ends_at": (START + timedelta(hours=2)).isoformat(),
    "capacity": 1,
    "venue": "Zaal Leie",
}


def event_form(client, **changes: str) -> dict[str, str]:
    """The organiser's new-event form, filled in, with ``changes``."""
    return {
        "_csrf_token": csrf_token(client),
        "title": "Bedrijfsbezoek",
        "starts_at": "2031-05-04T18:30",
        "ends_at": "2031-05-04T21:00",
        "capacity": "20",
        "timezone": "Europe/Brussels",
    } | changes


def test_organiser_creates_edits_and_cancels_through_the_api(client):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    answer = client.post("/api/events", json=NEW_EVENT, headers=organiser.headers)
    assert answer.status_code == 201, answer.text
    event = answer.json()
    assert event["sequence"] == 0 and event["timezone"] == "Europe/Brussels"
    assert run(EventOrganiser.count().where(EventOrganiser.event == event["id"])) == 1
    assert client.post("/api/events", json=NEW_EVENT, headers=member.headers).status_code == 403
    changed = client.patch(
        f"/api/events/{event['id']}", json={"title": "Nieuwe titel"}, headers=organiser.headers
    ).json()
    assert changed["sequence"] == 1 and changed["uid"] == event["uid"]
    other = factories.account(Role.organiser)
    forbidden = client.patch(
        f"/api/events/{event['id']}", json={"title": "x"}, headers=other.headers
    )
    assert forbidden.status_code == 403
    cancelled = client.post(f"/api/events/{event['id']}/cancel", headers=organiser.headers).json()
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 2
    late = client.post(f"/api/events/{event['id']}/registration", headers=member.headers)
    assert late.status_code == 409


def test_bad_input_is_a_4xx_naming_the_field(client):
    organiser = factories.account(Role.organiser)
    cases = [
        ({**NEW_EVENT, "capacity": 0}, "capacity"),
        ({**NEW_EVENT, "timezone": "Mars/Olympus"}, "timezone"),
        ({**NEW_EVENT, "ends_at": NEW_EVENT["starts_at"]}, "ends_at"),
        ({**NEW_EVENT, "online_url": "javascript:alert(1)"}, "online_url"),
        ({**NEW_EVENT, "starts_at": "gisteren"}, "starts_at"),
        ({**NEW_EVENT, "surprise": 1}, "surprise"),
    ]
    for body, field in cases:
        answer = client.post("/api/events", json=body, headers=organiser.headers)
        assert answer.status_code == 400, (field, answer.text)
        assert field in answer.json()["detail"], (field, answer.text)
    assert client.get("/api/events/0", headers=organiser.headers).status_code in (400, 404)
    assert client.get("/api/events/99999", headers=organiser.headers).status_code == 404
    assert client.get("/api/events?limit=0", headers=organiser.headers).status_code == 400


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_at", "0001-01-01T00:00:00+00:00"),
        ("registration_opens_at", "1999-12-31T10:00:00"),
        ("ends_at", "9999-12-31T23:59:59-12:00"),
        ("registration_closes_at", "2101-01-01T10:00:00+01:00"),
    ],
)
def test_far_off_years_are_a_400_naming_the_field(client, field, value):
    """Stored, a start in year 1 made the event's iCalendar file a 400 ever after."""
    organiser = factories.account(Role.organiser)
    made = client.post("/api/events", json=NEW_EVENT, headers=organiser.headers).json()
    for method, path in (("POST", "/api/events"), ("PATCH", f"/api/events/{made['id']}")):
        body = {**NEW_EVENT, field: value} if method == "POST" else {field: value}
        answer = client.request(method, path, json=body, headers=organiser.headers)
        assert answer.status_code == 400, (method, answer.text)
        assert answer.json()["errors"][0]["field"] == field, answer.text
        assert "2000-01-01 and 2100-12-31" in answer.json()["detail"]
    assert client.get(f"/api/events/{made['id']}/ics", headers=organiser.headers).status_code == 200


@pytest.mark.parametrize("zone", ["Europe", "America", "x" * 300])
def test_a_time_zone_that_is_a_folder_or_too_long_is_refused_by_api_and_form(client, zone):
    """The zone database's folders ("Europe") and over-long names made ZoneInfo raise OSError."""
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/events", json={**NEW_EVENT, "timezone": zone}, headers=organiser.headers
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == "timezone"
    factories.log_in(client, organiser.email)
    form = client.post("/events/new", data=event_form(client, timezone=zone))
    assert form.status_code == 400, form.text
    assert "geen bekende tijdzone" in form.text and "Bedrijfsbezoek" in form.text


def test_my_registration_and_who_to_meet_of_an_unknown_event_are_404(client):
    member = factories.account(Role.member)
    for path in ("/api/events/99999/registration", "/api/events/99999/who-to-meet"):
        answer = client.get(path, headers=member.headers)
        assert answer.status_code == 404, (path, answer.text)
        assert answer.json()["errors"][0]["field"] == "event_id"


def test_members_register_cancel_accept_and_hide_themselves(client):
    organiser = factories.account(Role.organiser)
    first = factories.account(Role.member)
    second = factories.account(Role.member)
    event_id = client.post("/api/events", json=NEW_EVENT, headers=organiser.headers).json()["id"]
    url = f"/api/events/{event_id}/registration"
    assert client.post(url, headers=first.headers).json()["status"] == "confirmed"
    assert client.post(url, headers=first.headers).status_code == 409
    assert client.post(url, headers=second.headers).json()["status"] == "waitlisted"
    assert client.get(f"/api/events/{event_id}", headers=second.headers).json()["my_status"] == (
        "waitlisted"
    )
    assert client.delete(url, headers=first.headers).json()["status"] == "cancelled"
    assert client.get(url, headers=second.headers).json()["status"] == "offered"
    accepted = client.post(f"{url}/accept", headers=second.headers)
    assert accepted.json()["status"] == "confirmed"
    hidden = client.post(f"{url}/visibility", json={"hidden": True}, headers=second.headers)
    assert hidden.json()["hide_from_list"] is True
    people = client.get(f"/api/events/{event_id}/participants", headers=organiser.headers).json()
    assert people == []
    staff = factories.account(Role.organiser, member_id=None)
    assert client.post(url, headers=staff.headers).status_code == 403
    # Who-to-meet is no registration: the refusal says what is missing, not "to register".
    peers = client.get(f"/api/events/{event_id}/who-to-meet", headers=staff.headers)
    assert (peers.status_code, peers.json()["detail"]) == (
        403,
        "this account has no member profile",
    )


def test_check_in_through_the_api_feeds_activity(client):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    event_id = client.post("/api/events", json=NEW_EVENT, headers=organiser.headers).json()["id"]
    client.post(f"/api/events/{event_id}/registration", headers=member.headers)
    reg_id = run(Registration.select(Registration.id).first())["id"]
    url = f"/api/events/{event_id}/registrations/{reg_id}/attendance"
    assert client.post(url, json={"attended": True}, headers=member.headers).status_code == 403
    assert client.post(url, json={"attended": "ja"}, headers=organiser.headers).status_code == 400
    early = client.post(url, json={"attended": True}, headers=organiser.headers)
    assert early.status_code == 409 and "check-in opens" in early.text  # the event is weeks away
    doors_open(event_id, started=False)
    assert client.post(url, json={"attended": True}, headers=organiser.headers).status_code == 200
    assert run(Activity.count().where(Activity.member == member.member_id)) == 1


def test_guests_are_registered_by_organisers(client):
    organiser = factories.account(Role.organiser)
    body = {**NEW_EVENT, "members_only": False}
    event_id = client.post("/api/events", json=body, headers=organiser.headers).json()["id"]
    guest = {"first_name": "Els", "last_name": "Gast", "email": "els@example.be", "company": "@x"}
    answer = client.post(f"/api/events/{event_id}/guests", json=guest, headers=organiser.headers)
    assert answer.status_code == 201 and answer.json()["status"] == "confirmed"
    # The same guest again (a second click, the address in other letter case): no second seat.
    again = {**guest, "email": "Els@Example.be"}
    twice = client.post(f"/api/events/{event_id}/guests", json=again, headers=organiser.headers)
    assert twice.status_code == 409 and twice.json()["errors"][0]["field"] == "email"
    assert run(Registration.count().where(Registration.guest_email == "els@example.be")) == 1
    bad = client.post(
        f"/api/events/{event_id}/guests", json={**guest, "email": "nope"}, headers=organiser.headers
    )
    assert bad.status_code == 400 and "email" in bad.text
    exported = client.get(f"/api/events/{event_id}/exports/csv", headers=organiser.headers)
    assert exported.headers["content-type"] == "text/csv; charset=utf-8"  # once, not twice
    csv_text = exported.content.decode("utf-8-sig")
    assert "Gast,Els,,'@x" in csv_text


def test_pages_register_and_organiser_pages(client):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    shared = NEW_EVENT | {"list_visibility": "participants"}
    event_id = client.post("/api/events", json=shared, headers=organiser.headers).json()["id"]
    factories.log_in(client, member.email)
    assert "Inschrijven" in client.get(f"/events/{event_id}").text
    posted = client.post(
        f"/events/{event_id}/register",
        data={"_csrf_token": csrf_token(client)},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    assert "bevestigd" in client.get(f"/events/{event_id}").text
    no_csrf = client.post(f"/events/{event_id}/cancel", follow_redirects=False)
    assert no_csrf.status_code == 403
    assert client.get(f"/events/{event_id}/registrations").status_code == 403
    assert client.get(f"/events/{event_id}/export/full/csv").status_code == 403
    assert client.get(f"/events/{event_id}/participants").status_code == 200
    client.post("/logout", data={"_csrf_token": csrf_token(client)})
    factories.log_in(client, organiser.email)
    page = client.get(f"/events/{event_id}/registrations")
    assert page.status_code == 200 and "Achternaam" in page.text
    form = client.post(
        "/events/new",
        data={"_csrf_token": csrf_token(client), "title": "", "starts_at": "x", "capacity": "3"},
    )
    assert form.status_code == 400 and "title" in form.text
    created = client.post(
        "/events/new", data=event_form(client, members_only="1"), follow_redirects=False
    )
    assert created.status_code == 303
    detail = client.get(created.headers["location"]).text
    assert "4 mei 2031, 18:30 – 21:00" in detail  # babel, as every date of the site
