"""Mails of the privacy module to the person a request is about, in their language."""

from __future__ import annotations

from typing import Any

from kring.errors import DomainError
from kring.i18n import LANGUAGES
from kring.mail_templates import render
from kring.messages import N_
from kring.settings import Settings, get_settings
from privacy.mail import Mail, ProcessorRefused, UnsendableMail, send_mail

# Tests point this at their own SMTP server (as introductions.mails does).
settings_override: Settings | None = None


class MailNotSent(DomainError):
    """The SMTP server refused or could not be reached; nothing was recorded."""

    status_code = 503


class MailRefused(MailNotSent):
    """The mail relay has no signed processing agreement on record: no retry will help."""

    status_code = 409


NO_AGREEMENT = N_(
    "the mail relay has no signed processing agreement on the register: nothing is mailed until "
    "the privacy officer records one under Processors and retention"
)
"""Why no mail goes at all: the relay's agreement, never the person (their consent or opt-out)."""


class AddressUnsendable(MailRefused):
    """The person's address on record is one no mail can be written to (`privacy.mail.
    UnsendableMail`): neither consent nor the relay is the cause, and no retry will help until
    the address is corrected. Its message says so, with the reason in the reader's language."""

    status_code = 422


async def send_to_person(to: str, language: str, template: str, **context: Any) -> None:
    settings = settings_override or get_settings()
    language = language if language in LANGUAGES else settings.default_language
    subject, body = render(template, language, base_url=settings.base_url, **context)
    try:
        await send_mail(
            Mail(to=to, subject=subject, text=body), processor="smtp", settings=settings
        )
    except UnsendableMail as error:  # asked again, the same, until the address is corrected
        raise AddressUnsendable(
            N_(
                "the person's e-mail address cannot receive mail (%(reason)s): have the address "
                "on record corrected; trying again will not help"
            ),
            field="email",
            reason=error.reason,
        ) from error
    except ProcessorRefused as error:  # asked again, the same, until the officer records it
        raise MailRefused(NO_AGREEMENT) from error
    except OSError as error:  # smtplib.SMTPException is an OSError
        raise MailNotSent(
            N_("the mail to the person could not be sent (%(error)s); retry"), error=error
        ) from error
