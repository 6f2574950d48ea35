"""Check-in at the door: by the member's id (typed from a badge or found in a list) or by the
code on their ticket (shown on their event page as a QR code and as text, to be scanned or
typed). The code is the registration id with a keyed signature, so it cannot be guessed from
another one, it works offline on paper, and it checks in at one event only."""

from __future__ import annotations

import hmac
import io
import re
from dataclasses import dataclass

import segno

from events.choices import RegistrationStatus
from events.registration import record_attendance
from events.tables import Registration
from kring.credentials import keyed_hash
from kring.errors import NotFound
from kring.messages import N_
from kring.settings import get_settings
from kring.validation import MAX_ID, FieldError, refuse_beyond_ids

CODE = re.compile(r"^K([0-9]{1,12})-([0-9A-F]{10})$")
"""`[0-9]`, not `\\d`, which also matches `١٢`: one spelling per code."""


def _signature(event_id: int, registration_id: int) -> str:
    secret = get_settings().secret_key
    return keyed_hash(secret, f"check-in:{event_id}:{registration_id}")[:10].upper()


def check_in_code(event_id: int, registration_id: int) -> str:
    return f"K{registration_id}-{_signature(event_id, registration_id)}"


def ticket_svg(code: str) -> str:
    """The code as a QR code (inline SVG, no image file, no request to another site)."""
    out = io.BytesIO()
    segno.make_qr(code, error="m").save(
        out, kind="svg", xmldecl=False, svgns=True, omitsize=True, title=code
    )
    return out.getvalue().decode()


def registration_for_code(event_id: int, code: str) -> int:
    """The registration a scanned or typed code names; spaces and case do not matter."""
    found = CODE.match(re.sub(r"\s+", "", code).upper())
    if found is None:
        raise FieldError("code", N_("is not a check-in code (it looks like K123-4F9A0C1B2D)"))
    registration_id = int(found.group(1))
    if not hmac.compare_digest(found.group(2), _signature(event_id, registration_id)):
        raise NotFound(N_("this code is not a ticket for this event"), field="code")
    return registration_id


NOT_REGISTERED = N_("member %(member_id)s is not registered for this event")


async def registration_for_member(event_id: int, member_id: int, field: str = "member_id") -> int:
    if not 0 < member_id <= MAX_ID:  # no member has it; PostgreSQL would refuse to look
        raise NotFound(NOT_REGISTERED, field=field, member_id=member_id)
    row = (
        await Registration.select(Registration.id)
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )
    if row is None:
        raise NotFound(NOT_REGISTERED, field=field, member_id=member_id)
    return row["id"]


async def check_in(
    event_id: int, *, member_id: int | None = None, code: str | None = None, attended: bool = True
) -> int:
    """Record attendance by member id or by code (exactly one); returns the registration id."""
    if (member_id is None) == (code is None):
        raise FieldError("member_id", N_("give either a member id or a check-in code"))
    if code is not None:
        registration_id = registration_for_code(event_id, code)
    else:
        assert member_id is not None
        registration_id = await registration_for_member(event_id, member_id)
    await record_attendance(registration_id, event_id, attended)
    return registration_id


@dataclass(frozen=True)
class Arrival:
    """Whom the desk checked in, and whether they were already: a ticket shown twice."""

    registration_id: int
    already: bool


async def check_in_at_the_door(event_id: int, typed: str) -> Arrival:
    """The desk's one field, `code`: a member number typed from a badge, or a ticket code
    scanned or typed. Every refusal names that field, so the desk shows it there."""
    if not (typed.isascii() and typed.isdigit()):
        if CODE.match(re.sub(r"\s+", "", typed).upper()) is None:  # it takes two things: say so
            raise FieldError(
                "code",
                N_(
                    "is neither a member number (like 123) nor a check-in code "
                    "(like K123-4F9A0C1B2D)"
                ),
            )
        registration_id = registration_for_code(event_id, typed)
    else:
        refuse_beyond_ids(typed, "code")  # 20 digits: a member number, too large for any
        registration_id = await registration_for_member(event_id, int(typed), field="code")
    before = await record_attendance(registration_id, event_id, True)
    return Arrival(registration_id, already=before == RegistrationStatus.attended)
