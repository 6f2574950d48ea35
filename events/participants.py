"""Who appears on an event's participant list: decided here, and only here.

Every shareable output (page, print, PDF, CSV, XLSX, API, who-to-meet) gets its people from
`shareable_participants`, and every viewer passes `may_see_list`. A person is left out when any
of these holds, and each always wins: the member-wide opt-out of listings, their own "hide me"
for this event, no yes on an opt-in event, the organiser's hide flag, an erased member, a
restricted member (GDPR art. 18), or a registration that is not confirmed or attended. A listed
member's job title and organisation are left blank when they chose to hide them; the name
always shows.

Who sees the list is the event's `list_visibility`: its organisers only (the default), also its
participants holding a seat, or every signed-in account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from events.choices import LISTABLE, ListingPolicy, ListVisibility, RegistrationStatus
from events.registration import waitlist_positions
from events.tables import Event, EventOrganiser, Registration
from kring.choices import MemberStatus, Role
from kring.errors import Forbidden, NotFound
from kring.messages import N_
from kring.principal import Principal
from privacy.listing import listed_details, member_may_be_listed, unlisted_by_restriction


@dataclass(frozen=True, slots=True)
class Participant:
    """What a shareable list shows of a person; `member_id` is for matching, never shown."""

    last_name: str
    first_name: str
    job_title: str
    company: str
    member_id: int | None = None


@dataclass(frozen=True, slots=True)
class FullParticipant:
    """One line of the organisers' confidential export (badges, catering)."""

    registration_id: int
    last_name: str
    first_name: str
    job_title: str
    company: str
    email: str
    status: str
    guest: bool
    hidden_from_list: bool
    organiser_hidden: bool = False
    hidden_by_member: bool = False
    member_id: int | None = None
    waitlist_position: int | None = None


_MEMBER = Registration.member
_COLUMNS = (
    Registration.id,
    Registration.member,
    Registration.status,
    Registration.hide_from_list,
    Registration.organiser_hidden,
    Registration.listing_consent,
    Registration.event.listing.as_alias("e_listing"),
    Registration.guest_first_name,
    Registration.guest_last_name,
    Registration.guest_job_title,
    Registration.guest_company,
    Registration.guest_email,
    _MEMBER.first_name.as_alias("m_first_name"),
    _MEMBER.last_name.as_alias("m_last_name"),
    _MEMBER.job_title.as_alias("m_job_title"),
    _MEMBER.email.as_alias("m_email"),
    _MEMBER.status.as_alias("m_status"),
    _MEMBER.opt_out_listing.as_alias("m_opt_out_listing"),
    _MEMBER.hide_job_title_on_lists.as_alias("m_hide_job_title"),
    _MEMBER.hide_company_on_lists.as_alias("m_hide_company"),
    _MEMBER.organisation.name.as_alias("m_company"),
)


def _person(row: dict[str, Any]) -> tuple[str, str, str, str]:
    if row["member"] is not None:
        return (row["m_last_name"], row["m_first_name"], row["m_job_title"], row["m_company"] or "")
    return (
        row["guest_last_name"],
        row["guest_first_name"],
        row["guest_job_title"],
        row["guest_company"],
    )


def may_be_listed(row: dict[str, Any]) -> bool:
    """The rule itself, on one joined registration row."""
    if row["status"] not in LISTABLE or row["hide_from_list"] or row["organiser_hidden"]:
        return False
    if row["e_listing"] == ListingPolicy.opt_in and not row["listing_consent"]:
        return False
    if row["member"] is None:
        # A guest; an erased member's row is anonymised to a nameless one and never listed.
        return bool(row["guest_last_name"] or row["guest_first_name"])
    return member_may_be_listed(row["m_status"], row["m_opt_out_listing"])


def listed_person(row: dict[str, Any]) -> Participant:
    """What the list shows of a listed row: a member's hidden fields are left blank."""
    last_name, first_name, job_title, company = _person(row)
    if row["member"] is not None:
        job_title, company = listed_details(
            job_title,
            company,
            hide_job_title=row["m_hide_job_title"],
            hide_company=row["m_hide_company"],
        )
    return Participant(last_name, first_name, job_title, company, member_id=row["member"])


def _sort_key(person: Participant | FullParticipant) -> tuple[str, str]:
    return (person.last_name.casefold(), person.first_name.casefold())


async def shareable_participants(event_id: int) -> list[Participant]:
    """The people anyone allowed to see this event's list may see, sorted by name."""
    rows = await Registration.select(*_COLUMNS).where(
        (Registration.event == event_id)
        & Registration.status.is_in(list(LISTABLE))
        & Registration.hide_from_list.eq(False)
        & Registration.organiser_hidden.eq(False)
    )
    restricted = await unlisted_by_restriction(row["member"] for row in rows)  # GDPR art. 18
    people = [
        listed_person(row) for row in rows if may_be_listed(row) and row["member"] not in restricted
    ]
    people.sort(key=_sort_key)
    return people


async def full_participants(event_id: int) -> list[FullParticipant]:
    """Everyone holding or waiting for a seat, hidden or not: only for the event's organisers."""
    rows = await Registration.select(*_COLUMNS).where(
        (Registration.event == event_id) & (Registration.status != RegistrationStatus.cancelled)
    )
    waiting = await waitlist_positions(event_id)
    people = [
        FullParticipant(
            registration_id=row["id"],
            last_name=_person(row)[0],
            first_name=_person(row)[1],
            job_title=_person(row)[2],
            company=_person(row)[3],
            email=(row["m_email"] if row["member"] is not None else row["guest_email"]) or "",
            status=row["status"],
            guest=row["member"] is None,
            hidden_from_list=not may_be_listed(row) and row["status"] in LISTABLE,
            organiser_hidden=row["organiser_hidden"],
            hidden_by_member=row["hide_from_list"]
            or bool(row["m_opt_out_listing"])
            or (row["e_listing"] == ListingPolicy.opt_in and not row["listing_consent"]),
            member_id=row["member"],
            waitlist_position=waiting.get(row["id"]),
        )
        for row in rows
        if row["member"] is None or row["m_status"] != MemberStatus.erased
    ]
    people.sort(key=_sort_key)
    return people


async def registration_name(event_id: int, registration_id: int) -> str:
    """The name on one registration of this event, whatever its status, for the organisers'
    desk to say whom an action concerned; empty when it is not this event's or the member
    was erased."""
    row = (
        await Registration.select(*_COLUMNS)
        .where((Registration.id == registration_id) & (Registration.event == event_id))
        .first()
    )
    if row is None or (row["member"] is not None and row["m_status"] == MemberStatus.erased):
        return ""
    last_name, first_name, _job_title, _company = _person(row)
    return f"{first_name} {last_name}".strip()


def in_desk_order(people: list[FullParticipant]) -> list[FullParticipant]:
    """The registration desk's order: everyone with a seat by name, then the waitlist in line."""
    return sorted(people, key=lambda p: p.waitlist_position or 0)


async def event_exists(event_id: int) -> None:
    if not await Event.exists().where(Event.id == event_id):
        raise NotFound(N_("no event %(event_id)s"), field="event_id", event_id=event_id)


async def organises(viewer: Principal, event_id: int) -> bool:
    """Admins, and the staff accounts listed as this event's organisers."""
    if viewer.role == Role.admin:
        return True
    return await EventOrganiser.exists().where(
        (EventOrganiser.event == event_id) & (EventOrganiser.account == viewer.account_id)
    )


async def list_visibility(event_id: int) -> ListVisibility:
    event = await Event.select(Event.list_visibility).where(Event.id == event_id).first()
    return ListVisibility(event["list_visibility"]) if event else ListVisibility.organisers


async def shown_to_participants(event_id: int) -> bool:
    """Whether the event's participants see its list, and so may get who-to-meet suggestions."""
    return await list_visibility(event_id) != ListVisibility.organisers


async def may_see_list(viewer: Principal, event_id: int) -> bool:
    """The event's organisers always; its participants holding a seat, or every signed-in
    account, when the organiser chose so. The organiser role alone is not enough: staff see
    participant data only of their own events."""
    if await organises(viewer, event_id):
        return True
    visibility = await list_visibility(event_id)
    if visibility == ListVisibility.public:
        return True
    if visibility != ListVisibility.participants or viewer.member_id is None:
        return False
    return await Registration.exists().where(
        (Registration.event == event_id)
        & (Registration.member == viewer.member_id)
        & Registration.status.is_in(list(LISTABLE))
    )


async def lists_open_to(viewer: Principal) -> Any:
    """A condition on ``Event`` true where ``may_see_list`` is, for a whole list of events at
    once (a choice of events offers only those the viewer may use)."""
    if viewer.role == Role.admin:
        return Event.id.is_not_null()
    organised = await EventOrganiser.select(EventOrganiser.event).where(
        EventOrganiser.account == viewer.account_id
    )
    seated: list[dict[str, Any]] = []
    if viewer.member_id is not None:
        seated = await Registration.select(Registration.event).where(
            (Registration.member == viewer.member_id) & Registration.status.is_in(list(LISTABLE))
        )
    condition = Event.list_visibility == ListVisibility.public
    if organised:
        condition = condition | Event.id.is_in([row["event"] for row in organised])
    if seated:
        condition = condition | (
            (Event.list_visibility == ListVisibility.participants)
            & Event.id.is_in([row["event"] for row in seated])
        )
    return condition


async def participants_for(viewer: Principal, event_id: int) -> list[Participant]:
    """The shareable list, after checking the viewer may see it (403 otherwise)."""
    await event_exists(event_id)
    if not await may_see_list(viewer, event_id):
        raise Forbidden(
            N_("the organiser of this event does not share its participant list with you")
        )
    return await shareable_participants(event_id)


async def require_organiser(viewer: Principal, event_id: int) -> None:
    await event_exists(event_id)
    if not await organises(viewer, event_id):
        raise Forbidden(N_("only this event's organisers and admins may do this"))
