"""Download links to the answer of one access request: bound to it, expiring, single use.

The link is `/privacy/downloads/<request id>/<token>`; only a hash of the token is kept. A link
works once, for `KRING_DOWNLOAD_LINK_MINUTES`, only for the request it names and only for the
person whose data it holds, logged in (`require_owner`): it is handed to whoever asked for it
through the API, never mailed. At most
`KRING_DOWNLOADS_PER_HOUR` links are issued per person per hour; after `DOWNLOAD_FAILURES`
wrong tokens for a request, its links stop working (the person asks for a new one later).
The answer is produced when the link is used, so it is never stored.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from kring.clock import utc_now
from kring.credentials import new_token, token_hash
from kring.errors import Conflict, DomainError, NotFound, TooManyAttempts
from kring.messages import N_, Term
from kring.principal import Principal
from privacy import config
from privacy.access import access_export
from privacy.audit import Action, record_audit
from privacy.requests import Kind, get_request, links_locked
from privacy.tables import AccessRequest, DownloadLink


class Gone(DomainError):
    status_code = 410


def link_path(request_id: int, token: str) -> str:
    return f"/privacy/downloads/{request_id}/{token}"


async def check_rate(member_id: int) -> None:
    """Refuses (429) once the person had `KRING_DOWNLOADS_PER_HOUR` links in the last hour;
    asked before a request is recorded, so a refused ask leaves nothing on the desk."""
    now = utc_now()
    # Counted per person, so asking a new request for every link gains nothing.
    recent = await DownloadLink.select(DownloadLink.created_at).where(
        (DownloadLink.request.member == member_id)
        & (DownloadLink.created_at > now - timedelta(hours=1))
    )
    limit = config.downloads_per_hour()
    if len(recent) >= limit:
        oldest = min(r["created_at"] for r in recent)
        wait = max(1, math.ceil((oldest + timedelta(hours=1) - now).total_seconds()))
        raise TooManyAttempts(
            N_("at most %(limit)s download links per hour; try again in %(minutes)s minutes"),
            retry_after=wait,
            limit=limit,
            minutes=math.ceil(wait / 60),
        )


async def issue_link(viewer: Principal, request_id: int) -> dict[str, Any]:
    """A new link for the viewer's own request (or, for a privacy officer, anyone's)."""
    row = await get_request(viewer, Kind.access, request_id)
    if row["status"] in ("unverified", "locked", "refused", "withdrawn"):
        raise Conflict(
            N_("access request %(request_id)s is %(status)s"),
            "status",
            request_id=request_id,
            status=Term(row["status"]),
        )
    await check_rate(row["member"])
    now = utc_now()
    token = new_token()
    expires_at = now + config.download_link_lifetime()
    await DownloadLink.insert(
        DownloadLink(
            request=request_id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=expires_at,
            issued_by=viewer.account_id,
        )
    )
    return {"request_id": request_id, "url": link_path(request_id, token), "expires_at": expires_at}


async def require_owner(viewer: Principal, request_id: int) -> None:
    """Refuses a link followed by anyone but the person whose data it holds: another member,
    and an officer too (the desk has its own download). Asked before the token, so it neither
    spends a link nor counts as a wrong token."""
    row = await AccessRequest.select(AccessRequest.member).where(AccessRequest.id == request_id)
    if not row or not viewer.owns(row[0]["member"]):
        raise NotFound(
            N_("this download link is not yours: it works only for the person whose data it holds")
        )


async def _count_failure(request_id: int) -> None:
    await DownloadLink.update(
        {DownloadLink.failed_attempts: DownloadLink.failed_attempts + 1}
    ).where((DownloadLink.request == request_id) & DownloadLink.used_at.is_null())


def _too_many() -> TooManyAttempts:
    return TooManyAttempts(
        N_("too many wrong download links for this request; ask for a new link in an hour"),
        retry_after=3600,
    )


async def check(request_id: int, token: str, now: datetime | None = None) -> None:
    """What ``redeem`` checks, without spending the link (a HEAD: link checkers and mail
    scanners send one before anyone clicks); a wrong token counts as a failure all the same."""
    await _usable(request_id, token, now or utc_now())


async def _usable(request_id: int, token: str, now: datetime) -> dict[str, Any]:
    """The link row when it is valid, unexpired and unused; else the error to answer."""
    if await links_locked(request_id, now):
        raise _too_many()
    link = (
        await DownloadLink.select()
        .where(DownloadLink.token_hash == token_hash(token or ""))
        .first()
    )
    if link is None or link["request"] != request_id:
        await _count_failure(request_id)
        if await links_locked(request_id, now):
            raise _too_many()
        raise NotFound(N_("this download link does not exist"))
    if link["used_at"] is not None:
        raise Gone(N_("this download link was already used; each link works once"))
    if link["expires_at"] <= now:
        raise Gone(N_("this download link has expired; ask for a new one"))
    return link


async def redeem(request_id: int, token: str, now: datetime | None = None) -> dict[str, Any]:
    """The answer (kring-access/1) for a valid, unexpired, unused link; then the link is spent."""
    now = now or utc_now()
    link = await _usable(request_id, token, now)
    spent = (
        await DownloadLink.update({DownloadLink.used_at: now})
        .where((DownloadLink.id == link["id"]) & DownloadLink.used_at.is_null())
        .returning(DownloadLink.id)
    )
    if not spent:
        raise Gone(N_("this download link was already used; each link works once"))
    request = await AccessRequest.select().where(AccessRequest.id == request_id).first()
    export = await access_export(request["member"])
    if request["status"] == "open":
        await AccessRequest.update(
            {AccessRequest.status: "fulfilled", AccessRequest.fulfilled_at: now}
        ).where(AccessRequest.id == request_id)
    await record_audit(link["issued_by"], request["member"], Action.exported, "*")
    export["request"] = {"id": request_id, "due_on": request["due_on"].isoformat()}
    return export
