"""The introduction mails, in the recipient's language, over SMTP (privacy.mail).

Texts live in `kring/templates/introductions/mail_*.txt` (with `_()`, so they are translated like
the pages): the first line is the subject, the rest the body. Which mails are owed, and
their retries when the relay does not answer, is `introductions.mail_outbox`'s work.
"""

from __future__ import annotations

from typing import Any

from introductions.about_expertise import expertise_behind, expertise_of
from introductions.tables import Introduction, MailKind
from kring.choices import MemberStatus
from kring.mail_templates import render as render_template
from kring.settings import Settings, get_settings
from kring.tables import Member
from privacy.mail import Mail

settings_override: Settings | None = None
"""Tests point this at their SMTP server; None means the settings from the environment."""


def render(template: str, language: str, **context: Any) -> tuple[str, str]:
    """Subject and body of an `introductions/` mail template in ``language``."""
    return render_template(f"introductions/{template}", language, **context)


MEMBER = (
    Member.id,
    Member.first_name,
    Member.last_name,
    Member.email,
    Member.phone,
    Member.language,
    Member.status,
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
            Introduction.explanation,
            Introduction.challenge.title.as_alias("title"),
            Introduction.challenge.body.as_alias("body"),
            Introduction.challenge.tags.as_alias("tags"),
        )
        .where(Introduction.id == introduction_id)
        .output(load_json=True)
        .first()
    )
    if row is None:
        return None
    records = await expertise_of([row["expert"]])
    row["about_expertise"] = expertise_behind(row["explanation"] or {}, records[row["expert"]])
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


def _owed(kind: MailKind, facts: dict[str, Any]) -> Mail:
    requester, expert = facts["requester"], facts["expert"]
    if kind == MailKind.request:
        return _mail("mail_request.txt", expert, intro=facts)
    if kind == MailKind.accepted_requester:
        return _mail("mail_accepted.txt", requester, other=expert, intro=facts)
    if kind == MailKind.accepted_expert:
        return _mail("mail_accepted.txt", expert, other=requester, intro=facts)
    if kind == MailKind.expired:
        return _mail("mail_expired.txt", requester, intro=facts)
    return _mail("mail_reminder.txt", expert, intro=facts)


async def owed_mail(introduction_id: int, kind: MailKind) -> Mail | None:
    """The mail as it would go now; None when nothing may or can go any more: the introduction
    is gone, either side was erased, or the recipient has no address."""
    facts = await _facts(introduction_id)
    if facts is None or any(
        facts[side]["status"] == MemberStatus.erased for side in ("requester", "expert")
    ):
        return None
    mail = _owed(kind, facts)
    return mail if mail.to else None


def mail_settings() -> Settings:
    return settings_override or get_settings()
