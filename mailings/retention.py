"""What mailings keep for a limited time, removed by privacy's retention job with the period
the privacy officer sets:

- interest signals (`InterestClick`): 12 months after the click by default. Long enough to
  follow up on a year's mailings, short enough that an old interest does not define anyone;
- the recipients of a mailing (`MailingRecipient`): 24 months after it was sent (or
  cancelled) by default, to answer "did I get that mailing?" and to account for the relay's
  use as a processor; the mailing itself stays, naming nobody.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kring.declarations import RetentionPolicy, declare_retention
from mailings.choices import MailingState
from mailings.delivery_tables import InterestClick, MailingRecipient
from mailings.tables import Mailing

CLICKS = "interest_clicks"
RECIPIENTS = "mailing_recipients"
CLICK_MONTHS = 12
RECIPIENT_MONTHS = 24


async def count_clicks(cutoff: datetime) -> int:
    return await InterestClick.count().where(InterestClick.clicked_on < cutoff.date())


async def remove_clicks(cutoff: datetime) -> int:
    gone = (
        await InterestClick.delete()
        .where(InterestClick.clicked_on < cutoff.date())
        .returning(InterestClick.id)
    )
    return len(gone)


def _finished_before(cutoff: datetime) -> Any:
    """Mailings sent before the cutoff, or cancelled after being queued before it."""
    sent = (Mailing.state == MailingState.sent) & (Mailing.sent_at < cutoff)
    cancelled = (Mailing.state == MailingState.cancelled) & (Mailing.queued_at < cutoff)
    return Mailing.select(Mailing.id).where(sent | cancelled)


async def count_recipients(cutoff: datetime) -> int:
    return await MailingRecipient.count().where(
        MailingRecipient.mailing.is_in(_finished_before(cutoff))
    )


async def remove_recipients(cutoff: datetime) -> int:
    gone = (
        await MailingRecipient.delete()
        .where(MailingRecipient.mailing.is_in(_finished_before(cutoff)))
        .returning(MailingRecipient.id)
    )
    return len(gone)


declare_retention(
    RetentionPolicy(
        category=CLICKS, default_months=CLICK_MONTHS, count=count_clicks, remove=remove_clicks
    )
)
declare_retention(
    RetentionPolicy(
        category=RECIPIENTS,
        default_months=RECIPIENT_MONTHS,
        count=count_recipients,
        remove=remove_recipients,
    )
)
