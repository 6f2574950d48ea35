"""Every event can be reached from the events page by links: the past list shows 20 at a time
and the rest were nowhere (no link led to the 21st past event); it now pages like the member
directory. Over HTTP, against `kring serve`."""

from __future__ import annotations

import re
from datetime import timedelta

from events.tables import Event
from kring.choices import Role
from kring.clock import utc_now
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, signed_in_browser


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
