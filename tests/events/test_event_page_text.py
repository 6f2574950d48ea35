"""What an organiser typed in an event's description reads on its page as they wrote it: the
form's text area takes lines (a programme, an address), which one paragraph ran together."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from events.management import cancel_event
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal, signed_in_browser


def test_the_description_keeps_its_lines_and_escapes_them(served_app):
    organiser = factories.account(Role.organiser)
    typed = "18:00 Ontvangst\r\n18:30 Lezing <b>kwaliteit</b>\r\n\r\nParkeren: Dok Noord"
    event_id = event(organiser, description=typed)
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        page = browser.get(f"/events/{event_id}")
    assert page.status_code == 200
    assert (
        '<p id="description">18:00 Ontvangst<br>18:30 Lezing &lt;b&gt;kwaliteit&lt;/b&gt;<br>'
        "<br>Parkeren: Dok Noord</p>"
    ) in page.text


def test_when_registration_opens_is_said_in_the_events_own_zone(served_app):
    organiser = factories.account(Role.organiser)
    start = datetime(2027, 6, 4, 22, 0, tzinfo=UTC)  # 18:00 in New York
    event_id = event(
        organiser,
        timezone="America/New_York",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        registration_opens_at=datetime(2027, 5, 1, 13, 0, tzinfo=UTC),  # 09:00 there
    )
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        page = browser.get(f"/events/{event_id}")
    assert 'id="registration-closed">De inschrijving opent op 1 mei 2027, 09:00.' in page.text


def test_a_cancelled_event_offers_no_edit_form_every_save_of_which_is_refused(served_app):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    run(cancel_event(principal(organiser), event_id))
    with signed_in_browser(served_app.url, organiser.email) as browser:
        page = browser.get(f"/events/{event_id}")
        edit = browser.get(f"/events/{event_id}/edit")
    assert f'href="/events/{event_id}/edit"' not in page.text
    assert f'href="/events/{event_id}/registrations"' in page.text  # the list stays
    assert edit.status_code == 200
    assert 'id="event-cancelled">Dit evenement is geannuleerd.' in edit.text
    assert f'action="/events/{event_id}/edit"' not in edit.text
    assert f'href="/events/{event_id}">Terug naar het evenement' in edit.text


def test_an_event_with_only_an_address_is_not_said_to_be_online(served_app):
    """Found by the events probe: the pages put 'online' wherever the venue was left empty, so
    an event with only its address read 'Waar: online, Onderbergen 1, 9000 Gent' (the mails
    were right). 'online' is said only of an event with a link and no place."""
    organiser = factories.account(Role.organiser)
    street = event(organiser, venue="", address="Onderbergen 1, 9000 Gent")
    online = event(organiser, venue="", address="", online_url="https://meet.example.org/k")
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        pages = {ref: browser.get(f"/events/{ref}").text for ref in (street, online)}
        listed = browser.get("/events").text
    assert "<dd>Onderbergen 1, 9000 Gent</dd>" in pages[street]
    assert "<dd>online · <a href=" in pages[online]
    row = listed[listed.index(f'href="/events/{street}"') :]
    assert row[: row.index("</tr>")].count("online") == 0
    assert 'data-label="Waar">Onderbergen 1, 9000 Gent</td>' in row
