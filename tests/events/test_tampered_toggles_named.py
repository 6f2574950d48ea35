"""The event desk's hide/show button and the attendance buttons, given a value no button sends
(a crafted POST), answered a bare error page, or changed the list: `hidden=maybe` (or none at
all) showed a person the organiser had hidden, as anything but "1" did. The desk now comes back
(400) with the field named and what its buttons send, and nothing changes; the member's own
hide/show button and the registration's boxes refuse such values too, naming the field. Over
HTTP, against the real app."""

from __future__ import annotations

import re
from html import unescape

from events.tables import Registration
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event

_post = factories.post_page_form


def _registration(event_id: int, member_id: int) -> dict:
    return run(
        Registration.select(
            Registration.id,
            Registration.status,
            Registration.organiser_hidden,
            Registration.hide_from_list,
        )
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )


def _summary(html: str) -> str:
    found = re.search(r'<div class="error-summary".*?</ul>', unescape(html), re.S)
    assert found, "no error summary"
    return re.sub(r"<[^>]+>", "", found.group(0))


def _registered(client, hide: bool = False) -> tuple[factories.Login, int, int]:
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    person = factories.account(Role.member)
    client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    registration_id = _registration(event_id, person.member_id)["id"]
    factories.log_in(client, organiser.email)
    if hide:
        hidden = f"/events/{event_id}/registrations/{registration_id}/hidden"
        assert _post(client, hidden, hidden="1").status_code in (200, 303)
    return person, event_id, registration_id


def test_a_tampered_hide_value_shows_the_desk_naming_the_field(client):
    person, event_id, registration_id = _registered(client, hide=True)
    action = f"/events/{event_id}/registrations/{registration_id}/hidden"
    for value in ("maybe", "", "2"):
        refused = _post(client, action, hidden=value)
        assert refused.status_code == 400, (value, refused.status_code)
        assert 'id="registrations"' in refused.text  # the desk, not a bare error page
        said = _summary(refused.text)
        assert "Verborgen op de lijst" in said and "1 (verbergen op de lijst)" in said, said
        assert _registration(event_id, person.member_id)["organiser_hidden"] is True, value
    left_out = factories.post_page_form(client, action)
    assert left_out.status_code == 400
    assert _registration(event_id, person.member_id)["organiser_hidden"] is True
    assert _post(client, action, hidden="0").status_code in (200, 303)
    assert _registration(event_id, person.member_id)["organiser_hidden"] is False


def test_a_tampered_attendance_shows_the_desk_naming_the_field(client):
    person, event_id, registration_id = _registered(client)
    doors_open(event_id)
    action = f"/events/{event_id}/registrations/{registration_id}/attendance"
    refused = _post(client, action, attended="yes")
    assert refused.status_code == 400
    assert 'id="registrations"' in refused.text
    said = _summary(refused.text)
    assert "Aanwezig" in said and "1 (aanwezig) of 0 (niet opgedaagd)" in said, said
    assert _registration(event_id, person.member_id)["status"] == "confirmed"


def test_the_members_own_hide_button_and_boxes_refuse_other_values_by_name(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    person = factories.account(Role.member)
    factories.log_in(client, person.email)
    refused = _post(client, f"/events/{event_id}/register", hide="0")
    assert refused.status_code == 400
    assert "Vermeld mij niet op de deelnemerslijst" in unescape(refused.text)
    assert _registration(event_id, person.member_id) is None
    assert _post(client, f"/events/{event_id}/register", hide="1").status_code in (200, 303)
    assert _registration(event_id, person.member_id)["hide_from_list"] is True
    refused = _post(client, f"/events/{event_id}/visibility", hidden="ja")
    assert refused.status_code == 400
    assert "Verborgen op de lijst" in unescape(refused.text)
    assert _registration(event_id, person.member_id)["hide_from_list"] is True
