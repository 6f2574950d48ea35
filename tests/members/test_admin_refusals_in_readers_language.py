"""Beheer (Piccolo Admin) showed Kring's refusals of a row in English on a Dutch page
('first_name: is required; last_name: is required'), though Kring's own forms say them in the
reader's language: its table API answers in English, as Kring's API does (`detail`), and now
also carries them as the page shows them (`message`: each field by its label in the reader's
language), which `/static/admin-names.js` shows in its list of errors."""

import pytest

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from tests import factories

HTML = {"accept": "text/html"}
TABLES = "/admin/api/tables"


@pytest.fixture
def admin(client):
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    client.headers.update(
        {"X-CSRFToken": client.cookies.get("csrftoken", ""), "accept": "application/json"}
    )
    return client


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "Voornaam: is verplicht; Achternaam: is verplicht"),
        ("en", "First name: is required; Last name: is required"),
    ],
)
def test_a_refused_row_is_named_in_the_readers_language_beside_the_api_english(
    admin, language, message
):
    admin.cookies.set(LANGUAGE_COOKIE, language)
    organisation = factories.organisation(domain="verhaeghe.be")
    answer = admin.post(f"{TABLES}/member/", json={"organisation": organisation})
    assert answer.status_code == 400, answer.text
    assert answer.json() == {
        "detail": "first_name: is required; last_name: is required",
        "message": message,
    }


def test_one_refused_field_reads_in_dutch(admin):
    admin.cookies.set(LANGUAGE_COOKIE, "nl")
    member_id = factories.member(factories.organisation(domain="verhaeghe.be"))
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"phone": "abc"})
    assert answer.status_code == 400, answer.text
    said = answer.json()
    assert said["detail"].startswith("phone: 'abc' is not a phone number")
    assert said["message"] == "Telefoon: “abc” is geen telefoonnummer"


def test_a_refusal_of_the_admin_mount_itself_stays_as_it_was(admin):
    member_id = factories.member(factories.organisation(domain="verhaeghe.be"))
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"organisation": "x"})
    assert answer.status_code == 400
    assert set(answer.json()) == {"detail"}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nl", "wissen gaat via een wisverzoek"),
        ("en", "erasure goes through a privacy erasure request"),
    ],
)
def test_a_refused_deletion_reads_in_the_readers_language(admin, language, message):
    """Beheer's delete of a member (erased through a request instead) said why in English only,
    on a Dutch page."""
    admin.cookies.set(LANGUAGE_COOKIE, language)
    member_id = factories.member(factories.organisation(domain="verhaeghe.be"))
    answer = admin.delete(f"{TABLES}/member/{member_id}/")
    assert answer.status_code == 409, answer.text
    assert answer.json() == {
        "detail": "erasure goes through a privacy erasure request",
        "message": message,
    }


def test_an_organisation_with_members_is_refused_in_dutch_counting_them(admin):
    admin.cookies.set(LANGUAGE_COOKIE, "nl")
    busy = factories.organisation(domain="verhaeghe.be")
    factories.member(busy)
    answer = admin.delete(f"{TABLES}/organisation/{busy}/")
    assert answer.status_code == 409, answer.text
    assert answer.json()["message"] == (
        f"organisatie {busy} heeft nog 1 lid; verhuis dat lid eerst naar een andere organisatie"
    )
    factories.member(busy)
    answer = admin.delete(f"{TABLES}/organisation/{busy}/")
    assert answer.json() == {
        "detail": f"organisation {busy} still has 2 members; move them to another "
        "organisation first",
        "message": f"organisatie {busy} heeft nog 2 leden; verhuis hen eerst naar een andere "
        "organisatie",
    }
