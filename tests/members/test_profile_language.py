"""Choosing English on one's profile switches the pages to English too: the profile saved the
language (used for mails) and said 'Je profiel is bewaard.', but every page stayed Dutch until
the member also found the EN switch, so the choice seemed to do nothing. Saving another
language now also sets this browser's language; saving anything else leaves it alone. Found
from outside on the demo; over HTTP against `kring serve`."""

from __future__ import annotations

import httpx

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run

PROFILE = {"first_name": "An", "last_name": "Peeters", "job_title": "Auditor"}


def _save(client: httpx.Client, **fields: str) -> httpx.Response:
    return client.post(
        "/profile",
        data={"_csrf_token": factories.csrf_token(client), **PROFILE, **fields},
        headers={"accept": "text/html"},
        follow_redirects=True,
    )


def test_choosing_english_on_the_profile_shows_the_pages_in_english(live_server):
    login = factories.account(Role.member)
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, login.email).status_code == 303
        saved = _save(client, language="en")
        assert "Your profile was saved." in saved.text
        assert '<html lang="en">' in client.get("/my/challenges").text
        back = _save(client, language="nl")
        assert "Je profiel is bewaard." in back.text
    stored = run(Member.select(Member.language).where(Member.id == login.member_id).first())
    assert stored["language"] == "nl"


def test_saving_the_profile_in_the_same_language_keeps_the_pages_language(live_server):
    login = factories.account(Role.member)
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, login.email).status_code == 303
        client.get("/language/en")  # reads the site in English, mails stay Dutch
        saved = _save(client, language="nl", job_title="Lead auditor")
        assert "Your profile was saved." in saved.text
