"""An organiser who sent attendance for a registration of another event (a stale desk page, a
tampered form, an API call with the wrong event) read that check-in opens three hours before
the event (409) while the event was still days away, as if the registration were this
event's: found from outside. A registration that is not this event's is a 404 naming it
whatever the event's time, as the desk's cancel already answers. Over HTTP."""

from __future__ import annotations

from events.tables import Registration
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event


def test_attendance_for_another_events_registration_is_not_found(client):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    tonight, later = event(organiser), event(organiser)
    doors_open(tonight, started=False)
    assert client.post(f"/api/events/{tonight}/registration", headers=member.headers).is_success
    theirs = run(Registration.select(Registration.id).where(Registration.event == tonight))[0]["id"]

    answer = client.post(
        f"/api/events/{later}/registrations/{theirs}/attendance",
        json={"attended": True},
        headers=organiser.headers,
    )
    assert answer.status_code == 404, answer.text
    assert "registration_id" in answer.text

    factories.log_in(client, organiser.email)
    page = factories.post_page_form(
        client, f"/events/{later}/registrations/{theirs}/attendance", attended="1"
    )
    assert page.status_code == 404
    assert (
        run(Registration.select(Registration.status).where(Registration.id == theirs))[0]["status"]
        == "confirmed"
    )
