"""Outgoing mail over SMTP, with the settings from the environment.

Sending happens in a thread so the event loop never waits on the network. Callers pass a
rendered text body (and optionally HTML); the language is the recipient's, chosen by the caller.

Mail carries personal data to an outside system, so every send names its processor register
entry (`processor="smtp"`) and is refused — logged, nothing sent — when that entry has no signed
data-processing agreement. A mail names the members whose data it carries (`member`, the
addressee, and `about`, the people it names): a mail touching a member whose processing is
restricted (GDPR art. 18) is not sent, and for the others the processor is recorded as a
recipient of their data (GDPR art. 19).
"""

from __future__ import annotations

import asyncio
import email.policy
import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from enum import StrEnum
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from kring.clock import utc_now
from kring.messages import N_, Message
from kring.settings import Settings, get_settings
from privacy.recipients import ProcessorRefused, processor_for_sending, record_disclosure
from privacy.restriction import restricted_ids

log = logging.getLogger("kring.mail")

__all__ = [
    "SEND_ERRORS",
    "Attachment",
    "Mail",
    "ProcessorRefused",
    "Refusal",
    "UnsendableMail",
    "address_problem",
    "refusal_of",
    "refused_for_good",
    "send_mail",
]


class UnsendableMail(Exception):
    """This mail cannot be written as a message: an address or header that the email package
    refuses (a ValueError), or an address mail programs would misread. Asked again, the same:
    the mail is given up at once, and the message names the reason, never the value.
    `reason` is that reason as a `Message`, so a page shows it in its reader's language."""

    def __init__(self, reason: str, **params: str) -> None:
        self.reason = Message(reason, params)
        super().__init__(str(self.reason))


SEND_ERRORS = (OSError, smtplib.SMTPException, ProcessorRefused, UnsendableMail)
"""What a failed send raises; senders log these and carry on."""


def refused_for_good(error: BaseException) -> bool:
    """The relay refused this mail permanently (RFC 5321: a 5xx reply to its recipient or its
    content): asked again, it answers the same, so the mail is given up at once. A 4xx reply,
    a relay that does not answer, and a refused login or sender (the network's configuration,
    which an administrator puts right, for every mail at once) are tried again later. An error
    that wraps the relay's (`privacy.mails.MailNotSent`) is read through to it."""
    if not isinstance(error, smtplib.SMTPException) and error.__cause__ is not None:
        error = error.__cause__
    if isinstance(error, UnsendableMail):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    return False


class Refusal(StrEnum):
    """Why a mail was given up at once (`refused_for_good`): asked again, the answer is the
    same until the person's address on record is corrected. Kept with an owed mail
    (`privacy.mail_outbox`), so that an organiser and the person see why it did not go; the
    codes of a mailing's `Problem` alike."""

    bad_address = "bad_address"
    """No mail can be written to the address on record (`UnsendableMail`, `address_problem`)."""
    refused = "refused"
    """The relay refused the mail for good (a 5xx: no such mailbox, for instance)."""


def refusal_of(error: BaseException, to: str) -> Refusal | None:
    """Why `error`, met sending a mail to `to`, gives that mail up for good; None when it may
    go at a later try (a relay that did not answer, a 4xx)."""
    if not refused_for_good(error):
        return None
    return Refusal.bad_address if address_problem(to) is not None else Refusal.refused


@dataclass(frozen=True)
class Attachment:
    """A file sent with a mail, e.g. an iCalendar invitation: `text/calendar` with the
    parameter `method=REQUEST` (or `CANCEL`), as RFC 6047 has calendar programs read it."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str | None = None
    member: int | None = None
    about: tuple[int, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    """Extra header lines, e.g. a mailing's List-Unsubscribe and List-Unsubscribe-Post."""
    attachments: tuple[Attachment, ...] = ()

    @property
    def people(self) -> set[int]:
        return {m for m in (self.member, *self.about) if m is not None}


HEADER_POLICY = email.policy.default.clone(max_line_length=998)
"""Headers unfolded up to RFC 5322's hard limit: folding at 78 turned the one long word of
`List-Unsubscribe: <https://…>` into RFC 2047 encoded-words, which RFC 2369 does not allow
there (mail programs then found no unsubscribe link, and no one-click button)."""


ENCODED_WORD_START = "=?"
"""How an RFC 2047 encoded-word begins. Python's email package decodes one in any header value
it is given, and writes what it decoded out as is: a subject typed as
`=?utf-8?q?x=0D=0ABcc:_y?=` (no line break as typed) became a second header, or a body."""


def literal_header_text(text: str) -> str:
    """`text` as a header that says exactly that: a zero-width space after each `=` that would
    begin an encoded-word, so nothing is decoded from it and the reader sees it as typed."""
    return text.replace(ENCODED_WORD_START, "=\u200b?")


def one_line(text: str) -> str:
    """`text` with every line break `str.splitlines` knows made a space: Python's email package
    refuses a header holding any of them, so a title stored with U+2028 (which a one-line
    field refuses since) failed its mail, and the registration that sent it, as a 500."""
    return " ".join(text.splitlines())


def message_id_domain(settings: Settings) -> str:
    """The sender's own domain (that of KRING_SMTP_SENDER, else KRING_BASE_URL's host): a
    Message-ID is unique only under a domain the network controls (RFC 5322 3.6.4)."""
    address = parseaddr(settings.smtp_sender)[1]
    domain = address.rpartition("@")[2] if "@" in address else ""
    return (domain or urlsplit(settings.base_url).hostname or "localhost").lower()


BODY_POLICY = email.policy.default.clone(max_line_length=76)
"""The parts of a mail with a line longer than RFC 5322's 998 characters (a long paragraph of
HTML) are encoded under this one: quoted-printable at 76 characters a line, as RFC 2045 requires.
Under `HEADER_POLICY` such a part was quoted-printable in lines of 998, which spam filters
score."""


def _has_long_line(*texts: str) -> bool:
    limit = HEADER_POLICY.max_line_length or 998
    return any(len(line) > limit for text in texts for line in text.splitlines())


def envelope_address(to: str) -> str:
    """The address as it travels, in the envelope and the To header: an international domain
    in its ASCII form (`jose@xn--bcher-kva.be`), which every relay takes; the email package
    wrote `jose@bücher.be` as `jose@=?utf-8?q?b=C3=BCcher?=.be`, which is no address. A local
    part that is not ASCII (`josé@…`) stays as it is and needs a relay with SMTPUTF8 (RFC 6531);
    a relay without it does not take the mail (retried, then given up, as any refusal)."""
    local, at, domain = to.rpartition("@")
    if not at or not local or not domain:
        raise UnsendableMail(N_("the address has no local part and domain"))
    if ENCODED_WORD_START in local:
        # Python's email package decodes `=?utf-8?q?…?=` even in an address: the mail went to
        # another address than the one stored, or its To header broke into two lines.
        raise UnsendableMail(
            N_("the address holds '=?', which mail programs decode as an encoded word")
        )
    if domain.isascii():
        return to
    try:
        ascii_domain = validate_email(to, check_deliverability=False).ascii_domain
    except EmailNotValidError:
        raise UnsendableMail(
            N_("the address's domain has no form in ASCII, which mail needs")
        ) from None
    return f"{local}@{ascii_domain}"


def _message(mail: Mail, settings: Settings) -> EmailMessage:
    """The message of `mail`; UnsendableMail when the email package refuses any part of it
    (a ValueError for a header it cannot write), so that one mail fails, not its sender."""
    try:
        return _build(mail, settings)
    except UnsendableMail:
        raise
    except Exception as error:
        raise UnsendableMail(
            N_("the email package refused the message (%(error)s)"), error=type(error).__name__
        ) from error


def _build(mail: Mail, settings: Settings) -> EmailMessage:
    long_lines = _has_long_line(mail.text, mail.html or "")
    message = EmailMessage(policy=BODY_POLICY if long_lines else HEADER_POLICY)
    message["From"] = settings.smtp_sender
    message["To"] = envelope_address(mail.to)
    message["Subject"] = literal_header_text(one_line(mail.subject))
    # An aware UTC moment is written +0000; formatdate's -0000 means "zone unknown".
    message["Date"] = format_datetime(utc_now())
    message["Message-ID"] = make_msgid(domain=message_id_domain(settings))
    for name, value in mail.headers:
        message[name] = value
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.filename,
            params=dict(attachment.params),
        )
    message.policy = HEADER_POLICY  # how its headers are written, whatever encoded the parts
    return message


def address_problem(to: str | None) -> Message | None:
    """Why no mail can be written to `to` (None when one can): no address, or one the email
    package refuses or mail programs would misread. Asked before a queued mail is tried again,
    so a mail to such an address waits, without a try at every round, until the address is
    corrected; and shown to the officer who must have it corrected."""
    if not to:
        return Message(N_("there is no e-mail address on record"))
    try:
        # The address alone, written out as it would be sent: nothing else of a mail (its
        # sender, a setting) is blamed on the address.
        probe = EmailMessage(policy=HEADER_POLICY)
        probe["To"] = envelope_address(to)
        bytes(probe)
    except UnsendableMail as error:
        return error.reason
    except ValueError:
        return Message(N_("mail programs cannot write the address in a mail's header"))
    return None


def _send(mails: list[Mail], settings: Settings) -> None:
    # Every message is written before the relay is called: one that cannot be, sends nothing.
    messages = [(envelope_address(mail.to), _message(mail, settings)) for mail in mails]
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        for to, message in messages:
            try:
                smtp.send_message(message, to_addrs=[to])
            except ValueError as error:  # the message is written out as it is sent
                raise UnsendableMail(
                    N_("the email package refused the message (%(error)s)"),
                    error=type(error).__name__,
                ) from error


async def send_mail(*mails: Mail, processor: str, settings: Settings | None = None) -> int:
    """Send over one SMTP connection; returns how many were sent.

    Raises ProcessorRefused when `processor` has no signed DPA on record, OSError/SMTPException
    when the server refuses, UnsendableMail when a mail cannot be written as a message. Mails
    touching a restricted member are left out (and logged).
    """
    if not mails:
        return 0
    entry = await processor_for_sending(processor)
    restricted = await restricted_ids(set().union(*(mail.people for mail in mails)))
    allowed = [mail for mail in mails if not mail.people & restricted]
    if len(allowed) < len(mails):
        log.info("%d mail(s) not sent: processing restricted", len(mails) - len(allowed))
    if allowed:
        await asyncio.to_thread(_send, allowed, settings or get_settings())
        await record_disclosure(entry["id"], set().union(*(mail.people for mail in allowed)))
    return len(allowed)
