"""A challenge with proposals and alternates, logins for both sides, and reading mail back."""

from __future__ import annotations

from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from typing import Any

from introductions.service import proposal_overview, rematch
from introductions.tables import Introduction, IntroductionState
from kring.choices import Role
from kring.principal import Principal
from tests import factories
from tests.conftest import run
from tests.matching_db.network import Asker, asker, expert, principal


@dataclass(frozen=True)
class Scene:
    owner: Asker
    owner_login: factories.Login
    experts: list[int]
    expert_logins: dict[int, factories.Login]

    @property
    def owner_principal(self) -> Principal:
        return principal(self.owner.member_id)

    def proposals(self) -> list[dict[str, Any]]:
        overview = run(proposal_overview(self.owner_principal, self.owner.challenge_id))
        return overview["proposals"]

    def expert_of(self, introduction_id: int) -> int:
        return run(
            Introduction.select(Introduction.expert)
            .where(Introduction.id == introduction_id)
            .first()
        )["expert"]

    def login_of_expert(self, introduction_id: int) -> factories.Login:
        return self.expert_logins[self.expert_of(introduction_id)]


def scene(experts: int = 5, **expert_fields: Any) -> Scene:
    """One owner with an audit challenge and ``experts`` audit experts: three proposals, the
    rest alternates. Every member has a login."""
    owner = asker()
    ids = [expert(**expert_fields) for _ in range(experts)]
    run(rematch())
    return Scene(
        owner=owner,
        owner_login=factories.account(Role.member, owner.member_id),
        experts=ids,
        expert_logins={e: factories.account(Role.member, e) for e in ids},
    )


def states(challenge_id: int) -> list[tuple[int, str, bool]]:
    rows = run(
        Introduction.select(Introduction.expert, Introduction.state, Introduction.alternate)
        .where(Introduction.challenge == challenge_id)
        .order_by(Introduction.id)
    )
    return [(r["expert"], r["state"], r["alternate"]) for r in rows]


def state_of(introduction_id: int) -> IntroductionState:
    row = run(
        Introduction.select(Introduction.state).where(Introduction.id == introduction_id).first()
    )
    return IntroductionState(row["state"])


def received(mailbox: Any) -> list[dict[str, str]]:
    """Every mail the SMTP server got: recipients, subject and plain text."""
    out = []
    for envelope in mailbox.messages:
        message = message_from_bytes(envelope.content, policy=default)
        out.append(
            {
                "to": ",".join(envelope.rcpt_tos),
                "subject": str(message["Subject"]),
                "text": message.get_body(("plain",)).get_content(),
            }
        )
    return out
