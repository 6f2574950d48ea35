"""Mails owed, kept in a table until the relay took them: what every such outbox does alike.

A change writes the mails it owes in its own transaction (a row of ids: what the mail is
about and its kind), so neither a relay that does not answer nor a process that dies right
after the change loses one. The change's caller sends them at once after its transaction; what
fails is retried by the worker (`deliver_due`) after growing waits (`kring.mail_retries`) and
given up after the last (logged); what the relay refuses for good (a 5xx), or an address no
mail can be written to, is given up at once, with why (`refusal`): the app lists such mails for
its organisers and for the person (`undelivered`), and once the person's record changes (their
address corrected) the worker offers the mail again (`release_corrected`). A row is claimed
before it is sent, so any number of senders send it once. The text is rendered when the mail
goes, from the data as it is then (an erased person gets nothing; `privacy.mail` honours a
restriction).

A table of such rows has the columns ``id``, ``kind``, ``due_at``, ``attempts``,
``claimed_until``, ``done_at`` and ``refusal``, and one column naming what the mail is about. A
mail given up keeps ``due_at`` at the moment it was: the list says when, and rows are
forgotten `KEEP_SETTLED` after it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from piccolo.columns import Column
from piccolo.table import Table

from kring.clock import utc_now
from kring.mail_retries import CLAIM, MAX_ATTEMPTS, given_up, retry_at
from kring.messages import N_, Message
from kring.settings import Settings
from privacy.mail import (
    SEND_ERRORS,
    Mail,
    Refusal,
    UnsendableMail,
    address_problem,
    refusal_of,
    send_mail,
)

log = logging.getLogger("kring.mail.outbox")

KEEP_SETTLED = timedelta(days=30)
"""Rows of mails sent or given up are deleted after this long."""
BATCH = 100
"""Mails one call sends at most (the worker's next run sends the rest)."""

Render = Callable[[int, str, Settings], Awaitable[Mail | None]]
"""(id of what the mail is about, kind, settings) → the mail as it would go now, or None
when nothing may or need go any more."""
Changed = Callable[[int, str], Awaitable[datetime | None]]
"""(id of what the mail is about, kind) → when the record holding its recipient's address
last changed (None: unknown, or nobody to mail)."""

REFUSED_FOR_GOOD = N_("the mail server refused the address for good (it may not exist)")
"""As `privacy.requests` says it of a notice."""


def why_undelivered(refusal: str | None, address: str | None) -> Message | None:
    """Why a mail given up did not go, when it is the person's address (for the organiser and
    the person: have it corrected, and it goes): one no mail can be written to (in the words
    of `privacy.mail.address_problem`), or one the relay refused for good. None: the relay did
    not take it at any try (the address is not known to be at fault)."""
    if refusal == Refusal.bad_address:
        return address_problem(address) or Message(REFUSED_FOR_GOOD)
    if refusal == Refusal.refused:
        return Message(REFUSED_FOR_GOOD)
    return None


MOST_LISTED = 20
"""A home panel of mails not delivered lists the newest; the rest are counted."""


def undelivered_panel(
    mails: list[dict[str, Any]], panel_id: str, title: str, list_label: str | None = None
) -> dict[str, Any] | None:
    """A home panel of mails not delivered (events' and introductions' alike), or None when
    there is none: the newest ``MOST_LISTED`` and how many there are."""
    if not mails:
        return None
    panel = {"id": panel_id, "title": title, "mails": mails[:MOST_LISTED], "count": len(mails)}
    if list_label is not None:
        panel["list_label"] = list_label
    return panel


@dataclass(frozen=True)
class MailOutbox:
    """One table of owed mails and how its mails are rendered."""

    table: type[Table]
    about: Column
    """The column naming what each mail is about (a registration, an introduction)."""
    render: Render
    settings: Callable[[], Settings]
    name: str
    """What a log line calls one mail ("event mail")."""
    changed: Changed | None = None
    """Asked of a mail given up for its address: once the recipient's record changed after
    it (their address corrected), the mail is offered again. None: never offered again."""

    def due(self, now: datetime) -> Any:
        """The rows to send now: unsent, due, tries left and not claimed by another sender."""
        t = self.table
        return (
            t.done_at.is_null()
            & (t.due_at <= now)
            & (t.attempts < MAX_ATTEMPTS)
            & (t.claimed_until.is_null() | (t.claimed_until < now))
        )

    async def send(self, where: Any, now: datetime) -> int:
        """Send the due rows that also match ``where``, oldest first; returns how many went."""
        t = self.table
        rows = (
            await t.select(t.id).where(self.due(now) & where).order_by(t.id).limit(BATCH)
            if where is not None
            else await t.select(t.id)
            .where(self.due(now))
            .order_by(t.due_at)
            .order_by(t.id)
            .limit(BATCH)
        )
        return sum([await self._attempt(row["id"], now) for row in rows])

    def undelivered(self) -> Any:
        """The rows of mails given up and not yet forgotten: refused for good (`refusal` says
        why) or not taken at any try."""
        t = self.table
        return t.done_at.is_null() & (t.attempts >= MAX_ATTEMPTS)

    async def deliver_due(self, now: datetime | None = None) -> int:
        """Worker job: send every mail whose (re)try is due, with those given up for an address
        that has been corrected since; returns how many went."""
        now = now or utc_now()
        await self.release_corrected(now)
        return await self.send(None, now)

    async def release_corrected(self, now: datetime) -> int:
        """Offer again the mails given up for their address whose recipient's record changed
        since (the address corrected): tried as a new mail. Returns how many."""
        if self.changed is None:
            return 0
        t = self.table
        held = self.undelivered() & t.refusal.is_not_null()
        released = 0
        for row in await t.select(t.id, self.about, t.kind, t.due_at).where(held):
            changed = await self.changed(row[self.about._meta.name], row["kind"])
            if changed is None or changed <= row["due_at"]:
                continue
            again = (
                await t.update({t.attempts: 0, t.refusal: None, t.due_at: now})
                .where((t.id == row["id"]) & held)
                .returning(t.id)
            )
            if again:
                released += 1
                log.info(
                    "%s %s: its recipient's record changed; offered again", self.name, row["id"]
                )
        return released

    async def forget_settled(self, now: datetime | None = None) -> int:
        """Worker job: delete rows of mails sent or given up more than KEEP_SETTLED ago."""
        t = self.table
        since = (now or utc_now()) - KEEP_SETTLED
        gone = (
            await t.delete()
            .where((t.done_at < since) | ((t.attempts >= MAX_ATTEMPTS) & (t.due_at < since)))
            .returning(t.id)
        )
        return len(gone)

    async def _claim(self, row_id: int, now: datetime) -> dict[str, Any] | None:
        """One conditional UPDATE: of two senders at once, one gets the row."""
        t = self.table
        rows = (
            await t.update({t.claimed_until: now + CLAIM, t.attempts: t.attempts + 1})
            .where((t.id == row_id) & self.due(now))
            .returning(self.about, t.kind, t.attempts)
        )
        return rows[0] if rows else None

    async def _attempt(self, row_id: int, now: datetime) -> int:
        claimed = await self._claim(row_id, now)
        if claimed is None:
            return 0
        settings = self.settings()
        sent = 0
        mail = None
        try:
            mail = await self.render(claimed[self.about._meta.name], claimed["kind"], settings)
            if mail is not None:
                sent = await send_mail(mail, processor="smtp", settings=settings)
        except SEND_ERRORS as error:
            to = mail.to if mail is not None else ""
            await self._retry_later(row_id, claimed["attempts"], now, error, to)
            return 0
        except Exception as error:  # any failure of one mail stays with that mail
            # Not a send error (a bug in rendering, a database that was busy): the change that
            # owed the mail is saved, so its sender and the batch go on; the worker tries again.
            log.exception("%s %s failed before it was sent", self.name, row_id)
            await self._retry_later(row_id, claimed["attempts"], now, error, None)
            return 0
        t = self.table
        await t.update({t.done_at: utc_now(), t.claimed_until: None}).where(t.id == row_id)
        return sent

    async def _retry_later(
        self, row_id: int, attempts: int, now: datetime, error: Exception, to: str | None
    ) -> None:
        t = self.table
        refusal = refusal_of(error, to or "") if to is not None else None
        if refusal is not None:  # asked again, the answer is the same: no try left
            await t.update(
                {
                    t.attempts: MAX_ATTEMPTS,
                    t.due_at: now,
                    t.claimed_until: None,
                    t.refusal: refusal,
                }
            ).where(t.id == row_id)
            if isinstance(error, UnsendableMail):  # its text names the reason, never a value
                log.error("%s %s given up, it cannot be sent: %s", self.name, row_id, error)
            else:
                log.error("%s %s refused for good by the relay: %s", self.name, row_id, error)
            return
        if given_up(attempts):  # listed from now on, and forgotten KEEP_SETTLED after
            await t.update({t.due_at: now, t.claimed_until: None}).where(t.id == row_id)
            log.error("%s %s given up after %d attempts: %s", self.name, row_id, attempts, error)
            return
        due = retry_at(attempts, now)
        await t.update({t.due_at: due, t.claimed_until: None}).where(t.id == row_id)
        # The error text may name the address; kring.logs masks it in every log line.
        log.warning(
            "%s %s not sent (attempt %d of %d), next try at %s: %s",
            self.name,
            row_id,
            attempts,
            MAX_ATTEMPTS,
            due.isoformat(timespec="seconds"),
            error,
        )
