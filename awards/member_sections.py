"""The award's part of the staff's page of a member: the candidacies they submitted and the
juries they sit on. Scores and dossier texts stay on the award's own pages."""

from __future__ import annotations

from typing import Any

from awards.tables import Candidacy, Juror
from kring.audience import ORGANISERS
from kring.member_page import MemberSection
from kring.principal import Principal
from kring.tables import Account


async def award_history(viewer: Principal, member_id: int) -> dict[str, Any] | None:
    candidacies = (
        await Candidacy.select(
            Candidacy.id,
            Candidacy.title,
            Candidacy.state,
            Candidacy.edition,
            Candidacy.edition.name,
            Candidacy.edition.year,
        )
        .where(Candidacy.member == member_id)
        .order_by(Candidacy.id, ascending=False)
    )
    accounts = Account.select(Account.id).where(Account.member == member_id)
    seats = (
        await Juror.select(Juror.edition, Juror.edition.name, Juror.edition.year, Juror.agreed_at)
        .where(Juror.account.is_in(accounts))
        .order_by(Juror.id, ascending=False)
    )
    if not candidacies and not seats:
        return None
    return {"candidacies": candidacies, "seats": seats}


SECTIONS = (MemberSection("member_sections/awards.html", award_history, ORGANISERS, order=25),)
