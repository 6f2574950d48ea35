"""A small network for the matching tests: organisations, members and their records."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from introductions.tables import Introduction, IntroductionState
from kring.choices import RecordStatus, Role
from kring.clock import utc_now
from kring.principal import Principal
from kring.tables import Challenge, Expertise
from tests import factories
from tests.conftest import run

AUDIT_TEXT = "ISO 9001 certificering en interne audits bij kmo's"
AUDIT_TAGS = ("ISO9001", "audit")


def principal(member_id: int | None, role: Role = Role.member) -> Principal:
    return Principal(
        account_id=0,
        role=role,
        member_id=member_id,
        email="viewer@kring-test.be",
        display_name="viewer",
        via="token",
    )


def expertise(member_id: int, title: str = AUDIT_TEXT, tags: Sequence[str] = AUDIT_TAGS) -> int:
    row = Expertise(member=member_id, title=title, body="", tags=list(tags), language="nl")
    run(row.save())
    return row.id


def challenge(
    member_id: int,
    title: str = "Wie helpt ons met ISO 9001 certificering en interne audits?",
    tags: Sequence[str] = AUDIT_TAGS,
    status: RecordStatus = RecordStatus.open,
) -> int:
    row = Challenge(
        member=member_id, title=title, body="", tags=list(tags), language="nl", status=status
    )
    run(row.save())
    return row.id


_numbers = itertools.count(1)


def colleague_free_member(**fields: Any) -> tuple[int, int, str]:
    """A member of a fresh organisation, mailing from its own domain (the factory's shared
    example.be domain would make every member a colleague of every other)."""
    domain = f"matching{next(_numbers)}.be"
    organisation_id = factories.organisation(domain=domain)
    member_id = factories.member(
        organisation_id, **({"email": f"lid{next(_numbers)}@{domain}"} | fields)
    )
    return member_id, organisation_id, domain


def expert(**fields: Any) -> int:
    """A member of their own organisation with audit expertise."""
    member_id, _, _ = colleague_free_member(**fields)
    expertise(member_id)
    return member_id


@dataclass(frozen=True)
class Asker:
    member_id: int
    organisation_id: int
    domain: str
    challenge_id: int


def asker() -> Asker:
    """A member of a fresh organisation with one open audit challenge, and some noise."""
    member_id, organisation_id, domain = colleague_free_member()
    noise, _, _ = colleague_free_member()
    expertise(noise, "Lean six sigma, kaizen en value stream mapping", ("lean",))
    return Asker(member_id, organisation_id, domain, challenge(member_id))


def introduction(
    challenge_id: int,
    expert_id: int,
    requester_id: int,
    state: IntroductionState,
    decided_at: datetime | None = None,
) -> int:
    now = utc_now()
    row = Introduction(
        challenge=challenge_id,
        expert=expert_id,
        requester=requester_id,
        state=state,
        created_at=decided_at or now,
        updated_at=decided_at or now,
        decided_at=decided_at,
    )
    run(row.save())
    return row.id


def proposed_experts(challenge_id: int) -> list[int]:
    rows = run(
        Introduction.select(Introduction.expert)
        .where(
            (Introduction.challenge == challenge_id)
            & (Introduction.state == IntroductionState.proposed)
            & Introduction.alternate.eq(False)
        )
        .order_by(Introduction.rank)
    )
    return [row["expert"] for row in rows]


def all_proposed_experts(challenge_id: int) -> set[int]:
    """Proposals and alternates: an excluded member must be in neither."""
    rows = run(
        Introduction.select(Introduction.expert).where(
            (Introduction.challenge == challenge_id)
            & (Introduction.state == IntroductionState.proposed)
        )
    )
    return {row["expert"] for row in rows}
