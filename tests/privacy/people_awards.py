"""The award's rows of a person (tests/privacy/people.py): a candidacy they submitted with its
texts and a file, and a jury seat with an assignment, a declared conflict and a score."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING

from awards.tables import (
    Assignment,
    Attachment,
    Candidacy,
    CandidacyText,
    Conflict,
    Criterion,
    Edition,
    Juror,
    Score,
)
from kring.clock import utc_now
from kring.tables import Member

if TYPE_CHECKING:
    from tests.privacy.people import Factory, Person


async def _edition() -> tuple[int, int]:
    """A fresh open edition with one criterion: (edition id, criterion id)."""
    now = utc_now()
    edition = Edition(
        name="Kwaliteitsprijs",
        year=now.year,
        submission_deadline=now + timedelta(days=30),
        jury_deadline=now + timedelta(days=60),
    )
    await edition.save()
    criterion = Criterion(edition=edition.id, name="Leiderschap", weight=2)
    await criterion.save()
    return edition.id, criterion.id


async def _candidacy_of(p: Person) -> int:
    found = await Candidacy.select(Candidacy.id).where(Candidacy.member == p.member_id).first()
    if found:
        return found["id"]
    edition_id, _ = await _edition()
    member = await Member.select(Member.organisation).where(Member.id == p.member_id).first()
    row = Candidacy(
        edition=edition_id,
        member=p.member_id,
        organisation=member["organisation"],
        title=p.text("kandidatuur"),
        summary=p.text("samenvatting") + f" contact {p.phone}",
    )
    await row.save()
    return row.id


async def _criterion_of(candidacy_id: int) -> int:
    edition = await Candidacy.select(Candidacy.edition).where(Candidacy.id == candidacy_id).first()
    row = await Criterion.select(Criterion.id).where(Criterion.edition == edition["edition"])
    return row[0]["id"]


async def _candidacy(p: Person) -> None:
    await _candidacy_of(p)


async def _candidacy_text(p: Person) -> None:
    candidacy_id = await _candidacy_of(p)
    await CandidacyText.insert(
        CandidacyText(
            candidacy=candidacy_id,
            criterion=await _criterion_of(candidacy_id),
            text=p.text("criteriumtekst") + f" adres {p.address}",
        )
    )


async def _attachment(p: Person) -> None:
    content = b"%PDF-1.4\n% " + p.text("bijlage").encode() + b"\n%%EOF\n"
    await Attachment.insert(
        Attachment(
            candidacy=await _candidacy_of(p),
            filename=p.text("bestand").replace(" ", "-") + ".pdf",
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
        )
    )


async def _juror_of(p: Person) -> tuple[int, int, int]:
    """The person's jury seat in an edition of someone else's candidacy: (juror, candidacy,
    criterion)."""
    found = await Juror.select(Juror.id, Juror.edition).where(Juror.account == p.account_id).first()
    if found is None:
        edition_id, _ = await _edition()
        juror = Juror(edition=edition_id, account=p.account_id, agreed_at=utc_now())
        await juror.save()
        found = {"id": juror.id, "edition": edition_id}
    other = Member(
        first_name="Kandi", last_name="Daat", email=f"kandi-{uuid.uuid4().hex[:10]}@example.org"
    )
    await other.save()
    candidacy = Candidacy(edition=found["edition"], member=other.id, title="Andermans dossier")
    await candidacy.save()
    criterion = await Criterion.select(Criterion.id).where(Criterion.edition == found["edition"])
    return found["id"], candidacy.id, criterion[0]["id"]


async def _juror(p: Person) -> None:
    await _juror_of(p)


async def _assignment(p: Person) -> None:
    juror_id, candidacy_id, _ = await _juror_of(p)
    await Assignment.insert(Assignment(juror=juror_id, candidacy=candidacy_id))


async def _conflict(p: Person) -> None:
    juror_id, candidacy_id, _ = await _juror_of(p)
    await Conflict.insert(
        Conflict(juror=juror_id, candidacy=candidacy_id, reason=p.text("belangenconflict"))
    )


async def _score(p: Person) -> None:
    juror_id, candidacy_id, criterion_id = await _juror_of(p)
    await Score.insert(
        Score(
            juror=juror_id,
            candidacy=candidacy_id,
            criterion=criterion_id,
            score=7,
            comment=p.text("jurycommentaar"),
        )
    )


AWARD_FACTORIES: dict[str, Factory] = {
    "award_candidacy": _candidacy,
    "award_candidacy_text": _candidacy_text,
    "award_attachment": _attachment,
    "award_juror": _juror,
    "award_assignment": _assignment,
    "award_conflict": _conflict,
    "award_score": _score,
}
