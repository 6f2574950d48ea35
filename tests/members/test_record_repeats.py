"""A challenge or an expertise sent twice (a double click on 'Toevoegen', a resent form, the same
API call at once) is recorded once: two identical challenges would each be matched, and an
expert could be asked twice about one question. Found from outside: two clicks made two.
Over HTTP against `kring serve`."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx

from kring.choices import Role
from kring.tables import Challenge, Expertise
from tests import factories
from tests.conftest import run

DRAFT = {"title": "Audit voorbereiden", "body": "Wie deed dit al?", "tags": "iso 9001"}


@contextmanager
def _browser(live_server: str, email: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, email).status_code == 303
        yield client


def _add(client: httpx.Client, kind: str, **fields: str) -> int:
    answer = client.post(
        f"/my/{kind}",
        data={"_csrf_token": factories.csrf_token(client), "language": "nl", **fields},
        headers={"accept": "text/html"},
    )
    return answer.status_code


def test_a_challenge_added_twice_at_once_is_one_challenge(live_server):
    login = factories.account(Role.member)
    with _browser(live_server, login.email) as client:
        factories.csrf_token(client)
        with ThreadPoolExecutor(3) as pool:
            answers = list(pool.map(lambda _: _add(client, "challenges", **DRAFT), range(3)))
        assert answers == [303, 303, 303]
        assert _add(client, "challenges", **DRAFT) == 303  # sent again just after
        rows = run(Challenge.select(Challenge.id).where(Challenge.member == login.member_id))
        assert len(rows) == 1
        assert client.get("/my/challenges").text.count('data-record-id="') == 1


def test_another_text_is_another_record(live_server):
    login = factories.account(Role.member)
    with _browser(live_server, login.email) as client:
        assert _add(client, "expertise", **DRAFT) == 303
        assert _add(client, "expertise", **DRAFT | {"tags": "iso 14001"}) == 303
        assert _add(client, "expertise", **DRAFT | {"language": "en"}) == 303
        count = run(Expertise.count().where(Expertise.member == login.member_id))
        assert count == 3


def test_the_api_answers_a_repeated_post_with_the_first_record(live_server):
    login = factories.account(Role.member)
    body = {"title": "Lean in de zorg", "body": "", "tags": ["lean"], "language": "nl"}
    with (
        httpx.Client(base_url=live_server, headers=login.headers, timeout=30) as api,
        ThreadPoolExecutor(2) as pool,
    ):
        answers = list(pool.map(lambda _: api.post("/api/expertise", json=body), range(2)))
    assert {answer.status_code for answer in answers} <= {200, 201}
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert run(Expertise.count().where(Expertise.member == login.member_id)) == 1
