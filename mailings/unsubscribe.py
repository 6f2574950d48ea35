"""The one-click unsubscribe of every mailing (RFC 8058): a link that needs no login.

The token is the member id and a keyed signature of it (HMAC with the app's secret, as the
check-in codes), so it cannot be made for another member, and it does not expire: a mail read a
year later still unsubscribes. The link only ever switches mailings off for its own member;
it is recorded in the opt-out history like any other opt-out (channel e-mail).
"""

from __future__ import annotations

import hmac
import re

from kring.choices import MemberStatus
from kring.credentials import keyed_hash
from kring.errors import NotFound
from kring.settings import Settings, get_settings
from kring.tables import Member
from kring.vocabulary import N_
from privacy.opt_outs import Channel, OptOut, set_opt_out

TOKEN = re.compile(r"([1-9][0-9]{0,9})\.([0-9a-f]{32})")
"""The whole token (`fullmatch`): `$` also matched before a final line break."""
ONE_CLICK = ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
NOT_VALID = N_(
    "this unsubscribe link is not valid (perhaps cut off, or too old): sign in and switch "
    "mailings off on your privacy page, or ask the network's organisers to do it"
)
"""What a refused link says: the reader wanted no more mail, so it says how all the same."""


def _signature(member_id: int, settings: Settings | None = None) -> str:
    secret = (settings or get_settings()).secret_key
    return keyed_hash(secret, f"unsubscribe:{member_id}")[:32]


def unsubscribe_token(member_id: int, settings: Settings | None = None) -> str:
    return f"{member_id}.{_signature(member_id, settings)}"


def unsubscribe_url(member_id: int, settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    return f"{settings.base_url}/mailings/unsubscribe/{unsubscribe_token(member_id, settings)}"


def unsubscribe_headers(member_id: int, settings: Settings | None = None) -> tuple:
    """The two headers mail clients show an unsubscribe button for."""
    return (("List-Unsubscribe", f"<{unsubscribe_url(member_id, settings)}>"), ONE_CLICK)


def member_for_token(token: str) -> int:
    """The member a token was made for; anything forged, altered or cut is 'not found'."""
    found = TOKEN.fullmatch(token or "")
    if found is None:
        raise NotFound(NOT_VALID)
    member_id = int(found.group(1))
    if not hmac.compare_digest(found.group(2), _signature(member_id)):
        raise NotFound(NOT_VALID)
    return member_id


async def _state(member_id: int) -> dict:
    row = (
        await Member.select(Member.no_mailings, Member.status).where(Member.id == member_id).first()
    )
    if row is None:
        raise NotFound(NOT_VALID)
    return row


async def unsubscribed(member_id: int) -> bool:
    """Whether the member receives no mailings: switched off, or erased (never mailed again)."""
    row = await _state(member_id)
    return bool(row["no_mailings"]) or row["status"] == MemberStatus.erased


async def erased(member_id: int) -> bool:
    """An erased person has no account to sign in to: the page does not send them there."""
    return (await _state(member_id))["status"] == MemberStatus.erased


async def recipient_language(member_id: int) -> str:
    """The language the member's mailings are in, so the page their link opens speaks it too."""
    row = await Member.select(Member.language).where(Member.id == member_id).first()
    return row["language"] if row else ""


async def unsubscribe(token: str) -> int:
    """Switch mailings off for the token's member at once; returns the member id. Repeating
    it changes nothing (the history records the wish once)."""
    member_id = member_for_token(token)
    if not await unsubscribed(member_id):  # an erased member gets none and nothing is recorded
        await set_opt_out(member_id, OptOut.mailings, True, Channel.email, None)
    return member_id
