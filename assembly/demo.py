"""Loading the generated demo network into the database, validated by the same rules as the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from piccolo.engine import engine_finder
from rich.progress import Progress

from assembly.demo_awards import load_awards
from assembly.demo_data import DEMO_PASSWORD, DemoNetwork, generate
from assembly.demo_library import load_library
from assembly.demo_mailings import load_mailings
from assembly.demo_projects import load_projects
from events.choices import ListVisibility, RegistrationStatus
from events.tables import Event, EventOrganiser, Registration
from kring.choices import Role
from kring.credentials import hash_password
from kring.schema import delete_all_rows
from kring.search import with_member_search, with_organisation_search
from kring.tables import (
    Account,
    Activity,
    Challenge,
    Expertise,
    Interaction,
    Member,
    Organisation,
    OrganisationDomain,
)
from members.organisations import clean_organisation
from members.profiles import clean_member
from privacy.consents import Purpose
from privacy.opt_outs import Channel, OptOut
from privacy.tables import Consent, LoginMonth, OptOutEvent


class DemoAlreadyLoaded(RuntimeError):
    """The database already holds the demo (or other) members; loading twice would duplicate."""


@dataclass(frozen=True)
class DemoReport:
    organisations: int
    members: int
    challenges: int
    expertise: int
    interactions: int
    events: int
    registrations: int
    logins: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        lines = [
            f"Loaded {self.organisations} organisations, {self.members} members, "
            f"{self.challenges} challenges, {self.expertise} expertise records, "
            f"{self.interactions} interactions, {self.events} events with "
            f"{self.registrations} registrations.",
            f"Demo logins (password: {DEMO_PASSWORD}):",
        ]
        lines += [f"  {role:<16} {email}" for email, role in self.logins]
        return "\n".join(lines)


async def wipe() -> None:
    await delete_all_rows()


async def load_demo(seed: int = 2026, network: DemoNetwork | None = None) -> DemoReport:
    """Insert the whole network in one transaction: it is there completely or not at all."""
    if await Member.count() > 0:
        raise DemoAlreadyLoaded("the database already has members")
    network = network or generate(seed)
    engine = engine_finder()
    assert engine is not None
    with Progress(transient=True) as progress:
        task = progress.add_task("Loading the demo network", total=8)
        async with engine.transaction():
            organisation_ids = await _organisations(network)
            progress.advance(task)
            member_ids = await _members(network, organisation_ids)
            progress.advance(task)
            await _opt_outs(network, member_ids)
            progress.advance(task)
            account_ids = await _accounts(network, member_ids)
            progress.advance(task)
            for table, records in ((Challenge, network.challenges), (Expertise, network.expertise)):
                await table.insert(
                    *[
                        table(
                            member=member_ids[r.member],
                            title=r.title,
                            body=r.body,
                            tags=list(r.tags),
                            language=r.language,
                            status=r.status,
                        )
                        for r in records
                    ]
                )
                progress.advance(task)
            await Interaction.insert(
                *[
                    Interaction(
                        member=member_ids[i.member],
                        kind=i.kind,
                        occurred_on=i.occurred_on,
                        note=i.note,
                        staff=account_ids[i.staff],
                    )
                    for i in network.interactions
                ]
            )
            progress.advance(task)
            await _events(network, member_ids, account_ids)
            await load_awards(network, member_ids, organisation_ids, account_ids)
            await load_projects(network, member_ids)
            await load_library(network, member_ids, account_ids)
            organiser = next(i for i, a in enumerate(network.accounts) if a.role == Role.organiser)
            await load_mailings(account_ids[organiser], network.accounts[organiser].email)
            await _processors()
            progress.advance(task)
    return DemoReport(
        organisations=len(organisation_ids),
        members=len(member_ids),
        challenges=len(network.challenges),
        expertise=len(network.expertise),
        interactions=len(network.interactions),
        events=len(network.events),
        registrations=len(network.registrations),
        logins=tuple((a.email, a.role.value) for a in network.accounts),
    )


async def _organisations(network: DemoNetwork) -> list[int]:
    ids = []
    for demo in network.organisations:
        clean = clean_organisation(
            {
                "name": demo.name,
                "enterprise_number": demo.enterprise_number,
                "kind": demo.kind,
                "website": demo.website,
                "address": demo.address,
                "email_domains": list(demo.email_domains),
            }
        )
        domains = clean.pop("email_domains")
        row = Organisation(**with_organisation_search(clean))
        await row.save()
        await OrganisationDomain.insert(
            *[OrganisationDomain(organisation=row.id, domain=domain) for domain in domains]
        )
        ids.append(row.id)
    return ids


async def _members(network: DemoNetwork, organisation_ids: list[int]) -> list[int]:
    rows = []
    for demo in network.members:
        clean = clean_member(
            {
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "job_title": demo.job_title,
                "email": demo.email,
                "phone": demo.phone,
                "address": demo.address,
                "met_via": demo.met_via,
                "joined_at": demo.joined_at,
                "status": demo.status,
                "language": demo.language,
            }
        )
        clean["organisation"] = organisation_ids[demo.organisation]
        rows.append(Member(**with_member_search(clean)))
    inserted = await Member.insert(*rows).returning(Member.id)
    return [row["id"] for row in inserted]


async def _opt_outs(network: DemoNetwork, member_ids: list[int]) -> None:
    """Opt-outs go in with their history, as if each member had asked by e-mail."""
    events = []
    for demo, member_id in zip(network.members, member_ids, strict=True):
        wishes = {
            OptOut.sharing: demo.opt_out_sharing,
            OptOut.listing: demo.opt_out_listing,
            OptOut.mailings: demo.no_mailings,
        }
        for kind, active in wishes.items():
            if active:
                events.append(
                    OptOutEvent(member=member_id, kind=kind, active=True, channel=Channel.demo)
                )
        if any(wishes.values()):
            await Member.update(
                {
                    Member.opt_out_sharing: demo.opt_out_sharing,
                    Member.opt_out_listing: demo.opt_out_listing,
                    Member.no_mailings: demo.no_mailings,
                }
            ).where(Member.id == member_id)
    if events:
        await OptOutEvent.insert(*events)


async def _accounts(network: DemoNetwork, member_ids: list[int]) -> list[int]:
    password_hash = hash_password(DEMO_PASSWORD)
    rows = [
        Account(
            email=demo.email,
            password_hash=password_hash,
            role=demo.role,
            member=None if demo.member is None else member_ids[demo.member],
            display_name=demo.display_name,
        )
        for demo in network.accounts
    ]
    inserted = await Account.insert(*rows).returning(Account.id)
    if network.login_months:
        await LoginMonth.insert(
            *[LoginMonth(member=member_ids[m], month=month) for m, month in network.login_months]
        )
    # Every member with a login confirmed being an adult, as account creation requires.
    await Consent.insert(
        *[
            Consent(member=row.member, purpose=Purpose.adult, channel=Channel.demo)
            for row in rows
            if row.member is not None
        ]
    )
    return [row["id"] for row in inserted]


BRUSSELS = ZoneInfo("Europe/Brussels")


async def _processors() -> None:
    """The mail relay, registered with its signed agreement: without it no mail may leave. In
    Dutch, as the demo's privacy officer would type it on the desk's processors page."""
    from privacy.processors import add_processor
    from privacy.tables import Processor

    if await Processor.exists().where(Processor.key == "smtp"):
        return  # registered by the officer already
    await add_processor(
        "Mailrelais (demo)",
        "uitgaande mail: introducties, herinneringen, wie je kunt ontmoeten",
        "naam, e-mailadres, taal",
        date(2024, 3, 1),
        key="smtp",
    )


def _utc(local: datetime) -> datetime:
    return local.replace(tzinfo=BRUSSELS).astimezone(UTC)


async def _events(network: DemoNetwork, member_ids: list[int], account_ids: list[int]) -> None:
    """Events with their registrations; attendance of past events becomes activity history."""
    organiser = next(
        account_id
        for demo, account_id in zip(network.accounts, account_ids, strict=True)
        if demo.role == Role.organiser
    )
    inserted = await Event.insert(
        *[
            Event(
                title=e.title,
                description=e.description,
                starts_at=_utc(e.starts_at),
                ends_at=_utc(e.ends_at),
                venue=e.venue,
                address=e.address,
                online_url=e.online_url,
                capacity=e.capacity,
                members_only=e.members_only,
                registration_closes_at=_utc(e.starts_at),
                # Members-only meetings share their list with the participants; open events
                # keep the private default (organisers only).
                list_visibility=(
                    ListVisibility.participants if e.members_only else ListVisibility.organisers
                ),
            )
            for e in network.events
        ]
    ).returning(Event.id)
    event_ids = [row["id"] for row in inserted]
    await EventOrganiser.insert(
        *[EventOrganiser(event=event_id, account=organiser) for event_id in event_ids]
    )
    await Registration.insert(
        *[
            Registration(
                event=event_ids[r.event],
                member=member_ids[r.member],
                status=RegistrationStatus(r.status),
                hide_from_list=r.hide_from_list,
                registered_at=_utc(r.registered_at),
            )
            for r in network.registrations
        ]
    )
    attended = [r for r in network.registrations if r.status == RegistrationStatus.attended]
    if attended:
        await Activity.insert(
            *[
                Activity(
                    member=member_ids[r.member],
                    title=network.events[r.event].title,
                    occurred_on=network.events[r.event].starts_at.date(),
                    source="event",
                )
                for r in attended
            ]
        )
