"""Member organisations: creating, changing and finding them, and recognising colleagues."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kring.choices import OrganisationKind
from kring.database import write_transaction
from kring.errors import Conflict, NotFound
from kring.messages import N_
from kring.search import can_find_anyone, every_word_in, search_words, with_organisation_search
from kring.tables import Member, Organisation, OrganisationDomain
from kring.validation import (
    FieldError,
    briefly,
    email_domain,
    normalise_domain,
    normalise_enterprise_number,
    normalise_website,
    require_line,
    require_text,
)

EDITABLE = ("name", "enterprise_number", "kind", "website", "address", "email_domains")


def clean_organisation(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalise the fields given; fields not given are left out."""
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise FieldError(sorted(unknown)[0], N_("is not a field of an organisation"))
    clean: dict[str, Any] = {}
    if "name" in data:
        clean["name"] = require_line(data["name"], "name", 200)
    if "enterprise_number" in data:
        raw = data["enterprise_number"]
        clean["enterprise_number"] = normalise_enterprise_number(raw) if raw else None
    if "kind" in data:
        try:
            clean["kind"] = OrganisationKind(data["kind"])
        except ValueError:
            choices = ", ".join(OrganisationKind)
            raise FieldError(
                "kind",
                N_("%(value)r is not one of %(choices)s"),
                value=briefly(str(data["kind"])),
                choices=choices,
            ) from None
    if "website" in data:
        clean["website"] = normalise_website(require_text(data["website"], "website", 300, False))
    if "address" in data:
        clean["address"] = require_text(data["address"], "address", 300, required=False)
    if "email_domains" in data:
        domains = [normalise_domain(d) for d in data["email_domains"]]
        if len(domains) > 20:
            raise FieldError("email_domains", N_("at most 20 domains per organisation"))
        clean["email_domains"] = list(dict.fromkeys(domains))
    return clean


async def _check_unique(clean: Mapping[str, Any], organisation_id: int | None) -> None:
    others = Organisation.id != organisation_id if organisation_id else None
    number = clean.get("enterprise_number")
    if number:
        query = Organisation.exists().where(Organisation.enterprise_number == number)
        if others is not None:
            query = query.where(others)
        if await query:
            raise Conflict(
                N_("enterprise number %(number)s belongs to another organisation"),
                field="enterprise_number",
                number=number,
            )
    for domain in clean.get("email_domains", []):
        owner = (
            await OrganisationDomain.select(OrganisationDomain.organisation)
            .where(OrganisationDomain.domain == domain)
            .first()
        )
        if owner and owner["organisation"] != organisation_id:
            raise Conflict(
                N_("%(domain)s belongs to another organisation"),
                field="email_domains",
                domain=domain,
            )


async def create_organisation(data: Mapping[str, Any]) -> int:
    clean = clean_organisation(data)
    if "name" not in clean:
        raise FieldError("name", N_("is required"))
    await _check_unique(clean, None)
    domains = clean.pop("email_domains", [])
    async with write_transaction():
        row = Organisation(**with_organisation_search(clean))
        await row.save()
        for domain in domains:
            await OrganisationDomain.insert(OrganisationDomain(organisation=row.id, domain=domain))
    return row.id


async def update_organisation(organisation_id: int, data: Mapping[str, Any]) -> None:
    stored = await get_organisation(organisation_id)
    clean = clean_organisation(data)
    await _check_unique(clean, organisation_id)
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


async def get_organisation(organisation_id: int) -> dict[str, Any]:
    row = await Organisation.select().where(Organisation.id == organisation_id).first()
    if row is None:
        raise NotFound(
            N_("organisation %(organisation_id)s not found"), organisation_id=organisation_id
        )
    row["email_domains"] = await _domains(organisation_id)
    row["member_count"] = await Member.count().where(Member.organisation == organisation_id)
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
