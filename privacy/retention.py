"""Retention (GDPR art. 5(1)(e)): per category, how long data is kept, and removing the rest.

Removal applies the erasure declarations: award dossiers and login months are deleted as their
declarations say (delete_row); an inactive contact is erased like an erasure request would.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from piccolo.engine import engine_finder

from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.tables import Activity, Interaction, Member
from privacy.erasure import erase_member
from privacy.tables import AwardDossier, LoginMonth, RetentionRule

BATCH = 100  # inactive contacts erased per run; the next run takes the next ones


class Category(StrEnum):
    award_dossiers = "award_dossiers"
    login_months = "login_months"
    inactive_contacts = "inactive_contacts"


DEFAULT_MONTHS = {
    Category.award_dossiers: 60,
    Category.login_months: 24,
    Category.inactive_contacts: 60,
}


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            day -= 1


async def rules() -> dict[Category, int]:
    stored = {r["category"]: r["months"] for r in await RetentionRule.select()}
    return {c: stored.get(c.value, DEFAULT_MONTHS[c]) for c in Category}


async def set_rule(category: Category, months: int) -> None:
    now = utc_now()
    await RetentionRule.insert(
        RetentionRule(category=category, months=months, updated_at=now)
    ).on_conflict(
        target=RetentionRule.category,
        action="DO UPDATE",
        values=[RetentionRule.months, RetentionRule.updated_at],
    )


def _inactive_members(cutoff: datetime):
    """Never erased, joined before the cutoff, and no login, activity or contact since."""
    month = cutoff.strftime("%Y-%m")
    recent_login = LoginMonth.select(LoginMonth.member).where(LoginMonth.month >= month)
    recent_activity = Activity.select(Activity.member).where(Activity.occurred_on >= cutoff.date())
    recent_contact = Interaction.select(Interaction.member).where(
        Interaction.occurred_on >= cutoff.date()
    )
    return (
        (Member.status != MemberStatus.erased)
        & (Member.joined_at < cutoff.date())
        & Member.id.not_in(recent_login)
        & Member.id.not_in(recent_activity)
        & Member.id.not_in(recent_contact)
    )


async def plan(now: datetime | None = None) -> dict[str, Any]:
    """What a run would remove now, per category (the dry run)."""
    now = now or utc_now()
    months = await rules()
    dossier_cut = months_before(now, months[Category.award_dossiers])
    login_cut = months_before(now, months[Category.login_months]).strftime("%Y-%m")
    inactive_cut = months_before(now, months[Category.inactive_contacts])
    inactive = await Member.select(Member.id).where(_inactive_members(inactive_cut))
    return {
        Category.award_dossiers.value: {
            "months": months[Category.award_dossiers],
            "rows": await AwardDossier.count().where(AwardDossier.submitted_at < dossier_cut),
        },
        Category.login_months.value: {
            "months": months[Category.login_months],
            "rows": await LoginMonth.count().where(LoginMonth.month < login_cut),
        },
        Category.inactive_contacts.value: {
            "months": months[Category.inactive_contacts],
            "rows": len(inactive),
            "member_ids": sorted(r["id"] for r in inactive),
        },
    }


async def apply(now: datetime | None = None) -> dict[str, int]:
    """Remove what is past its retention; idempotent, and safe with several workers at once."""
    now = now or utc_now()
    months = await rules()
    dossier_cut = months_before(now, months[Category.award_dossiers])
    login_cut = months_before(now, months[Category.login_months]).strftime("%Y-%m")
    done = {
        Category.award_dossiers.value: await _delete(
            AwardDossier, AwardDossier.submitted_at < dossier_cut
        ),
        Category.login_months.value: await _delete(LoginMonth, LoginMonth.month < login_cut),
    }
    cutoff = months_before(now, months[Category.inactive_contacts])
    erased = 0
    for row in await Member.select(Member.id).where(_inactive_members(cutoff)).limit(BATCH):
        erased += await _erase_if_claimed(row["id"])
    done[Category.inactive_contacts.value] = erased
    return done


async def _delete(table, where) -> int:
    count = await table.count().where(where)
    if count:
        await table.delete().where(where)
    return count


async def _erase_if_claimed(member_id: int) -> int:
    """On PostgreSQL a member another worker is erasing is skipped, not waited for."""
    engine = engine_finder()
    if not is_postgres(engine):
        # SQLite has one writer at a time; erasure is idempotent, so no claim is needed.
        outcome = await erase_member(member_id)
        return int(bool(outcome["deleted"] or outcome["changed"]))
    async with write_transaction(engine):
        query = Member.select(Member.id).where(
            (Member.id == member_id) & (Member.status != MemberStatus.erased)
        )
        query = query.lock_rows("UPDATE", skip_locked=True)
        if await query.first() is None:
            return 0
        await erase_member(member_id)
    return 1


async def retention_job() -> int:
    return sum((await apply()).values())
