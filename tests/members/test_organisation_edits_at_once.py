"""Two organisers changing one organisation at once each keep their change. The organisation
form sends every field it shows, so a save wrote back what it held when it was opened: an
organiser who corrected the website while a colleague had /organisations/N/edit open saw the old
address come back when the colleague saved a new address, without a word. The form carries the
organisation as it was shown (`_seen`, `kring.seen`), and a save writes only what was changed."""

from __future__ import annotations

from litestar.testing import TestClient

from kring.choices import Role
from kring.tables import Organisation
from tests import factories
from tests.at_once import both_change_one_field
from tests.conftest import _app, run
from tests.members.test_profile_edits_at_once import HTML, _fields


def test_two_organisers_saving_one_organisation_keep_both_changes(client):
    organisation_id = factories.organisation("Bouwgroep Vanacker", website="https://oud.be")
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    path = f"/organisations/{organisation_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, first.email)
        factories.log_in(other, second.email)
        mine = _fields(client.get(path, headers=HTML).text, path)
        theirs = _fields(other.get(path, headers=HTML).text, path)

        saved = other.post(path, data=theirs | {"website": "https://nieuw.be"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(path, data=mine | {"address": "Kaai 1, 9000 Gent"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]

    row = run(
        Organisation.select(Organisation.website, Organisation.address)
        .where(Organisation.id == organisation_id)
        .first()
    )
    assert row == {"website": "https://nieuw.be", "address": "Kaai 1, 9000 Gent"}


def test_a_save_keeps_the_domains_a_colleague_changed_meanwhile(client):
    organisation_id = factories.organisation("Scheldecoat", domain="scheldecoat.be")
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    path = f"/organisations/{organisation_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, first.email)
        factories.log_in(other, second.email)
        mine = _fields(client.get(path, headers=HTML).text, path)
        theirs = _fields(other.get(path, headers=HTML).text, path)

        domains = {"email_domains": "scheldecoat.be scheldecoat.com"}
        saved = other.post(path, data=theirs | domains, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(path, data=mine | {"name": "Scheldecoat NV"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]

    page = client.get(f"/organisations/{organisation_id}/edit", headers=HTML).text
    assert _fields(page, path)["email_domains"] == "scheldecoat.be scheldecoat.com"
    assert _fields(page, path)["name"] == "Scheldecoat NV"


def test_a_website_changed_by_both_organisers_is_refused_with_both_values(client):
    organisation_id = factories.organisation("Bouwgroep Vanacker", website="https://oud.be")
    path = f"/organisations/{organisation_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.organiser).email)
        factories.log_in(other, factories.account(Role.organiser).email)
        both_change_one_field(
            client,
            other,
            path,
            "website",
            ("https://nieuw.be", "https://ander.be"),
            lambda: run(
                Organisation.select(Organisation.website)
                .where(Organisation.id == organisation_id)
                .first()
            )["website"],
        )
