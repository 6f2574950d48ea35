"""The privacy officer's page of one person: what handling their rights needs, in one place.

Someone on the phone asks what the network holds, to be erased, to stop the mailings: the
officer needs their contact facts, their requests and where each is handled, their consents
and opt-outs, a restriction and the rows an erasure keeps back. Each part is read by the module
that owns it; this one only brings them together and says where a request is handled.
"""

from __future__ import annotations

from typing import Any

from kring.errors import NotFound
from kring.messages import N_
from kring.tables import Account, Member
from privacy import holds, requests
from privacy.login_months import last_login_month
from privacy.requests import ON_THE_DESK, Kind
from privacy.restriction import restriction_state
from privacy.status import member_privacy


async def contact_facts(member_id: int) -> dict[str, Any]:
    """Who the person is and how to reach them, whether they have an account (and its role)
    and the last month they logged in: enough to recognise a caller and to answer them."""
    person = (
        await Member.select(
            Member.id,
            Member.first_name,
            Member.last_name,
            Member.email,
            Member.private_email,
            Member.phone,
            Member.address,
            Member.private_address,
            Member.job_title,
            Member.organisation.name.as_alias("organisation"),
            Member.status,
        )
        .where(Member.id == member_id)
        .first()
    )
    if person is None:
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    account = (
        await Account.select(Account.role, Account.active)
        .where(Account.member == member_id)
        .first()
    )
    return person | {"account": account, "last_login": await last_login_month(member_id)}


def handled_at(request: dict[str, Any]) -> str | None:
    """Where the officer handles or reads a request (one of `requests.requests_of`): the answer
    to an open access request, what a carried-out erasure did, the desk's row of one still on
    the desk (extend, refuse, start or approve the erasure); None once it is closed (answered,
    refused, withdrawn, locked), which the person's audit trail tells."""
    kind, status, number = request["kind"], request["status"], request["id"]
    if kind == Kind.access and status == "open":
        return f"/privacy/desk/access/{number}"
    if kind == Kind.erasure and status == "done":
        return f"/privacy/desk/erasure/{number}"
    if status in ON_THE_DESK:
        return f"/privacy/desk#{kind}-{number}"
    return None


async def person_file(member_id: int) -> dict[str, Any]:
    """Every part of the officer's page of a person (404 naming the number when there is no
    such member)."""
    contact = await contact_facts(member_id)
    asked = await requests.requests_of(member_id)
    return {
        "contact": contact,
        "state": await member_privacy(member_id),
        "asked": [row | {"handled_at": handled_at(row)} for row in asked],
        "restriction": await restriction_state(member_id),
        "held": await holds.holds_of_member(member_id),
        "notices": await requests.notices_not_mailed(member_id),
    }
