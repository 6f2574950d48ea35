"""The page where a person types the mailed code (`/privacy/verify/{kind}/{id}`) answers an
unknown request number exactly as one that waits for a code: the same status and the same page
(but for the number in its own address), before and after a wrong code. The API's route has its
test in test_code_guessing.py; this one keeps the page from becoming an oracle of which request
numbers exist."""

from __future__ import annotations

import re

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run


def _page(answer, request_id: int) -> str:
    text = answer.text.replace(f"/{request_id}", "/N")
    return re.sub(r'name="_csrf_token" value="[^"]*"', "", text)


def test_an_unknown_number_reads_as_one_that_waits_for_a_code(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    email = run(Member.select(Member.email).where(Member.id == member.member_id).first())["email"]
    made = client.post(
        "/api/privacy/access-requests", json={"email": email}, headers=officer.headers
    )
    waiting = made.json()["id"]
    unknown = waiting + 1000
    client.cookies.clear()
    shown = [client.get(f"/privacy/verify/access/{n}") for n in (waiting, unknown)]
    assert [answer.status_code for answer in shown] == [200, 200]
    assert _page(shown[0], waiting) == _page(shown[1], unknown)
    token = factories.csrf_token(client)
    wrong = [
        client.post(f"/privacy/verify/access/{n}", data={"code": "000000", "_csrf_token": token})
        for n in (waiting, unknown)
    ]
    assert [answer.status_code for answer in wrong] == [400, 400]
    first, second = (_page(answer, n) for answer, n in zip(wrong, (waiting, unknown), strict=True))
    assert first.replace("nog 4 pogingen", "nog N pogingen") == second.replace(
        "nog 3 pogingen", "nog N pogingen"
    )
