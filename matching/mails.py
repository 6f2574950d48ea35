"""The introduction mails, in the recipient's language, over SMTP (kring.mail).

Texts live in `kring/templates/matching/mail_*.txt` (with `_()`, so they are translated like
the pages): the first line is the subject, the rest the body. A mail that cannot be sent is
logged and does not undo the state change it reports; the pages show the same facts.
"""

from __future__ import annotations

import logging
from typing import Any

from kring.mail import SEND_ERRORS, Mail, send_mail
from kring.mail_templates import render as render_template
from kring.settings import Settings, get_settings
from kring.tables import Member
from matching.tables import Introduction

log = logging.getLogger("kring.introductions.mail")

settings_override: Settings | None = None
"""Tests point this at their SMTP server; None means the settings from the environment."""


def render(template: str, language: str, **context: Any) -> tuple[str, str]:
    """Subject and body of a `matching/` mail template in ``language``."""
    return render_template(f"matching/{template}", language, **context)


async def _send(mails: list[Mail], settings: Settings | None) -> int:
    mails = [mail for mail in mails if mail.to]
    try:
        return await send_mail(
            *mails, processor="smtp", settings=settings or settings_override or get_settings()
        )
    except SEND_ERRORS as error:
        log.warning("could not send %d introduction mail(s): %s", len(mails), error)
        return 0


MEMBER = (
    Member.id,
    Member.first_name,
    Member.last_name,
    Member.email,
    Member.phone,
    Member.language,
    Member.organisation.name.as_alias("organisation"),
    Member.organisation.kind.as_alias("organisation_kind"),
)


async def _facts(introduction_id: int) -> dict[str, Any] | None:
    row = (
        await Introduction.select(
            Introduction.id,
            Introduction.challenge,
            Introduction.requester,
            Introduction.expert,
            Introduction.expires_at,
            Introduction.challenge.title.as_alias("title"),
            Introduction.challenge.body.as_alias("body"),
            Introduction.challenge.tags.as_alias("tags"),
        )
        .where(Introduction.id == introduction_id)
        .first()
    )
    if row is None:
        return None
    people = {
        m["id"]: m
        for m in await Member.select(*MEMBER).where(
            Member.id.is_in([row["requester"], row["expert"]])
        )
    }
    row["requester"] = people.get(row["requester"])
    row["expert"] = people.get(row["expert"])
    if row["requester"] is None or row["expert"] is None:
        return None
    return row


def _mail(template: str, to: dict[str, Any], **context: Any) -> Mail:
    subject, body = render(template, to["language"], recipient=to, **context)
    intro = context.get("intro") or {}
    about = tuple(p["id"] for p in (intro.get("requester"), intro.get("expert")) if p)
    return Mail(to=to["email"] or "", subject=subject, text=body, member=to["id"], about=about)


async def request_mail(introduction_id: int, settings: Settings | None = None) -> int:
    """To the expert: someone asks to meet them about a challenge (no name yet)."""
    facts = await _facts(introduction_id)
    if facts is None:
        return 0
    return await _send([_mail("mail_request.txt", facts["expert"], intro=facts)], settings)


async def acceptance_mails(introduction_id: int, settings: Settings | None = None) -> int:
    """To both: the other's name and business contact details."""
    facts = await _facts(introduction_id)
    if facts is None:
        return 0
    requester, expert = facts["requester"], facts["expert"]
    return await _send(
        [
            _mail("mail_accepted.txt", requester, other=expert, intro=facts),
            _mail("mail_accepted.txt", expert, other=requester, intro=facts),
        ],
        settings,
    )


async def expiry_mail(introduction_id: int, settings: Settings | None = None) -> int:
    """To the requester: the expert did not answer in time; another may be proposed."""
    facts = await _facts(introduction_id)
    if facts is None:
        return 0
    return await _send([_mail("mail_expired.txt", facts["requester"], intro=facts)], settings)


async def reminder_mail(introduction_id: int, settings: Settings | None = None) -> int:
    """To the expert: a request waits for an answer and expires soon."""
    facts = await _facts(introduction_id)
    if facts is None:
        return 0
    return await _send([_mail("mail_reminder.txt", facts["expert"], intro=facts)], settings)
