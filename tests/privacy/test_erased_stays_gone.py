"""After erasure a member is never proposed, listed, mailed or exported again — checked in the
modules that propose, list and export, not only in the privacy module."""

from datetime import timedelta

from events.management import create_event
from events.participants import full_participants, shareable_participants
from events.registration import register
from introductions.service import rematch
from introductions.tables import Introduction
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Member
from privacy.erasure import erase_member
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.matching_db import network


def _proposed_experts(challenge_id: int) -> set[int]:
    rows = run(
        Introduction.select(Introduction.expert).where(
            (Introduction.challenge == challenge_id) & (Introduction.state == "proposed")
        )
    )
    return {row["expert"] for row in rows}


def test_erased_expert_is_never_proposed_again():
    asker = network.asker()
    expert = network.expert()
    run(rematch([asker.challenge_id]))
    assert expert in _proposed_experts(asker.challenge_id)
    run(erase_member(expert))
    run(rematch([asker.challenge_id]))
    assert expert not in _proposed_experts(asker.challenge_id)


def test_erased_participant_is_on_no_list_and_has_no_address_to_mail():
    organiser = factories.account(Role.organiser)
    start = utc_now() + timedelta(days=10)
    event_id = run(
        create_event(
            principal(organiser),
            {
                "title": "Netwerkavond",
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "capacity": 10,
            },
        )
    )
    member_id = factories.member(factories.organisation(), last_name="Uitgeschreven")
    run(register(event_id, member_id))
    assert [p.last_name for p in run(shareable_participants(event_id))] == ["Uitgeschreven"]
    run(erase_member(member_id))
    assert run(shareable_participants(event_id)) == []
    assert all(p.last_name != "Uitgeschreven" for p in run(full_participants(event_id)))
    row = run(Member.select(Member.email, Member.status).where(Member.id == member_id).first())
    assert row == {"email": None, "status": "erased"}
