"""A member's privacy settings as they stand, with their history."""

from __future__ import annotations

from typing import Any

from kring.errors import NotFound
from kring.messages import N_
from kring.tables import Member
from privacy import consents, opt_outs
from privacy.serialise import row


async def member_privacy(member_id: int) -> dict[str, Any]:
    member = (
        await Member.select(
            Member.opt_out_sharing,
            Member.opt_out_listing,
            Member.no_mailings,
            Member.hide_job_title_on_lists,
            Member.hide_company_on_lists,
            Member.status,
        )
        .where(Member.id == member_id)
        .first()
    )
    if member is None:
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    adult = await consents.adult_confirmed_at(member_id)
    return {
        "member_id": member_id,
        "status": member["status"],
        "opt_outs": {
            "sharing": member["opt_out_sharing"],
            "listing": member["opt_out_listing"],
            "mailings": member["no_mailings"],
            "list_job_title": member["hide_job_title_on_lists"],
            "list_company": member["hide_company_on_lists"],
        },
        "consents": {
            "private_contact": await consents.has_consent(
                member_id, consents.Purpose.private_contact
            )
        },
        "adult_confirmed_at": adult.isoformat() if adult else None,
        "opt_out_history": [row(r) for r in await opt_outs.history(member_id)],
        "consent_history": [row(r) for r in await consents.consent_history(member_id)],
    }
