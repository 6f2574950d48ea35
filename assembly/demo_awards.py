"""The award in the demo network: last year's edition, decided, with a jury's scores and a
ranking; this year's, open, with a draft of the first demo member and candidacies of others."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from assembly.demo_data import DemoNetwork
from awards.choices import CandidacyState, EditionState
from awards.tables import (
    Assignment,
    AwardCategory,
    Candidacy,
    CandidacyText,
    Criterion,
    Edition,
    Juror,
    Score,
)
from kring.choices import Role

CRITERIA = (
    (
        "Leiderschap",
        "Hoe de leiding visie en waarden uitdraagt en het voorbeeld geeft.",
        10,
    ),
    ("Strategie", "Hoe de organisatie haar strategie uit feiten en belanghebbenden afleidt.", 10),
    ("Mensen", "Hoe medewerkers betrokken, ontwikkeld en erkend worden.", 10),
    ("Partnerschappen en middelen", "Hoe partners, geld, gebouwen en kennis beheerd worden.", 10),
    (
        "Processen, producten en diensten",
        "Hoe processen ontworpen, beheerst en verbeterd worden.",
        10,
    ),
    ("Klantresultaten", "Wat klanten ervaren en hoe dat gemeten wordt.", 15),
    ("Medewerkersresultaten", "Wat medewerkers ervaren en hoe dat gemeten wordt.", 10),
    ("Maatschappijresultaten", "Wat de organisatie voor haar omgeving betekent.", 10),
    ("Kernresultaten", "De financiële en operationele resultaten die de strategie beoogt.", 15),
)
CATEGORIES = ("Kmo's", "Grote organisaties")
TITLES = (
    "Van klacht naar verbetering: onze klantlus",
    "Samen sterker: lean in de zorg",
    "Kwaliteit als gewoonte in een familiebedrijf",
    "Een strategie die iedereen kan uitleggen",
    "Meten wat telt voor onze burgers",
)
TEXT = (
    "We beschrijven hier hoe we dit criterium aanpakken, met cijfers van de laatste drie jaar "
    "en wat we daaruit leerden."
)


def _five_pm(moment: datetime) -> datetime:
    """A deadline as an organiser sets one (17:00 in Brussels in winter), not the minute the
    demo happened to be loaded."""
    return moment.replace(hour=16, minute=0, second=0, microsecond=0)


async def _edition(name: str, year: int, state: EditionState, deadline: datetime) -> tuple:
    edition = Edition(
        name=name,
        year=year,
        state=state,
        submission_deadline=deadline,
        jury_deadline=deadline + timedelta(days=45),
        decided_at=deadline + timedelta(days=60) if state == EditionState.decided else None,
    )
    await edition.save()
    categories = []
    for position, title in enumerate(CATEGORIES):
        row = AwardCategory(edition=edition.id, name=title, position=position)
        await row.save()
        categories.append(row.id)
    criteria = []
    for position, (title, description, weight) in enumerate(CRITERIA):
        row = Criterion(
            edition=edition.id,
            name=title,
            description=description,
            weight=weight,
            position=position,
        )
        await row.save()
        criteria.append(row.id)
    return edition.id, categories, criteria


async def _candidacy(
    edition_id: int,
    category_id: int,
    criteria: list[int],
    member_id: int,
    organisation_id: int,
    title: str,
    state: CandidacyState,
    moment: datetime,
) -> int:
    row = Candidacy(
        edition=edition_id,
        category=category_id,
        member=member_id,
        organisation=organisation_id,
        title=title,
        summary=f"{title}. Een verhaal over verbeteren, stap voor stap, met het hele team.",
        state=state,
        created_at=moment,
        updated_at=moment,
        submitted_at=moment if state == CandidacyState.submitted else None,
    )
    await row.save()
    await CandidacyText.insert(
        *[CandidacyText(candidacy=row.id, criterion=c, text=TEXT) for c in criteria]
    )
    return row.id


async def load_awards(
    network: DemoNetwork, member_ids: list[int], organisation_ids: list[int], account_ids: list[int]
) -> None:
    rng = random.Random(7)  # noqa: S311  (demo scores, repeatable)
    now = datetime.now(UTC).replace(microsecond=0)
    organisation_of = [organisation_ids[m.organisation] for m in network.members]
    members_with_account = [
        (account_id, demo.member)
        for demo, account_id in zip(network.accounts, account_ids, strict=True)
        if demo.role == Role.member and demo.member is not None
    ]
    # Last year's edition, decided: the jury is three members with a login, none of them from
    # a candidate's organisation (the award's conflict rule), who scored every criterion.
    past, past_categories, past_criteria = await _edition(
        "Kring Excellence Award",
        now.year - 1,
        EditionState.decided,
        _five_pm(now - timedelta(days=300)),
    )
    jurors = members_with_account[1:4]
    juror_organisations = {organisation_of[m] for _, m in jurors}
    _, first_member = members_with_account[0]
    # One candidacy per organisation and edition (the award's rule): this year's draft is the
    # first demo member's, so no other candidate comes from that organisation.
    taken = juror_organisations | {organisation_of[first_member]}
    candidates = []
    for i in range(len(network.members)):
        if organisation_of[i] not in taken and i not in {m for _, m in members_with_account}:
            candidates.append(i)
            taken.add(organisation_of[i])
        if len(candidates) == 4:
            break
    submitted = now - timedelta(days=310)
    seats = []
    for account_id, _ in jurors:
        seat = Juror(edition=past, account=account_id, appointed_at=submitted, agreed_at=submitted)
        await seat.save()
        seats.append(seat.id)
    for n, member in enumerate(candidates):
        candidacy_id = await _candidacy(
            past,
            past_categories[n % 2],
            past_criteria,
            member_ids[member],
            organisation_of[member],
            TITLES[n],
            CandidacyState.submitted,
            submitted,
        )
        level = rng.randint(4, 8)
        for seat in seats:
            await Assignment.insert(Assignment(juror=seat, candidacy=candidacy_id))
            await Score.insert(
                *[
                    Score(
                        juror=seat,
                        candidacy=candidacy_id,
                        criterion=c,
                        score=max(0, min(10, level + rng.randint(-2, 2))),
                        comment="Sterk onderbouwd." if rng.random() < 0.3 else "",
                        final=True,
                    )
                    for c in past_criteria
                ]
            )
    # This year's edition, open: the first demo member has a draft; two others submitted.
    current, categories, criteria = await _edition(
        "Kring Excellence Award", now.year, EditionState.open, _five_pm(now + timedelta(days=60))
    )
    await _candidacy(
        current,
        categories[0],
        criteria[:3],
        member_ids[first_member],
        organisation_of[first_member],
        "Klachten als bron van verbetering",
        CandidacyState.draft,
        now - timedelta(days=3),
    )
    for n, member in enumerate(candidates[:2]):
        await _candidacy(
            current,
            categories[n % 2],
            criteria,
            member_ids[member],
            organisation_of[member],
            TITLES[4 - n],
            CandidacyState.submitted,
            now - timedelta(days=10 + n),
        )
