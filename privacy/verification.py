"""Requests received by e-mail: a code goes to the member's address and the request waits for it.

A privacy officer records the request for an e-mail address; the member whose (work or
private) address it is gets a six-digit code that works for `KRING_VERIFICATION_MINUTES`. After
`VERIFICATION_ATTEMPTS` wrong codes the request is locked for good: the officer records a new
one. Only a keyed hash of the code is stored.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from kring.clock import utc_now
from kring.credentials import keyed_hash
from kring.errors import Conflict, NotFound, TooManyAttempts
from kring.settings import get_settings
from kring.tables import Member
from kring.validation import FieldError, normalise_email
from privacy import config
from privacy.mails import send_to_person
from privacy.requests import TABLES, Kind, RequestChannel, record_request
from privacy.tables import RequestVerification


class WrongCode(FieldError):
    """A 400 naming the field `code`, with how many tries are left."""


def _hash(kind: Kind, request_id: int, code: str) -> str:
    return keyed_hash(get_settings().secret_key, f"privacy-code:{kind}:{request_id}:{code}")


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


async def record_emailed_request(kind: Kind, email: str, recorded_by: int) -> dict[str, Any]:
    """Record a request that came by e-mail and mail the code; the request starts `unverified`."""
    address = normalise_email(email)
    spellings = sorted({address, address.lower()})
    member = (
        await Member.select(
            Member.id, Member.email, Member.private_email, Member.first_name, Member.language
        )
        .where(Member.email.is_in(spellings) | Member.private_email.is_in(spellings))
        .first()
    )
    if member is None:
        raise NotFound(f"no member has the e-mail address {address}", field="email")
    request_id = await record_request(
        kind, member["id"], RequestChannel.email, recorded_by, status="unverified"
    )
    # The code goes to the address on record, however the officer typed it.
    address = member["email"] if member["email"] in spellings else member["private_email"]
    code = new_code()
    now = utc_now()
    await RequestVerification.insert(
        RequestVerification(
            kind=str(kind),
            request_id=request_id,
            member=member["id"],
            code_hash=_hash(kind, request_id, code),
            created_at=now,
            expires_at=now + config.verification_lifetime(),
        )
    )
    try:
        await send_to_person(
            address,
            member["language"],
            "privacy/mail/verification.txt",
            kind=str(kind),
            request_id=request_id,
            first_name=member["first_name"],
            code=code,
            minutes=int(config.verification_lifetime().total_seconds() // 60),
        )
    except Exception:
        # No code reached the person: the request is not kept half-made.
        await RequestVerification.delete().where(
            (RequestVerification.kind == str(kind)) & (RequestVerification.request_id == request_id)
        )
        table = TABLES[kind]
        await table.delete().where(table.id == request_id)
        raise
    return {"kind": str(kind), "id": request_id, "member_id": member["id"], "status": "unverified"}


async def verify(kind: Kind, request_id: int, code: str) -> dict[str, Any]:
    """Check the code: right → the request is open; wrong → one try less; expired or locked → 4xx.

    The same answer (404) for an unknown request and for one that needs no code.
    """
    code = (code or "").strip()
    if not code.isdigit() or len(code) != 6:
        raise FieldError("code", "the code is the six digits from the mail")
    row = (
        await RequestVerification.select()
        .where(
            (RequestVerification.kind == str(kind)) & (RequestVerification.request_id == request_id)
        )
        .first()
    )
    if row is None:
        raise NotFound(f"no {kind} request {request_id} waits for a code")
    if row["verified_at"] is not None:
        raise Conflict("this request was already confirmed", "code")
    if row["locked_at"] is not None:
        raise TooManyAttempts(
            "too many wrong codes: this request is locked; ask the privacy officer again",
            retry_after=24 * 3600,
        )
    now = utc_now()
    if row["expires_at"] <= now:
        raise Conflict("the code has expired; ask the privacy officer for a new request", "code")
    table = TABLES[kind]
    if hmac.compare_digest(row["code_hash"], _hash(kind, request_id, code)):
        done = (
            await RequestVerification.update({RequestVerification.verified_at: now})
            .where(
                (RequestVerification.id == row["id"])
                & RequestVerification.verified_at.is_null()
                & RequestVerification.locked_at.is_null()
            )
            .returning(RequestVerification.id)
        )
        if not done:
            raise Conflict("this request was confirmed or locked at the same moment", "code")
        await table.update({table.status: "open"}).where(
            (table.id == request_id) & (table.status == "unverified")
        )
        return {"kind": str(kind), "id": request_id, "status": "open"}
    # Counted in the database, so parallel guesses in several processes all count.
    counted = (
        await RequestVerification.update(
            {RequestVerification.attempts: RequestVerification.attempts + 1}
        )
        .where((RequestVerification.id == row["id"]) & RequestVerification.locked_at.is_null())
        .returning(RequestVerification.attempts)
    )
    attempts = counted[0]["attempts"] if counted else config.VERIFICATION_ATTEMPTS
    if attempts >= config.VERIFICATION_ATTEMPTS:
        await RequestVerification.update({RequestVerification.locked_at: now}).where(
            (RequestVerification.id == row["id"]) & RequestVerification.locked_at.is_null()
        )
        await table.update({table.status: "locked"}).where(
            (table.id == request_id) & (table.status == "unverified")
        )
        raise TooManyAttempts(
            "too many wrong codes: this request is locked; ask the privacy officer again",
            retry_after=24 * 3600,
        )
    left = config.VERIFICATION_ATTEMPTS - attempts
    raise WrongCode("code", f"wrong code; {left} tries left")
