"""Concurrency, expiry with alternates, reminders, mails in the recipient's language, pause."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from introductions import workflow
from introductions.jobs import JOBS
from introductions.service import rematch
from introductions.tables import Introduction, IntroductionState
from introductions.workflow import expiry_days
from kring.clock import utc_now
from kring.errors import Conflict
from kring.settings import SettingsError
from kring.tables import Member
from tests.conftest import run
from tests.introductions.helpers import received, scene, state_of, states
from tests.matching_db.network import principal, proposed_experts


def _ask(s, index=0, key=None):
    proposal = s.proposals()[index]
    run(workflow.request_introduction(s.owner_principal, proposal["id"], key))
    return proposal["id"]


def test_concurrent_accept_and_decline_end_in_one_state():
    s = scene()
    intro = _ask(s)
    expert = principal(s.expert_of(intro))

    async def both():
        return await asyncio.gather(
            workflow.accept(expert, intro),
            workflow.decline(expert, intro, "te druk"),
            return_exceptions=True,
        )

    results = run(both())
    won = [r for r in results if isinstance(r, dict)]
    lost = [r for r in results if isinstance(r, Exception)]
    assert len(won) == 1 and len(lost) == 1 and isinstance(lost[0], Conflict)
    assert state_of(intro) == won[0]["state"]


def test_concurrent_identical_requests_make_one_introduction():
    s = scene()
    proposal = s.proposals()[0]["id"]

    async def twice():
        return await asyncio.gather(
            *(
                workflow.request_introduction(s.owner_principal, proposal, "same-key")
                for _ in range(3)
            ),
            return_exceptions=True,
        )

    results = run(twice())
    assert all(isinstance(r, tuple) for r in results), results
    assert sorted(created for _, created in results) == [False, False, True]
    assert {view["id"] for view, _ in results} == {proposal}


def test_an_unanswered_request_expires_and_the_next_alternate_is_proposed(mailbox):
    s = scene()
    intro = _ask(s)
    before = proposed_experts(s.owner.challenge_id)
    assert len(before) == 2
    assert run(workflow.expire_due(utc_now())) == 0
    later = utc_now() + timedelta(days=expiry_days() + 1)
    assert run(workflow.expire_due(later)) == 1
    assert run(workflow.expire_due(later)) == 0
    assert state_of(intro) == IntroductionState.expired
    after = proposed_experts(s.owner.challenge_id)
    assert len(after) == 3 and set(before) < set(after)
    owner = run(Member.select(Member.email).where(Member.id == s.owner.member_id).first())
    [mail] = [m for m in received(mailbox) if m["to"] == owner["email"]]
    assert "Geen antwoord op tijd" in mail["subject"]
    assert f"/my/challenges/{s.owner.challenge_id}/proposals" in mail["text"]


def test_two_workers_expire_each_request_once():
    s = scene(experts=6)
    for _ in range(3):
        _ask(s)
    run(
        Introduction.update({Introduction.expires_at: utc_now() - timedelta(minutes=1)}).where(
            Introduction.state == IntroductionState.requested
        )
    )

    async def workers():
        return await asyncio.gather(workflow.expire_due(), workflow.expire_due())

    assert sum(run(workers())) == 3
    assert [st for _, st, _ in states(s.owner.challenge_id)].count("expired") == 3


def test_an_alternate_that_is_no_longer_eligible_is_skipped():
    s = scene(experts=5)
    intro = _ask(s)
    alternates = [e for e, st, alt in states(s.owner.challenge_id) if alt and st == "proposed"]
    assert len(alternates) == 2
    run(workflow.set_paused(alternates[0], True))
    run(workflow.decline(principal(s.expert_of(intro)), intro))
    assert alternates[1] in proposed_experts(s.owner.challenge_id)
    assert alternates[0] not in proposed_experts(s.owner.challenge_id)


def test_an_alternate_without_capacity_is_skipped():
    s = scene(experts=4)
    intro = _ask(s)
    [alternate] = [e for e, st, alt in states(s.owner.challenge_id) if alt]
    # The alternate's capacity is taken by requests for another challenge.
    run(
        Introduction.insert(
            *[
                Introduction(
                    challenge=s.owner.challenge_id,
                    expert=alternate,
                    requester=s.owner.member_id,
                    state=IntroductionState.accepted,
                    created_at=utc_now(),
                )
                for _ in range(3)
            ]
        )
    )
    run(workflow.decline(principal(s.expert_of(intro)), intro))
    assert alternate not in proposed_experts(s.owner.challenge_id)


def test_reminders_go_to_the_expert_once_a_few_days_before_expiry(mailbox):
    s = scene()
    intro = _ask(s)
    mailbox.messages.clear()
    assert run(workflow.send_reminders(utc_now())) == 0
    soon = utc_now() + timedelta(days=expiry_days() - 2)
    assert run(workflow.send_reminders(soon)) == 1
    assert run(workflow.send_reminders(soon)) == 0
    expert = run(Member.select(Member.email).where(Member.id == s.expert_of(intro)).first())
    [mail] = received(mailbox)
    assert mail["to"] == expert["email"] and mail["subject"].startswith("Herinnering")


def test_mails_are_in_the_recipients_language_and_reveal_contacts_only_on_acceptance(mailbox):
    s = scene(experts=1, language="en")
    intro = _ask(s)
    [request] = received(mailbox)
    assert request["subject"].startswith("A peer would like to meet you")
    owner = run(Member.select().where(Member.id == s.owner.member_id).first())
    assert owner["last_name"] not in request["text"] and owner["email"] not in request["text"]
    run(workflow.accept(principal(s.expert_of(intro)), intro))
    mails = {m["to"]: m for m in received(mailbox)[1:]}
    expert = run(Member.select().where(Member.id == s.expert_of(intro)).first())
    to_owner, to_expert = mails[owner["email"]], mails[expert["email"]]
    assert to_owner["subject"].startswith("Introductie aanvaard")
    assert to_expert["subject"].startswith("Introduction accepted")
    assert expert["last_name"] in to_owner["text"] and expert["email"] in to_owner["text"]
    assert owner["last_name"] in to_expert["text"] and "09 264 12 34" in to_expert["text"]


def test_a_paused_expert_is_not_proposed_again():
    s = scene(experts=1)
    [expert] = s.experts
    run(workflow.set_paused(expert, True))
    assert run(workflow.is_paused(expert))
    run(rematch())
    assert proposed_experts(s.owner.challenge_id) == []
    run(workflow.set_paused(expert, False))
    run(rematch())
    assert proposed_experts(s.owner.challenge_id) == [expert]


def test_a_block_lists_no_name_until_the_two_met_and_can_be_lifted():
    s = scene(experts=1)
    intro = _ask(s)
    expert = principal(s.expert_of(intro))
    run(workflow.decline(expert, intro, block=True))
    [block] = run(workflow.blocks_of(expert.member_id))
    assert block["name"] is None and block["organisation_kind"] == "company"
    run(rematch())
    assert proposed_experts(s.owner.challenge_id) == []
    with pytest.raises(Exception, match="not found"):
        run(workflow.unblock(s.owner.member_id, block["id"]))
    run(workflow.unblock(expert.member_id, block["id"]))
    assert run(workflow.blocks_of(expert.member_id)) == []


def test_expiry_days_come_from_the_environment():
    assert expiry_days({}) == 14
    assert expiry_days({"KRING_INTRODUCTION_EXPIRY_DAYS": "7"}) == 7
    for bad in ("soon", "0"):
        with pytest.raises(SettingsError, match="KRING_INTRODUCTION_EXPIRY_DAYS"):
            expiry_days({"KRING_INTRODUCTION_EXPIRY_DAYS": bad})


def test_the_worker_runs_the_introduction_jobs():
    assert JOBS["expired introductions"] is workflow.expire_due
    assert JOBS["introduction reminders"] is workflow.send_reminders
