"""An organiser corrects a guest's e-mail address from the list of mails not delivered.

A guest (registered at the desk, without a member profile) has no account and no form of
their own, so a mail refused for their address could only wait out its 30 days. The event's
organisers type the right one beside the mail; the mails given up for the old address then go
again, once, as after a member's record is corrected (`privacy.mail_outbox.release_corrected`),
and who changed the guest's data is on the audit trail, as for a member's record.
"""

from __future__ import annotations

from events.choices import RegistrationStatus
from events.locking import event_locked
from events.mail_outbox import OUTBOX, deliver
from events.registration import same_guest
from events.tables import Registration
from kring.clock import utc_now
from kring.errors import Conflict, NotFound
from kring.messages import N_
from kring.principal import Principal
from kring.validation import FieldError, normalise_email
from privacy.audit import Action, record_audit

FIELD = "guest_email"
"""The form's field: the desk's own guest form already has an `email` field."""
SAME_ADDRESS = N_("%(email)s is the address the mail could not reach; type the corrected one")
TAKEN = N_("another guest of this event is registered with %(email)s")
ERASED = N_("this guest's details were erased; their address can no longer change")


async def correct_guest_email(
    viewer: Principal, event_id: int, registration_id: int, typed: str
) -> str:
    """Store the guest's corrected address (the caller checked that the viewer organises the
    event), note it on the audit trail and send the mails refused for the old one again.
    Returns the address as stored."""
    if not typed.strip():
        raise FieldError(FIELD, N_("is required"))
    email = normalise_email(typed, FIELD)
    async with event_locked(event_id):
        row = (
            await Registration.select(Registration.member, Registration.guest_email)
            .where((Registration.id == registration_id) & (Registration.event == event_id))
            .first()
        )
        if row is None or row["member"] is not None:
            raise NotFound(
                N_("no guest's registration %(registration_id)s at this event"),
                field="registration_id",
                registration_id=registration_id,
            )
        if not row["guest_email"]:
            raise Conflict(ERASED, field=FIELD)
        if row["guest_email"] == email:
            raise FieldError(FIELD, SAME_ADDRESS, email=email)
        others = await Registration.select(
            Registration.id, Registration.status, Registration.guest_email
        ).where(
            (Registration.event == event_id)
            & Registration.member.is_null()
            & (Registration.id != registration_id)
        )
        taken = same_guest(email, others)
        if taken and taken["status"] != RegistrationStatus.cancelled:
            raise Conflict(TAKEN, field=FIELD, email=email)
        await Registration.update({Registration.guest_email: email}).where(
            Registration.id == registration_id
        )
        await record_audit(viewer.account_id, None, Action.changed, "registration")
    await OUTBOX.release_corrected(utc_now())
    await deliver(event_id)
    return email
