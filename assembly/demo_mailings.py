"""The demo network's mailings: last month's newsletter, sent (its recipients and a few
interest signals of members who allow them, as history), and this month's as a draft ready
for the audience step, so organisers can preview it, mail themselves a test and send it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kring.choices import Role
from kring.principal import Principal
from mailings.choices import MailingState
from mailings.compose import add_article, create_mailing
from mailings.delivery_tables import InterestClick, MailingRecipient, RecipientState
from mailings.outbox import queue_mailing
from mailings.tables import Mailing
from privacy.consents import Purpose, give_consent

SENT = (
    {
        "name": "Nieuwsbrief november",
        "subject_nl": "Nieuws uit het netwerk — november",
        "subject_en": "News from the network — November",
        "intro_nl": "Beste leden,\n\nDeze maand: een auditdag en nieuwe sjablonen.",
        "intro_en": "Dear members,\n\nThis month: an audit day and new templates in the library.",
    },
    (
        {
            "title_nl": "Auditdag in Gent",
            "title_en": "Audit day in Ghent",
            "text_nl": "Interne auditoren delen hun **beste vondsten** van dit jaar.",
            "text_en": "Internal auditors share their **best findings** of the year.",
            "link": "https://kring.example/agenda/auditdag",
            "tags": "interne audit, ISO 9001",
        },
        {
            "title_nl": "Nieuw in de bibliotheek: sjabloon directiebeoordeling",
            "title_en": "New in the library: a management review template",
            "text_nl": "Een agenda met alle verplichte inputs, klaar om in te vullen.",
            "text_en": "An agenda with every required input, ready to fill in.",
            "link": "https://kring.example/bibliotheek",
            "tags": "directiebeoordeling",
        },
    ),
)
DRAFT = (
    {
        "name": "Nieuwsbrief december",
        "subject_nl": "Nieuws uit het netwerk — december",
        "subject_en": "News from the network — December",
        "intro_nl": "Beste leden,\n\nHet jaar loopt ten einde: blik terug en kijk vooruit met ons.",
        "intro_en": "Dear members,\n\nThe year is ending: look back and ahead with us.",
    },
    (
        {
            "title_nl": "Nieuwjaarsreceptie",
            "title_en": "New Year reception",
            "text_nl": "Op 15 januari klinken we op het nieuwe jaar. Schrijf je in via de "
            "evenementenpagina.",
            "text_en": "On 15 January we raise a glass to the new year. Register on the events "
            "page.",
            "link": "https://kring.example/agenda/nieuwjaar",
            "tags": "netwerk",
        },
        {
            "title_nl": "Lean in de administratie",
            "title_en": "Lean in the office",
            "text_nl": "Drie leden vertellen hoe ze wachttijd in hun kantoorprocessen halveerden.",
            "text_en": "Three members tell how they halved waiting time in office processes.",
            "tags": "lean, procesmanagement",
        },
        {
            "title_nl": "Award 2027: kandidaturen open",
            "title_en": "Award 2027: candidacies open",
            "text_nl": "Stel je organisatie kandidaat met een verbetering waar je trots op bent.",
            "text_en": "Put your organisation forward with an improvement you are proud of.",
            "tags": "award",
        },
    ),
)
INTERESTED = 8
"""How many members allow interest signals and followed an article of the sent newsletter."""


async def _compose(
    viewer: Principal, mailing: dict, articles: tuple[dict, ...]
) -> tuple[int, list[int]]:
    mailing_id = await create_mailing(viewer, mailing)
    return mailing_id, [await add_article(viewer, mailing_id, article) for article in articles]


async def load_mailings(organiser_account: int, organiser_email: str) -> None:
    viewer = Principal(organiser_account, Role.organiser, None, organiser_email, "demo", "session")
    sent_id, articles = await _compose(viewer, *SENT)
    await queue_mailing(sent_id)
    sent_at = datetime.now(UTC).replace(microsecond=0) - timedelta(days=21)
    await MailingRecipient.update(
        {MailingRecipient.state: RecipientState.sent, MailingRecipient.sent_at: sent_at}
    ).where(MailingRecipient.mailing == sent_id)
    await Mailing.update(  # last changed when it went out, not when the demo was loaded
        {
            Mailing.state: MailingState.sent,
            Mailing.queued_at: sent_at,
            Mailing.sent_at: sent_at,
            Mailing.updated_at: sent_at,
            Mailing.created_at: sent_at - timedelta(days=3),
        },
        use_auto_update=False,
    ).where(Mailing.id == sent_id)
    readers = (
        await MailingRecipient.select(MailingRecipient.member)
        .where(MailingRecipient.mailing == sent_id)
        .limit(INTERESTED)
    )
    for index, row in enumerate(readers):
        await give_consent(row["member"], Purpose.interest_signals, "demo")
        await InterestClick(
            member=row["member"],
            article=articles[index % len(articles)],
            mailing=sent_id,
            clicked_on=(sent_at + timedelta(days=1 + index % 3)).date(),
        ).save()
    await _compose(viewer, *DRAFT)
