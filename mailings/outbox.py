"""Queueing a mailing fixes who receives it and in which language: one outbox row per member
(`MailingRecipient`), written in the same transaction that moves the mailing from draft to
queued, so a second click or a second organiser cannot queue it twice. The rows hold ids and a
language only; the mail is rendered when it goes (`mailings.sending`).
"""

from __future__ import annotations

from typing import Any

from kring.clock import utc_now
from kring.database import write_transaction
from kring.errors import Conflict, NotFound
from kring.tables import Member
from kring.validation import FieldError
from kring.vocabulary import N_
from mailings.audience import audience_ids, check_exists, stored_audience
from mailings.choices import MailingState
from mailings.compose import problems_before_sending
from mailings.delivery_tables import MailingRecipient, Problem, RecipientState
from mailings.tables import Article, Mailing

BATCH = 500
PROBLEM_TEXTS = {
    Problem.no_agreement: N_("waiting: the mail relay has no signed processing agreement"),
    Problem.relay: N_("the mail relay did not take the mail; it is tried again later"),
    Problem.refused: N_(
        "failed: the mail relay refused the mail for good (for instance, the address does not "
        "exist); it is not tried again"
    ),
    Problem.given_up: N_(
        "failed: the mail relay did not take the mail at any attempt over about two days; it "
        "is not tried again"
    ),
    Problem.bad_address: N_(
        "failed: the member's e-mail address on record cannot receive mail (mail programs "
        "cannot write it or would misread it); have it corrected; it is not tried again"
    ),
    Problem.opted_out: N_("left out: unsubscribed after the mailing was queued"),
    Problem.inactive: N_("left out: paused or erased after the mailing was queued"),
    Problem.restricted: N_("left out: processing restricted"),
    Problem.no_address: N_("left out: no e-mail address any more"),
    Problem.cancelled: N_("not sent: the mailing was cancelled"),
}
"""How the progress page explains each reason a mail has not gone."""


async def load_mailing(mailing_id: int) -> dict[str, Any]:
    row = await Mailing.select().where(Mailing.id == mailing_id).first()
    if row is None:
        raise NotFound(N_("there is no mailing %(mailing)s"), field="mailing", mailing=mailing_id)
    return row


async def unready(mailing: dict[str, Any]) -> list[str]:
    """What keeps the mailing from going (message ids; empty when it may go)."""
    articles = await Article.select(Article.id).where(Article.mailing == mailing["id"])
    return problems_before_sending(mailing, articles)


async def check_sendable(mailing: dict[str, Any]) -> None:
    """What compose requires before a mailing may go (a subject, an article, still a draft)."""
    problems = await unready(mailing)
    if problems:
        raise Conflict(problems[0], field="state")


class AudienceChanged(Conflict):
    """What the organiser confirmed (the number of recipients, the audience) is no longer what
    the mailing would reach: nothing is queued and they confirm again."""

    def __init__(self, count: int) -> None:
        super().__init__(
            N_(
                "changed after you confirmed it (recipients now: %(count)s); check it and "
                "confirm again"
            ),
            field="audience",
            count=count,
        )
        self.count = count


async def queue_mailing(
    mailing_id: int, expected_count: int | None = None, expected_audience: str | None = None
) -> int:
    """Fix the recipients of a draft and queue it; returns how many will receive it. With
    `expected_count` (and `expected_audience`, a `AudienceSpec.fingerprint`), only when that is
    still what the audience is, checked in the transaction that queues."""
    mailing = await load_mailing(mailing_id)
    if mailing["state"] != MailingState.draft:
        raise Conflict(N_("this mailing was queued already"), field="state")
    await check_sendable(mailing)
    spec = stored_audience(mailing)
    await check_exists(spec)
    now = utc_now()
    async with write_transaction():
        moved = (
            await Mailing.update({Mailing.state: MailingState.queued, Mailing.queued_at: now})
            .where((Mailing.id == mailing_id) & (Mailing.state == MailingState.draft))
            .returning(Mailing.id)
        )
        if not moved:
            raise Conflict(N_("this mailing was queued already"), field="state")
        spec = stored_audience(await load_mailing(mailing_id))
        ids = await audience_ids(spec)
        if (expected_count is not None and len(ids) != expected_count) or (
            expected_audience is not None and spec.fingerprint() != expected_audience
        ):
            raise AudienceChanged(len(ids))
        if not ids:
            raise FieldError("audience_kind", N_("this audience reaches nobody"))
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            languages = await Member.select(Member.id, Member.language).where(
                Member.id.is_in(chunk)
            )
            await MailingRecipient.insert(
                *[
                    MailingRecipient(
                        mailing=mailing_id,
                        member=row["id"],
                        language=row["language"],
                        due_at=now,
                    )
                    for row in languages
                ]
            ).on_conflict(action="DO NOTHING")
    return len(ids)


async def cancel_mailing(mailing_id: int) -> int:
    """Stop a draft or a mailing still going out; what was sent stays sent. Returns how many
    mails will not go."""
    await load_mailing(mailing_id)
    async with write_transaction():
        moved = (
            await Mailing.update({Mailing.state: MailingState.cancelled})
            .where(
                (Mailing.id == mailing_id)
                & Mailing.state.is_in(
                    [MailingState.draft, MailingState.queued, MailingState.sending]
                )
            )
            .returning(Mailing.id)
        )
        if not moved:
            raise Conflict(N_("this mailing can no longer be cancelled"), field="state")
        stopped = (
            await MailingRecipient.update(
                {
                    MailingRecipient.state: RecipientState.skipped,
                    MailingRecipient.problem: "cancelled",
                }
            )
            .where(
                (MailingRecipient.mailing == mailing_id)
                & (MailingRecipient.state == RecipientState.waiting)
            )
            .returning(MailingRecipient.id)
        )
    return len(stopped)


async def progress(mailing_id: int) -> dict[str, Any]:
    """How far a mailing is: counts per state, and the problem holding it up, if any."""
    mailing = await load_mailing(mailing_id)
    rows = await MailingRecipient.raw(
        "SELECT state, problem, COUNT(*) AS n FROM mailing_recipient WHERE mailing = {} "
        "GROUP BY state, problem",
        mailing_id,
    )
    counts = {state.value: 0 for state in RecipientState}
    problems: dict[str, int] = {}
    for row in rows:
        counts[row["state"]] += row["n"]
        if row["problem"]:
            problems[row["problem"]] = problems.get(row["problem"], 0) + row["n"]
    total = sum(counts.values())
    return {
        "mailing": mailing_id,
        "state": mailing["state"],
        "total": total,
        **counts,
        "done": total - counts[RecipientState.waiting],
        "problems": problems,
        "queued_at": mailing["queued_at"],
        "sent_at": mailing["sent_at"],
    }
