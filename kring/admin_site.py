"""Piccolo Admin at /admin, for Kring admins only, with Kring's own login.

Piccolo Admin checks its own session table. Rather than a second login, the mount hands an admin
who is logged into Kring a Piccolo Admin session for a mirror user without a usable password.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from litestar import Request, asgi
from litestar.connection import ASGIConnection
from litestar.response import Redirect
from litestar.types import Receive, Scope, Send
from piccolo.apps.user.tables import BaseUser
from piccolo_api.crud.hooks import Hook, HookType
from piccolo_api.session_auth.tables import SessionsBase

from kring.choices import MemberStatus, Role
from kring.principal import Principal
from kring.search import (
    member_search_text,
    organisation_search_text,
    with_member_search,
    with_organisation_search,
)
from kring.settings import get_settings
from kring.tables import (
    Activity,
    Challenge,
    Expertise,
    Interaction,
    Member,
    Organisation,
    OrganisationDomain,
)
from kring.web.auth import requires

ADMIN_COOKIE = "id"


async def _member_created(row: Member) -> Member:
    row.search_name = member_search_text(row.first_name, row.last_name)
    return row


async def _member_patched(row_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Names changed in the admin are found by their new spelling; an erased one stays unfound."""
    values.pop("search_name", None)
    stored = await Member.select().where(Member.id == row_id).first()
    if stored is None or stored["status"] == MemberStatus.erased:
        return values
    return with_member_search(values, stored)


async def _organisation_created(row: Organisation) -> Organisation:
    row.search_name = organisation_search_text(row.name, row.enterprise_number)
    return row


async def _organisation_patched(row_id: int, values: dict[str, Any]) -> dict[str, Any]:
    values.pop("search_name", None)
    stored = await Organisation.select().where(Organisation.id == row_id).first()
    return values if stored is None else with_organisation_search(values, stored)


def admin_tables() -> list[Any]:
    """The tables the admin shows; a function because Piccolo Admin (and FastAPI under it) is
    imported only when the admin is first opened: half a second at every `kring` start."""
    from piccolo_admin.endpoints import TableConfig

    return [
        TableConfig(
            Organisation,
            hooks=[
                Hook(HookType.pre_save, _organisation_created),
                Hook(HookType.pre_patch, _organisation_patched),
            ],
        ),
        OrganisationDomain,
        TableConfig(
            Member,
            hooks=[
                Hook(HookType.pre_save, _member_created),
                Hook(HookType.pre_patch, _member_patched),
            ],
        ),
        Interaction,
        Activity,
        Challenge,
        Expertise,
    ]


MIRROR_EMAIL_DOMAIN = "mirror.kring.invalid"


def _mirror_username(principal: Principal) -> str:
    return f"kring-admin-{principal.account_id}"


def mirror_email(username: str) -> str:
    """Piccolo Admin wants a unique e-mail per user; the mirror gets one that names nobody, so
    erasing the admin's account leaves no address of theirs behind (`.invalid` never routes)."""
    return f"{username}@{MIRROR_EMAIL_DOMAIN}"


async def _mirror_id(principal: Principal) -> int | None:
    row = (
        await BaseUser.select(BaseUser.id)
        .where(BaseUser.username == _mirror_username(principal))
        .first()
    )
    return None if row is None else int(row["id"])


async def end_admin_sessions(principal: Principal) -> None:
    """Logging out of Kring ends this admin's Piccolo Admin sessions too: deleting the
    browser's cookie alone left its token valid on the server until it expired (and the
    cookie, kept for /admin, never reaches /logout). Another device of the same admin that
    is still logged in gets a fresh one at its next visit."""
    mirror = await _mirror_id(principal)
    if mirror is not None:
        await SessionsBase.delete().where(SessionsBase.user_id == mirror)


async def admin_session(principal: Principal) -> str:
    """A fresh Piccolo Admin session token for this admin's mirror user."""
    username = _mirror_username(principal)
    user = await BaseUser.objects().get(BaseUser.username == username)
    if user is None:
        user = await BaseUser.create_user(
            username=username,
            password=secrets.token_urlsafe(32),
            email=mirror_email(username),
            admin=True,
            superuser=True,
            active=True,
        )
    # Piccolo's session table keeps naive local times; it compares them with datetime.now().
    expiry = datetime.now() + timedelta(hours=get_settings().session_hours)
    session = await SessionsBase.create_session(
        user_id=user.id, expiry_date=expiry, max_expiry_date=expiry
    )
    return session.token


def build_admin_app() -> Any:
    from piccolo_admin.endpoints import create_admin

    return create_admin(
        tables=admin_tables(),
        # Piccolo Admin would add every table with a foreign key to these: `account` among
        # them, so password hashes and roles outside Kring's audited account pages.
        auto_include_related=False,
        auth_table=BaseUser,
        session_table=SessionsBase,
        site_name="Kring admin",
        production=get_settings().secure_cookies,
        session_expiry=timedelta(hours=get_settings().session_hours),
    )


@cache
def admin_app() -> Any:
    """Built on first use: creating Piccolo Admin at import would slow every CLI command."""
    return build_admin_app()


@asgi("/admin", is_mount=True, guards=[requires(Role.admin)], copy_scope=True)
async def admin(scope: Scope, receive: Receive, send: Send) -> None:
    connection: ASGIConnection = ASGIConnection(scope)
    token = connection.cookies.get(ADMIN_COOKIE)
    principal: Principal = scope["user"]
    # A token of another admin's mirror (left in a shared browser) is not this admin's:
    # Piccolo Admin would act, and log, as the other one.
    owner = await SessionsBase.get_user_id(token) if token else None
    if owner is None or owner != await _mirror_id(principal):
        if token:
            await SessionsBase.remove_session(token)
        fresh = await admin_session(principal)
        request: Request = Request(scope, receive)
        target = "/admin/" + request.url.path.removeprefix("/admin").lstrip("/")
        redirect = Redirect(target)
        redirect.set_cookie(
            ADMIN_COOKIE,
            fresh,
            path="/admin",
            httponly=True,
            samesite="strict",
            secure=get_settings().secure_cookies,
        )
        await redirect.to_asgi_response(app=None, request=request)(scope, receive, send)
        return
    await admin_app()(scope, receive, send)
