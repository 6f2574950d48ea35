"""What stays of an erased person, and how a later import of their e-mail is recognised."""

from __future__ import annotations

from datetime import datetime

from kring.clock import utc_now
from kring.credentials import keyed_hash
from kring.settings import get_settings
from privacy.tables import Suppression


def email_hash(email: str) -> str:
    """Keyed, so the hash cannot be reversed by hashing a list of known addresses."""
    return keyed_hash(get_settings().secret_key, email.strip().lower())


async def is_suppressed(email: str) -> bool:
    """True when this e-mail belonged to an erased person: do not import or contact it."""
    if not email or not email.strip():
        return False
    digest = email_hash(email)
    return await Suppression.exists().where(
        (Suppression.email_hash == digest) | (Suppression.private_email_hash == digest)
    )


async def erased_owner(email: str) -> int | None:
    """The erased member whose work or private address this was, as their suppression record
    recognises it (by its keyed hash); None when no erased person had it."""
    if not email or not email.strip():
        return None
    digest = email_hash(email)
    row = (
        await Suppression.select(Suppression.member)
        .where((Suppression.email_hash == digest) | (Suppression.private_email_hash == digest))
        .first()
    )
    return None if row is None else int(row["member"])


async def suppress(member: dict, requested_at: datetime | None) -> bool:
    """Create the member's suppression record once; returns whether one was created."""
    if await Suppression.exists().where(Suppression.member == member["id"]):
        return False
    now = utc_now()
    await Suppression.insert(
        Suppression(
            member=member["id"],
            first_name=member["first_name"],
            last_name=member["last_name"],
            requested_at=requested_at or now,
            erased_at=now,
            email_hash=email_hash(member["email"]) if member["email"] else None,
            private_email_hash=(
                email_hash(member["private_email"]) if member["private_email"] else None
            ),
        )
    )
    return True
