"""Every event can be reached from the events page by links: the past list shows 20 at a time
and the rest were nowhere (no link led to the 21st past event); it now pages like the member
directory. Over HTTP, against `kring serve`."""

from __future__ import annotations

import re
from datetime import timedelta

from events.management import cancel_event
from events.registration import register
from events.tables import Event
from kring.choices import Role
from kring.clock import utc_now
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal, signed_in_browser


def _in_the_past(event_id: int, days: int) -> None:
    start = utc_now() - timedelta(days=days)
    run(
        Event.update({Event.starts_at: start, Event.ends_at: start + timedelta(hours=2)}).where(
            Event.id == event_id
        )
    )


def test_every_past_event_is_reached_by_following_the_links(served_app):
    organiser = factories.account(Role.organiser)
    past = []
    for n in range(23):
        event_id = event(organiser, title=f"Terugblik {n}")
        _in_the_past(event_id, days=n + 1)  # 0 the most recent
        past.append(event_id)
    coming = event(organiser, title="Binnenkort")
    member = factories.account(Role.member)
    reached: set[int] = set()
    with signed_in_browser(served_app.url, member.email) as browser:
        address, pages = "/events", 0
        while address and pages < 5:
            page = browser.get(address)
            assert page.status_code == 200, page.text
            reached |= {int(ref) for ref in re.findall(r'href="/events/(\d+)"', page.text)}
            older = re.search(
                r'<a href="(/events\?offset=\d+)[^"]*"[^>]*>Eerdere evenementen', page.text
            )
            address, pages = (older.group(1) if older else None), pages + 1
        assert pages == 2
        assert f'href="/events/{coming}"' in page.text  # the coming ones stay on every page
        assert '<a href="/events#past">Recentere evenementen' in page.text
    assert set(past) | {coming} <= reached


def _follow(browser, label: str, anchor: str) -> tuple[set[int], int, str]:
    """Every event linked from /events and the pages reached by following `label`."""
    reached: set[int] = set()
    address, pages, text = "/events", 0, ""
    while address and pages < 6:
        answer = browser.get(address)
        assert answer.status_code == 200, answer.text
        text = answer.text
        reached |= {int(ref) for ref in re.findall(r'href="/events/(\d+)"', text)}
        further = re.search(rf'<a href="(/events\?[^"#]*)#{anchor}"[^>]*>{label}', text)
        address, pages = (further.group(1).replace("&amp;", "&") if further else None), pages + 1
    return reached, pages, text


def test_every_upcoming_event_is_reached_by_following_the_links(served_app):
    """The coming list stopped at 50: the 51st coming event was linked from nowhere."""
    organiser = factories.account(Role.organiser)
    coming = [
        event(
            organiser,
            title=f"Vooruitblik {n}",
            starts_at=utc_now() + timedelta(days=n + 1),
            ends_at=utc_now() + timedelta(days=n + 1, hours=2),
        )
        for n in range(53)
    ]
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        reached, pages, last = _follow(browser, "Latere evenementen", "upcoming")
        assert pages == 2
        assert f'href="/events/{coming[-1]}"' in last
        assert f'href="/events/{coming[0]}"' not in last
        assert '<a href="/events#upcoming">Eerstvolgende evenementen' in last
        for bad in ("upcoming_offset=veel", "upcoming_offset=1.5"):
            answer = browser.get(f"/events?{bad}")
            assert answer.status_code == 400, bad
            assert "Begin van de lijst met komende evenementen" in answer.text  # its label
    assert set(coming) <= reached


def test_both_lists_keep_their_page_when_the_other_is_paged(served_app):
    organiser = factories.account(Role.organiser)
    for n in range(51):
        event(organiser, title=f"Vooruitblik {n}")
    for n in range(21):
        _in_the_past(event(organiser, title=f"Terugblik {n}"), days=n + 1)
    with signed_in_browser(served_app.url, organiser.email) as browser:
        page = browser.get("/events?upcoming_offset=50&offset=20").text
        assert '<a href="/events?offset=20#upcoming">Eerstvolgende evenementen' in page
        assert '<a href="/events?upcoming_offset=50#past">Recentere evenementen' in page


def test_organisers_find_a_cancelled_event_in_the_lists_members_do_not(served_app):
    """A cancelled event vanished from /events and the home page, even for the organiser
    who cancelled it. Organisers now see it there, marked; members see it only on its page."""
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    cancelled = event(organiser, title="Afgelaste bedrijfsbezoek")
    kept = event(organiser, title="Gewone netwerkavond")
    run(cancel_event(principal(organiser), cancelled))
    with signed_in_browser(served_app.url, organiser.email) as browser:
        listing = browser.get("/events").text
        row = re.search(
            rf'<tr[^>]*>\s*<td[^>]*><a href="/events/{cancelled}".*?</tr>', listing, re.S
        )
        assert row is not None and "Geannuleerd" in row.group(0)
        assert f'href="/events/{kept}"' in listing
        home = browser.get("/").text
        item = re.search(rf'<li><a href="/events/{cancelled}".*?</li>', home, re.S)
        assert item is not None and "Geannuleerd" in item.group(0)
    with signed_in_browser(served_app.url, member.email) as browser:
        listing = browser.get("/events").text
        assert f'href="/events/{kept}"' in listing
        assert f'href="/events/{cancelled}"' not in listing
        assert "Dit evenement is geannuleerd." in browser.get(f"/events/{cancelled}").text


def test_a_cancelled_event_shows_no_seat_count(served_app):
    """Found from outside: a cancelled event's row read 'Geannuleerd' and '0 / 10' seats
    taken, as if its seats were still to be had; its page said 'Bezette plaatsen 0 / 10'."""
    organiser = factories.account(Role.organiser)
    cancelled = event(organiser, title="Afgelaste studiedag", capacity=10)
    kept = event(organiser, title="Doorgaande studiedag", capacity=10)
    run(cancel_event(principal(organiser), cancelled))
    with signed_in_browser(served_app.url, organiser.email) as browser:
        listing = browser.get("/events").text
        rows = {
            n: re.search(rf'<tr[^>]*>\s*<td[^>]*><a href="/events/{n}".*?</tr>', listing, re.S)
            for n in (cancelled, kept)
        }
        assert "0 / 10" in rows[kept].group(0)
        assert "/ 10" not in rows[cancelled].group(0)
        page = browser.get(f"/events/{cancelled}").text
        assert 'id="seats"' not in page and "Dit evenement is geannuleerd." in page
        assert 'id="seats"' in browser.get(f"/events/{kept}").text


def test_a_member_finds_their_cancelled_event_marked_on_the_home_page(served_app):
    """Found from outside: an event cancelled after one registered vanished from 'Mijn
    komende evenementen', as if the registration had been lost; who held a seat now sees
    it there marked 'Geannuleerd' (a waitlist place ends with the event and goes)."""
    organiser = factories.account(Role.organiser)
    seated, waiting = factories.account(Role.member), factories.account(Role.member)
    cancelled = event(organiser, title="Afgelaste auditdag", capacity=1)
    kept = event(organiser, title="Doorgaande auditdag")
    for login in (seated, waiting):
        run(register(cancelled, member_id=login.member_id))
    run(register(kept, member_id=seated.member_id))
    run(cancel_event(principal(organiser), cancelled))
    with signed_in_browser(served_app.url, seated.email) as browser:
        panel = re.search(r'<section[^>]*id="my-events".*?</section>', browser.get("/").text, re.S)
        assert panel is not None
        item = re.search(rf'<li><a href="/events/{cancelled}".*?</li>', panel.group(0), re.S)
        assert item is not None and "Geannuleerd" in item.group(0)
        assert "bevestigd" not in item.group(0)
        assert f'href="/events/{kept}"' in panel.group(0)
    with signed_in_browser(served_app.url, waiting.email) as browser:
        assert f'href="/events/{cancelled}"' not in browser.get("/").text


def test_a_member_checked_in_still_finds_the_event_on_the_home_page_until_it_ends(served_app):
    """Found from outside: checked in at the door, a member's event left 'Mijn komende
    evenementen' while it was still going on (attended was not counted as still on)."""
    from events.registration import record_attendance
    from events.tables import Registration
    from tests.events.helpers import doors_open

    organiser, login = factories.account(Role.organiser), factories.account(Role.member)
    tonight = event(organiser, title="Avond van de kwaliteit")
    run(register(tonight, member_id=login.member_id))
    seat = run(
        Registration.select(Registration.id)
        .where((Registration.event == tonight) & (Registration.member == login.member_id))
        .first()
    )
    doors_open(tonight)  # started an hour ago, ends in two
    run(record_attendance(seat["id"], tonight, attended=True))
    with signed_in_browser(served_app.url, login.email) as browser:
        panel = re.search(r'<section[^>]*id="my-events".*?</section>', browser.get("/").text, re.S)
        assert panel is not None
        item = re.search(rf'<li><a href="/events/{tonight}".*?</li>', panel.group(0), re.S)
        assert item is not None and "aanwezig" in item.group(0)
