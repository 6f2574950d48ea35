"""Export and erasure in the members' area ask for the password again; the moment is kept in
the session row, for KRING_REAUTH_MINUTES."""

from datetime import timedelta

from kring.choices import Role
from kring.clock import utc_now
from kring.tables import UserSession
from privacy.tables import ErasureRequest
from tests import factories
from tests.conftest import run


def _confirm(client, password=factories.PASSWORD, next="/privacy/my-data", csrf=True):
    data = {"password": password, "next": next}
    if csrf:
        data["_csrf_token"] = factories.csrf_token(client)
    return client.post("/privacy/confirm", data=data, follow_redirects=False)


def _session(account_id):
    return run(UserSession.select().where(UserSession.account == account_id).first())


def test_export_pages_ask_for_the_password_and_remember_it_in_the_session(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    answer = client.get("/privacy/my-data", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/privacy/confirm?next=/privacy/my-data"
    asked = factories.post_page_form(client, "/privacy/my-data")  # the form's POST asks too
    assert str(asked.url).endswith("/privacy/confirm?next=/privacy/my-data")
    form = client.get("/privacy/confirm?next=/privacy/my-data")
    assert form.status_code == 200 and 'type="password"' in form.text
    assert _confirm(client, csrf=False).status_code == 403  # CSRF still applies
    wrong = _confirm(client, password="not my password")
    assert wrong.status_code == 403 and 'id="confirm-error"' in wrong.text
    assert _session(login.account_id)["reauthenticated_at"] is None
    right = _confirm(client)
    assert (right.status_code, right.headers["location"]) == (303, "/privacy/my-data")
    assert _session(login.account_id)["reauthenticated_at"] is not None
    assert client.get("/privacy/my-data").status_code == 200
    asked = factories.post_page_form(client, "/privacy/my-data")
    assert asked.status_code == 200 and "/privacy/my-data/" in str(asked.url)
    data = client.get(f"{asked.url}/answer.json")
    assert data.status_code == 200 and data.json()["subject"]["member_id"] == login.member_id
    # The window passes: the password is asked again.
    run(
        UserSession.update(
            {UserSession.reauthenticated_at: utc_now() - timedelta(minutes=11)}
        ).where(UserSession.account == login.account_id)
    )
    assert client.get("/privacy/my-data", follow_redirects=False).status_code == 303
    assert client.get(str(asked.url), follow_redirects=False).status_code == 303


def test_confirm_sends_only_to_the_privacy_pages(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    answer = _confirm(client, next="https://evil.example/steal")
    assert answer.headers["location"] == "/privacy"


def test_erasure_in_the_members_area_needs_the_password(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)

    def ask(**data):
        data["_csrf_token"] = factories.csrf_token(client)
        return client.post("/privacy/erasure", data=data, follow_redirects=False)

    missing = ask()
    assert missing.status_code == 400
    assert "Bevestig de wissing met je wachtwoord" in missing.text  # beside the field, in Dutch
    assert 'aria-describedby="field-password-error"' in missing.text
    wrong = ask(password="not my password")
    assert wrong.status_code == 403 and "Verkeerd wachtwoord" in wrong.text
    assert run(ErasureRequest.count().where(ErasureRequest.member == login.member_id)) == 0
    assert ask(password=factories.PASSWORD).status_code == 303
    assert run(ErasureRequest.count().where(ErasureRequest.member == login.member_id)) == 1


def test_the_api_asks_the_password_for_own_erasure(client):
    login = factories.account(Role.member)
    missing = client.post("/api/privacy/erasure-requests", json={}, headers=login.headers)
    assert missing.status_code == 400 and "password" in missing.text
    wrong = client.post(
        "/api/privacy/erasure-requests", json={"password": "nope nope nope"}, headers=login.headers
    )
    assert wrong.status_code == 403
    made = client.post(
        "/api/privacy/erasure-requests",
        json={"password": factories.PASSWORD},
        headers=login.headers,
    )
    assert made.status_code == 201 and made.json()["status"] == "open"
