"""Members: validation of profiles, creation, changes and the views others get of them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from kring.choices import Language, MemberStatus, MetVia, Role
from kring.clock import home_today
from kring.errors import Conflict, Forbidden, NotFound
from kring.messages import N_, FieldNames
from kring.principal import Principal
from kring.search import (
    can_find_anyone,
    members_with_every_word,
    search_words,
    with_member_search,
)
from kring.seen import snapshot, without_untouched
from kring.tables import Member, Organisation
from kring.validation import (
    Checks,
    FieldError,
    briefly,
    normalise_email,
    normalise_phone,
    require_line,
    require_text,
)
from members.visibility import PRIVATE_FIELDS, may_see_member, member_view, peers_shown
from privacy.audit import Action, record_audit
from privacy.consents import Purpose, has_consent
from privacy.recipients import notify_rectification
from privacy.restriction import is_restricted

PROFILE_FIELDS = ("first_name", "last_name", "job_title", "phone", "address", "language")
STAFF_FIELDS = ("email", "organisation", "met_via", "joined_at", "status")
EARLIEST_JOINED = date(1950, 1, 1)
"""A join date before it is a typing error (year 1, 0202): the network's records go back some
thirty years, the dates plausible for any date field (from 2000) would refuse its 1990s."""
EDITABLE = PROFILE_FIELDS + PRIVATE_FIELDS + STAFF_FIELDS


def _choice(enum: type, value: Any, field: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise FieldError(
            field,
            N_("%(value)r is not one of %(choices)s"),
            value=briefly(str(value)),
            choices=", ".join(enum),
        ) from None


def clean_member(data: Mapping[str, Any], checks: Checks | None = None) -> dict[str, Any]:
    """Validate and normalise the fields given, in the one canonical form they are stored in.
    Every refused field is reported at once: into `checks` when given (the caller adds its own
    and calls `done()`), else raised together here. The import cleans one cell at a time."""
    own = Checks() if checks is None else checks
    for name in sorted(set(data) - set(EDITABLE)):
        own.add(FieldError(name, N_("is not a field of a member profile")))
    clean: dict[str, Any] = {}
    for name, limit in (("first_name", 100), ("last_name", 100)):
        if name in data:
            with own:
                clean[name] = require_line(data[name], name, limit)
    if "job_title" in data:
        with own:
            clean["job_title"] = require_line(data["job_title"], "job_title", 150, required=False)
    if "address" in data:
        with own:
            clean["address"] = require_text(data["address"], "address", 300, required=False)
    if "phone" in data:
        with own:
            clean["phone"] = normalise_phone(data["phone"]) if data["phone"] else ""
    if "email" in data:
        with own:
            clean["email"] = normalise_email(data["email"]) if data["email"] else None
    if "private_email" in data:
        raw = data["private_email"]
        with own:
            clean["private_email"] = normalise_email(raw, "private_email") if raw else None
    if "private_address" in data:
        raw = data["private_address"] or ""
        with own:
            clean["private_address"] = require_text(raw, "private_address", 300, False) or None
    if "organisation" in data:
        clean["organisation"] = data["organisation"]
    if "met_via" in data:
        with own:
            clean["met_via"] = _choice(MetVia, data["met_via"], "met_via")
    if "language" in data:
        with own:
            clean["language"] = _choice(Language, data["language"], "language")
    if "status" in data:
        with own:
            clean["status"] = _status(data["status"])
    if "joined_at" in data:
        with own:
            clean["joined_at"] = _joined_at(data["joined_at"])
    if checks is None:
        own.done()
    return clean


def _status(raw: Any) -> MemberStatus:
    status = _choice(MemberStatus, raw, "status")
    if status == MemberStatus.erased:
        raise FieldError("status", N_("erasure goes through a privacy erasure request"))
    return status


def _joined_at(joined: Any) -> date:
    if not isinstance(joined, date):
        raise FieldError("joined_at", N_("must be a date like 2024-03-01"))
    if joined > home_today():
        raise FieldError("joined_at", N_("cannot be in the future"))
    if joined < EARLIEST_JOINED:
        raise FieldError(
            "joined_at",
            N_("%(value)s is not a date between %(first)s and %(last)s"),
            value=joined.isoformat(),
            first=EARLIEST_JOINED.isoformat(),
            last=home_today().isoformat(),
        )
    return joined


EMAIL_TAKEN = N_("another member already uses %(email)s")


async def _check_references(
    clean: Mapping[str, Any], member_id: int | None, checks: Checks
) -> None:
    """The organisation must exist and the business e-mail be nobody else's. Another member's
    address is a Conflict (409) when it is all that is wrong; beside refused fields it is
    named with them, so the form shows every problem at once."""
    organisation = clean.get("organisation")
    if organisation is not None and not await Organisation.exists().where(
        Organisation.id == organisation
    ):
        checks.add(
            FieldError("organisation", N_("no organisation with id %(id)s"), id=organisation)
        )
    email = clean.get("email")
    if email:
        query = Member.exists().where(Member.email == email)
        if member_id is not None:
            query = query.where(Member.id != member_id)
        if await query:
            if not checks.errors:
                raise Conflict(EMAIL_TAKEN, field="email", email=email)
            checks.add(FieldError("email", EMAIL_TAKEN, email=email))


async def _check_private_consent(
    clean: Mapping[str, Any], member_id: int | None, checks: Checks
) -> None:
    wants_private = any(clean.get(name) for name in PRIVATE_FIELDS)
    if wants_private and (
        member_id is None or not await has_consent(member_id, Purpose.private_contact)
    ):
        field = next(name for name in PRIVATE_FIELDS if clean.get(name))
        checks.add(
            FieldError(field, N_("can only be stored after the member consented to its use"))
        )


async def create_member(
    data: Mapping[str, Any], checks: Checks | None = None, actor: int | None = None
) -> int:
    """Adds the member; every refused field is named at once, with those a form reader found
    already (`checks`), and nothing is stored. Staff adding someone (`actor`, their account) is
    in the audit trail, as an import or Piccolo Admin is."""
    checks = Checks() if checks is None else checks
    clean = clean_member(data, checks)
    for required in ("first_name", "last_name"):
        if required not in data:
            checks.add(FieldError(required, N_("is required")))
    await _check_references(clean, None, checks)
    await _check_private_consent(clean, None, checks)
    checks.done()
    row = Member(**with_member_search(clean))
    await row.save()
    if actor is not None:
        await record_audit(actor, row.id, Action.changed, "member")
    return row.id


def seen_profile(member: Mapping[str, Any]) -> str:
    """The editable fields of a profile as a form shows them, for its hidden `_seen` field:
    a save then writes only what its person changed (`update_member`, `kring.seen`)."""
    return snapshot({name: member.get(name) for name in EDITABLE if name in member})


async def update_member(
    viewer: Principal,
    member_id: int,
    data: Mapping[str, Any],
    checks: Checks | None = None,
    seen: str | None = None,
) -> None:
    """Members change their own profile; organisers and admins also the network's fields.
    Every refused field is named at once, with those a form reader found already (`checks`),
    and nothing changes. With `seen` (a page form's `_seen`), the fields sent back as they
    were shown are left as they are now, and one someone else changed too is refused
    (`kring.seen.EditedMeanwhile`)."""
    member = await _load(member_id)
    if not may_see_member(viewer, member):
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    allowed: tuple[str, ...] = ()
    if viewer.owns(member_id):
        allowed += PROFILE_FIELDS + PRIVATE_FIELDS
    if viewer.has_role(Role.organiser):
        allowed += PROFILE_FIELDS + STAFF_FIELDS
    if not allowed:
        raise Forbidden(N_("only the member or an organiser may change this profile"))
    refused = sorted(set(data) - set(allowed))
    if refused:
        raise Forbidden(
            N_("you may not change %(fields)s"),
            field=refused[0],
            also=refused[1:],
            fields=FieldNames(refused),
        )
    if member["status"] == MemberStatus.erased:
        raise Conflict(N_("this member was erased; the profile can no longer change"))
    checks = Checks() if checks is None else checks
    clean = clean_member(data, checks)
    await _check_references(clean, member_id, checks)
    await _check_private_consent(clean, member_id, checks)
    checks.done()
    now = {name: member[name] for name in EDITABLE if name in member}
    clean = without_untouched(clean, seen, now)
    if clean:
        # Conditional on the status, so an erasure that commits first is never undone by an
        # edit that read the profile before it (PostgreSQL re-checks the condition after the
        # erasure's row lock; SQLite serialises the two writes).
        changed = (
            await Member.update(with_member_search(clean, member))
            .where((Member.id == member_id) & (Member.status != MemberStatus.erased))
            .returning(Member.id)
        )
        if not changed:
            raise Conflict(N_("this member was erased; the profile can no longer change"))
        await notify_rectification(member_id, member, clean)  # GDPR art. 19
        if not viewer.owns(member_id):  # someone else's data: who changed it is on the trail
            await record_audit(viewer.account_id, member_id, Action.changed, "member")


MEMBER_COLUMNS = (
    Member.id,
    Member.first_name,
    Member.last_name,
    Member.job_title,
    Member.email,
    Member.phone,
    Member.address,
    Member.organisation,
    Member.organisation.name,
    Member.organisation.kind,
    Member.met_via,
    Member.joined_at,
    Member.status,
    Member.language,
    Member.opt_out_sharing,
    Member.opt_out_listing,
    Member.no_mailings,
    Member.private_email,
    Member.private_address,
)


def _shape(row: dict[str, Any]) -> dict[str, Any]:
    organisation_id = row.pop("organisation")
    name = row.pop("organisation.name")
    kind = row.pop("organisation.kind")
    row["organisation"] = (
        None if organisation_id is None else {"id": organisation_id, "name": name, "kind": kind}
    )
    return row


async def _load(member_id: int) -> dict[str, Any]:
    row = await Member.select(*MEMBER_COLUMNS).where(Member.id == member_id).first()
    if row is None:
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    return _shape(row)


async def get_member(viewer: Principal, member_id: int, *, audited: bool = True) -> dict[str, Any]:
    """Another member's hidden profile answers 404, exactly like one that does not exist.
    `audited=False` where nothing of it is shown (a HEAD, the read that checks an `If-Match`)."""
    member = await _load(member_id)
    if not may_see_member(viewer, member) or (
        not (viewer.is_staff or viewer.owns(member_id)) and await is_restricted(member_id)
    ):
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    shown = member_view(viewer, member)
    if audited:
        await _audit_private_reads(viewer, [shown])
    return shown


async def _audit_private_reads(viewer: Principal, shown: list[dict[str, Any]]) -> None:
    """Only the person and the privacy officer see private e-mail and address; each time the
    officer is shown someone else's, it is audited, as the desk's view of a person is (a search
    that lists ten people with private details audits ten reads)."""
    if not viewer.has_role(Role.privacy_officer):
        return
    for member in shown:
        if not viewer.owns(member["id"]) and any(member.get(f) for f in PRIVATE_FIELDS):
            await record_audit(viewer.account_id, member["id"], Action.viewed, "member")


async def list_members(
    viewer: Principal,
    search: str = "",
    organisation: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    if not can_find_anyone(search):
        return []
    query = Member.select(*MEMBER_COLUMNS).order_by(Member.last_name).order_by(Member.first_name)
    if not viewer.is_staff:
        query = query.where(peers_shown())
    matches = members_with_every_word(search_words(search))
    if matches is not None:
        query = query.where(matches)
    if organisation is not None:
        query = query.where(Member.organisation == organisation)
    rows = await query.limit(limit).offset(offset)
    shown = [member_view(viewer, _shape(row)) for row in rows]
    await _audit_private_reads(viewer, shown)
    return shown
