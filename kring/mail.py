"""Outgoing mail over SMTP, with the settings from the environment.

Sending happens in a thread so the event loop never waits on the network. Callers pass a
rendered text body (and optionally HTML); the language is the recipient's, chosen by the caller.
"""

from __future__ import annotations

import asyncio
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from kring.settings import Settings, get_settings


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str | None = None


def _message(mail: Mail, settings: Settings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="kring")
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    return message


def _send(mails: list[Mail], settings: Settings) -> None:
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        for mail in mails:
            smtp.send_message(_message(mail, settings))


async def send_mail(*mails: Mail, settings: Settings | None = None) -> None:
    """Send over one SMTP connection; raises OSError/SMTPException when the server refuses."""
    if mails:
        await asyncio.to_thread(_send, list(mails), settings or get_settings())
