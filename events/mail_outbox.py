"""Mails about registrations owed, kept until the relay took them (`privacy.mail_outbox`).

A change of seats writes the mails it owes in its own transaction (`owe`, under the event's
lock); the change's caller sends them at once after its transaction (`deliver`); what fails,
and what changes made elsewhere owe (an offer passed on by the worker, a seat given back by an
erasure), the worker sends (`deliver_due`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from events.choices import EventMailKind
from events.registration_mails import mail_settings, owed_mail
from events.tables import EventMail, Registration
from kring.clock import utc_now
from kring.settings import Settings
from privacy.mail import Mail
from privacy.mail_outbox import MailOutbox


async def _render(registration_id: int, kind: str, settings: Settings) -> Mail | None:
    return await owed_mail(registration_id, EventMailKind(kind), utc_now(), settings)


async def _changed(registration_id: int, kind: str) -> datetime | None:
    """When the record holding the address last changed: the member's, or for a guest the
    registration's (an organiser's correction)."""
    row = (
        await Registration.select(Registration.updated_at, Registration.member.updated_at)
        .where(Registration.id == registration_id)
        .first()
    )
    if row is None:
        return None
    return row["member.updated_at"] or row["updated_at"]


OUTBOX = MailOutbox(
    EventMail, EventMail.registration, _render, mail_settings, "event mail", changed=_changed
)
deliver_due = OUTBOX.deliver_due
forget_settled = OUTBOX.forget_settled


async def owe(registration_ids: Iterable[int], kind: EventMailKind) -> None:
    """Record a mail to each registration's person; call it inside the change's transaction.
    A mail of that kind still unsent is not owed twice (it is rendered when it goes anyway)."""
    now = utc_now()
    rows = [EventMail(registration=rid, kind=kind, due_at=now) for rid in registration_ids]
    if rows:
        await EventMail.insert(*rows).on_conflict(action="DO NOTHING")


async def deliver(event_id: int) -> int:
    """Send the event's mails that are due, now (after the change's transaction); returns how
    many went. A failure is left to the worker."""
    return await OUTBOX.send(EventMail.registration.event == event_id, utc_now())
