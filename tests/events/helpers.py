"""Events for tests, made through the domain functions the app uses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx

from events.management import create_event
from kring.accounts import principal_for_api_token
from kring.clock import utc_now
from kring.principal import Principal
from tests import factories
from tests.conftest import run
from tests.factories import Login


def principal(login: Login) -> Principal:
    found = run(principal_for_api_token(login.token))
    assert found is not None
    return found


def event(organiser: Login, capacity: int = 10, **fields: Any) -> int:
    start = utc_now() + timedelta(days=14)
    data = {
        "title": "Netwerkavond kwaliteit",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "capacity": capacity,
        "venue": "Het Pand",
        "address": "Onderbergen 1, 9000 Gent",
    } | fields
    return run(create_event(principal(organiser), data))


def doors_open(event_id: int, started: bool = True) -> None:
    """Move an event to its evening: started an hour ago, or (``started=False``) starting in
    an hour, when check-in is open but a no-show cannot be recorded yet."""
    from events.tables import Event

    start = utc_now() + timedelta(hours=-1 if started else 1)
    run(
        Event.update({Event.starts_at: start, Event.ends_at: start + timedelta(hours=3)}).where(
            Event.id == event_id
        )
    )


@contextmanager
def signed_in_browser(url: str, email: str) -> Iterator[httpx.Client]:
    """A page session on the served app as a Dutch browser has it (HTML, the CSRF cookie)."""
    with httpx.Client(
        base_url=url, headers={"accept": "text/html", "accept-language": "nl-BE"}, timeout=30
    ) as browser:
        answer = factories.log_in(browser, email)
        assert answer.status_code in (200, 303), answer.text
        yield browser
