"""A destructive action asks first: its form sits in the confirmation step of a
`<details class="confirm">` (`kring/templates/_confirm.html`), so one click never revokes,
cancels, withdraws or lifts anything.

Every template is scanned for a bare POST form whose action names such a verb; and the pages
that held one before (found from outside) are rendered over HTTP and read as HTML."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from events.registration import register
from introductions import mails, workflow
from kring.choices import Role
from kring.settings import get_settings
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.introductions.helpers import scene

ROOT = Path(__file__).resolve().parents[2]
HTML = {"accept": "text/html", "accept-language": "nl"}
DESTRUCTIVE = re.compile(
    r"/(revoke|cancel|cancel-event|decline|lift|delete|remove|retire|leave|erase|block)\"?$"
)
BARE_FORM = re.compile(r'<form\b[^>]*\baction="([^"]+)"')
UNDOES_ONLY = {
    "/introductions/settings/blocks/{{ block.id }}/remove": "lifts a block the member set",
}
"""Bare forms whose verb sounds destructive but which only undo the member's own choice."""


class Forms(HTMLParser):
    """Each POST form's action, and whether it sits inside a `details.confirm`."""

    def __init__(self) -> None:
        super().__init__()
        self.details: list[bool] = []
        self.forms: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "details":
            self.details.append("confirm" in (found.get("class") or "").split())
        elif tag == "form" and (found.get("method") or "").lower() == "post":
            self.forms.append((found.get("action") or "", any(self.details)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "details" and self.details:
            self.details.pop()


def forms_of(html: str) -> list[tuple[str, bool]]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def asks_first(html: str, action: str) -> bool:
    """The page posts to `action` only from a confirmation step (and does post there)."""
    found = [inside for posted, inside in forms_of(html) if posted == action]
    return bool(found) and all(found)


def test_no_template_has_a_bare_destructive_form():
    bare = {
        f"{path.relative_to(ROOT)}: {action}"
        for path in (ROOT / "kring/templates").rglob("*.html")
        for action in BARE_FORM.findall(path.read_text())
        if DESTRUCTIVE.search(action) and action not in UNDOES_ONLY
    }
    assert bare == set()


def test_revoking_an_api_token_asks_first(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    page = client.get("/tokens", headers=HTML).text
    token_id = re.search(r'action="/tokens/(\d+)/revoke"', page).group(1)
    assert asks_first(page, f"/tokens/{token_id}/revoke")
    assert "De sleutel “tests” intrekken?" in page


def test_replacing_or_stopping_the_calendar_address_asks_first(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    first = client.get("/events/calendar", headers=HTML).text
    assert ("/events/calendar", False) in forms_of(first)  # nothing to replace yet
    made = client.post(
        "/events/calendar",
        data={"_csrf_token": factories.csrf_token(client), "password": factories.PASSWORD},
        headers=HTML,
    )
    assert made.status_code == 200
    page = client.get("/events/calendar", headers=HTML).text
    assert asks_first(page, "/events/calendar")
    assert asks_first(page, "/events/calendar/revoke")
    assert "Het oude werkt meteen niet meer" in page


def test_cancelling_ones_registration_asks_first_and_says_where_the_seat_goes(client):
    organiser = factories.account(Role.organiser)
    seated, waiting = factories.account(Role.member), factories.account(Role.member)
    event_id = event(organiser, capacity=1)
    run(register(event_id, member_id=seated.member_id))
    run(register(event_id, member_id=waiting.member_id))
    factories.log_in(client, seated.email)
    page = client.get(f"/events/{event_id}", headers=HTML).text
    assert asks_first(page, f"/events/{event_id}/cancel")
    assert "Je plaats gaat naar de volgende op de wachtlijst" in page
    factories.log_in(client, waiting.email)
    page = client.get(f"/events/{event_id}", headers=HTML).text
    assert asks_first(page, f"/events/{event_id}/cancel")
    assert "Je verlaat de wachtlijst" in page


def test_withdrawing_an_introduction_request_asks_first(client, smtp_server):
    s = scene()
    proposal = s.proposals()[0]["id"]
    mails.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        run(workflow.request_introduction(s.owner_principal, proposal))
    finally:
        mails.settings_override = None
    factories.log_in(client, s.owner_login.email)
    page = client.get("/introductions", headers=HTML).text
    assert asks_first(page, f"/introductions/{proposal}/decline")
    assert "Deze aanvraag intrekken?" in page


def test_lifting_a_restriction_asks_first(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation(), last_name="Beperkt")
    run(restrict(member_id, "het lid zelf", "betwist de juistheid", None))
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/rights", headers=HTML).text
    assert asks_first(page, f"/privacy/desk/rights/{member_id}/lift")
    assert "Beperkt opheffen?" in page
