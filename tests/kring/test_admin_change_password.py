"""Piccolo Admin's *Change password* changed the password of Piccolo's mirror user, never the
Kring account's (found by an outside probe): the admin, who never knew the mirror's random
password, was told "Incorrect password." with their own, and a change that went through would
have touched nothing they log in with. It is refused, naming Kring's own page, and its menu
entry leads there (`tests/web/test_admin_pages.py`)."""

from piccolo.apps.user.tables import BaseUser

from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _as_admin(client, language: str):
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    client.get(f"/language/{language}")  # the language chosen on this device
    assert client.get("/admin/", headers=HTML).status_code == 200
    return admin, {
        "X-CSRFToken": client.cookies.get("csrftoken", ""),
        "accept": "application/json",
    }


def test_piccolo_admin_s_change_password_is_refused_naming_kring_s_page(client):
    admin, headers = _as_admin(client, "nl")
    mirror = run(BaseUser.select(BaseUser.password).first())
    body = {
        "current_password": factories.PASSWORD,
        "new_password": "een-heel-nieuw-wachtwoord",
        "confirm_new_password": "een-heel-nieuw-wachtwoord",
    }
    answer = client.post("/admin/api/change-password/", json=body, headers=headers)
    assert answer.status_code == 403, answer.text
    detail = answer.json()["detail"]
    assert "/password" in detail and "Wachtwoord wijzigen" in detail, detail
    assert run(BaseUser.select(BaseUser.password).first()) == mirror
    client.cookies.clear()
    assert factories.log_in(client, admin.email).status_code == 303  # the old password still
    assert client.get("/admin/", headers=HTML).status_code == 200


def test_the_refusal_is_in_english_for_an_english_reader(client):
    _, headers = _as_admin(client, "en")
    answer = client.post("/admin/api/change-password/", json={}, headers=headers)
    assert answer.status_code == 403, answer.text
    assert answer.json()["detail"].startswith("Piccolo Admin does not change your password")
