"""Access and erasure requests: received, due one calendar month later, then answered.

States: `unverified` (e-mailed, waiting for the mailed code), `locked` (too many wrong codes),
`open`, `approval` (an erasure started by one privacy officer, waiting for a second),
`fulfilled` (access answered), `done` (erasure carried out), `refused`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from kring.choices import MemberStatus
from kring.clock import today, utc_now
from kring.errors import Conflict, Forbidden, NotFound
from kring.mail_retries import retry_at
from kring.member_lock import member_locked
from kring.messages import N_, Message, Term
from kring.principal import Principal
from kring.tables import Member
from kring.validation import FieldError, refuse_control_characters
from privacy import config, deadlines
from privacy.access import access_export
from privacy.audit import Action, record_audit
from privacy.deadlines import due_date
from privacy.erasure import erase_member
from privacy.living import require_living_for_access, require_living_member
from privacy.mail import address_problem, refused_for_good
from privacy.mails import MailNotSent, send_to_person
from privacy.tables import AccessRequest, DownloadLink, ErasureRequest, RequestVerification
from privacy.withheld import as_seen_by

__all__ = ["ON_THE_DESK", "Kind", "RequestChannel", "due_date"]

log = logging.getLogger("kring.privacy.requests")


ON_THE_DESK = ("unverified", "open", "approval")
"""The states of a request that still needs the privacy officer (or the person's code)."""


class Kind(StrEnum):
    access = "access"
    erasure = "erasure"


class RequestChannel(StrEnum):
    web = "web"
    api = "api"
    email = "email"
    phone = "phone"
    paper = "paper"


TABLES = {Kind.access: AccessRequest, Kind.erasure: ErasureRequest}


PENDING = {Kind.erasure: ("open", "approval"), Kind.access: ("open",)}
"""A member's requests in these states are still on the desk: a new one of the kind reuses it
(for access, only one the member asks in the members' area or the API: a request the officer
records has its own date of receipt)."""
SELF_SERVICE = (RequestChannel.web, RequestChannel.api)
REPEAT_WINDOW = timedelta(seconds=10)
"""The same request recorded again within this time is a repeated submit, not a new one."""


async def record_request(
    kind: Kind,
    member_id: int,
    channel: RequestChannel,
    recorded_by: int | None,
    *,
    status: str = "open",
) -> int:
    """A new request's id; or the member's request of that kind still on the desk when there
    is one: for erasure an open or approved one (a second click or a second channel asks for
    the same erasure: two requests were both carried out), for access an open one when the
    member asks again themselves (each visit to "my data" made a request for the officer's
    desk). One member at a time: their row is locked on PostgreSQL, SQLite writes one
    transaction at a time."""
    table = TABLES[kind]
    async with member_locked(member_id):
        living = require_living_for_access if kind is Kind.access else require_living_member
        await living(member_id)
        # Never "unverified" ones: anyone can e-mail a request in a member's name.
        pending_states = (
            PENDING[kind]
            if kind is Kind.erasure or (status == "open" and channel in SELF_SERVICE)
            else ()
        )
        if pending_states:
            pending = (
                await table.select(table.id)
                .where((table.member == member_id) & table.status.is_in(list(pending_states)))
                .order_by(table.id)
                .first()
            )
            if pending is not None and not await _links_locked(kind, int(pending["id"])):
                return int(pending["id"])
        # What an officer records (phone, paper) only: a member's own request has the rule above,
        # which makes a new one when wrong tokens locked the pending one's links.
        if status == "open" and recorded_by is not None and channel not in SELF_SERVICE:
            repeated = await recorded_just_now(kind, member_id, channel, recorded_by)
            if repeated is not None:
                return repeated
        now = utc_now()
        row = table(
            member=member_id,
            received_at=now,
            due_on=due_date(now.date()),
            status=status,
            channel=channel,
            recorded_by=recorded_by,
        )
        await row.save()
    return row.id


async def recorded_just_now(
    kind: Kind, member_id: int, channel: RequestChannel, recorded_by: int, status: str = "open"
) -> int | None:
    """The same request recorded by the same officer within `REPEAT_WINDOW`: a double click
    or a resent form, not a second request (also for the e-mailed ones still `unverified`,
    `privacy.verification`)."""
    table = TABLES[kind]
    row = (
        await table.select(table.id)
        .where(
            (table.member == member_id)
            & (table.channel == channel)
            & (table.recorded_by == recorded_by)
            & (table.status == status)
            & (table.received_at >= utc_now() - REPEAT_WINDOW)
        )
        .order_by(table.id)
        .first()
    )
    return int(row["id"]) if row else None


async def links_locked(request_id: int, now: datetime) -> bool:
    """Too many wrong tokens for a request lock its download links (`privacy.download_links`)
    until they expire, not for ever: anyone can send wrong tokens, and a permanent lock would
    take the person's answer away. Here, as recording a request asks it too."""
    return await DownloadLink.exists().where(
        (DownloadLink.request == request_id)
        & (DownloadLink.failed_attempts >= config.DOWNLOAD_FAILURES)
        & (DownloadLink.expires_at > now)
    )


async def _links_locked(kind: Kind, request_id: int) -> bool:
    """An access request whose links wrong tokens locked is not reused: a new request is the
    person's way round a lock that anyone who guesses tokens can cause."""
    return kind is Kind.access and await links_locked(request_id, utc_now())


def _with_deadline(row: dict[str, Any], day: date) -> dict[str, Any]:
    row["due"] = deadlines.effective_due(row["due_on"], row["extended_until"])
    row["overdue"] = deadlines.is_overdue(row["status"], row["due_on"], row["extended_until"], day)
    return row


async def get_request(viewer: Principal, kind: Kind, request_id: int) -> dict[str, Any]:
    """Members see only their own requests; anyone else's id answers 404, as if it did not exist."""
    table = TABLES[kind]
    row = await table.select().where(table.id == request_id).first()
    if row is None or not (viewer.owns(row["member"]) or _officer(viewer)):
        raise NotFound(
            N_("%(kind)s request %(request_id)s not found"),
            field="request_id",
            kind=Term(kind),
            request_id=request_id,
        )
    return _with_deadline(row, today())


def _officer(viewer: Principal) -> bool:
    from kring.choices import Role

    return viewer.has_role(Role.privacy_officer)


def overdue_clause(table: type[AccessRequest] | type[ErasureRequest], day: date) -> Any:
    """Still open after the (possibly extended) deadline: a query, so every process agrees."""
    late = (table.extended_until.is_null() & (table.due_on < day)) | (table.extended_until < day)
    return table.status.is_in(list(deadlines.OPEN_STATES)) & late


async def list_requests(
    kind: Kind,
    *,
    member_id: int | None = None,
    status: str | None = None,
    overdue: bool | None = None,
) -> list[dict[str, Any]]:
    table = TABLES[kind]
    day = today()
    query = table.select(
        *table._meta.columns, table.member.first_name, table.member.last_name
    ).order_by(table.due_on)
    if member_id is not None:
        query = query.where(table.member == member_id)
    if status:
        query = query.where(table.status == status)
    if overdue:
        query = query.where(overdue_clause(table, day))
    rows = [_with_deadline(row, day) for row in await query]
    if overdue is False:
        rows = [row for row in rows if not row["overdue"]]
    return rows


def newest_first(by_kind: dict[Kind, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A person's requests of every kind in one list, each with its `kind`, the latest
    received first: what they asked, in the order they asked it."""
    rows = [{**row, "kind": str(kind)} for kind, found in by_kind.items() for row in found]
    return sorted(rows, key=lambda row: row["received_at"], reverse=True)


async def requests_of(member_id: int) -> list[dict[str, Any]]:
    """Everything a person asked, newest first, each with its deadline (the officer's page of
    the person)."""
    return newest_first({kind: await list_requests(kind, member_id=member_id) for kind in Kind})


def _ready(kind: Kind, row: dict[str, Any]) -> None:
    if row["status"] == "unverified":
        raise Conflict(
            N_("%(kind)s request %(id)s waits for the code mailed to the person"),
            "status",
            kind=Term(kind),
            id=row["id"],
        )
    if row["status"] == "locked":
        raise Conflict(
            N_("%(kind)s request %(id)s is locked: too many wrong codes were entered"),
            "status",
            kind=Term(kind),
            id=row["id"],
        )
    if row["status"] in ("refused", "withdrawn", "done"):
        raise Conflict(
            N_("%(kind)s request %(id)s is %(status)s"),
            "status",
            kind=Term(kind),
            id=row["id"],
            status=Term(row["status"]),
        )


async def answerable_access_request(viewer: Principal, request_id: int) -> dict[str, Any]:
    """The access request, if `viewer` may see it and it can be answered now: every refusal
    of `access_answer` (404, 403, 409 when unverified, locked, refused, withdrawn or done),
    with nothing read or audited, for a HEAD."""
    row = await get_request(viewer, Kind.access, request_id)
    _ready(Kind.access, row)
    return row


async def access_answer(viewer: Principal, request_id: int) -> dict[str, Any]:
    """The answer to an access request, read and audited as exported, but not marked
    answered: the officer looks at it, downloads or prints it, then says it was delivered
    (`mark_answered`), so a GET (a look, a prefetch) changes no request."""
    row = await answerable_access_request(viewer, request_id)
    export = await access_export(row["member"])
    if not viewer.owns(row["member"]):  # the officer's copy: what their own part hides
        export = await as_seen_by(viewer.account_id, export)
    await record_audit(viewer.account_id, row["member"], Action.exported, "*")
    export["request"] = {"id": request_id, "due_on": row["due_on"].isoformat()}
    return export


def _not_whole(request_id: int) -> Conflict:
    return Conflict(
        N_(
            "access request %(id)s: rows are left out of the answer for you, so you cannot "
            "deliver it whole; another privacy officer prepares it and marks it answered, or "
            "the person downloads their own answer"
        ),
        "status",
        id=request_id,
    )


async def withheld_from(viewer: Principal, member_id: int) -> dict[str, str]:
    """The tables of the person's answer this viewer may not read (`privacy.withheld`), with
    why; none for the person themselves, whose answer is whole."""
    if viewer.owns(member_id):
        return {}
    export = await as_seen_by(viewer.account_id, await access_export(member_id))
    return export.get("withheld_from_you", {})


async def mark_answered(viewer: Principal, request_id: int) -> bool:
    """Record that the answer was delivered; False when it was answered already (a second
    click, another officer), which keeps its date. An officer whose answer leaves rows out
    did not deliver the whole answer the person is owed: refused (409)."""
    row = await get_request(viewer, Kind.access, request_id)
    _ready(Kind.access, row)
    if row["status"] == "open" and await withheld_from(viewer, row["member"]):
        raise _not_whole(request_id)
    return await _mark(request_id)


async def _mark(request_id: int) -> bool:
    marked = (
        await AccessRequest.update(
            {AccessRequest.status: "fulfilled", AccessRequest.fulfilled_at: utc_now()}
        )
        .where((AccessRequest.id == request_id) & (AccessRequest.status == "open"))
        .returning(AccessRequest.id)
    )
    return bool(marked)


async def fulfil_access(viewer: Principal, request_id: int) -> dict[str, Any]:
    """Produce the export, mark the request answered and audit the export: for the person's
    own download, where handing it out is the answer."""
    export = await access_answer(viewer, request_id)
    if export.get("withheld_from_you"):
        raise _not_whole(request_id)
    await _mark(request_id)
    return export


async def run_erasure(viewer: Principal, request_id: int) -> dict[str, Any]:
    """Carry out an erasure; with two-officer approval, only start it (see `approve_erasure`).

    Returns the erasure's outcome, or, while a second officer must still approve, the request.
    """
    row = await get_request(viewer, Kind.erasure, request_id)
    _ready(Kind.erasure, row)
    if not config.erasure_needs_second_officer():
        return await _claim_and_erase(viewer, row)
    if row["status"] == "approval":
        raise Conflict(
            N_("erasure request %(request_id)s waits for a second privacy officer's approval"),
            "request_id",
            request_id=request_id,
        )
    started = (
        await ErasureRequest.update(
            {ErasureRequest.status: "approval", ErasureRequest.started_by: viewer.account_id}
        )
        .where((ErasureRequest.id == request_id) & (ErasureRequest.status == "open"))
        .returning(ErasureRequest.id)
    )
    if not started:
        _changed_meanwhile(request_id)
    return await get_request(viewer, Kind.erasure, request_id)


async def approve_erasure(viewer: Principal, request_id: int) -> dict[str, Any]:
    """The second privacy officer: never the one who recorded or started the erasure."""
    row = await get_request(viewer, Kind.erasure, request_id)
    if row["status"] != "approval":
        raise Conflict(
            N_("erasure request %(request_id)s is %(status)s, not waiting for approval"),
            "request_id",
            request_id=request_id,
            status=Term(row["status"]),
        )
    if viewer.account_id in (row["started_by"], row["recorded_by"]):
        raise Forbidden(
            N_("a second privacy officer must approve: you recorded or started this erasure"),
            "request_id",
        )
    return await _claim_and_erase(viewer, row)


async def _claim_and_erase(viewer: Principal, row: dict[str, Any]) -> dict[str, Any]:
    """`approved_by` is the claim: set in one statement while the request is still in the
    state the officer saw, so a refusal, a withdrawal or a second approval at the same moment
    either happened first (nothing is erased) or finds the request claimed (`_close`)."""
    request_id = row["id"]
    claimed = (
        await ErasureRequest.update({ErasureRequest.approved_by: viewer.account_id})
        .where(
            (ErasureRequest.id == request_id)
            & (ErasureRequest.status == row["status"])
            & ErasureRequest.status.is_in(["open", "approval"])
            & ErasureRequest.approved_by.is_null()
        )
        .returning(ErasureRequest.id)
    )
    if not claimed:
        _changed_meanwhile(request_id)
    try:
        return await _erase(viewer, row)
    except Exception:
        # The erasure rolled back: the claim is released, so it can be given again.
        await ErasureRequest.update({ErasureRequest.approved_by: None}).where(
            (ErasureRequest.id == request_id) & (ErasureRequest.status != "done")
        )
        raise


def _changed_meanwhile(request_id: int) -> None:
    raise Conflict(
        N_("erasure request %(request_id)s was changed at the same moment; reload and look again"),
        "request_id",
        request_id=request_id,
    )


async def _erase(viewer: Principal, row: dict[str, Any]) -> dict[str, Any]:
    return await erase_member(
        row["member"],
        actor=viewer.account_id,
        requested_at=row["received_at"],
        request_id=row["id"],
    )


CLOSABLE = ("unverified", "locked", "open", "approval")
"""States a refusal or a withdrawal can end: everything not yet answered, refused or withdrawn."""

MAX_REASON = deadlines.MAX_REASON


async def refuse_request(
    viewer: Principal, kind: Kind, request_id: int, reason: str
) -> dict[str, Any]:
    """The privacy officer declines to act (GDPR art. 12(4) and 12(5): manifestly unfounded or
    excessive, identity not established, an exception of art. 17(3)); the person is mailed the
    reason and their right to complain at once, or by the worker when the mail server is down.
    A second officer turns down an erasure waiting for approval the same way."""
    reason = refuse_control_characters(reason or "", "reason").strip()
    if not reason:
        raise FieldError("reason", N_("a refusal needs a reason; the person is told it"))
    if len(reason) > MAX_REASON:
        raise FieldError("reason", N_("at most %(limit)s characters"), limit=MAX_REASON)
    await _close(viewer, kind, request_id, "refused", reason)
    return await _with_notice(viewer, kind, request_id, REFUSAL)


async def withdraw_request(viewer: Principal, kind: Kind, request_id: int) -> dict[str, Any]:
    """The person takes their own request back (or the officer records that they did, when
    they said so by phone or letter); nothing is mailed: they asked for it."""
    return await _close(viewer, kind, request_id, "withdrawn", "")


async def _close(
    viewer: Principal, kind: Kind, request_id: int, status: str, reason: str
) -> dict[str, Any]:
    row = await get_request(viewer, kind, request_id)
    table = TABLES[kind]
    # One statement decides, so an erasure approved or an answer sent at the same moment wins
    # or loses as a whole; an erasure already running holds the member's lock.
    where = (table.id == request_id) & table.status.is_in(list(CLOSABLE))
    if kind is Kind.erasure:
        where = where & ErasureRequest.approved_by.is_null()  # not while it is carried out
    async with member_locked(row["member"]):
        closed = (
            await table.update(
                {
                    table.status: status,
                    table.closed_at: utc_now(),
                    table.closed_by: viewer.account_id,
                    table.close_reason: reason,
                }
            )
            .where(where)
            .returning(table.id)
        )
    if not closed:
        current_status = (await get_request(viewer, kind, request_id))["status"]
        raise Conflict(
            N_("%(kind)s request %(request_id)s is %(status)s; it can no longer be %(change)s"),
            "status",
            kind=Term(kind),
            request_id=request_id,
            status=Term(current_status),
            change=Term(status),
        )
    # A code not mailed yet is not sent any more (entering one says what became of it).
    await RequestVerification.update({RequestVerification.mail_due_at: None}).where(
        (RequestVerification.kind == str(kind))
        & (RequestVerification.request_id == request_id)
        & RequestVerification.code_sent_at.is_null()
    )
    if kind is Kind.access:
        # Links already handed out stop working: the request is no longer answered.
        await DownloadLink.update({DownloadLink.expires_at: utc_now()}).where(
            (DownloadLink.request == request_id) & DownloadLink.used_at.is_null()
        )
    await record_audit(viewer.account_id, row["member"], Action.changed, table._meta.tablename)
    return await get_request(viewer, kind, request_id)


async def extend_request(
    viewer: Principal, kind: Kind, request_id: int, months: int, reason: str
) -> dict[str, Any]:
    """Extend by up to two months, once, within the first month, with a reason.

    The person is mailed at once; when the mail server is down the extension stands and
    `extension_notified_at` stays empty until the worker job `privacy request notices`
    delivers it.
    """
    row = await get_request(viewer, kind, request_id)
    granted = deadlines.extension(
        received=row["received_at"].date(),
        due_on=row["due_on"],
        status=row["status"],
        already_extended=row["extended_until"] is not None,
        months=months,
        reason=reason,
        today=today(),
    )
    table = TABLES[kind]
    recorded = (
        await table.update(
            {
                table.extended_until: granted.until,
                table.extension_reason: granted.reason,
                table.extended_at: utc_now(),
            }
        )
        .where((table.id == request_id) & table.extended_until.is_null())
        .returning(table.id)
    )
    if not recorded:
        raise Conflict(
            N_("the request was already extended; it can be extended only once"), "months"
        )
    return await _with_notice(viewer, kind, request_id, EXTENSION)


@dataclass(frozen=True)
class _Notice:
    """A mail the person is owed about their request, claimed through one column so that a
    retry never sends it twice: the extension's reason, or the refusal's."""

    sent: str
    owed: Callable[[type[AccessRequest] | type[ErasureRequest]], Any]
    template: str
    fields: tuple[str, ...]
    name: str
    """What the desk calls it (a vocabulary value)."""


EXTENSION = _Notice(
    "extension_notified_at",
    lambda table: table.extended_until.is_not_null(),
    "privacy/mail/extension.txt",
    ("extended_until", "extension_reason"),
    "extension",
)
REFUSAL = _Notice(
    "close_notified_at",
    lambda table: table.status == "refused",
    "privacy/mail/refusal.txt",
    ("close_reason",),
    "refusal",
)


NOTICES = (EXTENSION, REFUSAL)


async def _with_notice(
    viewer: Principal, kind: Kind, request_id: int, notice: _Notice
) -> dict[str, Any]:
    """The request after a change that owes the person `notice`, mailed now; when it did not
    go, `notice_not_mailed` says why: an address no mail can be written to or that the relay
    refused for good (the officer has it corrected, and the worker sends the notice then), or
    a mail server that did not answer."""
    await _notify(kind, request_id, notice)
    row = await get_request(viewer, kind, request_id)
    if row[notice.sent] is None:
        person = (
            await Member.select(Member.email, Member.updated_at)
            .where(Member.id == row["member"])
            .first()
        )
        problem = _held_because(row, person)
        row["notice_not_mailed"] = (
            Message(
                N_(
                    "the person's e-mail address cannot receive mail (%(reason)s): have the "
                    "address on record corrected; the notice is mailed then"
                ),
                {"reason": problem},
            )
            if problem
            else N_("the mail server did not answer; the worker sends it when it does")
        )
    return row


REFUSED_FOR_GOOD = N_("the mail server refused the address for good (it may not exist)")


def _held_because(request: dict[str, Any], person: dict[str, Any] | None) -> Message | None:
    """Why a notice of `request` is not offered to the relay now: the person's address is
    one no mail can be written to, or the relay refused a notice to it for good and the
    person's record has not changed since (None: it goes, or is tried at the next round)."""
    problem = address_problem(person["email"] if person else None)
    if problem is not None or person is None:
        return problem
    refused_at = request.get("notice_refused_at")
    if refused_at is not None and person["updated_at"] <= refused_at:
        return Message(REFUSED_FOR_GOOD)
    return None


async def notices_not_mailed(member_id: int | None = None) -> list[dict[str, Any]]:
    """The notices owed to living people that have not gone, oldest request first, each with
    why when it is the address (`problem`; None: the mail server did not answer yet): for the
    desk and the person's page, where the officer sees whose address to have corrected."""
    waiting: list[dict[str, Any]] = []
    for notice in NOTICES:
        for kind, table in TABLES.items():
            query = table.select(
                table.id,
                table.member,
                table.member.first_name,
                table.member.last_name,
                table.member.email,
                table.member.updated_at,
                table.received_at,
                table.notice_refused_at,
                table.notice_due_at,
            ).where(
                notice.owed(table)
                & getattr(table, notice.sent).is_null()
                & (table.member.status != MemberStatus.erased)
            )
            if member_id is not None:
                query = query.where(table.member == member_id)
            for row in await query:
                person = {
                    "email": row.pop("member.email"),
                    "updated_at": row.pop("member.updated_at"),
                }
                problem = _held_because(row, person)
                waiting.append(row | {"kind": str(kind), "notice": notice.name, "problem": problem})
    return sorted(waiting, key=lambda row: (row["received_at"], row["kind"], row["id"]))


async def _notify(kind: Kind, request_id: int, notice: _Notice, *, quiet: bool = False) -> bool:
    """Claim the notice, mail it, release the claim when the mail fails. True when sent.

    A notice to an address no mail can be written to, or one the relay refused for good while
    the person's record has not changed since, is not tried (`quiet`, in the worker's rounds:
    not logged either); it waits, listed on the desk, until the address is corrected. Nothing
    is ever sent to an erased person."""
    table = TABLES[kind]
    sent = getattr(table, notice.sent)
    claimed = (
        await table.update({sent: utc_now()})
        .where((table.id == request_id) & notice.owed(table) & sent.is_null())
        .returning(
            table.member,
            table.received_at,
            table.notice_refused_at,
            *(getattr(table, f) for f in notice.fields),
        )
    )
    if not claimed:
        return False
    row = claimed[0]
    person = (
        await Member.select(
            Member.email, Member.first_name, Member.language, Member.status, Member.updated_at
        )
        .where(Member.id == row["member"])
        .first()
    )
    if not person or person["status"] == MemberStatus.erased:
        return False  # the claim stays: nothing is owed to someone erased
    problem = _held_because(row, person)
    if problem is not None:
        await table.update({sent: None}).where(table.id == request_id)
        if not quiet:
            log.warning("%s request %s: %s not mailed: %s", kind, request_id, notice.sent, problem)
        return False
    try:
        await send_to_person(
            person["email"],
            person["language"],
            notice.template,
            kind=str(kind),
            first_name=person["first_name"],
            received=row["received_at"].date(),
            **{field: row[field] for field in notice.fields},
        )
    except MailNotSent as error:
        if refused_for_good(error):  # asked again, the same: held until the record changes
            log.warning(
                "%s request %s: %s refused for good: %s", kind, request_id, notice.sent, error
            )
            await table.update({sent: None, table.notice_refused_at: utc_now()}).where(
                table.id == request_id
            )
            return False
        await _retry_later(kind, request_id, notice, error)
        return False
    await table.update({table.notice_attempts: 0, table.notice_due_at: None}).where(
        table.id == request_id
    )
    return True


async def _retry_later(kind: Kind, request_id: int, notice: _Notice, error: Exception) -> None:
    """The relay did not take the notice: it is tried again after a growing wait (the last
    one repeated: a notice is owed until it goes), so a relay that is down is not asked at
    every round of the worker, and the log says when."""
    table = TABLES[kind]
    row = await table.select(table.notice_attempts).where(table.id == request_id).first()
    attempts = (row["notice_attempts"] if row else 0) + 1
    due = retry_at(attempts, utc_now())
    await table.update(
        {
            getattr(table, notice.sent): None,
            table.notice_attempts: attempts,
            table.notice_due_at: due,
        }
    ).where(table.id == request_id)
    log.warning(
        "%s request %s: %s not sent (attempt %d), next try at %s: %s",
        kind,
        request_id,
        notice.sent,
        attempts,
        due.isoformat(timespec="seconds"),
        error,
    )


async def request_notices_job(now: datetime | None = None) -> int:
    """Deliver extension and refusal notices that could not be mailed at once, each when its
    next try is due (run by `kring worker`)."""
    now = now or utc_now()
    sent = 0
    for notice in NOTICES:
        for kind, table in TABLES.items():
            waiting = await table.select(table.id).where(
                notice.owed(table)
                & getattr(table, notice.sent).is_null()
                & (table.notice_due_at.is_null() | (table.notice_due_at <= now))
            )
            for row in waiting:
                sent += await _notify(kind, row["id"], notice, quiet=True)
    return sent
