"""Retention (GDPR art. 5(1)(e)): per category, how long data is kept, and removing the rest.

Two categories are the privacy module's own: login months are deleted, an inactive contact is
erased like an erasure request would. The apps declare theirs beside their tables
(`kring.declarations.declare_retention`: award dossiers, project workspaces); the officer sets
every period in one place and this job applies them all.

A shorter period can erase many people at the next run, so a change is guarded: no period goes
below `minimum_months` (12, or the default when that is shorter); every change is kept as a
`RetentionChange` (who, old -> new) and in the audit trail; with two-officer erasure approval a
shortening waits for a second officer; and one run erases no more than `MASS_ERASURE_SHARE` of
the living members unless the CLI is told to (`kring privacy retention --allow-mass-erasure`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum
from typing import Any

from piccolo.columns.combination import WhereRaw
from piccolo.engine import engine_finder

from kring.choices import MemberStatus
from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.declarations import REGISTER, RetentionPolicy
from kring.errors import Conflict, Forbidden, NotFound
from kring.messages import N_
from kring.seen import check_meanwhile
from kring.tables import Activity, Interaction, Member
from kring.validation import FieldError
from privacy.audit import Action, record_audit
from privacy.config import erasure_needs_second_officer
from privacy.erasure import erase_member
from privacy.tables import LoginMonth, RetentionChange, RetentionRule

BATCH = 100  # inactive contacts erased per run; the next run takes the next ones
_log = logging.getLogger("kring.privacy.retention")
FLOOR_MONTHS = 12
"""No period can be set below a year (or below its default, when that is shorter)."""
MAX_MONTHS = 600
"""Fifty years, the API's bound too: no period needs more."""
MASS_ERASURE_SHARE = 0.05
MASS_ERASURE_FLOOR = 10
"""A run that would erase more than 5% of the living members, and more than 10 people, as
inactive contacts erases nobody unless told to: such a number means a rule was set wrongly."""


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


def minimum_months(category: str) -> int:
    return min(FLOOR_MONTHS, default_months()[known_category(category)])


def checked_months(category: str, months: int) -> str:
    """The one check of a period, before it is asked for and again before it is stored: a
    known category, a whole number of months between its floor and `MAX_MONTHS`. Returns the
    category."""
    category = known_category(category)
    if isinstance(months, bool) or not isinstance(months, int):
        raise FieldError("months", N_("must be a whole number of months"))
    if months > MAX_MONTHS:
        raise FieldError("months", N_("at most %(limit)s allowed"), limit=MAX_MONTHS)
    floor = minimum_months(category)
    if months < floor:
        raise FieldError(
            "months", N_("must be at least %(minimum)s for this category"), minimum=floor
        )
    return category


async def _store_rule(category: str, months: int) -> None:
    """Store a period once a change applies; only `change_rule` and `approve_change` get here,
    and the bounds are checked again, so no path stores a period out of them."""
    category = checked_months(category, months)
    now = utc_now()
    await RetentionRule.insert(
        RetentionRule(category=category, months=months, updated_at=now)
    ).on_conflict(
        target=RetentionRule.category,
        action="DO UPDATE",
        values=[RetentionRule.months, RetentionRule.updated_at],
    )


async def change_rule(
    category: str, months: int, actor: int | None, seen: str | None = None
) -> dict[str, Any]:
    """An officer changes a period (the API and the desk, whose routes admit privacy officers
    and admins only): refused out of bounds, audited, and a shortening waits for a second
    officer when erasures need two. Returns the change as stored. With `seen` (the desk row's
    `_seen`), a period another officer changed meanwhile is not overwritten by a third
    (`kring.seen.EditedMeanwhile`)."""
    category = checked_months(category, months)
    old = (await rules())[category]
    check_meanwhile({"months": months}, seen, {"months": old})
    now = utc_now()
    pending = old > months and erasure_needs_second_officer()
    await RetentionChange.update({RetentionChange.status: "superseded"}).where(
        (RetentionChange.category == category) & (RetentionChange.status == "pending")
    )
    change = RetentionChange(
        category=category,
        old_months=old,
        new_months=months,
        requested_by=actor,
        requested_at=now,
        status="pending" if pending else "applied",
        approved_by=None if pending else actor,
        approved_at=None if pending else now,
    )
    await change.save()
    if not pending:
        await _store_rule(category, months)
    await record_audit(actor, None, Action.changed, RetentionChange._meta.tablename)
    return await _change(change.id)


async def approve_change(change_id: int, actor: int | None) -> dict[str, Any]:
    """A second officer approves a pending shortening; the one who asked cannot."""
    change = await _change(change_id)
    if change["status"] != "pending":
        raise Conflict(N_("this retention change is not waiting for approval"))
    if change["requested_by"] == actor:
        raise Forbidden(N_("another privacy officer must approve this retention change"))
    checked_months(change["category"], change["new_months"])
    await RetentionChange.update(
        {
            RetentionChange.status: "applied",
            RetentionChange.approved_by: actor,
            RetentionChange.approved_at: utc_now(),
        }
    ).where(RetentionChange.id == change_id)
    await _store_rule(change["category"], change["new_months"])
    await record_audit(actor, None, Action.changed, RetentionChange._meta.tablename)
    return await _change(change_id)


async def changes(limit: int = 100) -> list[dict[str, Any]]:
    """Newest first: every change asked for, pending, applied or superseded."""
    return await RetentionChange.select().order_by(RetentionChange.id, ascending=False).limit(limit)


async def _change(change_id: int) -> dict[str, Any]:
    row = await RetentionChange.select().where(RetentionChange.id == change_id).first()
    if row is None:
        raise NotFound(N_("retention change %(id)s not found"), field="change_id", id=change_id)
    return row


def _old_logins(cut: str) -> Any:
    """Login months before ``cut``, except each member's latest: inactivity is counted from
    it (``_inactive_members``), and without it a member whose last sign-in was 30 months ago
    looked never signed in and was erased as an inactive contact at 24 months instead of 60.
    It goes with the member (erasure, or the inactive contacts' own retention)."""
    latest = WhereRaw(
        "month < (SELECT MAX(later.month) FROM login_month AS later "
        "WHERE later.member = login_month.member)"
    )
    return (LoginMonth.month < cut) & latest


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
    """What a run would remove now, per category (the dry run), each person counted once: a
    member the run erases as an inactive contact is counted there, and their login months,
    which go with them, not again under login months (as `apply` does it)."""
    now = now or utc_now()
    months = await rules()
    login_cut = months_before(now, months[Category.login_months]).strftime("%Y-%m")
    inactive_cut = months_before(now, months[Category.inactive_contacts])
    due = [r["id"] for r in await _due_as_inactive(inactive_cut)]
    held = await _too_many(inactive_cut)
    erased = set() if held else set(due[:BATCH])
    old = await LoginMonth.select(LoginMonth.member).where(_old_logins(login_cut))
    logins = [r["member"] for r in old if r["member"] not in erased]
    return {
        Category.login_months.value: {
            "months": months[Category.login_months],
            "rows": len(logins),
            "member_ids": sorted(set(logins)),
        },
        Category.inactive_contacts.value: {
            "months": months[Category.inactive_contacts],
            "rows": len(erased),
            "member_ids": sorted(erased),
            "due": len(due),
            "held_back": held,
        },
        **{
            name: await _declared_plan(policy, months[name], now)
            for name, policy in sorted(REGISTER.retention.items())
        },
    }


async def _due_as_inactive(cutoff: datetime, limit: int | None = None) -> list[dict[str, Any]]:
    """Inactive contacts in the order runs erase them, so the dry run names whom the next
    run takes when more than `BATCH` are due."""
    query = Member.select(Member.id).where(_inactive_members(cutoff)).order_by(Member.id)
    return await (query if limit is None else query.limit(limit))


async def _declared_plan(policy: RetentionPolicy, months: int, now: datetime) -> dict[str, Any]:
    cutoff = months_before(now, months)
    found: dict[str, Any] = {"months": months, "rows": await policy.count(cutoff)}
    if policy.describe is not None:
        found["items"] = await policy.describe(cutoff)
    return found


class Removed(dict[str, int]):
    """Rows removed per category, and how many inactive contacts were due but held back."""

    held_back: int = 0


async def apply(now: datetime | None = None, allow_mass_erasure: bool = False) -> Removed:
    """Remove what is past its retention; idempotent, and safe with several workers at once.
    Inactive contacts are not erased at all when too many are due (see `MASS_ERASURE_SHARE`)
    unless `allow_mass_erasure`. They go first, whole, so their login months are not counted
    again under login months."""
    now = now or utc_now()
    months = await rules()
    done = Removed({Category.inactive_contacts.value: 0})
    cutoff = months_before(now, months[Category.inactive_contacts])
    if not allow_mass_erasure:
        done.held_back = await too_many_due(cutoff)
    if not done.held_back:
        for row in await _due_as_inactive(cutoff, BATCH):
            done[Category.inactive_contacts.value] += await _erase_if_claimed(row["id"])
    login_cut = months_before(now, months[Category.login_months]).strftime("%Y-%m")
    done[Category.login_months.value] = await _delete(LoginMonth, _old_logins(login_cut))
    for name, policy in sorted(REGISTER.retention.items()):
        done[name] = await policy.remove(months_before(now, months[name]))
    return done


async def held_back(now: datetime | None = None) -> int:
    """How many inactive contacts the next run would hold back as too many (0: none), for the
    desk, which shows what only the worker's log said."""
    months = (await rules())[Category.inactive_contacts]
    return await _too_many(months_before(now or utc_now(), months))


async def _too_many(cutoff: datetime) -> int:
    due = await Member.count().where(_inactive_members(cutoff))
    living = await Member.count().where(Member.status != MemberStatus.erased)
    if due <= MASS_ERASURE_FLOOR or due <= living * MASS_ERASURE_SHARE:
        return 0
    return due


async def too_many_due(cutoff: datetime) -> int:
    """How many inactive contacts are due when that is too many for one run, else 0."""
    due = await _too_many(cutoff)
    if not due:
        return 0
    living = await Member.count().where(Member.status != MemberStatus.erased)
    _log.warning(
        "retention: %s of %s members are due as inactive contacts; none erased, "
        "check the rule and run `kring privacy retention --allow-mass-erasure`",
        due,
        living,
    )
    return due


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
