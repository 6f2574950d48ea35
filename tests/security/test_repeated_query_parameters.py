"""An API query parameter declared as one value is refused when sent twice, naming it, as the
pages refuse a form field sent twice; Litestar would silently use the last one
(`kring.web.inputs.refuse_repeated_query_parameters`)."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories


@pytest.mark.parametrize(
    ("path", "query", "name"),
    [
        ("/api/events", "limit=1&limit=2", "limit"),
        ("/api/events", "past=true&past=false", "past"),
        ("/api/members", "q=a&limit=5&q=b", "q"),
        ("/api/introductions", "state=requested&state=accepted", "state"),
    ],
)
def test_a_single_value_query_parameter_sent_twice_is_refused(client, path, query, name):
    organiser = factories.account(Role.organiser)
    answer = client.get(f"{path}?{query}", headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"] == [
        {"field": name, "message": "was sent more than once; send one value"}
    ]


def test_parameters_sent_once_and_unknown_ones_repeated_are_answered(client):
    organiser = factories.account(Role.organiser)
    answer = client.get("/api/events?limit=1&offset=0", headers=organiser.headers)
    assert answer.status_code == 200, answer.text
    answer = client.get("/api/events?utm=a&utm=b", headers=organiser.headers)
    assert answer.status_code == 200, answer.text


HTML = {"accept": "text/html", "accept-language": "nl"}
LIBRARY = "Zoek in de bibliotheek (Nederlands of Engels)"  # each field named as its label


@pytest.mark.parametrize(
    ("role", "path", "label"),
    [
        (Role.member, "/library?q=audit&q=iso", LIBRARY),  # read by the handler itself
        (Role.member, "/library?kind=article&kind=guide", "Soort"),
        (Role.organiser, "/members?q=an&q=bert", "Naam, organisatie of ondernemingsnummer"),
        (Role.organiser, "/members?offset=0&offset=20", None),
        (Role.privacy_officer, "/privacy/desk/audit?member=1&member=2", None),  # dict(query)
        (Role.organiser, "/usage?months=1&months=2", "Maanden"),
    ],
)
def test_a_page_refuses_a_query_parameter_sent_twice_naming_it(client, role, path, label):
    """Found from outside: `/library?q=a&q=b` searched for "a" and dropped "b", silently."""
    factories.log_in(client, factories.account(role).email)
    answer = client.get(path, headers=HTML)
    assert answer.status_code == 400, (path, answer.status_code)
    assert "werd meer dan eens verstuurd; stuur één waarde" in answer.text, answer.text[-3000:]
    if label:
        assert f"{label}: werd meer dan eens verstuurd" in answer.text


def test_the_api_library_search_refuses_its_words_sent_twice(client):
    member = factories.account(Role.member)
    answer = client.get("/api/library?q=audit&q=iso", headers=member.headers)
    assert answer.status_code == 400
    assert answer.json()["errors"] == [
        {"field": "q", "message": "was sent more than once; send one value"}
    ]


def test_a_page_reading_a_list_and_unknown_parameters_may_repeat_them(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    assert client.get("/library?utm=a&utm=b", headers=HTML).status_code == 200
    assert client.get("/members?utm=a&utm=b", headers=HTML).status_code == 200
