"""The proposals API: signed-in owners and organisers only, 404 for everyone else."""

from __future__ import annotations

from introductions.service import rematch
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.matching_db.network import asker, expert


def _path(challenge_id: int) -> str:
    return f"/api/challenges/{challenge_id}/proposals"


def test_the_owner_gets_the_proposals_of_their_challenge(client):
    owner = asker()
    expert()
    run(rematch())
    login = factories.account(Role.member, owner.member_id)
    answer = client.get(_path(owner.challenge_id), headers=login.headers)
    assert answer.status_code == 200
    body = answer.json()
    assert body["challenge_id"] == owner.challenge_id
    assert [p["rank"] for p in body["proposals"]] == [1]
    assert set(body["proposals"][0]) == {
        "id",
        "rank",
        "score",
        "organisation_kind",
        "expertise",
        "explanation",
    }


def test_another_member_gets_not_found(client):
    owner = asker()
    run(rematch())
    stranger = factories.account(Role.member)
    assert client.get(_path(owner.challenge_id), headers=stranger.headers).status_code == 404


def test_a_missing_challenge_gets_not_found(client):
    login = factories.account(Role.organiser)
    assert client.get(_path(999_999), headers=login.headers).status_code == 404


def test_anonymous_callers_get_unauthorised(client):
    owner = asker()
    assert client.get(_path(owner.challenge_id)).status_code == 401


def test_refresh_rematches_the_challenge_and_answers_its_proposals(client):
    owner = asker()
    expert()
    login = factories.account(Role.member, owner.member_id)
    answer = client.post(_path(owner.challenge_id) + "/refresh", headers=login.headers)
    assert answer.status_code == 200
    assert len(answer.json()["proposals"]) == 1
    assert answer.json()["computed_at"] is not None


def test_refresh_by_another_member_gets_not_found(client):
    owner = asker()
    stranger = factories.account(Role.member)
    answer = client.post(_path(owner.challenge_id) + "/refresh", headers=stranger.headers)
    assert answer.status_code == 404
