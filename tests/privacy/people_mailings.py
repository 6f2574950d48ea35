"""The mailings rows of a person (tests/privacy/people.py): a mailing they received (an outbox
row) and an article whose link they followed with consent (an interest signal); and, as an
organiser's account, a mailing they composed with its article (the schema links `mailing` to
the account; the mailing is the network's and names nobody, so it carries no canary).

Neither table has free text of the person (ids, a language, a state, a day), so there is no
canary to place; erasure deletes both rows (declared in mailings/delivery_tables.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kring.clock import today, utc_now
from mailings.delivery_tables import InterestClick, MailingRecipient, RecipientState
from mailings.tables import Article, Mailing

if TYPE_CHECKING:
    from tests.privacy.people import Factory, Person


async def _article(account_id: int | None = None) -> tuple[int, int]:
    mailing = Mailing(
        name="Nieuwsbrief", subject_nl="Nieuws", created_by=account_id, created_at=utc_now()
    )
    await mailing.save()
    article = Article(mailing=mailing.id, title_nl="Audits", link="https://example.org/")
    await article.save()
    return mailing.id, article.id


async def _mailing_recipient(p: Person) -> None:
    mailing_id, _ = await _article()
    await MailingRecipient(
        mailing=mailing_id,
        member=p.member_id,
        state=RecipientState.sent,
        due_at=utc_now(),
        sent_at=utc_now(),
    ).save()


async def _interest_click(p: Person) -> None:
    mailing_id, article_id = await _article()
    await InterestClick(
        member=p.member_id, article=article_id, mailing=mailing_id, clicked_on=today()
    ).save()


async def _mailing(p: Person) -> None:
    await _article(p.account_id)


MAILING_FACTORIES: dict[str, Factory] = {
    "mailing_recipient": _mailing_recipient,
    "interest_click": _interest_click,
}
MAILING_SCHEMA_LINKED: dict[str, Factory] = {"mailing": _mailing, "article": _mailing}
"""Not personal data (declared so), but linked in the schema to the account that wrote them."""
