"""A new API token is a credential of its own: it opens the API in the account's name for a
year and outlives a password change. `POST /api/tokens` asks for the password; the page
`/tokens` made one from the page session alone, so whoever held a browser session for a moment
(a laptop left open, a stolen cookie) left with a year of access that the owner's new password
did not end (found probing `kring serve`). The page now asks the password too, checked and
throttled as a login: a wrong one is refused at its field (403), too many are a 429, and no
token is made until it is right."""

from __future__ import annotations

from kring.choices import Role
from kring.tables import ApiToken
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _tokens(account_id: int) -> int:
    return run(ApiToken.count().where(ApiToken.account == account_id))


def _create(client, **fields: str):
    data = {"_csrf_token": factories.csrf_token(client), **fields}
    return client.post("/tokens", data=data, headers=HTML)


def test_the_page_session_alone_makes_no_token(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    before = _tokens(login.account_id)
    answer = _create(client, name="Mijn CRM")
    assert answer.status_code == 400, answer.text[:300]
    assert "Is verplicht" in factories.field_error(answer.text, "password")
    assert 'value="Mijn CRM"' in answer.text  # the name typed stays
    assert _tokens(login.account_id) == before


def test_a_wrong_password_makes_no_token_and_counts_as_a_failed_login(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    before = _tokens(login.account_id)
    wrong = _create(client, name="Mijn CRM", password="niet-het-wachtwoord")
    assert wrong.status_code == 403, wrong.text[:300]
    assert "Verkeerd wachtwoord" in factories.field_error(wrong.text, "password")
    for _ in range(4):
        _create(client, name="Mijn CRM", password="niet-het-wachtwoord")
    throttled = _create(client, name="Mijn CRM", password=factories.PASSWORD)
    assert throttled.status_code == 429 and throttled.headers["retry-after"].isdigit()
    assert "Te veel verkeerde wachtwoorden" in factories.field_error(throttled.text, "password")
    assert _tokens(login.account_id) == before


def test_the_right_password_makes_a_token_that_opens_the_api(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    before = _tokens(login.account_id)
    made = _create(client, name="Mijn CRM", password=factories.PASSWORD)
    assert made.status_code == 200, made.text[:300]
    token = made.text.split('id="new-token">')[1].split("<")[0]
    assert _tokens(login.account_id) == before + 1
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["account_id"] == login.account_id
    assert 'name="password"' in made.text and factories.PASSWORD not in made.text
