"""A password is the text a person types, whatever Unicode form their keyboard sends: 'é' as one
code point (NFC) or as 'e' and an accent (NFD, some macOS and mobile input) opens the same
account, on the login form, the API and the password confirmation."""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher
from litestar.testing import TestClient

from kring.choices import Role
from kring.tables import Account
from tests import factories
from tests.conftest import _app, run

TYPED = "café-wachtwoord-Ångström"
NFC = unicodedata.normalize("NFC", TYPED)
NFD = unicodedata.normalize("NFD", TYPED)


def _token_login(client, email: str, password: str) -> int:
    return client.post("/api/tokens", json={"email": email, "password": password}).status_code


def _form_login(email: str, password: str) -> int:
    with TestClient(app=_app(), base_url="http://testserver.local") as fresh:
        return factories.log_in(fresh, email, password).status_code


def test_the_forms_differ_in_code_points():
    assert NFC != NFD


def test_a_password_set_in_nfc_opens_the_account_when_typed_in_nfd(client):
    login = factories.account(Role.member)
    changed = client.post(
        "/api/me/password",
        json={"current_password": factories.PASSWORD, "new_password": NFC},
        headers=login.headers,
    )
    assert changed.status_code in (200, 201), changed.text
    for form in (NFD, NFC):
        assert _token_login(client, login.email, form) == 201
        assert _form_login(login.email, form) == 303
    assert _token_login(client, login.email, NFC + "x") == 401


def test_a_password_set_in_nfd_opens_the_account_in_both_forms(client):
    login = factories.account(Role.member)
    changed = client.post(
        "/api/me/password",
        json={"current_password": factories.PASSWORD, "new_password": NFD},
        headers=login.headers,
    )
    assert changed.status_code in (200, 201), changed.text
    for form in (NFC, NFD):
        assert _token_login(client, login.email, form) == 201
        assert _form_login(login.email, form) == 303


def test_a_hash_made_from_the_nfd_form_before_normalising_still_opens_and_is_renewed(client):
    login = factories.account(Role.organiser)
    old_hash = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(NFD)
    run(Account.update({Account.password_hash: old_hash}).where(Account.id == login.account_id))
    assert _token_login(client, login.email, NFC) == 201  # tried as typed after NFC
    renewed = run(Account.select(Account.password_hash).where(Account.id == login.account_id))
    assert renewed[0]["password_hash"] != old_hash  # hashed again, from NFC
    assert PasswordHasher().verify(renewed[0]["password_hash"], NFC)
    for form in (NFD, NFC):
        assert _token_login(client, login.email, form) == 201
        assert _form_login(login.email, form) == 303


def test_the_current_password_asked_again_takes_either_form(client):
    login = factories.account(Role.member)
    client.post(
        "/api/me/password",
        json={"current_password": factories.PASSWORD, "new_password": NFC},
        headers=login.headers,
    )
    fresh_token = client.post("/api/tokens", json={"email": login.email, "password": NFD})
    headers = {"authorization": f"Bearer {fresh_token.json()['token']}"}
    changed = client.post(
        "/api/me/password",
        json={"current_password": NFD, "new_password": "yet another passphrase"},
        headers=headers,
    )
    assert changed.status_code in (200, 201), changed.text
