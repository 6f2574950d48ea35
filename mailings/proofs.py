"""A draft as its readers will get it, before it goes out: the preview and the test mail.

Both use the same rendering as the real sending (`mailings.render`). Their unsubscribe link
leads to the reader's own privacy page, where the mailing opt-out is: each real recipient gets
their own one-click link instead (`mailings.unsubscribe`).
"""

from __future__ import annotations

from kring.errors import DomainError
from kring.i18n import LANGUAGES
from kring.messages import N_
from kring.principal import Principal
from kring.settings import Settings, get_settings
from mailings.compose import load_articles, load_mailing
from mailings.render import RenderedMail, render_mailing
from privacy.mail import Mail, ProcessorRefused, UnsendableMail, send_mail

settings_override: Settings | None = None
"""Tests point this at their SMTP server; None means the settings from the environment."""


class RelayRefused(DomainError):
    """The mail relay has no signed processing agreement on record: nothing was sent."""

    status_code = 409


class RelayUnavailable(DomainError):
    """The SMTP server refused or could not be reached: trying later may help."""

    status_code = 503


class UnsendableTestMail(DomainError):
    """The test mail cannot be written as a mail (an account address holding `=?`, stored
    before such addresses were refused where typed): trying again will not help."""

    status_code = 422


class NotSentRestricted(DomainError):
    """The organiser's own member record is restricted (GDPR art. 18): no mail goes to them."""

    status_code = 409


def mail_settings() -> Settings:
    return settings_override or get_settings()


def language_or_default(language: str | None) -> str:
    return language if language in LANGUAGES else mail_settings().default_language


async def preview(viewer: Principal, mailing_id: int, language: str) -> RenderedMail:
    mailing = await load_mailing(viewer, mailing_id)
    return render_mailing(
        mailing,
        await load_articles(mailing_id),
        language_or_default(language),
        unsubscribe_url=f"{mail_settings().base_url}/privacy",
    )


async def send_test_mail(viewer: Principal, mailing_id: int, language: str) -> str:
    """Sends the mailing in `language` to the organiser's own account address; returns it."""
    rendered = await preview(viewer, mailing_id, language)
    mail = Mail(
        to=viewer.email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        member=viewer.member_id,
    )
    try:
        sent = await send_mail(mail, processor="smtp", settings=mail_settings())
    except ProcessorRefused as error:
        raise RelayRefused(
            N_("the test mail was not sent: the mail relay has no signed processing agreement")
        ) from error
    except UnsendableMail as error:  # asked again, the same: no relay was asked
        raise UnsendableTestMail(
            N_(
                "the test mail cannot be written as a mail (%(error)s): correct your account's "
                "e-mail address; trying again will not help"
            ),
            error=error,
        ) from error
    except OSError as error:  # smtplib.SMTPException is an OSError
        raise RelayUnavailable(
            N_("the test mail could not be sent (%(error)s); try again later"), error=error
        ) from error
    if not sent:
        raise NotSentRestricted(
            N_("the test mail was not sent: the processing of your own data is restricted")
        )
    return viewer.email
