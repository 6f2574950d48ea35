"""Login tracking at month granularity: never a timestamp or an address of a login."""

from __future__ import annotations

from kring.clock import utc_now
from privacy.tables import LoginMonth


async def record_login_month(member_id: int) -> None:
    """Idempotent and race-free: a unique index on (member, month) absorbs concurrent logins."""
    month = utc_now().strftime("%Y-%m")
    await LoginMonth.insert(LoginMonth(member=member_id, month=month)).on_conflict(
        action="DO NOTHING"
    )


async def last_login_month(member_id: int) -> str | None:
    """The latest month (`YYYY-MM`) the member logged in, or None: all the officer may know
    of when someone last used the network."""
    row = (
        await LoginMonth.select(LoginMonth.month)
        .where(LoginMonth.member == member_id)
        .order_by(LoginMonth.month, ascending=False)
        .first()
    )
    return row["month"] if row else None
