"""Requests received by e-mail: a code goes to the member's address and the request waits for it.

A privacy officer records the request for an e-mail address; the member whose (work or
private) address it is gets a six-digit code that works for `KRING_VERIFICATION_MINUTES`. Wrong
codes are counted per client (five per 15 minutes, for any request) and for the request from all
clients: after `VERIFICATION_ATTEMPTS` the request is locked for good and the officer records a
new one. Only a keyed hash of the code is stored.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from datetime import datetime
from typing import Any

from kring.clock import utc_now
from kring.credentials import keyed_hash
from kring.errors import Conflict, NotFound, TooManyAttempts
from kring.mail_retries import CLAIM, MAX_ATTEMPTS, given_up, retry_at
from kring.member_lock import member_locked
from kring.messages import N_, Term
from kring.settings import get_settings
from kring.tables import Member
from kring.throttle import check_codes_allowed, record_code_failure
from kring.validation import FieldError, normalise_email, only_digits
from privacy import config
from privacy.living import require_living_for_access, require_living_member
from privacy.mail import refused_for_good
from privacy.mails import MailNotSent, MailRefused, send_to_person
from privacy.recipients import ProcessorRefused, processor_for_sending
from privacy.requests import TABLES, Kind, RequestChannel, record_request, recorded_just_now
from privacy.suppression import erased_owner
from privacy.tables import RequestVerification

log = logging.getLogger("kring.privacy.verification")


class WrongCode(FieldError):
    """A 400 naming the field `code`, with how many tries are left."""


def _hash(kind: Kind, request_id: int, code: str) -> str:
    return keyed_hash(get_settings().secret_key, f"privacy-code:{kind}:{request_id}:{code}")


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


async def record_emailed_request(kind: Kind, email: str, recorded_by: int) -> dict[str, Any]:
    """Record a request that came by e-mail; the request starts `unverified` and its code mail
    is queued. The mail is tried at once; when the relay does not answer, the worker tries
    again (`send_due_codes`): the request is never lost to a relay's outage. `code` in the
    answer says `sent`, `queued`, or `refused` (the relay refused it for good: it is not
    mailed again; the address needs checking)."""
    address = normalise_email(email)
    spellings = sorted({address, address.lower()})
    member = (
        await Member.select(Member.id, Member.email)
        .where(Member.email.is_in(spellings) | Member.private_email.is_in(spellings))
        .first()
    )
    if member is None:
        await _refuse_erased_address(kind, address)
        raise NotFound(
            N_("no member has the e-mail address %(address)s"), field="email", address=address
        )
    try:
        await processor_for_sending("smtp")
    except ProcessorRefused as error:  # no retry would help: record nothing
        raise MailRefused(
            N_(
                "the code cannot be mailed: the mail relay has no signed processing agreement on "
                "the register; record one under Processors and retention first. Nothing was "
                "recorded"
            ),
            field="email",
        ) from error
    now = utc_now()
    # The member's lock before the check: submits at once (a double click, a resent API call)
    # then see each other's request, on PostgreSQL as on SQLite (`BEGIN IMMEDIATE`).
    async with member_locked(member["id"]):
        repeated = await recorded_just_now(
            kind, member["id"], RequestChannel.email, recorded_by, status="unverified"
        )
        if repeated is not None:
            return await _answer(kind, repeated, member["id"])
        request_id = await record_request(
            kind, member["id"], RequestChannel.email, recorded_by, status="unverified"
        )
        rows = await RequestVerification.insert(
            RequestVerification(
                kind=str(kind),
                request_id=request_id,
                member=member["id"],
                code_hash="",  # no code exists until its mail goes
                # The code goes to the address on record the request came from.
                to_private=member["email"] not in spellings,
                created_at=now,
                expires_at=now + config.verification_lifetime(),
                mail_due_at=now,
            )
        ).returning(RequestVerification.id)
    sent = await send_code(rows[0]["id"])
    refused = not sent and (await codes_not_sent(kind)).get(request_id, False)
    return {
        "kind": str(kind),
        "id": request_id,
        "member_id": member["id"],
        "status": "unverified",
        "code": "sent" if sent else "refused" if refused else "queued",
    }


async def _refuse_erased_address(kind: Kind, address: str) -> None:
    """An erased person's address is blanked, but their suppression record recognises it: the
    officer, who must still answer them, hears they were erased (409 at the e-mail field), and
    for an access request on which day and the erasure's page at the desk, rather than that no
    member has the address."""
    erased = await erased_owner(address)
    if erased is None:
        return
    if kind is Kind.access:
        await require_living_for_access(erased, "email")
    else:
        await require_living_member(erased, "email")


async def _answer(kind: Kind, request_id: int, member_id: int) -> dict[str, Any]:
    """What recording it answered: the request and whether its code went."""
    sent = await RequestVerification.exists().where(
        (RequestVerification.kind == str(kind))
        & (RequestVerification.request_id == request_id)
        & RequestVerification.code_sent_at.is_not_null()
    )
    refused = not sent and (await codes_not_sent(kind)).get(request_id, False)
    return {
        "kind": str(kind),
        "id": request_id,
        "member_id": member_id,
        "status": "unverified",
        "code": "sent" if sent else "refused" if refused else "queued",
    }


async def codes_not_sent(kind: Kind) -> dict[int, bool]:
    """The requests of this kind whose code has not gone out (for the desk), each with whether
    it never will: the relay refused it for good, or it was given up after its last try."""
    rows = await RequestVerification.select(
        RequestVerification.request_id, RequestVerification.mail_attempts
    ).where((RequestVerification.kind == str(kind)) & RequestVerification.code_sent_at.is_null())
    return {row["request_id"]: given_up(row["mail_attempts"]) for row in rows}


async def send_due_codes(now: datetime | None = None) -> int:
    """Worker job: mail the codes whose retry is due; returns how many went."""
    now = now or utc_now()
    rows = (
        await RequestVerification.select(RequestVerification.id)
        .where(_due(now))
        .order_by(RequestVerification.mail_due_at)
        .limit(100)
    )
    return sum([await send_code(row["id"], now) for row in rows])


def _due(now: datetime) -> Any:
    return (
        RequestVerification.code_sent_at.is_null()
        & RequestVerification.verified_at.is_null()
        & RequestVerification.locked_at.is_null()
        & (RequestVerification.mail_due_at <= now)
        & (RequestVerification.mail_attempts < MAX_ATTEMPTS)
        & (
            RequestVerification.mail_claimed_until.is_null()
            | (RequestVerification.mail_claimed_until < now)
        )
    )


async def send_code(verification_id: int, now: datetime | None = None) -> bool:
    """One attempt at the code mail: claim it, make the code, mail it. True when it went.

    The code is made when its mail goes, so it is valid for its whole lifetime from then; of
    several senders at once, one claims the row."""
    now = now or utc_now()
    claimed = (
        await RequestVerification.update(
            {
                RequestVerification.mail_claimed_until: now + CLAIM,
                RequestVerification.mail_attempts: RequestVerification.mail_attempts + 1,
            }
        )
        .where((RequestVerification.id == verification_id) & _due(now))
        .returning(
            RequestVerification.kind,
            RequestVerification.request_id,
            RequestVerification.member,
            RequestVerification.to_private,
            RequestVerification.mail_attempts,
        )
    )
    if not claimed:
        return False
    row = claimed[0]
    kind = Kind(row["kind"])
    member = (
        await Member.select(Member.email, Member.private_email, Member.first_name, Member.language)
        .where(Member.id == row["member"])
        .first()
    )
    table = TABLES[kind]
    request = await table.select(table.id).where(table.id == row["request_id"]).first()
    if request is None:  # withdrawn or erased meanwhile: nobody is waiting for a code
        await RequestVerification.delete().where(RequestVerification.id == verification_id)
        return False
    address = member and (member["private_email"] if row["to_private"] else member["email"])
    if not address:  # the address was removed meanwhile; an officer sees the request waiting
        await _retry_later(verification_id, row["mail_attempts"], now, "no address on record")
        return False
    code = new_code()
    await RequestVerification.update(
        {
            RequestVerification.code_hash: _hash(kind, row["request_id"], code),
            RequestVerification.expires_at: now + config.verification_lifetime(),
        }
    ).where(RequestVerification.id == verification_id)
    try:
        await send_to_person(
            address,
            member["language"],
            "privacy/mail/verification.txt",
            kind=str(kind),
            request_id=row["request_id"],
            first_name=member["first_name"],
            code=code,
            minutes=int(config.verification_lifetime().total_seconds() // 60),
        )
    except (MailNotSent, MailRefused) as error:
        await _retry_later(verification_id, row["mail_attempts"], now, error)
        return False
    await RequestVerification.update(
        {RequestVerification.code_sent_at: utc_now(), RequestVerification.mail_claimed_until: None}
    ).where(RequestVerification.id == verification_id)
    return True


async def _retry_later(
    verification_id: int, attempts: int, now: datetime, error: Exception | str
) -> None:
    """The code that did not go must not work; it goes again later, unless the relay refused
    it for good (asked again, it answers the same)."""
    if isinstance(error, Exception) and refused_for_good(error):
        attempts = MAX_ATTEMPTS
    await RequestVerification.update(
        {
            RequestVerification.code_hash: "",
            RequestVerification.mail_due_at: retry_at(attempts, now),
            RequestVerification.mail_claimed_until: None,
            RequestVerification.mail_attempts: attempts,
        }
    ).where(RequestVerification.id == verification_id)
    if given_up(attempts):
        log.error(
            "privacy code mail %s given up after %d attempts: %s", verification_id, attempts, error
        )
    else:
        log.warning(
            "privacy code mail %s not sent (attempt %d): %s", verification_id, attempts, error
        )


CODE_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]")
"""What people type between the digits of a code, as they write a phone number: spaces (a
no-break space from a copied mail too) and hyphens (an en dash a word processor made of one)."""


def typed_code(raw: str | None) -> str:
    """The six digits of a code as typed (`123 456`, `123-456`); anything else is refused
    naming the field."""
    code = CODE_SEPARATORS.sub("", raw or "")
    if not only_digits(code) or len(code) != 6:
        raise FieldError("code", N_("the code is the six digits from the mail"))
    return code


async def verify(kind: Kind, request_id: int, code: str, client: str) -> dict[str, Any]:
    """Check the code: right → the request is open; wrong → one try less for the client.

    Only the right code tells anything about the request: an unknown id, a request that needs
    no code and a wrong code get the same 400, so a stranger learns neither which ids wait nor
    their state. Wrong codes count per client (`throttle.CODES_PER_CLIENT`), so a stranger
    cannot use up the person's tries; the request itself is locked only after
    `VERIFICATION_ATTEMPTS` wrong codes from everyone, which keeps the chance of guessing a
    six-digit code below 1 in 20,000.
    """
    code = typed_code(code)
    secret_key = get_settings().secret_key
    await check_codes_allowed(secret_key, client)
    row = (
        await RequestVerification.select()
        .where(
            (RequestVerification.kind == str(kind)) & (RequestVerification.request_id == request_id)
        )
        .first()
    )
    given = _hash(kind, request_id, code)
    if row is None or not row["code_hash"] or not hmac.compare_digest(row["code_hash"], given):
        if row is not None:
            await _count_wrong_code(kind, row["id"], request_id)
        left = await record_code_failure(secret_key, client)
        if left == 0:
            await check_codes_allowed(secret_key, client)  # the 429 with its wait
        if left == 1:
            raise WrongCode("code", N_("wrong code; 1 try left"))
        raise WrongCode("code", N_("wrong code; %(left)s tries left"), left=left)
    # The right code: its holder may know what became of the request.
    status = (
        await TABLES[kind].select(TABLES[kind].status).where(TABLES[kind].id == request_id).first()
    )
    if status is not None and status["status"] in ("refused", "withdrawn"):
        raise Conflict(
            N_("%(kind)s request %(request_id)s is %(status)s; no code is needed any more"),
            "code",
            kind=Term(kind),
            request_id=request_id,
            status=Term(status["status"]),
        )
    if row["verified_at"] is not None:
        raise Conflict(N_("this request was already confirmed"), "code")
    if row["locked_at"] is not None:
        raise TooManyAttempts(
            N_("too many wrong codes: this request is locked; ask the privacy officer again"),
            retry_after=24 * 3600,
        )
    now = utc_now()
    if row["expires_at"] <= now:
        raise Conflict(
            N_("the code has expired; ask the privacy officer for a new request"), "code"
        )
    table = TABLES[kind]
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
        raise Conflict(N_("this request was confirmed or locked at the same moment"), "code")
    await table.update({table.status: "open"}).where(
        (table.id == request_id) & (table.status == "unverified")
    )
    return {"kind": str(kind), "id": request_id, "status": "open"}


async def _count_wrong_code(kind: Kind, verification_id: int, request_id: int) -> None:
    """One wrong code more for the request, from any client; locked at the limit.

    Counted in the database, so parallel guesses in several processes all count."""
    counted = (
        await RequestVerification.update(
            {RequestVerification.attempts: RequestVerification.attempts + 1}
        )
        .where(
            (RequestVerification.id == verification_id)
            & RequestVerification.locked_at.is_null()
            & RequestVerification.verified_at.is_null()
        )
        .returning(RequestVerification.attempts)
    )
    if not counted or counted[0]["attempts"] < config.VERIFICATION_ATTEMPTS:
        return
    table = TABLES[kind]
    await RequestVerification.update({RequestVerification.locked_at: utc_now()}).where(
        (RequestVerification.id == verification_id) & RequestVerification.locked_at.is_null()
    )
    await table.update({table.status: "locked"}).where(
        (table.id == request_id) & (table.status == "unverified")
    )
