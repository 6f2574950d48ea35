"""A body is read as sent, never guessed at: plain JSON with `Content-Encoding: gzip` created a
challenge as if the header were absent, and real gzip was "JSON is malformed (byte 0)" (found
by an outside probe). A body in any coding but `identity` is a 415 naming `Content-Encoding`,
before anything is read or stored (`kring.web.inputs.refuse_encoded_bodies`), on the API and
on pages. Spoken to `kring serve` over real HTTP."""

from __future__ import annotations

import gzip
import json

import pytest

from kring.choices import Role
from kring.tables import Challenge
from tests import factories
from tests.conftest import run
from tests.served import raw_request

CHALLENGE = json.dumps({"title": "Audits plannen", "body": "Hoe plannen jullie audits?"})


def _challenges(member_id: int) -> int:
    return run(Challenge.count().where(Challenge.member == member_id))


@pytest.mark.parametrize(
    ("coding", "body"),
    [
        ("gzip", CHALLENGE.encode()),
        ("gzip", gzip.compress(CHALLENGE.encode(), mtime=0)),
        ("br", CHALLENGE.encode()),
        ("GZIP, identity", CHALLENGE.encode()),
    ],
)
def test_an_encoded_body_is_refused_naming_the_header(served_app, coding, body):
    member = factories.account(Role.member, factories.member(factories.organisation()))
    headers = member.headers | {"content-type": "application/json", "content-encoding": coding}
    answer = raw_request(served_app.url, "POST", "/api/challenges", headers, body)
    problem = json.loads(answer.body)
    assert answer.status == 415, problem
    assert [error["field"] for error in problem["errors"]] == ["Content-Encoding"], problem
    assert "uncompressed" in problem["detail"]
    assert _challenges(member.member_id) == 0


def test_identity_and_no_coding_are_read(served_app):
    member = factories.account(Role.member, factories.member(factories.organisation()))
    for coding in ("identity", None):
        headers = member.headers | {"content-type": "application/json"}
        if coding:
            headers["content-encoding"] = coding
        # Two different challenges: the same one twice within seconds is recorded once.
        body = json.dumps({"title": f"Audits plannen ({coding})", "body": "Hoe plannen jullie?"})
        answer = raw_request(served_app.url, "POST", "/api/challenges", headers, body.encode())
        assert answer.status == 201, answer.body
    assert _challenges(member.member_id) == 2


def test_a_page_form_with_a_coding_is_refused_too(served_app):
    answer = raw_request(
        served_app.url,
        "POST",
        "/login",
        {"content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip"},
        gzip.compress(b"email=a%40b.be&password=x"),
    )
    assert answer.status == 415
    assert "Traceback" not in served_app.stderr()
