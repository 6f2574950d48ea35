"""A JSON body that names a key twice in one object is refused with a 400 naming the key.
JSON parsers keep the last value silently (`{"title": "a", "title": "b"}` stored "b"), so what
the client meant is unknown; one check where every JSON body is parsed
(`kring.web.inputs.CheckedRequest.json`), and the import, which reads its own body."""

from __future__ import annotations

from kring.choices import Role
from kring.tables import Challenge, Member
from privacy import retention
from tests import factories
from tests.conftest import run

JSON = {"content-type": "application/json"}


def _refused(answer, key: str) -> None:
    assert answer.status_code == 400, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == [key], answer.text
    assert "more than once" in answer.json()["errors"][0]["message"]


def test_a_key_sent_twice_is_refused_and_nothing_is_stored(client):
    member = factories.account(Role.member, factories.member(factories.organisation()))
    body = b'{"title": "Eerste titel", "body": "Warmtepomp", "title": "Tweede titel"}'
    answer = client.post("/api/challenges", content=body, headers={**member.headers, **JSON})
    _refused(answer, "title")
    assert run(Challenge.count()) == 0
    once = b'{"title": "Eerste titel", "body": "Warmtepomp"}'
    made = client.post("/api/challenges", content=once, headers={**member.headers, **JSON})
    assert made.status_code == 201, made.text


def test_a_key_sent_twice_in_a_nested_object_is_refused(client):
    organiser = factories.account(Role.organiser)
    body = (
        b'{"rows": [{"first_name": "An", "last_name": "Peeters", "email": "an@peeters.be",'
        b' "email": "an@elders.be"}], "dry_run": false}'
    )
    answer = client.post("/api/import/members", content=body, headers={**organiser.headers, **JSON})
    _refused(answer, "email")
    assert run(Member.count()) == 0


def test_a_retention_period_sent_twice_changes_nothing(client):
    officer = factories.account(Role.privacy_officer)
    body = b'{"months": 600, "months": 12}'
    answer = client.put(
        "/api/privacy/retention/login_months", content=body, headers={**officer.headers, **JSON}
    )
    _refused(answer, "months")
    assert run(retention.rules())["login_months"] == 24


def test_the_same_key_in_two_objects_is_no_duplicate(client):
    organiser = factories.account(Role.organiser)
    body = (
        b'{"rows": [{"first_name": "An", "last_name": "Peeters", "email": "an@peeters.be"},'
        b' {"first_name": "Bram", "last_name": "Claes", "email": "bram@claes.be"}],'
        b' "dry_run": true}'
    )
    answer = client.post("/api/import/members", content=body, headers={**organiser.headers, **JSON})
    assert answer.status_code == 201, answer.text
