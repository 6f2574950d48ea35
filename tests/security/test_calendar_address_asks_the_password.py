"""A member's calendar address (`/events/feed/<secret>`) reads which events they registered for,
and their projects' milestones, until they turn it off (or change their password). The page
`/events/calendar` made one from the page session alone, where `/tokens` asks the password
(ec2926a): whoever held a browser session for a moment (a laptop left open, a stolen cookie)
left with an address that kept showing the member's agenda after the owner changed the password
(found probing `kring serve`). Making one (or a new one) now asks the current password, checked
and throttled as a login: missing is 400, wrong is 403 at its field, too many a 429, and no
address is made (the old one keeps working) until it is right."""

from __future__ import annotations

from events.tables import CalendarFeed
from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _addresses(member_id: int) -> int:
    return run(CalendarFeed.count().where(CalendarFeed.member == member_id))


def _make(client, **fields: str):
    data = {"_csrf_token": factories.csrf_token(client), **fields}
    return client.post("/events/calendar", data=data, headers=HTML)


def test_the_page_session_alone_makes_no_calendar_address(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    answer = _make(client)
    assert answer.status_code == 400, answer.text[:300]
    assert "Is verplicht" in factories.field_error(answer.text, "password")
    assert "/events/feed/" not in answer.text
    assert _addresses(login.member_id) == 0


def test_a_wrong_password_makes_no_address_and_counts_as_a_failed_login(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    first = _make(client, password=factories.PASSWORD)
    assert first.status_code == 200 and 'id="feed-url"' in first.text
    wrong = _make(client, password="niet-het-wachtwoord")
    assert wrong.status_code == 403, wrong.text[:300]
    assert "Verkeerd wachtwoord" in factories.field_error(wrong.text, "password")
    assert '<details class="confirm" id="new-address" open>' in wrong.text  # the field in sight
    for _ in range(4):
        _make(client, password="niet-het-wachtwoord")
    throttled = _make(client, password=factories.PASSWORD)
    assert throttled.status_code == 429 and throttled.headers["retry-after"].isdigit()
    assert "Te veel verkeerde wachtwoorden" in factories.field_error(throttled.text, "password")
    assert "/events/feed/" not in throttled.text
    assert _addresses(login.member_id) == 1  # the first address, still the one that works
    token = first.text.split("/events/feed/")[1].split("<")[0]
    assert client.get(f"/events/feed/{token}").status_code == 200


def test_the_right_password_makes_an_address_that_reads_the_calendar(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    page = client.get("/events/calendar", headers=HTML).text
    assert 'name="password"' in page and 'autocomplete="current-password"' in page
    made = _make(client, password=factories.PASSWORD)
    assert made.status_code == 200, made.text[:300]
    token = made.text.split("/events/feed/")[1].split("<")[0]
    feed = client.get(f"/events/feed/{token}")
    assert feed.status_code == 200 and feed.text.startswith("BEGIN:VCALENDAR")
    assert factories.PASSWORD not in made.text
