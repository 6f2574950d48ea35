"""A page's form sent with a body of another type than a form (JSON, text/plain), with its CSRF
token in the header, was read as an empty form: /profile answered 'saved' (303) and changed
nothing, /introductions/settings/pause read `{"paused": "on"}` as the box unticked and took the
member off pause, and /events/calendar said the password was missing though it was sent
(found probing `kring serve`). Such a body is a 415 naming the Content-Type to send, and
nothing changes; a form as browsers send it (urlencoded or multipart) works as before."""

from __future__ import annotations

from html import unescape

import pytest

from introductions.tables import MatchingPreference
from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}
SAID = "Stuur het formulier als application/x-www-form-urlencoded of multipart/form-data"


def _pause(client, **fields: str):
    data = {"_csrf_token": factories.csrf_token(client), **fields}
    return client.post(
        "/introductions/settings/pause", data=data, headers=HTML, follow_redirects=False
    )


def _paused(member_id: int) -> bool:
    row = run(
        MatchingPreference.select(MatchingPreference.paused)
        .where(MatchingPreference.member == member_id)
        .first()
    )
    return bool(row and row["paused"])


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("application/json", b'{"paused": "on"}'), ("text/plain", b"paused=on")],
)
def test_a_form_of_another_type_is_refused_naming_the_content_type(client, content_type, body):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    csrf = factories.csrf_token(client)
    assert _pause(client, paused="on").status_code == 303
    assert _paused(login.member_id)
    headers = HTML | {"content-type": content_type, "x-csrftoken": csrf}
    answer = client.post(
        "/introductions/settings/pause", content=body, headers=headers, follow_redirects=False
    )
    assert answer.status_code == 415, answer.status_code
    assert SAID in unescape(answer.text)
    assert _paused(login.member_id)  # still paused: nothing was read as unticked


def test_forms_as_browsers_send_them_still_work(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    made = client.post(
        "/events/calendar",
        files={"password": (None, factories.PASSWORD)},
        data={"_csrf_token": factories.csrf_token(client)},
        headers=HTML,
    )
    assert made.status_code == 200 and 'id="feed-url"' in made.text
    assert _pause(client).status_code == 303
    assert not _paused(login.member_id)
