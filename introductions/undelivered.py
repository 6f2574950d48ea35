"""Introduction mails that did not reach their member, so that nobody waits for a mail that
never comes: the organisers see who, which mail, about which challenge and why (and correct
an address), the member sees that their address is refused. Which mails are given up, and
when they are offered again, is `privacy.mail_outbox`'s work (`introductions.mail_outbox`)."""

from __future__ import annotations

from typing import Any

from introductions.mail_outbox import OUTBOX
from introductions.tables import TO_THE_EXPERT, IntroductionMail
from kring.principal import Principal
from kring.tables import Member
from kring.vocabulary import N_
from privacy.mail_outbox import undelivered_panel, why_undelivered

_INTRODUCTION = IntroductionMail.introduction
COLUMNS = (
    IntroductionMail.id,
    IntroductionMail.kind,
    IntroductionMail.refusal,
    IntroductionMail.recipient,
    IntroductionMail.due_at.as_alias("at"),
    _INTRODUCTION.expert.as_alias("expert"),
    _INTRODUCTION.requester.as_alias("requester"),
    _INTRODUCTION.challenge.title.as_alias("challenge_title"),
)


async def undelivered(member_id: int | None = None) -> list[dict[str, Any]]:
    """The introduction mails given up and not yet forgotten, newest first: all of them (for
    the organisers), or a member's own refused for their address (None: every one)."""
    query = IntroductionMail.select(*COLUMNS).where(OUTBOX.undelivered())
    if member_id is not None:
        query = query.where(
            (IntroductionMail.recipient == member_id) & IntroductionMail.refusal.is_not_null()
        )
    rows = await query.order_by(IntroductionMail.due_at, ascending=False).order_by(
        IntroductionMail.id, ascending=False
    )
    for row in rows:  # rows owed before the recipient was kept name it by their kind
        side = "expert" if row["kind"] in TO_THE_EXPERT else "requester"
        row["recipient"] = row["recipient"] or row[side]
    people = {
        person["id"]: person
        for person in await Member.select(
            Member.id, Member.first_name, Member.last_name, Member.email
        ).where(Member.id.is_in([row["recipient"] for row in rows] or [0]))
    }
    shown = []
    for row in rows:
        person = people.get(row["recipient"]) or {}
        shown.append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "at": row["at"],
                "member": row["recipient"],
                "guest": False,
                "name": f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip(),
                "about": row["challenge_title"],
                "link": None,
                "reason": why_undelivered(row["refusal"], person.get("email")),
            }
        )
    return shown


async def organisers_panel(_viewer: Principal) -> dict[str, Any] | None:
    return undelivered_panel(
        await undelivered(),
        "introduction-mails-not-delivered",
        N_("Introduction mails not delivered"),
        N_("List of introduction mails not delivered"),
    )


async def members_panel(viewer: Principal) -> dict[str, Any] | None:
    return undelivered_panel(
        await undelivered(viewer.member_id),
        "my-introduction-mails-not-delivered",
        N_("Mails about your introductions did not arrive"),
    )
