"""A new member's first home page said only what was missing ('Geen enkel lid wacht op je
antwoord.', 'Nog geen open uitdagingen.', 'Nog geen expertise opgegeven.' with a link to
'Mijn expertise beheren', nothing to manage yet): no next step (seen walking a first-time
member's journey). Each empty panel now says how things come there and what to do."""

from __future__ import annotations

from typing import Any

from introductions import workflow
from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _panel(client: Any, panel_id: str) -> str:
    home = client.get("/", headers=HTML).text
    return home.split(f'id="{panel_id}"', 1)[1].split("</section>", 1)[0]


def _new_member(client: Any) -> factories.Login:
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    return login


def test_nobody_waiting_says_members_ask_when_your_expertise_fits(client):
    _new_member(client)
    panel = _panel(client, "waiting-for-me")
    assert "Geen enkel lid wacht op je antwoord." in panel
    assert "wanneer je expertise past bij hun uitdaging" in panel
    assert '<a href="/my/expertise">' in panel


def test_nobody_waiting_for_a_paused_member_says_they_paused(client):
    login = _new_member(client)
    run(workflow.set_paused(login.member_id, True))
    panel = _panel(client, "waiting-for-me")
    assert "Je hebt introducties gepauzeerd" in panel
    assert '<a href="/introductions/settings">' in panel
    assert "wanneer je expertise past" not in panel


def test_no_records_yet_say_what_to_write(client):
    _new_member(client)
    panel = _panel(client, "my-records")
    assert "Nog geen open uitdagingen: beschrijf er hieronder een." in panel
    assert '<a href="/my/expertise">Beschrijf je expertise</a>' in panel
    assert "Mijn expertise beheren" not in panel


def test_a_member_with_expertise_manages_it(client):
    _new_member(client)
    client.post(
        "/my/expertise",
        data={"title": "Interne audits", "_csrf_token": factories.csrf_token(client)},
    )
    panel = _panel(client, "my-records")
    assert "Interne audits" in panel
    assert '<a href="/my/expertise">Mijn expertise beheren</a>' in panel
