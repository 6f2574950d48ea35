"""Introduction mails owed, kept until the relay took them (`privacy.mail_outbox`).

A state change writes the mails it owes in its own transaction (`owe`); they are sent at once
after the change (`deliver`), what fails is retried by the worker (`deliver_due`). Rows hold
ids only and are deleted with the introduction (so with either member's erasure).
"""

from __future__ import annotations

from datetime import datetime

from introductions.mails import mail_settings, owed_mail
from introductions.tables import TO_THE_EXPERT, Introduction, IntroductionMail, MailKind
from kring.clock import utc_now
from kring.settings import Settings
from privacy.mail import Mail
from privacy.mail_outbox import MailOutbox


async def _render(introduction_id: int, kind: str, settings: Settings) -> Mail | None:
    return await owed_mail(introduction_id, MailKind(kind))


async def _changed(introduction_id: int, kind: str) -> datetime | None:
    """When the recipient's record last changed (their address corrected, say)."""
    side = Introduction.expert if kind in TO_THE_EXPERT else Introduction.requester
    row = (
        await Introduction.select(side.updated_at.as_alias("changed"))
        .where(Introduction.id == introduction_id)
        .first()
    )
    return row["changed"] if row else None


OUTBOX = MailOutbox(
    IntroductionMail,
    IntroductionMail.introduction,
    _render,
    mail_settings,
    "introduction mail",
    changed=_changed,
)
deliver_due = OUTBOX.deliver_due
forget_settled = OUTBOX.forget_settled


async def owe(introduction_id: int, *kinds: MailKind) -> None:
    """Record the mails a state change owes, each with its recipient; call it inside the
    change's transaction."""
    now = utc_now()
    sides = (
        await Introduction.select(Introduction.expert, Introduction.requester)
        .where(Introduction.id == introduction_id)
        .first()
    ) or {"expert": None, "requester": None}
    await IntroductionMail.insert(
        *[
            IntroductionMail(
                introduction=introduction_id,
                recipient=sides["expert" if kind in TO_THE_EXPERT else "requester"],
                kind=kind,
                due_at=now,
            )
            for kind in kinds
        ]
    ).on_conflict(action="DO NOTHING")


async def deliver(introduction_id: int, *kinds: MailKind) -> int:
    """Send what `owe` recorded, now; returns how many went. A failure is left to the worker."""
    where = (IntroductionMail.introduction == introduction_id) & IntroductionMail.kind.is_in(
        list(kinds)
    )
    return await OUTBOX.send(where, utc_now())
