"""Accepting a request checks again what asking checked: a restriction, an opt-out, a block,
a closed challenge or the request's own expiry since the request stop it (409, nothing shared)."""

from __future__ import annotations

from datetime import timedelta

from introductions import workflow
from introductions.tables import Introduction, IntroductionState
from kring.choices import RecordStatus
from kring.clock import utc_now
from kring.tables import Challenge, Member
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import received, scene, state_of

API = "/api/introductions"


def _asked(client):
    s = scene()
    proposal = s.proposals()[0]["id"]
    answer = client.post(API, json={"proposal_id": proposal}, headers=s.owner_login.headers)
    assert answer.status_code == 201
    return s, proposal


def _accept(client, s, intro):
    return client.post(f"{API}/{intro}/accept", headers=s.login_of_expert(intro).headers)


def _refused(answer, words):
    assert answer.status_code == 409, answer.text
    error = answer.json()["errors"][0]
    assert error["field"] == "state" and words in error["message"]


def _nothing_shared(mailbox, s, intro):
    assert (
        run(
            Introduction.exists().where(
                (Introduction.id == intro) & Introduction.state.is_in(list(workflow.REVEALED))
            )
        )
        is False
    )
    subjects = [m["subject"] for m in received(mailbox)]
    assert not any("contactgegevens" in subject.lower() for subject in subjects[1:]), subjects
    mine = run(workflow.get_introduction(s.owner_principal, intro))
    assert mine["contact"] is None


def test_a_request_whose_asker_was_restricted_since_cannot_be_accepted(client, mailbox):
    s, intro = _asked(client)
    run(restrict(s.owner.member_id, "the member", "accuracy contested", None))
    _refused(_accept(client, s, intro), "can no longer be introduced")
    assert state_of(intro) == IntroductionState.withdrawn
    _nothing_shared(mailbox, s, intro)


def test_a_restricted_expert_cannot_accept(client, mailbox):
    s, intro = _asked(client)
    run(restrict(s.expert_of(intro), "the member", "objection", None))
    _refused(_accept(client, s, intro), "can no longer be introduced")
    assert state_of(intro) == IntroductionState.withdrawn
    _nothing_shared(mailbox, s, intro)


def test_an_asker_who_opted_out_of_sharing_since_is_not_shared(client, mailbox):
    s, intro = _asked(client)
    run(Member.update({Member.opt_out_sharing: True}).where(Member.id == s.owner.member_id))
    _refused(_accept(client, s, intro), "can no longer be introduced")
    _nothing_shared(mailbox, s, intro)


def test_a_block_since_the_request_stops_the_acceptance(client, mailbox):
    s, intro = _asked(client)
    run(workflow.add_block(s.owner.member_id, s.expert_of(intro)))
    _refused(_accept(client, s, intro), "can no longer be introduced")
    _nothing_shared(mailbox, s, intro)


def test_an_expert_who_opted_out_or_paused_still_consents_by_accepting(client):
    s, intro = _asked(client)
    expert = s.expert_of(intro)
    run(Member.update({Member.opt_out_sharing: True}).where(Member.id == expert))
    run(workflow.set_paused(expert, True))
    answer = _accept(client, s, intro)
    assert answer.status_code == 200 and answer.json()["contact"] is not None


def test_a_request_past_its_time_expires_when_accepted_before_the_worker_ran(client, mailbox):
    s, intro = _asked(client)
    run(
        Introduction.update({Introduction.expires_at: utc_now() - timedelta(minutes=1)}).where(
            Introduction.id == intro
        )
    )
    _refused(_accept(client, s, intro), "expired")
    assert state_of(intro) == IntroductionState.expired
    owner = run(Member.select(Member.email).where(Member.id == s.owner.member_id).first())
    assert [m for m in received(mailbox) if m["to"] == owner["email"]]
    assert run(workflow.expire_due()) == 0


def test_a_request_of_a_closed_challenge_cannot_be_accepted(client, mailbox):
    s, intro = _asked(client)
    run(
        Challenge.update({Challenge.status: RecordStatus.closed}).where(
            Challenge.id == s.owner.challenge_id
        )
    )
    _refused(_accept(client, s, intro), "closed the challenge")
    assert state_of(intro) == IntroductionState.withdrawn
    _nothing_shared(mailbox, s, intro)


def test_closing_a_challenge_withdraws_its_requests_and_says_so(client):
    s, intro = _asked(client)
    factories.log_in(client, s.owner_login.email)
    closed = client.post(
        f"/my/challenges/{s.owner.challenge_id}/status",
        data={"status": "closed", "_csrf_token": factories.csrf_token(client)},
    )
    assert closed.status_code == 200
    assert "de expert ziet ze niet meer" in closed.text
    assert state_of(intro) == IntroductionState.withdrawn
    expert = s.login_of_expert(intro)
    waiting = client.get(
        API, params={"role": "expert", "state": "requested"}, headers=expert.headers
    )
    assert waiting.json() == []


def test_the_worker_withdraws_requests_of_challenges_closed_elsewhere(client):
    s, intro = _asked(client)
    run(
        Challenge.update({Challenge.status: RecordStatus.closed}).where(
            Challenge.id == s.owner.challenge_id
        )
    )
    assert run(workflow.withdraw_requests()) == 1
    assert state_of(intro) == IntroductionState.withdrawn
