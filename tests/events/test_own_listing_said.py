"""What a registered member reads about their own place on an event's participant list. After
'Verberg mij op de deelnemerslijst' the page said only "Bewaard." and went on saying "Je staat op
de deelnemerslijst, tenzij je aangeeft dat je dat niet wilt", and a member who had asked on
their privacy page never to be listed read the same sentence and a button that changed nothing
they could see (seen walking a member's journey)."""

from __future__ import annotations

from typing import Any

from events.registration import register
from kring.choices import Role
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run
from tests.events.helpers import event

HTML = {"accept": "text/html"}


def _switch(client: Any, event_id: int, hidden: str) -> Any:
    return client.post(
        f"/events/{event_id}/visibility",
        data={"hidden": hidden, "_csrf_token": factories.csrf_token(client)},
        headers=HTML,
    )


def _sentence(page: str) -> str:
    return page.split('id="list-visibility">', 1)[1].split("</p>", 1)[0]


def _registered(client: Any) -> tuple[int, factories.Login]:
    event_id = event(factories.account(Role.organiser), list_visibility="participants")
    login = factories.account(Role.member)
    run(register(event_id, login.member_id))
    factories.log_in(client, login.email)
    return event_id, login


def test_hiding_oneself_says_so_and_the_page_no_longer_says_listed(client):
    event_id, _ = _registered(client)
    assert "Je staat op de deelnemerslijst" in _sentence(client.get(f"/events/{event_id}").text)
    hidden = _switch(client, event_id, "1")
    assert hidden.status_code == 200
    assert 'id="flash"' in hidden.text
    assert "Je staat niet meer op de deelnemerslijst." in hidden.text
    assert "Bewaard." not in hidden.text
    sentence = _sentence(hidden.text)
    assert "Je staat niet op de deelnemerslijst" in sentence
    assert "Je staat op de deelnemerslijst" not in sentence


def test_showing_oneself_again_says_so(client):
    event_id, _ = _registered(client)
    _switch(client, event_id, "1")
    shown = _switch(client, event_id, "0")
    assert "Je staat weer op de deelnemerslijst." in shown.text
    assert "Je staat op de deelnemerslijst" in _sentence(shown.text)


def test_a_member_who_is_never_listed_reads_why_and_gets_no_button_that_does_nothing(client):
    event_id, login = _registered(client)
    run(set_opt_out(login.member_id, OptOut.listing, True, Channel.web, None))
    page = client.get(f"/events/{event_id}").text
    sentence = _sentence(page)
    assert "nooit op deelnemerslijsten" in sentence
    assert 'href="/privacy"' in sentence
    assert "Je staat op de deelnemerslijst" not in sentence
    assert f'action="/events/{event_id}/visibility"' not in page
    # The form sent anyway (an older page) does not claim the member is listed.
    shown = _switch(client, event_id, "0")
    assert "Je staat weer op de deelnemerslijst." not in shown.text
    assert "nooit op deelnemerslijsten" in shown.text


def test_registering_again_keeps_the_choice_made_before_cancelling(client):
    """A member who hid themselves, cancelled and registered again was listed again: the form
    came back unticked, so the choice was silently undone."""
    event_id, _ = _registered(client)
    _switch(client, event_id, "1")
    client.post(
        f"/events/{event_id}/cancel",
        data={"_csrf_token": factories.csrf_token(client)},
        headers=HTML,
    )
    page = client.get(f"/events/{event_id}", headers=HTML).text
    form = page.split(f'action="/events/{event_id}/register"', 1)[1].split("</form>", 1)[0]
    assert 'name="hide" value="1" checked' in form


def test_registering_again_for_an_opt_in_event_keeps_the_yes(client):
    event_id = event(factories.account(Role.organiser), listing="opt_in")
    login = factories.account(Role.member)
    run(register(event_id, login.member_id, listing_consent=True))
    factories.log_in(client, login.email)
    client.post(
        f"/events/{event_id}/cancel",
        data={"_csrf_token": factories.csrf_token(client)},
        headers=HTML,
    )
    page = client.get(f"/events/{event_id}", headers=HTML).text
    form = page.split(f'action="/events/{event_id}/register"', 1)[1].split("</form>", 1)[0]
    assert 'name="list_me" value="1" checked' in form
