from datetime import timedelta
from typing import Literal

from argon2 import PasswordHasher

from kring import credentials
from kring.accounts import principal_for_api_token
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Account, ApiToken, UserSession
from privacy.tables import LoginMonth
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def test_passwords_are_stored_as_argon2id_hashes():
    login = factories.account(Role.member)
    row = run(Account.select(Account.password_hash).where(Account.id == login.account_id).first())
    assert row["password_hash"].startswith("$argon2id$")
    assert factories.PASSWORD not in row["password_hash"]


def test_api_tokens_are_stored_hashed_and_revocation_takes_effect(client):
    login = factories.account(Role.member)
    stored = run(ApiToken.select(ApiToken.token_hash, ApiToken.prefix).first())
    assert stored["token_hash"] != login.token and login.token not in stored["token_hash"]
    token_id = client.get("/api/tokens", headers=login.headers).json()[0]["id"]
    assert client.delete(f"/api/tokens/{token_id}", headers=login.headers).status_code == 204
    assert client.get("/api/me", headers=login.headers).status_code == 401
    assert run(principal_for_api_token(login.token)) is None


def test_a_member_cannot_revoke_someone_elses_token(client):
    owner = factories.account(Role.member)
    other = factories.account(Role.member)
    token_id = client.get("/api/tokens", headers=owner.headers).json()[0]["id"]
    assert client.delete(f"/api/tokens/{token_id}", headers=other.headers).status_code == 404
    assert client.get("/api/me", headers=owner.headers).status_code == 200


def test_token_endpoint_trades_password_for_token(client):
    login = factories.account(Role.organiser)
    answer = client.post("/api/tokens", json={"email": login.email, "password": factories.PASSWORD})
    assert answer.status_code == 201
    token = answer.json()["token"]
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["role"] == "organiser"


def test_login_is_rate_limited_after_five_failures(client):
    login = factories.account(Role.member)
    for _ in range(5):
        wrong = client.post(
            "/api/tokens", json={"email": login.email, "password": "wrong-password"}
        )
        assert wrong.status_code == 401
    blocked = client.post(
        "/api/tokens", json={"email": login.email, "password": factories.PASSWORD}
    )
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0


def test_unknown_account_and_wrong_password_answer_alike(client):
    login = factories.account(Role.member)
    unknown = client.post("/api/tokens", json={"email": "nobody@example.be", "password": "x" * 12})
    wrong = client.post("/api/tokens", json={"email": login.email, "password": "x" * 12})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json()["detail"] == wrong.json()["detail"]


def test_page_login_rotates_the_session_and_records_only_the_month(client):
    login = factories.account(Role.member)
    first = factories.log_in(client, login.email)
    assert first.status_code == 303
    old_cookie = client.cookies["kring_session"]
    second = factories.log_in(client, login.email)
    assert second.status_code == 303
    assert client.cookies["kring_session"] != old_cookie
    assert run(UserSession.count()) == 1
    months = run(LoginMonth.select(LoginMonth.month))
    assert len(months) == 1 and len(months[0]["month"]) == 7
    cookie = first.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_logout_ends_the_session(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    assert client.get("/profile", headers=HTML).status_code == 200
    out = client.post(
        "/logout", data={"_csrf_token": factories.csrf_token(client)}, follow_redirects=False
    )
    assert out.status_code == 303
    assert run(UserSession.count()) == 0
    assert client.get("/profile", headers=HTML, follow_redirects=False).status_code in (
        302,
        303,
        307,
    )


def test_wrong_password_on_the_page_is_401_with_a_message(client):
    login = factories.account(Role.member)
    answer = factories.log_in(client, login.email, "not the password")
    assert answer.status_code == 401
    assert "Verkeerd e-mailadres of wachtwoord" in answer.text


def test_login_ignores_the_case_of_the_email(client):
    from members.accounts import create_account

    member_id = factories.member(factories.organisation())
    run(
        create_account(
            "An.Peeters@Example.BE",
            factories.PASSWORD,
            Role.member,
            member_id,
            adult_confirmed=True,
        )
    )
    answer = client.post(
        "/api/tokens", json={"email": "an.peeters@example.be", "password": factories.PASSWORD}
    )
    assert answer.status_code == 201
    answer = client.post(
        "/api/tokens", json={"email": "AN.PEETERS@example.be", "password": factories.PASSWORD}
    )
    assert answer.status_code == 201


def test_a_member_login_needs_the_adulthood_confirmation():
    import pytest

    from kring.validation import FieldError
    from members.accounts import create_account
    from privacy.consents import adult_confirmed_at

    member_id = factories.member(factories.organisation())
    with pytest.raises(FieldError) as refused:
        run(create_account("jong@example.be", factories.PASSWORD, Role.member, member_id))
    assert refused.value.field == "adult_confirmed"
    run(
        create_account(
            "oud@example.be", factories.PASSWORD, Role.member, member_id, adult_confirmed=True
        )
    )
    assert run(adult_confirmed_at(member_id)) is not None


def test_an_expired_token_or_a_deactivated_account_is_refused(client):
    expired, deactivated, valid = (factories.account(Role.member) for _ in range(3))
    run(
        ApiToken.update({ApiToken.expires_at: utc_now() - timedelta(minutes=1)}).where(
            ApiToken.account == expired.account_id
        )
    )
    run(Account.update({Account.active: False}).where(Account.id == deactivated.account_id))
    assert client.get("/api/me", headers=expired.headers).status_code == 401
    assert client.get("/api/me", headers=deactivated.headers).status_code == 401
    me = client.get("/api/me", headers=valid.headers)
    assert me.status_code == 200 and me.json()["account_id"] == valid.account_id


def test_an_expired_session_or_a_deactivated_account_ends_the_page_login(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    assert client.get("/profile", headers=HTML).status_code == 200
    run(UserSession.update({UserSession.expires_at: utc_now() - timedelta(minutes=1)}, force=True))
    assert client.get("/profile", headers=HTML, follow_redirects=False).status_code in (302, 303)
    factories.log_in(client, login.email)
    assert client.get("/profile", headers=HTML).status_code == 200
    run(Account.update({Account.active: False}).where(Account.id == login.account_id))
    assert client.get("/profile", headers=HTML, follow_redirects=False).status_code in (302, 303)


class _CountingHasher(PasswordHasher):
    """The real argon2 hasher, counting its verifications (a login's cost is one of them)."""

    verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        type(self).verified += 1
        return super().verify(hash, password)


def test_an_unknown_address_costs_an_argon2_verification_like_a_wrong_password(client, monkeypatch):
    """Else the quicker 401 for an unknown address tells who has an account (measured: 0.1 s
    against 1-2 s with the default costs)."""
    login = factories.account(Role.member)
    monkeypatch.setattr(credentials, "_hasher", _CountingHasher(time_cost=1, memory_cost=8))
    for email in ("nobody@example.be", login.email):
        before = _CountingHasher.verified
        answer = client.post("/api/tokens", json={"email": email, "password": "x" * 12})
        assert answer.status_code == 401
        assert _CountingHasher.verified == before + 1, email


def test_login_and_logout_renew_the_csrf_cookie(client):
    """Litestar's double-submit token is not tied to the session: a cookie and token planted
    before the login (from a sibling subdomain, say) would stay valid after it."""
    login = factories.account(Role.member)
    planted = factories.csrf_token(client)
    answer = factories.log_in(client, login.email)
    assert answer.status_code == 303
    after_login = client.cookies["kring_csrf"]  # set by the login's own answer
    assert after_login != planted
    refused = client.post("/logout", data={"_csrf_token": planted}, follow_redirects=False)
    assert refused.status_code == 403
    out = client.post("/logout", data={"_csrf_token": after_login}, follow_redirects=False)
    assert out.status_code == 303
    assert client.cookies["kring_csrf"] not in (planted, after_login)
