"""U+FFFD, what a lost character becomes, is refused wherever text is stored, naming the field
and where it stands: page forms refused it, but `POST /api/members` stored `An\ufffdna` (201)
and `kring import members` imported it. The check is one (`kring.validation`) for the API's
bodies, the pages and the import; a password, compared and never stored, is left as it is."""

from __future__ import annotations

from html import unescape

from click.testing import CliRunner

from assembly.cli import main
from kring.choices import Role
from kring.tables import Member, Organisation
from tests import factories
from tests.conftest import run
from tests.security.test_control_characters import _text_routes

LOST = "An\ufffdna"
SAYS = "contains the replacement character U+FFFD (character 3)"


def test_the_api_refuses_a_member_with_a_lost_character_naming_the_field(client):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/members",
        json={"first_name": LOST, "last_name": "Peeters", "email": "anna@peeters.be"},
        headers=organiser.headers,
    )
    assert answer.status_code == 400, answer.text
    error = answer.json()["errors"][0]
    assert error["field"] == "first_name" and SAYS in error["message"]
    assert run(Member.count().where(Member.email == "anna@peeters.be")) == 0


def test_every_api_body_refuses_a_lost_character_naming_its_path(client):
    admin = factories.account(Role.admin, member_id=factories.member(factories.organisation()))
    missed = []
    for method, path, takes_body in _text_routes():
        if not takes_body:
            continue
        answer = client.request(
            method, path, json={"notitie": ["ok", "a\ufffdb"]}, headers=admin.headers
        )
        if answer.status_code != 400 or answer.json()["errors"][0]["field"] != "notitie[1]":
            missed.append(f"{method} {path}: {answer.status_code} {answer.text[:80]}")
    assert missed == []


def test_a_password_with_a_lost_character_is_compared_not_refused(client):
    login = factories.account(Role.member)
    answer = client.post("/api/tokens", json={"email": login.email, "password": "ab\ufffdcdefgh"})
    assert answer.status_code in (401, 403), answer.text  # a wrong password, not a 400


def test_the_organisers_member_form_refuses_a_lost_character_in_dutch(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = factories.post_page_form(
        client, "/members/new", first_name=LOST, last_name="Peeters", email="anna@peeters.be"
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "vervangingsteken U+FFFD (teken 3)" in text and f'value="{LOST}"' in text
    assert run(Member.count().where(Member.email == "anna@peeters.be")) == 0


def test_the_import_rejects_a_row_with_a_lost_character_naming_row_and_column(tmp_path):
    source = tmp_path / "crm.csv"
    source.write_text(
        "Voornaam;Achternaam;E-mail;Bedrijf\r\n"
        f"{LOST};Peeters;anna@peeters.be;Bakkerij Peeters\r\n"
        "Jan;Janssens;jan@janssens.be;Jan\ufffdssens NV\r\n"
        "Els;Smet;els\ufffd@smet.be;\r\n"
        "Piet;Goed;piet@goed.be;\r\n",
        encoding="utf-8",
    )
    answer = CliRunner().invoke(main, ["import", "members", str(source)])
    assert answer.exit_code == 1, answer.output
    assert f"rejected row 2: first_name: {SAYS}" in answer.output
    assert "rejected row 3: company: contains the replacement character U+FFFD (character 4)" in (
        answer.output
    )
    assert "rejected row 4: email: contains the replacement character U+FFFD" in answer.output
    assert "1 created, 0 updated, 0 skipped, 3 rejected" in answer.output
    assert run(Member.select(Member.email)) == [{"email": "piet@goed.be"}]
    assert run(Organisation.count()) == 0
