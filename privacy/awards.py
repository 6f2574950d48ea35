"""Award dossiers: candidacies and project files, read only by jurors bound to confidentiality.

Every juror's read is audited; without a recorded agreement a dossier does not exist for them.
"""

from __future__ import annotations

from typing import Any

from kring.clock import utc_now
from kring.errors import NotFound
from kring.messages import N_
from kring.principal import Principal
from kring.validation import require_line, require_text
from privacy.audit import Action, record_audit
from privacy.tables import AwardDossier, JurorAgreement

TABLE = AwardDossier._meta.tablename


async def submit_dossier(member_id: int, award: str, title: str, body: str) -> int:
    row = AwardDossier(
        member=member_id,
        award=require_line(award, "award", 100),
        title=require_line(title, "title", 200),
        body=require_text(body, "body", 20_000),
        submitted_at=utc_now(),
    )
    await row.save()
    return row.id


async def record_agreement(account_id: int, award: str) -> None:
    award = require_line(award, "award", 100)
    if not await is_bound(account_id, award):
        await JurorAgreement.insert(
            JurorAgreement(account=account_id, award=award, signed_at=utc_now())
        )


async def is_bound(account_id: int, award: str) -> bool:
    return await JurorAgreement.exists().where(
        (JurorAgreement.account == account_id) & (JurorAgreement.award == award)
    )


async def read_dossier(viewer: Principal, dossier_id: int) -> dict[str, Any]:
    """The candidate reads their own; a bound juror reads it and is audited; others get 404."""
    row = await AwardDossier.select().where(AwardDossier.id == dossier_id).first()
    if row is None:
        raise NotFound(N_("dossier %(dossier_id)s not found"), dossier_id=dossier_id)
    if viewer.owns(row["member"]):
        return row
    if not await is_bound(viewer.account_id, row["award"]):
        raise NotFound(N_("dossier %(dossier_id)s not found"), dossier_id=dossier_id)
    await record_audit(viewer.account_id, row["member"], Action.viewed, TABLE)
    return row


async def jury_dossiers(viewer: Principal, award: str) -> list[dict[str, Any]]:
    if not await is_bound(viewer.account_id, award):
        raise NotFound(
            N_("award %(award)r not found, or no confidentiality agreement recorded"), award=award
        )
    rows = await AwardDossier.select().where(AwardDossier.award == award).order_by(AwardDossier.id)
    for row in rows:
        await record_audit(viewer.account_id, row["member"], Action.viewed, TABLE)
    return rows
