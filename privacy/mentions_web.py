"""The officer's list of what others wrote about a person (``privacy/mentions.py``): read
before an erasure, which leaves those texts as their authors wrote them."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from kring.choices import Role
from kring.errors import NotFound
from kring.tables import Member
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.head import is_head
from kring.web.params import PathId
from kring.web.templating import page
from privacy.audit import Action, record_audit
from privacy.mentions import MOST_SHOWN, mentions_of

Officer = requires(Role.privacy_officer)


@get("/privacy/desk/members/{member_id:int}/mentions", guards=[Officer])
async def mentions_page(request: Request, member_id: PathId) -> Template:
    """Where the person's name or address stands in texts of others, with whose row each is;
    audited as a view of the person's data (a HEAD, which shows nothing, is not)."""
    person = (
        await Member.select(Member.id, Member.first_name, Member.last_name, Member.status)
        .where(Member.id == member_id)
        .first()
    )
    if person is None:
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    if not is_head(request.scope):
        await record_audit(current(request).account_id, member_id, Action.viewed, "mentions")
    found = await mentions_of(member_id)
    owners = {m.owner for m in found if m.owner is not None}
    names = {}
    if owners:
        rows = await Member.select(Member.id, Member.first_name, Member.last_name).where(
            Member.id.is_in(sorted(owners))
        )
        names = {r["id"]: f"{r['first_name']} {r['last_name']}".strip() for r in rows}
    return page(
        request,
        "privacy/mentions.html",
        person=person,
        mentions=found,
        owners=names,
        most=MOST_SHOWN,
    )


ROUTES = [mentions_page]
