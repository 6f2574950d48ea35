"""A challenge waiting for its first match is matched although no `kring worker` runs (the
demo): `kring serve` on SQLite runs the round of stale proposals itself while no worker did
recently, and a page promises proposals "within a few minutes" only while rounds run. The API
says why a challenge has no proposals: pending, or its owner does not share their name.
Over real HTTP, against `kring serve` as users start it and the real worker's round."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import timedelta

import httpx
import pytest

from assembly.worker import run_once
from introductions.jobs import stand_in_round
from introductions.rounds import Runner, last_rounds, mark_round
from kring.clock import utc_now
from tests import factories
from tests.conftest import ON_POSTGRES, run
from tests.introductions.helpers import scene
from tests.matching_db.network import challenge, proposed_experts
from tests.served import KRING, served

PREPARED_NL = "De voorstellen worden voorbereid"
NOT_RUNNING_NL = "Nog geen voorstellen: het koppelen van uitdagingen aan experts ligt"


def _proposals(client, s, challenge_id: int) -> dict:
    answer = client.get(f"/api/challenges/{challenge_id}/proposals", headers=s.owner_login.headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_without_any_round_the_page_says_so_and_the_api_says_pending(client):
    s = scene(experts=3)
    fresh = challenge(s.owner.member_id)
    factories.log_in(client, s.owner_login.email)
    page = client.get(f"/my/challenges/{fresh}/proposals").text
    assert NOT_RUNNING_NL in page and PREPARED_NL not in page
    assert PREPARED_NL not in client.get("/").text  # home: the other challenge's proposals
    answer = _proposals(client, s, fresh)
    assert answer["proposals"] == []
    assert answer["shortfall"] == {"reason": "pending", "missing": 3}
    run(run_once())  # the worker's round: matched, and nothing pending any more
    answer = _proposals(client, s, fresh)
    assert answer["proposals"] and answer["shortfall"] is None
    assert PREPARED_NL not in client.get(f"/my/challenges/{fresh}/proposals").text


def test_while_a_worker_runs_a_new_challenge_is_being_prepared(client):
    s = scene(experts=3)
    run(run_once())
    fresh = challenge(s.owner.member_id)
    factories.log_in(client, s.owner_login.email)
    page = client.get(f"/my/challenges/{fresh}/proposals").text
    assert PREPARED_NL in page and NOT_RUNNING_NL not in page
    assert _proposals(client, s, fresh)["shortfall"] == {"reason": "pending", "missing": 3}


def test_an_owner_who_does_not_share_their_name_hears_why_from_the_api(client):
    s = scene(experts=3)
    assert len(_proposals(client, s, s.owner.challenge_id)["proposals"]) == 3
    opted = client.put(
        "/api/privacy/me/opt-outs",
        json={"kind": "sharing", "active": True},
        headers=s.owner_login.headers,
    )
    assert opted.status_code == 200, opted.text
    answer = _proposals(client, s, s.owner.challenge_id)
    assert answer["proposals"] == []
    assert answer["shortfall"] == {"reason": "owner_not_sharing", "missing": 3}
    fresh = challenge(s.owner.member_id)  # never matched, and not pending either
    assert _proposals(client, s, fresh)["shortfall"]["reason"] == "owner_not_sharing"


def test_the_openapi_document_names_every_shortfall_reason(client):
    schema = client.get("/schema/openapi.json").json()
    reasons = schema["components"]["schemas"]["ShortfallReason"]["enum"]
    assert set(reasons) == {
        "no_eligible_expert",
        "below_threshold",
        "capacity_exhausted",
        "owner_not_sharing",
        "pending",
    }


def test_serve_stands_in_only_while_no_worker_ran_recently():
    s = scene(experts=3)
    fresh = challenge(s.owner.member_id)
    run(mark_round(Runner.worker))  # a worker is running: serve leaves the round to it
    assert run(stand_in_round()) == 0
    assert proposed_experts(fresh) == []
    run(mark_round(Runner.worker, utc_now() - timedelta(minutes=4)))  # it stopped
    assert run(stand_in_round()) >= 1
    assert len(proposed_experts(fresh)) == 3
    assert Runner.serve in run(last_rounds())
    assert run(stand_in_round()) == 0  # another serve process just ran one


@pytest.mark.skipif(ON_POSTGRES, reason="kring serve stands in for the worker on SQLite only")
def test_kring_serve_without_a_worker_matches_a_new_challenge(client):
    s = scene(experts=3)
    fresh = challenge(s.owner.member_id)
    env = os.environ | {"KRING_SERVE_MATCHING": "on"}
    with served(env=env) as server:
        deadline = time.monotonic() + 90
        answer: dict = {}
        while time.monotonic() < deadline:
            got = httpx.get(
                f"{server.url}/api/challenges/{fresh}/proposals", headers=s.owner_login.headers
            )
            assert got.status_code == 200, got.text
            answer = got.json()
            if answer["proposals"]:
                break
            time.sleep(1)
        assert len(answer["proposals"]) == 3, answer
        assert answer["shortfall"] is None
        factories.log_in(client, s.owner_login.email)
        page = client.get(f"/my/challenges/{fresh}/proposals").text
        assert 'class="card proposal"' in page and PREPARED_NL not in page
    assert Runner.worker not in run(last_rounds())


def test_kring_serve_refuses_a_setting_it_cannot_read():
    env = os.environ | {"KRING_SERVE_MATCHING": "sometimes"}
    done = subprocess.run(
        [str(KRING), "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: KRING_SERVE_MATCHING is 'sometimes': it must be true or false (or 1 or 0, "
        "yes or no, on or off)"
    ]
