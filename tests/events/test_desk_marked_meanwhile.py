"""Two organisers at the registrations desk at once: one checks a person in at the door while
the other, on a desk page opened earlier, marks the same person a no-show. The no-show button
sent only `attended=0`, so it overwrote the check-in without a word (the person lost their
attendance in the activity history). Each row's buttons carry the status the row showed
(`_seen`): a status changed meanwhile to another than the one asked for is refused (409) with
both named, and the desk shows it as it is now to choose again."""

from __future__ import annotations

import re
from html import unescape

from events.management import add_organiser
from events.tables import Registration
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import doors_open, event, principal

HTML = {"accept": "text/html"}


def _desk_at_the_door():
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    event_id = event(first)
    run(add_organiser(principal(first), event_id, second.account_id))
    guest = factories.account(Role.member)
    return first, second, event_id, guest


def _status(registration_id: int) -> str:
    row = run(Registration.select(Registration.status).where(Registration.id == registration_id))
    return row[0]["status"]


def _no_show_form(page: str, event_id: int, registration_id: int) -> dict[str, str]:
    """What the row's no-show button sends."""
    action = f'action="/events/{event_id}/registrations/{registration_id}/attendance"'
    row = page[page.index(action) :]
    seen = re.search(r"name=\"_seen\" value='([^']*)'", row)
    assert seen, row[:500]
    return {"attended": "0", "_seen": unescape(seen.group(1))}


def test_a_no_show_from_an_older_desk_page_does_not_undo_a_check_in(client):
    first, second, event_id, guest = _desk_at_the_door()
    registered = client.post(f"/api/events/{event_id}/registration", headers=guest.headers)
    assert registered.status_code in (200, 201), registered.text
    registration_id = run(
        Registration.select(Registration.id).where(Registration.event == event_id).first()
    )["id"]
    doors_open(event_id)
    factories.log_in(client, second.email)
    desk = f"/events/{event_id}/registrations"
    older = client.get(desk, headers=HTML).text

    checked_in = client.post(
        f"/api/events/{event_id}/registrations/{registration_id}/attendance",
        json={"attended": True},
        headers=first.headers,
    )
    assert checked_in.status_code == 200, checked_in.text

    path = f"/events/{event_id}/registrations/{registration_id}/attendance"
    form = _no_show_form(older, event_id, registration_id)
    refused = client.post(
        path, data=form | {"_csrf_token": factories.csrf_token(client)}, headers=HTML
    )

    assert refused.status_code == 409, refused.text[:300]
    said = unescape(refused.text)
    assert (
        "is intussen door iemand anders als ‘aanwezig’ gemarkeerd, "
        "terwijl jij ‘niet opgedaagd’ koos" in said
    )
    assert _status(registration_id) == "attended"

    again = _no_show_form(refused.text, event_id, registration_id)
    chosen = client.post(
        path,
        data=again | {"_csrf_token": factories.csrf_token(client)},
        headers=HTML,
        follow_redirects=False,
    )
    assert chosen.status_code == 303, chosen.text[:300]
    assert _status(registration_id) == "no_show"


def test_a_no_show_of_a_row_as_it_is_is_recorded(client):
    _first, second, event_id, guest = _desk_at_the_door()
    client.post(f"/api/events/{event_id}/registration", headers=guest.headers)
    registration_id = run(
        Registration.select(Registration.id).where(Registration.event == event_id).first()
    )["id"]
    doors_open(event_id)
    factories.log_in(client, second.email)
    page = client.get(f"/events/{event_id}/registrations", headers=HTML).text

    path = f"/events/{event_id}/registrations/{registration_id}/attendance"
    form = _no_show_form(page, event_id, registration_id)
    answer = client.post(
        path,
        data=form | {"_csrf_token": factories.csrf_token(client)},
        headers=HTML,
        follow_redirects=False,
    )

    assert answer.status_code == 303, answer.text[:300]
    assert _status(registration_id) == "no_show"
