"""Creating accounts and signing in: the account flows that also record privacy facts.

A member's account needs their confirmation of being an adult (kept like a consent); a sign-in
records the month, never the moment. Sessions, tokens and passwords are the core's
(`kring.accounts`).
"""

from __future__ import annotations

from kring.accounts import LoginFailed, check_password_strength
from kring.choices import Role
from kring.credentials import check_password, hash_password
from kring.database import write_transaction
from kring.errors import Conflict
from kring.messages import N_
from kring.tables import Account
from kring.throttle import check_allowed, clear_account, record_failure
from kring.validation import FieldError, normalise_email
from privacy.consents import confirm_adult
from privacy.living import require_living_member
from privacy.login_months import record_login_month


async def create_account(
    email: str,
    password: str,
    role: Role,
    member_id: int | None = None,
    display_name: str = "",
    adult_confirmed: bool = False,
    channel: str = "web",
) -> int:
    """A member's login requires their confirmation of being an adult: no minor's data, ever."""
    email = normalise_email(email).lower()  # a login name: case never matters
    check_password_strength(password)
    if await Account.exists().where(Account.email == email):
        raise Conflict(N_("an account for %(email)s already exists"), field="email", email=email)
    if member_id is not None:
        await require_living_member(member_id, field="member")
        if await Account.exists().where(Account.member == member_id):
            raise Conflict(
                N_("member %(member_id)s already has an account"),
                field="member",
                member_id=member_id,
            )
    if role == Role.member and member_id is None:
        raise FieldError("member", N_("a member account needs the member it belongs to"))
    if role == Role.member and not adult_confirmed:
        raise FieldError(
            "adult_confirmed",
            N_("members confirm that they are adults; Kring holds no minor's data"),
        )
    row = Account(
        email=email,
        password_hash=hash_password(password),
        role=role,
        member=member_id,
        display_name=display_name or email,
    )
    async with write_transaction():
        await row.save()
        if member_id is not None and adult_confirmed:
            await confirm_adult(member_id, channel)
    return row.id


async def authenticate(secret_key: str, email: str, password: str, client: str) -> int:
    """Check a login, counting failures per e-mail and per client so guessing is slow."""
    await check_allowed(secret_key, email, client)
    row = await Account.objects().get(
        (Account.email == email.strip().lower()) & (Account.active.eq(True))
    )
    # Verified before `row is None` is looked at: an unknown address costs the same argon2
    # verification as a wrong password, or its quicker answer tells who has an account.
    checked = check_password(row.password_hash if row is not None else None, password)
    if row is None or not checked.verified:
        await record_failure(secret_key, email, client)
        raise LoginFailed(N_("wrong e-mail address or password"))
    if checked.rehash:  # older argon2 parameters, or a hash of a password not in NFC
        row.password_hash = hash_password(password)
        await row.save([Account.password_hash])
    await clear_account(secret_key, email, client)
    if row.member is not None:
        await record_login_month(row.member)
    return row.id
