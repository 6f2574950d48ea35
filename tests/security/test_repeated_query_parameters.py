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
