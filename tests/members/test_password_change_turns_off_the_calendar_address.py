"""A new password turns off the member's calendar address. The address (`/events/feed/<secret>`)
reads their agenda without a password, and it kept working after a password change: whoever had
made one with the old password (a laptop left open, a leaked password) kept reading the
member's events after the owner changed it. Every address of the member now stops with the
change (at `/password`, through the API, or through a reset link), and the page after it says
so and where to make a new one. Members declare nothing of events: events declares what a
password change ends (`kring.declarations.declare_password_change`)."""

from __future__ import annotations

from html import unescape

from litestar.testing import TestClient

from events.tables import CalendarFeed
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.members.test_passwords import NEW, _ask_link, _change, _link, _reset, mailbox

__all__ = ["mailbox"]  # the fixture, used by the reset test

HTML = {"accept": "text/html"}
TOLD = "Ook je agenda-adres werkt niet meer"


def _address(client: TestClient) -> str:
    """A new calendar address, made on the calendar page with the current password."""
    data = {"_csrf_token": factories.csrf_token(client), "password": factories.PASSWORD}
    made = client.post("/events/calendar", data=data, headers=HTML)
    assert made.status_code == 200, made.text[:300]
    return "/events/feed/" + made.text.split("/events/feed/")[1].split("<")[0]


def _addresses_on(member_id: int) -> int:
    return run(
        CalendarFeed.count().where(
            (CalendarFeed.member == member_id) & CalendarFeed.revoked_at.is_null()
        )
    )


def _flash(client: TestClient, path: str) -> str:
    page = unescape(client.get(path, headers=HTML).text)
    return page.split('id="flash"')[1].split("</p>")[0]


def test_a_password_change_turns_off_the_calendar_address_and_says_where_to_make_one(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    feed = _address(client)
    assert client.get(feed).status_code == 200  # it answers before the change

    changed = _change(client, factories.PASSWORD, NEW)

    assert changed.status_code == 303, changed.text[:300]
    assert client.get(feed).status_code in (404, 410)  # refused, as a turned-off address is
    assert _addresses_on(login.member_id) == 0
    told = _flash(client, changed.headers["location"])
    assert "Je wachtwoord is gewijzigd" in told and TOLD in told
    assert "Mijn evenementen in mijn agenda volgen" in told  # where a new one is made
    assert client.get("/events/calendar", headers=HTML).status_code == 200


def test_a_change_without_a_calendar_address_says_nothing_of_one(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    changed = _change(client, factories.PASSWORD, NEW)
    assert changed.status_code == 303, changed.text[:300]
    told = _flash(client, changed.headers["location"])
    assert "Je wachtwoord is gewijzigd" in told and TOLD not in told


def test_an_api_password_change_turns_off_the_calendar_address(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    feed = _address(client)
    done = client.post(
        "/api/me/password",
        json={"current_password": factories.PASSWORD, "new_password": NEW},
        headers=login.headers,
    )
    assert done.status_code == 200, done.text
    assert client.get(feed).status_code in (404, 410)


def test_a_reset_through_a_mailed_link_turns_off_the_calendar_address(client, mailbox):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    feed = _address(client)
    assert _ask_link(client, login.email).status_code == 200
    done = _reset(client, _link(mailbox))
    assert done.status_code == 303, done.text[:300]
    assert client.get(feed).status_code in (404, 410)
    told = _flash(client, done.headers["location"])
    assert "Je nieuwe wachtwoord is ingesteld" in told and TOLD in told
