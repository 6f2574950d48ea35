"""Timed work of the events module, run by `kring worker`."""

from __future__ import annotations

from events.choices import RegistrationStatus
from events.locking import EventBusy
from events.mail_outbox import deliver_due, forget_settled
from events.registration import offers_moved_on
from events.tables import Registration
from events.who_to_meet_mail import send_who_to_meet_mails
from kring.clock import utc_now
from kring.jobs import Job


async def expire_offers() -> int:
    """Lapsed seat offers go to the next on the waitlist. Idempotent; events another worker
    is handling right now are skipped (`FOR UPDATE SKIP LOCKED`) and picked up next round."""
    now = utc_now()
    rows = (
        await Registration.select(Registration.event)
        .where(
            (Registration.status == RegistrationStatus.offered)
            & (Registration.offer_expires_at <= now)
        )
        .distinct()
    )
    done = 0
    for row in rows:
        try:
            done += await offers_moved_on(row["event"], now)
        except EventBusy:
            continue
    return done


async def who_to_meet_mails() -> int:
    """Pre-event "who to meet" mails, once per registration (see events.who_to_meet_mail)."""
    return await send_who_to_meet_mails()


JOBS: dict[str, Job] = {
    "expired event seat offers": expire_offers,
    "event mails to send": deliver_due,
    "settled event mails": forget_settled,
    "who-to-meet mails": who_to_meet_mails,
}
