"""Event pages write dates and times as every other page of the site does (babel's medium date
to the minute, "4 mei 2031, 18:30"), in the event's own time zone, never "04/05/2031 18:30"."""

from datetime import UTC, datetime

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from tests import factories
from tests.events.helpers import event


def test_an_evening_reads_as_its_date_and_two_times(client):
    organiser = factories.account(Role.organiser)
    event_id = event(
        organiser,
        starts_at=datetime(2031, 5, 4, 16, 30, tzinfo=UTC),  # 18:30 in Brussels (summer time)
        ends_at=datetime(2031, 5, 4, 19, 0, tzinfo=UTC),
    )
    factories.log_in(client, organiser.email)
    detail = client.get(f"/events/{event_id}").text
    assert "4 mei 2031, 18:30 – 21:00" in detail
    assert "4 mei 2031, 18:30" in client.get("/events").text
    registrations = client.get(f"/events/{event_id}/registrations").text
    assert "Inchecken kan vanaf 4 mei 2031, 15:30 (tijd in Brussel)" in registrations
    assert "/2031" not in detail + registrations


def test_an_event_abroad_over_two_days_reads_in_its_own_zone_in_both_languages(client):
    organiser = factories.account(Role.organiser)
    event_id = event(
        organiser,
        timezone="Europe/London",
        starts_at=datetime(2031, 5, 4, 8, 0, tzinfo=UTC),  # 09:00 in London, 10:00 in Brussels
        ends_at=datetime(2031, 5, 5, 15, 0, tzinfo=UTC),
    )
    factories.log_in(client, organiser.email)
    detail = client.get(f"/events/{event_id}").text
    assert "4 mei 2031, 09:00 – 5 mei 2031, 16:00 (tijd in Londen)" in detail
    # the list says the same start as the event's page, not Brussels' 10:00 without a zone
    assert "4 mei 2031, 09:00 (tijd in Londen)" in client.get("/events").text
    client.cookies.set(LANGUAGE_COOKIE, "en")
    assert "4 May 2031, 09:00 – 5 May 2031, 16:00" in client.get(f"/events/{event_id}").text


def test_an_event_abroad_names_its_clock_by_a_city_not_by_its_zone_id(client):
    """A member read '(America/New_York)' beside an event's times: the time zone database's
    name. The page says whose clock it is, in the reader's language."""
    event_id = event(
        factories.account(Role.organiser),
        timezone="America/New_York",
        starts_at=datetime(2031, 5, 4, 22, 0, tzinfo=UTC),  # 18:00 in New York
        ends_at=datetime(2031, 5, 5, 1, 0, tzinfo=UTC),
    )
    factories.log_in(client, factories.account(Role.member).email)
    pages = [client.get(f"/events/{event_id}").text, client.get("/events").text]
    assert all("(tijd in New York)" in page and "America/New_York" not in page for page in pages)
    client.cookies.set(LANGUAGE_COOKIE, "en")
    assert "4 May 2031, 18:00 – 21:00 (New York time)" in client.get(f"/events/{event_id}").text
