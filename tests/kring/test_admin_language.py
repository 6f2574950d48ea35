"""Beheer (Piccolo Admin at /admin) speaks the reader's language, is named Kring and has a link
back to Kring in its sidebar; found by an outside review: it was English only, named "Kring
admin", and a reader could leave it only with the browser's back button. Only admins reach any
of it, its public texts included."""

from __future__ import annotations

import pytest

from kring.admin_language import ADMIN_TEXTS, admin_translations
from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from tests import factories

HTML = {"accept": "text/html"}
JSON = {"accept": "application/json"}


def _open_admin(client) -> None:
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200


def test_beheer_opens_in_dutch_named_kring_with_a_link_back(client):
    _open_admin(client)
    languages = client.get("/admin/public/translations/", headers=JSON).json()
    assert languages["default_language_code"] == "nl"
    assert [t["language_code"] for t in languages["translations"]] == ["nl", "en"]
    dutch = client.get("/admin/public/translations/nl/", headers=JSON).json()["translations"]
    assert dutch["Tables"] == "Tabellen" and dutch["Log Out"] == "Afmelden"
    assert client.get("/admin/public/meta/", headers=JSON).json()["site_name"] == "Kring"
    assert client.get("/admin/api/links/", headers=JSON).json() == {"Terug naar Kring": "/"}


def test_beheer_opens_in_english_for_a_reader_who_chose_english(client):
    client.cookies.set(LANGUAGE_COOKIE, "en")
    _open_admin(client)
    languages = client.get("/admin/public/translations/", headers=JSON).json()
    assert languages["default_language_code"] == "en"
    assert client.get("/admin/api/links/", headers=JSON).json() == {"Back to Kring": "/"}


def test_every_text_of_piccolo_admin_is_in_the_catalogue_and_translated():
    from piccolo_admin.translations.data import ENGLISH

    assert set(ADMIN_TEXTS) == set(ENGLISH.translations)
    dutch = admin_translations()[0].translations
    same = {text for text, shown in dutch.items() if text == shown}
    assert same == {"Links"}  # the same word in Dutch


@pytest.mark.parametrize("role", [Role.member, Role.organiser, Role.privacy_officer])
@pytest.mark.parametrize("path", ["/admin/", "/admin/public/translations/", "/admin/api/links/"])
def test_other_roles_are_refused_every_part_of_beheer(client, role, path):
    factories.log_in(client, factories.account(role).email)
    assert client.get(path, headers=HTML).status_code == 403
