"""The introduction workflow on the engine's `Introduction` rows, with double opt-in.

proposed → requested (the challenge owner asks) → accepted / declined (the expert answers) or
expired (nobody answered in time) → completed (after the meeting, with feedback per side).

Every transition is ONE conditional ``UPDATE ... WHERE state IN (...) RETURNING``: of two
concurrent answers to the same request exactly one changes the row, the other gets 409.
Moving `proposed` rows (a request, promoting an alternate) happens in a write transaction
that holds the challenge row (PostgreSQL) or the file's write lock (SQLite), the same lock a
matching run takes, so a run never re-proposes a pair that was requested meanwhile.

Names and contact details are revealed only once both sides opted in (see `present`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import asyncpg
from piccolo.engine.base import Engine as DatabaseEngine

from introductions import mail_outbox
from introductions.about_expertise import expertise_behind, expertise_of
from introductions.store import load_capacity, load_engine_challenge, load_facts, owner_may_ask
from introductions.tables import (
    DEFAULT_CAPACITY,
    OPEN_STATES,
    Block,
    Feedback,
    Introduction,
    IntroductionState,
    MailKind,
    MatchingPreference,
    Side,
)
from kring.choices import RecordStatus, Role
from kring.clock import today, utc_now
from kring.database import is_postgres, write_transaction
from kring.errors import Conflict, Forbidden, NotFound
from kring.messages import N_, Term
from kring.principal import Principal
from kring.settings import own_number
from kring.tables import Challenge, Expertise, Member
from kring.validation import FieldError
from matching.assignment import DEFAULT_DEMAND
from matching.eligibility import Rule, violations

log = logging.getLogger("kring.introductions")

EXPIRY_VARIABLE = "KRING_INTRODUCTION_EXPIRY_DAYS"
REMINDER_DAYS = 3
"""The expert is reminded this many days before an unanswered request expires."""
JOB_BATCH = 200
MAX_KEY = 100
ORGANISER = "organiser"
REVEALED = (IntroductionState.accepted, IntroductionState.completed)
FEEDBACK_AFTER_DAYS = 14
"""An accepted introduction asks each side how it went this many days after both said yes, by
when the two have usually met; before that its card asks only whether they met."""

State = IntroductionState


def expiry_days(env: dict[str, str] | None = None) -> int:
    """Days an expert has to answer; read at each request so a change needs no restart (every
    process checked it at start: `kring.settings.own_settings`)."""
    return own_number(EXPIRY_VARIABLE, env)


def _engine() -> DatabaseEngine:
    return Introduction._meta.db


async def _lock_challenge(challenge_id: int) -> None:
    """Serialise with matching runs and other promotions of this challenge (PostgreSQL)."""
    if is_postgres(_engine()):
        await Challenge.select(Challenge.id).where(Challenge.id == challenge_id).lock_rows("UPDATE")


# -- reading and presenting ------------------------------------------------------------------

_I = Introduction
COLUMNS = (
    _I.id,
    _I.state,
    _I.challenge,
    _I.requester,
    _I.expert,
    _I.explanation,
    _I.created_at,
    _I.requested_at,
    _I.expires_at,
    _I.decided_at,
    _I.completed_at,
    _I.declined_by,
    _I.decline_reason,
    _I.requester_feedback,
    _I.expert_feedback,
    _I.idempotency_key,
    _I.challenge.title.as_alias("challenge_title"),
    _I.challenge.body.as_alias("challenge_body"),
    _I.challenge.tags.as_alias("challenge_tags"),
    _I.requester.organisation.kind.as_alias("requester_kind"),
    _I.expert.organisation.kind.as_alias("expert_kind"),
)
CONTACT_COLUMNS = (
    Member.id,
    Member.first_name,
    Member.last_name,
    Member.email,
    Member.phone,
    Member.language,
    Member.organisation.name.as_alias("organisation"),
)


def side_of(row: dict[str, Any], viewer: Principal) -> str | None:
    """The viewer's part in an introduction; None when they may not see it at all."""
    if viewer.owns(row["requester"]):
        return Side.requester
    if viewer.owns(row["expert"]):
        return Side.expert
    if viewer.has_role(Role.organiser):
        return ORGANISER
    return None


async def _rows(*conditions: Any, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    query = Introduction.select(*COLUMNS).where(Introduction.state != State.proposed)
    for condition in conditions:
        query = query.where(condition)
    query = query.order_by(Introduction.id, ascending=False).limit(limit).offset(offset)
    return await query.output(load_json=True)


async def contacts(member_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = sorted(set(member_ids))
    if not ids:
        return {}
    rows = await Member.select(*CONTACT_COLUMNS).where(Member.id.is_in(ids))
    return {row["id"]: row for row in rows}


async def expertise_titles(member_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = sorted(set(member_ids))
    titles: dict[int, list[str]] = {m: [] for m in ids}
    if ids:
        for row in (
            await Expertise.select(Expertise.member, Expertise.title)
            .where(Expertise.member.is_in(ids) & (Expertise.status == RecordStatus.open))
            .order_by(Expertise.id)
        ):
            titles[row["member"]].append(row["title"])
    return titles


def _contact(member: dict[str, Any] | None) -> dict[str, Any] | None:
    if member is None:
        return None
    return {
        "first_name": member["first_name"],
        "last_name": member["last_name"],
        "email": member["email"],
        "phone": member["phone"],
        "organisation": member["organisation"],
    }


def present(
    row: dict[str, Any],
    side: str,
    titles: dict[int, list[str]],
    people: dict[int, dict[str, Any]],
    records: dict[int, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """One introduction as ``side`` may see it.

    Before both opted in, the requester sees what the expert knows about (expertise titles,
    organisation kind, explanation) and the expert sees the challenge, the requester's
    organisation kind and which of their own expertise (``records``, theirs) it is about;
    names and contact details only once accepted. A decline reason is
    shown to whoever wrote it, feedback only to the side that gave it; organisers see who
    the two members are but neither reasons nor feedback.
    """
    state = State.expired if _past_its_time(row, utc_now()) else row["state"]
    view: dict[str, Any] = {
        "id": row["id"],
        "state": state,
        "role": side,
        "challenge": {
            "id": row["challenge"],
            "title": row["challenge_title"],
            "body": row["challenge_body"],
            "tags": list(row["challenge_tags"] or []),
        },
        "requester_organisation_kind": row["requester_kind"],
        "expert": {
            "organisation_kind": row["expert_kind"],
            "expertise": titles.get(row["expert"], []),
        },
        "explanation": row["explanation"] or {},
        "requested_at": row["requested_at"],
        "expires_at": row["expires_at"] if state == State.requested else None,
        "decided_at": row["decided_at"],
        "completed_at": row["completed_at"],
        "contact": None,
        "my_feedback": None,
        "declined_by_me": False,
        "decline_reason": None,
        "about_my_expertise": [],
    }
    if side == Side.expert:
        view["about_my_expertise"] = expertise_behind(
            view["explanation"], (records or {}).get(row["expert"], [])
        )
    if side == ORGANISER:
        view["requester_id"] = row["requester"]
        view["expert_id"] = row["expert"]
        return view
    other = row["expert"] if side == Side.requester else row["requester"]
    if row["state"] in REVEALED:
        view["contact"] = _contact(people.get(other))
    view["my_feedback"] = row[f"{side}_feedback"]
    if row["declined_by"] == side:
        view["declined_by_me"] = True
        view["decline_reason"] = row["decline_reason"]
    return view


def asks_feedback(view: dict[str, Any], now: datetime) -> bool:
    """Whether a member's card of `view` (from `present`) asks how the meeting went: once one
    of the two said they met (completed), or `FEEDBACK_AFTER_DAYS` after both said yes; never
    before the two could have met, and never twice."""
    if view["role"] not in (Side.requester, Side.expert) or view["my_feedback"]:
        return False
    if view["state"] == State.completed:
        return True
    decided_at = view["decided_at"]
    return (
        view["state"] == State.accepted
        and decided_at is not None
        and now - decided_at >= timedelta(days=FEEDBACK_AFTER_DAYS)
    )


async def present_all(rows: Sequence[dict[str, Any]], viewer: Principal) -> list[dict[str, Any]]:
    sides = [side_of(row, viewer) for row in rows]
    titles = await expertise_titles(row["expert"] for row in rows)
    revealed = [
        row["expert"] if side == Side.requester else row["requester"]
        for row, side in zip(rows, sides, strict=True)
        if side in (Side.requester, Side.expert) and row["state"] in REVEALED
    ]
    people = await contacts(revealed)
    records = await expertise_of(
        row["expert"] for row, side in zip(rows, sides, strict=True) if side == Side.expert
    )
    return [
        present(row, side, titles, people, records)
        for row, side in zip(rows, sides, strict=True)
        if side is not None
    ]


SEEN_BY_EXPERT = Introduction.state.not_in([State.withdrawn, State.declined]) | (
    Introduction.declined_by == Side.expert
)
"""What an expert sees of the requests made to them: a request withdrawn before they answered
(by its asker, stored as the asker's decline, or by Kring: its challenge closed, one of the two
can no longer be introduced) is no longer theirs, as the withdraw step promises the asker."""


def withdrawn_from_expert(row: dict[str, Any]) -> bool:
    """`SEEN_BY_EXPERT` for a row already read."""
    state = row["state"]
    return state == State.withdrawn or (
        state == State.declined and row["declined_by"] != Side.expert
    )


async def _visible_row(
    viewer: Principal, introduction_id: int, acting: bool = False
) -> tuple[dict[str, Any], str]:
    rows = await _rows(Introduction.id == introduction_id, limit=1)
    side = side_of(rows[0], viewer) if rows else None
    if side == Side.expert and withdrawn_from_expert(rows[0]):
        if acting:  # their page was older than the withdrawal: say what became of it
            raise Conflict(
                N_("introduction %(id)s was withdrawn; it no longer waits for your answer"),
                field="state",
                id=introduction_id,
            )
        side = None
    if side is None:
        raise NotFound(
            N_("introduction %(introduction_id)s not found"),
            field="introduction_id",
            introduction_id=introduction_id,
        )
    return rows[0], side


async def get_introduction(viewer: Principal, introduction_id: int) -> dict[str, Any]:
    row, _ = await _visible_row(viewer, introduction_id)
    return (await present_all([row], viewer))[0]


async def list_introductions(
    viewer: Principal,
    side: Side | None = None,
    state: IntroductionState | None = None,
    challenge_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Introductions the viewer is part of (as requester or expert); organisers see all."""
    conditions: list[Any] = []
    me = viewer.member_id
    if side == Side.requester:
        conditions.append(Introduction.requester == (me or 0))
    elif side == Side.expert:
        conditions.append((Introduction.expert == (me or 0)) & SEEN_BY_EXPERT)
    elif not viewer.has_role(Role.organiser):
        conditions.append(
            (Introduction.requester == (me or 0))
            | ((Introduction.expert == (me or 0)) & SEEN_BY_EXPERT)
        )
    if state is not None:
        if state == State.proposed:
            return []
        conditions.append(_shown_in_state(state, utc_now()))
    if challenge_id is not None:
        conditions.append(Introduction.challenge == challenge_id)
    return await present_all(await _rows(*conditions, limit=limit, offset=offset), viewer)


def _past_its_time(row: dict[str, Any], now: datetime) -> bool:
    """A request whose time is up, which the worker has not expired yet."""
    expires_at = row.get("expires_at")
    return row["state"] == State.requested and expires_at is not None and expires_at <= now


def _shown_in_state(state: IntroductionState, now: datetime) -> Any:
    """Rows shown in `state`: a request past its time reads as expired before the worker
    expires it (without a worker it would wait for an answer nobody can give any more)."""
    past = (Introduction.state == State.requested) & (Introduction.expires_at <= now)
    if state == State.requested:
        return (Introduction.state == state) & (
            Introduction.expires_at.is_null() | (Introduction.expires_at > now)
        )
    if state == State.expired:
        return (Introduction.state == state) | past
    return Introduction.state == state


# -- transitions -----------------------------------------------------------------------------


async def _transition(
    introduction_id: int,
    from_states: Sequence[IntroductionState],
    values: dict[Any, Any],
    *conditions: Any,
) -> bool:
    """The one conditional UPDATE of a state change; False when another change won."""
    query = Introduction.update(values | {Introduction.updated_at: utc_now()}).where(
        (Introduction.id == introduction_id) & Introduction.state.is_in(list(from_states))
    )
    for condition in conditions:
        query = query.where(condition)
    return bool(await query.returning(Introduction.id))


def _conflict(row: dict[str, Any], message: str) -> Conflict:
    """`message`: an `N_` id with the introduction's `%(id)s` and `%(state)s`."""
    return Conflict(message, field="state", id=row["id"], state=Term(row["state"]))


async def _proposal(viewer: Principal, proposal_id: int) -> dict[str, Any]:
    row = (
        await Introduction.select(
            Introduction.id,
            Introduction.challenge,
            Introduction.requester,
            Introduction.expert,
            Introduction.state,
            Introduction.alternate,
            Introduction.idempotency_key,
        )
        .where(Introduction.id == proposal_id)
        .first()
    )
    if row is None or not viewer.owns(row["requester"]) or row["alternate"]:
        raise NotFound(
            N_("proposal %(proposal_id)s not found"), field="proposal_id", proposal_id=proposal_id
        )
    return row


async def _by_key(member_id: int, key: str) -> dict[str, Any] | None:
    return (
        await Introduction.select(Introduction.id)
        .where((Introduction.requester == member_id) & (Introduction.idempotency_key == key))
        .first()
    )


async def _replay(viewer: Principal, key: str, proposal_id: int) -> dict[str, Any] | None:
    """The introduction an earlier call with this key made, if any."""
    earlier = await _by_key(viewer.member_id or 0, key)
    if earlier is None:
        return None
    if earlier["id"] != proposal_id:
        raise Conflict(
            N_("this Idempotency-Key was already used for another proposal"),
            field="Idempotency-Key",
        )
    return await get_introduction(viewer, proposal_id)


async def request_introduction(
    viewer: Principal, proposal_id: int, idempotency_key: str | None = None
) -> tuple[dict[str, Any], bool]:
    """The challenge owner asks for a proposed expert; True when this call made the request.

    With an idempotency key a retry answers the introduction the first call made (also when
    both calls race); the same key for another proposal is a conflict.
    """
    if idempotency_key is not None and not 0 < len(idempotency_key) <= MAX_KEY:
        raise FieldError("Idempotency-Key", N_("give 1 to %(limit)s characters"), limit=MAX_KEY)
    if viewer.member_id is None:
        raise NotFound(
            N_("proposal %(proposal_id)s not found"), field="proposal_id", proposal_id=proposal_id
        )
    if idempotency_key is not None:
        earlier = await _replay(viewer, idempotency_key, proposal_id)
        if earlier is not None:
            return earlier, False
    try:
        await _request(viewer, proposal_id, idempotency_key)
    except Conflict:
        if idempotency_key is not None:
            earlier = await _replay(viewer, idempotency_key, proposal_id)
            if earlier is not None:
                return earlier, False
        raise
    await mail_outbox.deliver(proposal_id, MailKind.request)
    return await get_introduction(viewer, proposal_id), True


async def _request(viewer: Principal, proposal_id: int, idempotency_key: str | None) -> None:
    row = await _proposal(viewer, proposal_id)
    if row["state"] != State.proposed:
        raise Conflict(
            N_("proposal %(proposal_id)s was already requested"),
            field="proposal_id",
            proposal_id=proposal_id,
        )
    challenge = await load_engine_challenge(row["challenge"])
    facts = await load_facts(today(), {row["requester"], row["expert"]})
    if challenge is None or violations(challenge, str(row["expert"]), facts):
        raise Conflict(
            N_(
                "proposal %(proposal_id)s can no longer be requested (the challenge closed or "
                "the expert is no longer available); refresh the proposals"
            ),
            field="proposal_id",
            proposal_id=proposal_id,
        )
    requester = facts.members.get(str(row["requester"]))
    if requester is None or not requester.share_name_for_matching:
        raise Conflict(
            N_(
                "you chose not to share your name for matching, so an expert cannot accept a "
                "request of yours; change that in your privacy settings first"
            ),
            field="proposal_id",
        )
    now = utc_now()
    try:
        async with write_transaction(_engine()):
            await _lock_challenge(row["challenge"])
            changed = await _transition(
                proposal_id,
                [State.proposed],
                {
                    Introduction.state: State.requested,
                    Introduction.requested_at: now,
                    Introduction.expires_at: now + timedelta(days=expiry_days()),
                    Introduction.idempotency_key: idempotency_key,
                },
                Introduction.alternate.eq(False),
            )
            if changed:
                await mail_outbox.owe(proposal_id, MailKind.request)
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        raise Conflict(
            N_("this Idempotency-Key was already used for another proposal"),
            field="Idempotency-Key",
        ) from None
    if not changed:
        raise Conflict(
            N_("proposal %(proposal_id)s was already requested"),
            field="proposal_id",
            proposal_id=proposal_id,
        )


async def _acting(viewer: Principal, introduction_id: int) -> tuple[dict[str, Any], str]:
    row, side = await _visible_row(viewer, introduction_id, acting=True)
    if side == ORGANISER:
        raise Forbidden(N_("only the two members of an introduction may act on it"))
    return row, side


ACCEPT_SKIPS = (Rule.COOLDOWN, Rule.OPTED_OUT)
"""Rules a new request obeys that an acceptance does not: the request itself starts the
cooldown, and an expert who opted out of sharing consents by accepting."""


async def _acceptance_refusal(row: dict[str, Any], now: datetime) -> tuple[State, str] | None:
    """Why a request can no longer be accepted, with the state it ends in; None when it can.

    Checked as a new request is (restriction, erasure, blocks, a closed challenge), plus the
    expiry and the requester's opt-out of sharing: when they asked, sharing was their
    consent; opting out since takes it back. A paused expert may still answer a request that
    came before the pause.
    """
    expires_at = row.get("expires_at")
    if expires_at is not None and expires_at <= now:
        return State.expired, N_("introduction %(id)s expired; it can no longer be accepted")
    challenge = await load_engine_challenge(row["challenge"])
    facts = await load_facts(today(), {row["requester"], row["expert"]})
    if challenge is None or not challenge.is_open:
        return State.withdrawn, N_(
            "introduction %(id)s can no longer be accepted: the member who asked closed the "
            "challenge, so the request was withdrawn"
        )
    found = violations(challenge, str(row["expert"]), facts, skip=ACCEPT_SKIPS)
    expert = facts.members.get(str(row["expert"]))
    requester = facts.members.get(str(row["requester"]))
    paused = expert is not None and expert.status == "paused"
    if paused and requester is not None and requester.status != "erased":
        found = [rule for rule in found if rule != Rule.INACTIVE]
    if requester is not None and not requester.share_name_for_matching:
        found.append(Rule.OPTED_OUT)
    if found:
        log.info("introduction %s can no longer be accepted: %s", row["id"], found)
        return State.withdrawn, N_(
            "introduction %(id)s can no longer be accepted: one of you can no longer be "
            "introduced, so the request was withdrawn"
        )
    return None


async def accept(viewer: Principal, introduction_id: int) -> dict[str, Any]:
    """The expert says yes: both opted in, so both get each other's contact details.

    Eligibility is checked again in the transaction that accepts, as for a new request: a
    restriction, a block or a closed challenge since the request stops it. Such a request
    ends as `withdrawn` (nobody said no, and keeping it requested would leave a button that
    can only fail); one past its time ends as `expired`, as the worker would have done. Both
    answer 409 with the reason.
    """
    row, side = await _acting(viewer, introduction_id)
    if side != Side.expert:
        raise Forbidden(N_("only the expert answers a request"))
    now = utc_now()
    both = (MailKind.accepted_requester, MailKind.accepted_expert)
    refusal: tuple[State, str] | None = None
    ended = False
    async with write_transaction(_engine()):
        await _lock_challenge(row["challenge"])
        current = await _fresh(row)
        if current["state"] == State.requested:
            refusal = await _acceptance_refusal(current, now)
        if refusal is None:
            accepted = await _transition(
                introduction_id,
                [State.requested],
                {Introduction.state: State.accepted, Introduction.decided_at: now},
            )
            if accepted:
                await mail_outbox.owe(introduction_id, *both)
        else:
            accepted = False
            ended = await _transition(
                introduction_id,
                [State.requested],
                {Introduction.state: refusal[0], Introduction.decided_at: now},
            )
            if ended and refusal[0] == State.expired:
                await mail_outbox.owe(introduction_id, MailKind.expired)
    if refusal is not None:
        end_state, reason = refusal
        await _after_refusal(introduction_id, row["challenge"], end_state, ended)
        raise Conflict(reason, field="state", id=introduction_id)
    if not accepted:
        raise _conflict(
            await _fresh(row),
            N_("introduction %(id)s is %(state)s; only a requested introduction can be accepted"),
        )
    await mail_outbox.deliver(introduction_id, *both)
    return await get_introduction(viewer, introduction_id)


async def _after_refusal(
    introduction_id: int, challenge_id: int, state: State, ended: bool
) -> None:
    """What the worker does after an expiry, when an acceptance found the request over."""
    if not ended:
        return
    if state == State.expired:
        await mail_outbox.deliver(introduction_id, MailKind.expired)
    await promote_alternate(challenge_id)


async def withdraw_requests(challenge_id: int | None = None) -> int:
    """A closed challenge no longer asks anyone: its requests waiting for an answer are
    withdrawn (the experts no longer see them); answers how many were. Without an id (the
    worker), those of every closed challenge, however it was closed."""
    now = utc_now()
    closed = Challenge.select(Challenge.id).where(Challenge.status != RecordStatus.open)
    condition = (Introduction.state == State.requested) & Introduction.challenge.is_in(closed)
    if challenge_id is not None:
        condition = condition & (Introduction.challenge == challenge_id)
    values = {
        Introduction.state: State.withdrawn,
        Introduction.decided_at: now,
        Introduction.updated_at: now,
    }
    return len(await Introduction.update(values).where(condition).returning(Introduction.id))


async def _fresh(row: dict[str, Any]) -> dict[str, Any]:
    current = (
        await Introduction.select(
            Introduction.id,
            Introduction.state,
            Introduction.challenge,
            Introduction.requester,
            Introduction.expert,
            Introduction.expires_at,
        )
        .where(Introduction.id == row["id"])
        .first()
    )
    return current or row


async def decline(
    viewer: Principal, introduction_id: int, reason: str = "", block: bool = False
) -> dict[str, Any]:
    """Either side says no (the requester withdraws); the reason stays with who gave it.

    The next eligible alternate of the challenge is proposed in its place.
    """
    row, side = await _acting(viewer, introduction_id)
    now = utc_now()
    if not await _transition(
        introduction_id,
        [State.requested],
        {
            Introduction.state: State.declined,
            Introduction.decided_at: now,
            Introduction.declined_by: side,
            Introduction.decline_reason: reason.strip()[:500],
        },
    ):
        raise _conflict(
            await _fresh(row),
            N_("introduction %(id)s is %(state)s; only a requested introduction can be declined"),
        )
    if block:
        await block_member(viewer, introduction_id)
    await promote_alternate(row["challenge"])
    return await get_introduction(viewer, introduction_id)


async def complete(viewer: Principal, introduction_id: int) -> dict[str, Any]:
    """Either side marks an accepted introduction as done (the meeting took place or not)."""
    row, _ = await _acting(viewer, introduction_id)
    if not await _transition(
        introduction_id,
        [State.accepted],
        {Introduction.state: State.completed, Introduction.completed_at: utc_now()},
    ):
        raise _conflict(
            await _fresh(row),
            N_("introduction %(id)s is %(state)s; only an accepted introduction can be completed"),
        )
    return await get_introduction(viewer, introduction_id)


async def give_feedback(
    viewer: Principal, introduction_id: int, outcome: Feedback
) -> dict[str, Any]:
    """One side's verdict after the meeting, once; it also completes the introduction."""
    row, side = await _acting(viewer, introduction_id)
    column = (
        Introduction.requester_feedback if side == Side.requester else Introduction.expert_feedback
    )
    if row["state"] not in REVEALED:
        raise _conflict(
            row, N_("introduction %(id)s is %(state)s; feedback follows an accepted introduction")
        )
    if not await _transition(
        introduction_id, list(REVEALED), {column: Feedback(outcome)}, column.is_null()
    ):
        raise Conflict(N_("you already gave feedback on this introduction"), field="outcome")
    await _transition(
        introduction_id,
        [State.accepted],
        {Introduction.state: State.completed, Introduction.completed_at: utc_now()},
    )
    return await get_introduction(viewer, introduction_id)


# -- alternates ------------------------------------------------------------------------------


async def _load(expert_ids: list[int]) -> dict[int, int]:
    """How many introductions and current proposals each expert holds."""
    rows = await Introduction.select(Introduction.expert).where(
        Introduction.expert.is_in(expert_ids)
        & (
            Introduction.state.is_in(list(OPEN_STATES))
            | ((Introduction.state == State.proposed) & Introduction.alternate.eq(False))
        )
    )
    load = {expert: 0 for expert in expert_ids}
    for row in rows:
        load[row["expert"]] += 1
    return load


async def promote_alternate(challenge_id: int, demand: int = DEFAULT_DEMAND) -> int | None:
    """Propose the best alternate that is still eligible and has capacity, when the challenge
    holds fewer than ``demand`` proposals and introductions and its owner may ask (they did
    not opt out of sharing their name); answers the promoted row's id."""
    challenge = await load_engine_challenge(challenge_id)
    if challenge is None or not challenge.is_open:
        return None
    async with write_transaction(_engine()):
        await _lock_challenge(challenge_id)
        rows = await Introduction.select(
            Introduction.id,
            Introduction.expert,
            Introduction.state,
            Introduction.alternate,
            Introduction.rank,
        ).where(Introduction.challenge == challenge_id)
        active = [
            r
            for r in rows
            if r["state"] in OPEN_STATES or (r["state"] == State.proposed and not r["alternate"])
        ]
        if len(active) >= demand:
            return None
        alternates = sorted(
            (r for r in rows if r["state"] == State.proposed and r["alternate"]),
            key=lambda r: r["rank"],
        )
        if not alternates:
            return None
        experts = [r["expert"] for r in alternates]
        facts = await load_facts(today(), {int(challenge.owner_id), *experts})
        if not owner_may_ask(challenge, facts):
            return None
        capacity = await load_capacity()
        load = await _load(experts)
        rank = max((r["rank"] for r in active if r["state"] == State.proposed), default=0) + 1
        for alternate in alternates:
            expert = alternate["expert"]
            if violations(challenge, str(expert), facts):
                continue
            if load[expert] >= capacity.get(str(expert), DEFAULT_CAPACITY):
                continue
            moved = (
                await Introduction.update({Introduction.alternate: False, Introduction.rank: rank})
                .where(
                    (Introduction.id == alternate["id"])
                    & (Introduction.state == State.proposed)
                    & Introduction.alternate.eq(True)
                )
                .returning(Introduction.id)
            )
            if moved:
                return alternate["id"]
    return None


# -- timed work ------------------------------------------------------------------------------


async def _claim(condition: Any, values: dict[Any, Any], owes: MailKind) -> list[dict[str, Any]]:
    """Take due rows once, whatever number of workers run, and owe each its mail in the same
    transaction: PostgreSQL locks them with SKIP LOCKED (another worker takes the rest),
    SQLite's conditional UPDATE is enough."""
    returning = (Introduction.id, Introduction.challenge)
    engine = _engine()
    async with write_transaction(engine):
        if is_postgres(engine):
            ids = [
                row["id"]
                for row in await Introduction.select(Introduction.id)
                .where(condition)
                .order_by(Introduction.id)
                .limit(JOB_BATCH)
                .lock_rows("UPDATE", skip_locked=True)
            ]
            if not ids:
                return []
            condition = Introduction.id.is_in(ids) & condition
        claimed = await Introduction.update(values).where(condition).returning(*returning)
        for row in claimed:
            await mail_outbox.owe(row["id"], owes)
    return claimed


async def expire_due(now: datetime | None = None) -> int:
    """Worker job: unanswered requests past their time expire; the requester hears of it and
    the challenge gets its next alternate."""
    now = now or utc_now()
    claimed = await _claim(
        (Introduction.state == State.requested) & (Introduction.expires_at <= now),
        {
            Introduction.state: State.expired,
            Introduction.decided_at: now,
            Introduction.updated_at: now,
        },
        MailKind.expired,
    )
    for row in claimed:
        await mail_outbox.deliver(row["id"], MailKind.expired)
        await promote_alternate(row["challenge"])
    return len(claimed)


async def send_reminders(now: datetime | None = None) -> int:
    """Worker job: remind the expert once, a few days before a request expires."""
    now = now or utc_now()
    claimed = await _claim(
        (Introduction.state == State.requested)
        & Introduction.reminded_at.is_null()
        & (Introduction.expires_at > now)
        & (Introduction.expires_at <= now + timedelta(days=REMINDER_DAYS)),
        {Introduction.reminded_at: now},
        MailKind.reminder,
    )
    for row in claimed:
        await mail_outbox.deliver(row["id"], MailKind.reminder)
    return len(claimed)


# -- blocks, pause, feedback counts ----------------------------------------------------------


async def block_member(viewer: Principal, introduction_id: int) -> None:
    """Block the other side of an introduction without learning who they are; a request
    still waiting for an answer is declined with it."""
    row, side = await _acting(viewer, introduction_id)
    other = row["expert"] if side == Side.requester else row["requester"]
    await add_block(viewer.member_id or 0, other)
    if row["state"] == State.requested and await _transition(
        introduction_id,
        [State.requested],
        {
            Introduction.state: State.declined,
            Introduction.decided_at: utc_now(),
            Introduction.declined_by: side,
        },
    ):
        await promote_alternate(row["challenge"])


async def add_block(blocker: int, blocked: int) -> None:
    exists = await Block.exists().where((Block.blocker == blocker) & (Block.blocked == blocked))
    if not exists:
        try:
            await Block.insert(Block(blocker=blocker, blocked=blocked, created_at=utc_now()))
        except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
            log.info("block %s → %s was added at the same moment", blocker, blocked)


async def blocks_of(member_id: int) -> list[dict[str, Any]]:
    """A member's blocklist. The blocked member is named only if the two were introduced
    (both opted in once); otherwise only their organisation's kind is shown."""
    rows = (
        await Block.select(
            Block.id,
            Block.blocked,
            Block.created_at,
            Block.blocked.first_name.as_alias("first_name"),
            Block.blocked.last_name.as_alias("last_name"),
            Block.blocked.organisation.kind.as_alias("organisation_kind"),
        )
        .where(Block.blocker == member_id)
        .order_by(Block.created_at)
    )
    met = {
        row["requester"] if row["expert"] == member_id else row["expert"]
        for row in await Introduction.select(Introduction.requester, Introduction.expert).where(
            Introduction.state.is_in(list(REVEALED))
            & ((Introduction.requester == member_id) | (Introduction.expert == member_id))
        )
    }
    return [
        {
            "id": row["id"],
            "created_at": row["created_at"],
            "organisation_kind": row["organisation_kind"],
            "name": f"{row['first_name']} {row['last_name']}" if row["blocked"] in met else None,
        }
        for row in rows
    ]


async def unblock(member_id: int, block_id: int) -> None:
    deleted = (
        await Block.delete()
        .where((Block.id == block_id) & (Block.blocker == member_id))
        .returning(Block.id)
    )
    if not deleted:
        raise NotFound(N_("block %(block_id)s not found"), field="block_id", block_id=block_id)


async def is_paused(member_id: int) -> bool:
    row = (
        await MatchingPreference.select(MatchingPreference.paused)
        .where(MatchingPreference.member == member_id)
        .first()
    )
    return bool(row and row["paused"])


async def set_paused(member_id: int, paused: bool) -> None:
    """Pause (or resume) receiving introductions as an expert."""
    updated = (
        await MatchingPreference.update({MatchingPreference.paused: paused})
        .where(MatchingPreference.member == member_id)
        .returning(MatchingPreference.id)
    )
    if not updated:
        try:
            await MatchingPreference.insert(MatchingPreference(member=member_id, paused=paused))
        except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
            await set_paused(member_id, paused)


async def feedback_summary() -> dict[str, Any]:
    """Counts per outcome over both sides: organisers learn how introductions go, never
    what one person said."""
    counts = {outcome.value: 0 for outcome in Feedback}
    rows = await Introduction.select(
        Introduction.requester_feedback, Introduction.expert_feedback
    ).where(
        Introduction.requester_feedback.is_not_null() | Introduction.expert_feedback.is_not_null()
    )
    for row in rows:
        for value in (row["requester_feedback"], row["expert_feedback"]):
            if value:
                counts[value] += 1
    states = {
        state.value: await Introduction.count().where(Introduction.state == state)
        for state in State
        if state != State.proposed
    }
    return {"feedback": counts, "answers": sum(counts.values()), "introductions": states}
