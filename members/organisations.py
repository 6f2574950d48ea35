"""Member organisations: creating, changing and finding them, and recognising colleagues."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kring.choices import OrganisationKind
from kring.database import write_transaction
from kring.errors import Conflict, NotFound
from kring.messages import N_
from kring.principal import Principal
from kring.search import can_find_anyone, every_word_in, search_words, with_organisation_search
from kring.seen import snapshot, without_untouched
from kring.tables import Member, Organisation, OrganisationDomain
from kring.validation import (
    Checks,
    FieldError,
    briefly,
    email_domain,
    normalise_domain,
    normalise_enterprise_number,
    normalise_website,
    require_line,
    require_text,
)
from members.visibility import peers_shown

EDITABLE = ("name", "enterprise_number", "kind", "website", "address", "email_domains")


def clean_organisation(data: Mapping[str, Any], checks: Checks | None = None) -> dict[str, Any]:
    """Validate and normalise the fields given; fields not given are left out. Every refused
    field is reported at once: into `checks` when given (the caller calls `done()`), else
    raised together here. The import cleans one cell at a time."""
    own = Checks() if checks is None else checks
    for name in sorted(set(data) - set(EDITABLE)):
        own.add(FieldError(name, N_("is not a field of an organisation")))
    clean: dict[str, Any] = {}
    if "name" in data:
        with own:
            clean["name"] = require_line(data["name"], "name", 200)
    if "enterprise_number" in data:
        raw = data["enterprise_number"]
        with own:
            clean["enterprise_number"] = normalise_enterprise_number(raw) if raw else None
    if "kind" in data:
        with own:
            clean["kind"] = _kind(data["kind"])
    if "website" in data:
        with own:
            website = require_text(data["website"], "website", 300, False)
            clean["website"] = normalise_website(website)
    if "address" in data:
        with own:
            clean["address"] = require_text(data["address"], "address", 300, required=False)
    if "email_domains" in data:
        domains = []
        for raw in data["email_domains"]:
            with own:  # each domain that is none is named
                domains.append(normalise_domain(raw))
        if len(data["email_domains"]) > 20:
            own.add(FieldError("email_domains", N_("at most 20 domains per organisation")))
        elif not own.refused("email_domains"):
            clean["email_domains"] = list(dict.fromkeys(domains))
    if checks is None:
        own.done()
    return clean


def _kind(raw: Any) -> OrganisationKind:
    try:
        return OrganisationKind(raw)
    except ValueError:
        raise FieldError(
            "kind",
            N_("%(value)r is not one of %(choices)s"),
            value=briefly(str(raw)),
            choices=", ".join(OrganisationKind),
        ) from None


NUMBER_TAKEN = N_("enterprise number %(number)s belongs to another organisation")
DOMAIN_TAKEN = N_("%(domain)s belongs to another organisation")


async def _check_unique(
    clean: Mapping[str, Any], organisation_id: int | None, checks: Checks
) -> None:
    """The enterprise number and the e-mail domains must be no other organisation's: a
    Conflict (409) when that is all that is wrong; beside refused fields (or each other) they
    are named with them, so the form shows every problem at once."""
    taken: list[FieldError] = []
    others = Organisation.id != organisation_id if organisation_id else None
    number = clean.get("enterprise_number")
    if number:
        query = Organisation.exists().where(Organisation.enterprise_number == number)
        if others is not None:
            query = query.where(others)
        if await query:
            taken.append(FieldError("enterprise_number", NUMBER_TAKEN, number=number))
    for domain in clean.get("email_domains", []):
        owner = (
            await OrganisationDomain.select(OrganisationDomain.organisation)
            .where(OrganisationDomain.domain == domain)
            .first()
        )
        if owner and owner["organisation"] != organisation_id:
            taken.append(FieldError("email_domains", DOMAIN_TAKEN, domain=domain))
    if len(taken) == 1 and not checks.errors:
        message = taken[0].template
        raise Conflict(message, field=taken[0].field, **taken[0].params)
    for refusal in taken:
        checks.add(refusal)


async def create_organisation(data: Mapping[str, Any]) -> int:
    """Adds the organisation; every refused field is named at once and nothing is stored."""
    checks = Checks()
    clean = clean_organisation(data, checks)
    if "name" not in data:
        checks.add(FieldError("name", N_("is required")))
    await _check_unique(clean, None, checks)
    checks.done()
    domains = clean.pop("email_domains", [])
    async with write_transaction():
        row = Organisation(**with_organisation_search(clean))
        await row.save()
        for domain in domains:
            await OrganisationDomain.insert(OrganisationDomain(organisation=row.id, domain=domain))
    return row.id


def seen_organisation(organisation: Mapping[str, Any]) -> str:
    """The organisation as its form shows it, for the form's hidden `_seen` field: a save then
    writes only what its organiser changed (`update_organisation`, `kring.seen`)."""
    return snapshot({name: organisation.get(name) for name in EDITABLE})


async def update_organisation(
    organisation_id: int, data: Mapping[str, Any], seen: str | None = None
) -> None:
    """Changes the fields given; every refused field is named at once and nothing changes.
    With `seen` (the form's `_seen`), the fields sent back as the form showed them are left as
    they are now: another organiser may have changed them meanwhile; one changed by both is
    refused (`kring.seen.EditedMeanwhile`)."""
    stored = await get_organisation(organisation_id)
    checks = Checks()
    clean = clean_organisation(data, checks)
    await _check_unique(clean, organisation_id, checks)
    checks.done()
    now = {name: stored.get(name) for name in EDITABLE}
    clean = without_untouched(clean, seen, now)
    domains = clean.pop("email_domains", None)
    async with write_transaction():
        if clean:
            await Organisation.update(with_organisation_search(clean, stored)).where(
                Organisation.id == organisation_id
            )
        if domains is not None:
            await OrganisationDomain.delete().where(
                OrganisationDomain.organisation == organisation_id
            )
            for domain in domains:
                await OrganisationDomain.insert(
                    OrganisationDomain(organisation=organisation_id, domain=domain)
                )


async def get_organisation(organisation_id: int, viewer: Principal | None = None) -> dict[str, Any]:
    """The organisation with its domains and member count; a `viewer` who is no staff counts
    only the peers they may see, as the member list shows them (`peers_shown`): the whole
    count would tell them that someone there hides their name."""
    row = await Organisation.select().where(Organisation.id == organisation_id).first()
    if row is None:
        raise NotFound(
            N_("organisation %(organisation_id)s not found"),
            field="organisation_id",
            organisation_id=organisation_id,
        )
    row["email_domains"] = await _domains(organisation_id)
    counted = Member.count().where(Member.organisation == organisation_id)
    if viewer is not None and not viewer.is_staff:
        counted = counted.where(peers_shown())
    row["member_count"] = await counted
    return row


async def _domains(organisation_id: int) -> list[str]:
    rows = (
        await OrganisationDomain.select(OrganisationDomain.domain)
        .where(OrganisationDomain.organisation == organisation_id)
        .order_by(OrganisationDomain.domain)
    )
    return [row["domain"] for row in rows]


async def list_organisations(search: str = "", limit: int = 50, offset: int = 0) -> list[dict]:
    """Organisations whose name or number holds every word searched; none for a search that
    can find nothing (`%`, `-`), as the member search answers it."""
    if not can_find_anyone(search):
        return []
    query = Organisation.select(
        Organisation.id, Organisation.name, Organisation.kind, Organisation.enterprise_number
    ).order_by(Organisation.name)
    matches = every_word_in(search_words(search), (Organisation.search_name,))
    if matches is not None:
        query = query.where(matches)
    return await query.limit(limit).offset(offset)


async def organisation_for_email(email: str) -> int | None:
    """Colleagues are recognised by the domain of their business e-mail."""
    row = (
        await OrganisationDomain.select(OrganisationDomain.organisation)
        .where(OrganisationDomain.domain == email_domain(email))
        .first()
    )
    return None if row is None else row["organisation"]
