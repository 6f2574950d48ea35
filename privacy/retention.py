"""Retention (GDPR art. 5(1)(e)): per category, how long data is kept, and removing the rest.

Two categories are the privacy module's own: login months are deleted, an inactive contact is
erased like an erasure request would. The apps declare theirs beside their tables
(`kring.declarations.declare_retention`: award dossiers, project workspaces); the officer sets
every period in one place and this job applies them all.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from piccolo.engine import engine_finder

from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.declarations import REGISTER, RetentionPolicy
from kring.errors import NotFound
from kring.messages import N_
from kring.tables import Activity, Interaction, Member
from privacy.erasure import erase_member
from privacy.tables import LoginMonth, RetentionRule

BATCH = 100  # inactive contacts erased per run; the next run takes the next ones


class Category(StrEnum):
    """The privacy module's own categories; apps add theirs with `declare_retention`."""

    login_months = "login_months"
    inactive_contacts = "inactive_contacts"


OWN_DEFAULT_MONTHS = {Category.login_months: 24, Category.inactive_contacts: 60}


def default_months() -> dict[str, int]:
    """Every category's period when the officer set none: ours, then the apps' declared ones."""
    declared = {name: p.default_months for name, p in sorted(REGISTER.retention.items())}
    return {**{c.value: m for c, m in OWN_DEFAULT_MONTHS.items()}, **declared}


def known_category(category: str) -> str:
    if category not in default_months():
        raise NotFound(
            N_("retention category %(category)r not found"), field="category", category=category
        )
    return category


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


async def rules() -> dict[str, int]:
    stored = {r["category"]: r["months"] for r in await RetentionRule.select()}
    return {name: stored.get(name, months) for name, months in default_months().items()}


async def set_rule(category: str, months: int) -> None:
    category = known_category(category)
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
    login_cut = months_before(now, months[Category.login_months]).strftime("%Y-%m")
    inactive_cut = months_before(now, months[Category.inactive_contacts])
    inactive = await Member.select(Member.id).where(_inactive_members(inactive_cut))
    return {
        Category.login_months.value: {
            "months": months[Category.login_months],
            "rows": await LoginMonth.count().where(LoginMonth.month < login_cut),
        },
        Category.inactive_contacts.value: {
            "months": months[Category.inactive_contacts],
            "rows": len(inactive),
            "member_ids": sorted(r["id"] for r in inactive),
        },
        **{
            name: await _declared_plan(policy, months[name], now)
            for name, policy in sorted(REGISTER.retention.items())
        },
    }


async def _declared_plan(policy: RetentionPolicy, months: int, now: datetime) -> dict[str, Any]:
    cutoff = months_before(now, months)
    found: dict[str, Any] = {"months": months, "rows": await policy.count(cutoff)}
    if policy.describe is not None:
        found["items"] = await policy.describe(cutoff)
    return found


async def apply(now: datetime | None = None) -> dict[str, int]:
    """Remove what is past its retention; idempotent, and safe with several workers at once."""
    now = now or utc_now()
    months = await rules()
    login_cut = months_before(now, months[Category.login_months]).strftime("%Y-%m")
    done = {
        Category.login_months.value: await _delete(LoginMonth, LoginMonth.month < login_cut),
    }
    for name, policy in sorted(REGISTER.retention.items()):
        done[name] = await policy.remove(months_before(now, months[name]))
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
