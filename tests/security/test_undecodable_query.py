"""A query parameter whose %-escapes make no UTF-8 text (`?q=caf%FF`) is refused with a 400
naming it, on pages and on the API, before any handler reads it; Litestar read it as "caf\ufffd"
and searched for that, silently (`kring.web.query.refuse_undecodable_parameters`). The library's
search page keeps its own refusal, with its form and the words as typed."""

from __future__ import annotations

from html import unescape

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html", "accept-language": "nl"}
SAID = "is not valid UTF-8: the escaped byte {} is not part of a UTF-8 character"


@pytest.mark.parametrize(
    ("role", "query", "field", "escape"),
    [
        (Role.organiser, "/api/members?q=caf%FF", "q", "%FF"),
        (Role.organiser, "/api/members?q=caf%C3%A9&limit=1%E9", "limit", "%E9"),
        (Role.organiser, "/api/events?past=%C3", "past", "%C3"),
        (Role.member, "/api/library?q=%FF%FE", "q", "%FF"),
        (Role.organiser, "/api/members?caf%FF=1", "query", "%FF"),
    ],
)
def test_the_api_refuses_a_parameter_that_is_no_utf8_naming_it(client, role, query, field, escape):
    login = factories.account(role)
    answer = client.get(query, headers=login.headers)
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"] == [{"field": field, "message": SAID.format(escape)}]


@pytest.mark.parametrize(
    ("role", "path", "label"),
    [
        (Role.organiser, "/members?q=caf%FF", "Naam, organisatie of ondernemingsnummer"),
        (Role.organiser, "/projects?q=caf%FF", "Zoeken"),
        (Role.organiser, "/organisations?q=%FFnv", "Naam of ondernemingsnummer"),
        (Role.privacy_officer, "/privacy/desk/audit?member=%FF", None),
    ],
)
def test_a_page_refuses_a_parameter_that_is_no_utf8_naming_it(client, role, path, label):
    factories.log_in(client, factories.account(role).email)
    answer = client.get(path, headers=HTML)
    assert answer.status_code == 400, (path, answer.status_code)
    text = unescape(answer.text)
    said = "is geen geldige UTF-8: de geëscapete byte %FF hoort bij geen UTF-8-teken"
    assert said in text, text[-3000:]
    if label:
        assert f"{label}: {said}" in text
    assert "\ufffd" not in text


def test_escaped_utf8_is_read_as_before(client):
    organiser = factories.account(Role.organiser)
    answer = client.get("/api/members?q=caf%C3%A9+au+lait", headers=organiser.headers)
    assert answer.status_code == 200, answer.text
    factories.log_in(client, organiser.email)
    page = client.get("/members?q=Jos%C3%A9", headers=HTML)
    assert page.status_code == 200 and 'value="José"' in unescape(page.text)


def test_the_library_search_keeps_its_form_for_a_lost_character(client):
    factories.log_in(client, factories.account(Role.member).email)
    answer = client.get("/library?q=caf%FF", headers=HTML)
    assert answer.status_code == 400
    assert 'value="caf\ufffd"' in unescape(answer.text)
