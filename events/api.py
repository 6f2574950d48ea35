"""/api/events: events, registering oneself, participant lists, calendars and exports."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, delete, get, patch, post
from litestar.params import FromQuery, JSONBody, PathParameter, QueryParameter
from msgspec import UNSET, Meta, Struct, UnsetType

from events import exports, management, registration
from events.check_in import check_in
from events.choices import ListingPolicy, ListVisibility, RegistrationStatus
from events.icalendar import event_ics, load_event
from events.listing import list_events, seat_counts
from events.participants import (
    full_participants,
    in_desk_order,
    participants_for,
    require_organiser,
)
from events.who_to_meet import suggestions
from kring.api.schemas import present
from kring.choices import Role
from kring.errors import Forbidden
from kring.messages import N_
from kring.web.auth import current, requires, signed_in
from kring.web.downloads import answers_file
from kring.web.params import PathId, QueryOffset
from kring.web.templating import language_of

Text200 = Annotated[str, Meta(min_length=1, max_length=200)]
Text300 = Annotated[str, Meta(max_length=300)]
Capacity = Annotated[int, Meta(ge=1, le=100_000)]
EventId = Annotated[int, Meta(ge=1, le=2**31 - 1)]


class EventSummary(msgspec.Struct):
    id: int
    uid: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    venue: str
    address: str
    online_url: str
    capacity: int
    members_only: bool
    status: str
    list_visibility: str
    listing: str
    taken: int
    waitlisted: int


class EventDetail(EventSummary):
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    sequence: int
    my_status: str | None = None
    my_offer_expires_at: datetime | None = None


class EventCreate(Struct, forbid_unknown_fields=True):
    title: Text200
    starts_at: datetime
    ends_at: datetime
    capacity: Capacity
    description: Annotated[str, Meta(max_length=5000)] = ""
    timezone: Annotated[str, Meta(max_length=64)] = "Europe/Brussels"
    venue: Annotated[str, Meta(max_length=200)] = ""
    address: Text300 = ""
    online_url: Annotated[str, Meta(max_length=500)] = ""
    members_only: bool = True
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    list_visibility: ListVisibility = ListVisibility.organisers
    listing: ListingPolicy = ListingPolicy.opt_out


class EventUpdate(Struct, forbid_unknown_fields=True):
    title: Text200 | UnsetType = UNSET
    starts_at: datetime | UnsetType = UNSET
    ends_at: datetime | UnsetType = UNSET
    capacity: Capacity | UnsetType = UNSET
    description: Annotated[str, Meta(max_length=5000)] | UnsetType = UNSET
    timezone: Annotated[str, Meta(max_length=64)] | UnsetType = UNSET
    venue: Annotated[str, Meta(max_length=200)] | UnsetType = UNSET
    address: Text300 | UnsetType = UNSET
    online_url: Annotated[str, Meta(max_length=500)] | UnsetType = UNSET
    members_only: bool | UnsetType = UNSET
    registration_opens_at: datetime | UnsetType | None = UNSET
    registration_closes_at: datetime | UnsetType | None = UNSET
    list_visibility: ListVisibility | UnsetType = UNSET
    listing: ListingPolicy | UnsetType = UNSET


class RegisterRequest(Struct, forbid_unknown_fields=True):
    hide_from_list: bool = False
    listing_consent: bool = False  # the yes an opt-in event needs before listing me


class GuestRequest(Struct, forbid_unknown_fields=True):
    first_name: Annotated[str, Meta(min_length=1, max_length=100)]
    last_name: Annotated[str, Meta(min_length=1, max_length=100)]
    email: Annotated[str, Meta(max_length=254)]
    job_title: Annotated[str, Meta(max_length=150)] = ""
    company: Annotated[str, Meta(max_length=200)] = ""


class RegistrationState(Struct):
    event: int
    status: str | None
    hide_from_list: bool = False
    listing_consent: bool = False
    offer_expires_at: datetime | None = None
    waitlist_position: int | None = None
    """1 is offered the next free seat; None unless waitlisted."""


class RegistrationOut(Struct):
    """One registration as the event's organisers see it (check-in, waitlist order)."""

    id: int
    member_id: int | None
    guest: bool
    first_name: str
    last_name: str
    status: str
    waitlist_position: int | None
    checked_in: bool | None
    """True: attended; False: no-show; None: not checked in (yet)."""


class VisibilityRequest(Struct, forbid_unknown_fields=True):
    """`hidden: false` is also the yes an opt-in event needs."""

    hidden: bool


class AttendanceRequest(Struct, forbid_unknown_fields=True):
    attended: bool


class CheckInRequest(Struct, forbid_unknown_fields=True):
    """Exactly one of `member_id` and `code` (the ticket's `K123-…`, scanned or typed)."""

    member_id: Annotated[int, Meta(ge=1, le=2**31 - 1)] | None = None
    code: Annotated[str, Meta(max_length=40)] | None = None
    attended: bool = True


class ParticipantOut(Struct):
    last_name: str
    first_name: str
    job_title: str
    company: str


class SuggestionOut(Struct):
    participant: ParticipantOut
    challenge: str
    score: float


def _out(person: Any) -> ParticipantOut:
    return ParticipantOut(person.last_name, person.first_name, person.job_title, person.company)


async def event_detail(event_id: int, member_id: int | None) -> EventDetail:
    event = await load_event(event_id)
    event.update((await seat_counts([event_id]))[event_id])
    mine = await registration.my_registration(event_id, member_id)
    event["my_status"] = mine["status"] if mine else None
    event["my_offer_expires_at"] = mine["offer_expires_at"] if mine else None
    return msgspec.convert(event, EventDetail, from_attributes=True, strict=False)


def _file(content: bytes, fmt: exports.Format, name: str) -> Response[bytes]:
    return Response(
        content,
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _member_id(request: Request) -> int:
    viewer = current(request)
    if viewer.member_id is None:
        raise Forbidden(N_("this account has no member profile"))
    return viewer.member_id


@get("/api/events", guards=[signed_in], tags=["events"], summary="Upcoming (or past) events")
async def list_events_api(
    past: FromQuery[bool] = False,
    limit: Annotated[int, QueryParameter(ge=1, le=100)] = 50,
    offset: QueryOffset = 0,
) -> list[EventSummary]:
    rows = await list_events(upcoming=not past, limit=limit, offset=offset)
    return [msgspec.convert(row, EventSummary) for row in rows]


@get("/api/events/{event_id:int}", guards=[signed_in], tags=["events"], summary="One event")
async def get_event_api(request: Request, event_id: PathId) -> EventDetail:
    return await event_detail(event_id, current(request).member_id)


@post("/api/events", guards=[requires(Role.organiser)], tags=["events"], summary="Create an event")
async def create_event_api(request: Request, data: JSONBody[EventCreate]) -> EventDetail:
    event_id = await management.create_event(current(request), msgspec.structs.asdict(data))
    return await event_detail(event_id, None)


@patch(
    "/api/events/{event_id:int}",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="Change an event (its organisers)",
)
async def update_event_api(
    request: Request, event_id: PathId, data: JSONBody[EventUpdate]
) -> EventDetail:
    await management.update_event(current(request), event_id, present(data))
    return await event_detail(event_id, None)


@post(
    "/api/events/{event_id:int}/cancel",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="Cancel an event (its organisers)",
    status_code=200,
)
async def cancel_event_api(request: Request, event_id: PathId) -> EventDetail:
    await management.cancel_event(current(request), event_id)
    return await event_detail(event_id, None)


async def _state(event_id: int, member_id: int) -> RegistrationState:
    await load_event(event_id)  # an event that does not exist is a 404, not "not registered"
    mine = await registration.my_registration(event_id, member_id)
    if mine is None:
        return RegistrationState(event=event_id, status=None)
    return RegistrationState(
        event=event_id,
        status=mine["status"],
        hide_from_list=mine["hide_from_list"],
        listing_consent=mine["listing_consent"],
        offer_expires_at=mine["offer_expires_at"],
        waitlist_position=mine["waitlist_position"],
    )


@post(
    "/api/events/{event_id:int}/registration",
    guards=[signed_in],
    tags=["events"],
    summary="Register myself (confirmed, or waitlisted when full)",
    status_code=201,
)
async def register_api(
    request: Request, event_id: PathId, data: JSONBody[RegisterRequest | None] = None
) -> RegistrationState:
    member_id = _member_id(request)
    data = data or RegisterRequest()
    await registration.register(
        event_id,
        member_id=member_id,
        hide_from_list=data.hide_from_list,
        listing_consent=data.listing_consent,
    )
    return await _state(event_id, member_id)


@get(
    "/api/events/{event_id:int}/registration",
    guards=[signed_in],
    tags=["events"],
    summary="My registration",
)
async def my_registration_api(request: Request, event_id: PathId) -> RegistrationState:
    return await _state(event_id, _member_id(request))


@delete(
    "/api/events/{event_id:int}/registration",
    guards=[signed_in],
    tags=["events"],
    summary="Cancel my registration (a freed seat is offered to the waitlist)",
    status_code=200,
)
async def cancel_registration_api(request: Request, event_id: PathId) -> RegistrationState:
    member_id = _member_id(request)
    await registration.cancel(event_id, member_id)
    return await _state(event_id, member_id)


@post(
    "/api/events/{event_id:int}/registration/accept",
    guards=[signed_in],
    tags=["events"],
    summary="Accept a seat offered to me",
    status_code=200,
)
async def accept_offer_api(request: Request, event_id: PathId) -> RegistrationState:
    member_id = _member_id(request)
    await registration.accept_offer(event_id, member_id)
    return await _state(event_id, member_id)


@post(
    "/api/events/{event_id:int}/registration/visibility",
    guards=[signed_in],
    tags=["events"],
    summary="Hide or show myself on this event's participant list",
    status_code=200,
)
async def visibility_api(
    request: Request, event_id: PathId, data: JSONBody[VisibilityRequest]
) -> RegistrationState:
    member_id = _member_id(request)
    await registration.set_own_visibility(event_id, member_id, data.hidden)
    return await _state(event_id, member_id)


@post(
    "/api/events/{event_id:int}/guests",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="Register a guest (its organisers)",
    status_code=201,
)
async def register_guest_api(
    request: Request, event_id: PathId, data: JSONBody[GuestRequest]
) -> dict[str, str]:
    await require_organiser(current(request), event_id)
    guest = registration.Guest(**msgspec.structs.asdict(data))
    return {"status": await registration.register(event_id, guest=guest)}


@post(
    "/api/events/{event_id:int}/registrations/{registration_id:int}/attendance",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="Check in: attended or no-show (its organisers)",
    status_code=200,
)
async def attendance_api(
    request: Request,
    event_id: PathId,
    registration_id: PathId,
    data: JSONBody[AttendanceRequest],
) -> dict[str, bool]:
    await require_organiser(current(request), event_id)
    await registration.record_attendance(registration_id, event_id, data.attended)
    return {"attended": data.attended}


@get(
    "/api/events/{event_id:int}/registrations",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="Every registration with its id, status and waitlist place (its organisers)",
)
async def registrations_api(request: Request, event_id: PathId) -> list[RegistrationOut]:
    await require_organiser(current(request), event_id)
    return await _registrations(event_id)


@delete(
    "/api/events/{event_id:int}/registrations/{registration_id:int}",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="Cancel someone's registration (its organisers; the person is mailed, a freed seat "
    "goes to the waitlist)",
    status_code=200,
)
async def cancel_for_them_api(
    request: Request, event_id: PathId, registration_id: PathId
) -> dict[str, int | str]:
    await require_organiser(current(request), event_id)
    await registration.cancel_for_them(event_id, registration_id)
    return {"id": registration_id, "status": RegistrationStatus.cancelled.value}


CHECKED_IN = {"attended": True, "no_show": False}


async def _registrations(event_id: int) -> list[RegistrationOut]:
    return [
        RegistrationOut(
            id=p.registration_id,
            member_id=p.member_id,
            guest=p.guest,
            first_name=p.first_name,
            last_name=p.last_name,
            status=p.status,
            waitlist_position=p.waitlist_position,
            checked_in=CHECKED_IN.get(p.status),
        )
        for p in in_desk_order(await full_participants(event_id))
    ]


@post(
    "/api/events/{event_id:int}/check-in",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="Check in by member id or by the ticket's code (its organisers)",
    status_code=200,
)
async def check_in_api(
    request: Request, event_id: PathId, data: JSONBody[CheckInRequest]
) -> RegistrationOut:
    await require_organiser(current(request), event_id)
    registration_id = await check_in(
        event_id, member_id=data.member_id, code=data.code, attended=data.attended
    )
    return next(row for row in await _registrations(event_id) if row.id == registration_id)


@get(
    "/api/events/{event_id:int}/participants",
    guards=[signed_in],
    tags=["events"],
    summary="The shareable participant list (participants and organisers)",
)
async def participants_api(request: Request, event_id: PathId) -> list[ParticipantOut]:
    return [_out(p) for p in await participants_for(current(request), event_id)]


@get(
    "/api/events/{event_id:int}/who-to-meet",
    guards=[signed_in],
    tags=["events"],
    summary="Registered peers whose expertise fits my open challenges",
)
async def who_to_meet_api(request: Request, event_id: PathId) -> list[SuggestionOut]:
    member_id = _member_id(request)
    await load_event(event_id)
    found = await suggestions(event_id, member_id)
    return [SuggestionOut(_out(s.participant), s.challenge, round(s.score, 4)) for s in found]


@get(
    "/api/events/{event_id:int}/ics",
    guards=[signed_in],
    tags=["events"],
    summary="The event as an iCalendar file",
    media_type="text/calendar",
)
async def ics_api(event_id: PathId) -> Response[bytes]:
    return Response(await event_ics(event_id), media_type="text/calendar")


ExportFormat = Annotated[
    str, PathParameter(schema_extra={"enum": [kind.value for kind in exports.Format]})
]
EXPORT_ANSWER = answers_file(*exports.MEDIA_TYPES.values())
EXPORT_FORMATS = "The list as csv (text/csv), xlsx (a spreadsheet), pdf or html (text/html)"


@get(
    "/api/events/{event_id:int}/exports/{fmt:str}",
    guards=[signed_in],
    tags=["events"],
    summary="The shareable participant list as csv, xlsx, pdf or html",
    response_description=EXPORT_FORMATS,
    operation_class=EXPORT_ANSWER,
)
async def export_api(request: Request, event_id: PathId, fmt: ExportFormat) -> Response[bytes]:
    kind = exports.parse_format(fmt)
    content = await exports.shareable_export(current(request), event_id, kind, language_of(request))
    return _file(content, kind, exports.filename(event_id, kind, full=False))


@get(
    "/api/events/{event_id:int}/exports/full/{fmt:str}",
    guards=[requires(Role.organiser)],
    tags=["events"],
    summary="CONFIDENTIAL full list for the event's organisers; every download is logged",
    response_description=EXPORT_FORMATS,
    operation_class=EXPORT_ANSWER,
)
async def full_export_api(request: Request, event_id: PathId, fmt: ExportFormat) -> Response[bytes]:
    kind = exports.parse_format(fmt)
    content = await exports.organiser_export(current(request), event_id, kind, language_of(request))
    return _file(content, kind, exports.filename(event_id, kind, full=True))


ROUTES = [
    list_events_api,
    get_event_api,
    create_event_api,
    update_event_api,
    cancel_event_api,
    register_api,
    my_registration_api,
    registrations_api,
    cancel_for_them_api,
    check_in_api,
    cancel_registration_api,
    accept_offer_api,
    visibility_api,
    register_guest_api,
    attendance_api,
    participants_api,
    who_to_meet_api,
    ics_api,
    export_api,
    full_export_api,
]
