"""Event pages: the list, an event with its buttons, participant lists, organisers' pages."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from events import exports, feeds, guest_address, management, registration, undelivered
from events.check_in import check_in_at_the_door, check_in_code, ticket_svg
from events.choices import EventStatus, ListingPolicy, ListVisibility, RegistrationStatus
from events.icalendar import event_ics_download, load_event
from events.listing import list_events, own_registrations, seat_counts
from events.participants import (
    full_participants,
    in_desk_order,
    may_see_list,
    organises,
    participants_for,
    registration_name,
    require_organiser,
)
from events.who_to_meet import suggestions
from kring.choices import Role
from kring.clock import utc_now
from kring.errors import Conflict, DomainError, NotFound
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.pages.password_asked import PasswordRefused, ask_password
from kring.queries import page as paged
from kring.seen import again, sent, shown
from kring.settings import get_settings
from kring.validation import FieldError, briefly, only_digits
from kring.vocabulary import N_
from kring.web.auth import current, member_profile, public, requires, signed_in
from kring.web.flash_names import named_flash
from kring.web.params import MAX_ID, PathId
from kring.web.templating import language_of, page
from kring.web.uploads import content_disposition

FORM_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "timezone",
    "venue",
    "address",
    "online_url",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "list_visibility",
    "listing",
)
organiser_only = requires(Role.organiser)


def local_input(value: datetime | None, zone: str) -> str:
    """A stored UTC time as a datetime-local input value in the event's zone."""
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M") if value else ""


PAST_PAGE = 20
UPCOMING_PAGE = 50


@get("/events", guards=[signed_in], name="events")
async def events(
    request: Request, offset: FromQuery[int] = 0, upcoming_offset: FromQuery[int] = 0
) -> Template:
    """The coming events (`upcoming_offset`, soonest first) and the past ones (`offset`, newest
    first) a page at a time, each list with links to its next and previous page that keep the
    other list's page, so that every event is reached by links. Organisers also see the
    cancelled events, marked, so they find again what they cancelled."""
    cancelled_too = current(request).has_role(Role.organiser)
    soon_limit, upcoming_offset = paged(UPCOMING_PAGE, upcoming_offset)
    upcoming = await list_events(
        upcoming=True, limit=soon_limit + 1, offset=upcoming_offset, cancelled_too=cancelled_too
    )
    limit, offset = paged(PAST_PAGE, offset)
    past = await list_events(
        upcoming=False, limit=limit + 1, offset=offset, cancelled_too=cancelled_too
    )
    shown = [*upcoming[:soon_limit], *past[:limit]]
    mine = await own_registrations(current(request).member_id, [e["id"] for e in shown])
    return page(
        request,
        "events.html",
        mine=mine,
        upcoming=upcoming[:soon_limit],
        later=len(upcoming) > soon_limit,
        upcoming_offset=upcoming_offset,
        upcoming_page_size=soon_limit,
        past=past[:limit],
        offset=offset,
        older=len(past) > limit,
        page_size=limit,
    )


def _event_id(ref: str) -> tuple[int, bool]:
    """The number of /events/7 or /events/7.ics, written one way only: `07` or `+7` is no
    second address of event 7 (`kring.web.path_ids` does the same for int parameters)."""
    number, dot, suffix = ref.partition(".")
    if (
        not only_digits(number)
        or number.startswith("0")
        or len(number) > len(str(MAX_ID))
        or (dot and suffix != "ics")
        or int(number) > MAX_ID
    ):
        raise NotFound(N_("no event %(ref)s"), ref=ref)
    return int(number), bool(dot)


@get("/events/{ref:str}", guards=[signed_in], name="event")
async def event_page(request: Request, ref: FromPath[str]) -> Template | Response[bytes]:
    """An event (/events/7) or its calendar file (/events/7.ics)."""
    event_id, ics = _event_id(ref)
    if ics:
        content, filename = await event_ics_download(event_id)
        return Response(
            content,
            media_type="text/calendar",
            headers={"Content-Disposition": content_disposition(filename)},
        )
    viewer = current(request)
    event = await load_event(event_id)
    event.update((await seat_counts([event_id]))[event_id])
    mine = await registration.my_registration(event_id, viewer.member_id)
    listed = mine is not None and mine["status"] in ("confirmed", "attended")
    ticket = None
    over = event["ends_at"] <= utc_now()
    if mine is not None and mine["status"] == RegistrationStatus.confirmed and not over:
        code = check_in_code(event_id, mine["id"])
        ticket = {"code": code, "svg": ticket_svg(code)}
    return page(
        request,
        "events/detail.html",
        event=event,
        mine=mine,
        is_organiser=await organises(viewer, event_id),
        may_see_list=await may_see_list(viewer, event_id),
        suggestions=await suggestions(event_id, viewer.member_id) if listed else [],
        ticket=ticket,
        window=registration.registration_window(event, utc_now()),
        no_address=not over and await undelivered.without_address(viewer.member_id),
    )


async def _already(event_id: int, member_id: int, *states: RegistrationStatus) -> str | None:
    """The member's status when it is one of `states`: the form was sent twice (a double
    click, or sent again after going back), and the first one did what it asks."""
    mine = await registration.my_registration(event_id, member_id)
    return mine["status"] if mine and mine["status"] in states else None


@post("/events/{event_id:int}/register", guards=[member_profile])
async def register_page(request: Request, event_id: PathId) -> Redirect:
    data = await form_data(request)
    member_id = current(request).member_id
    assert member_id is not None
    try:
        status = await registration.register(
            event_id,
            member_id=member_id,
            hide_from_list=_ticked(data, "hide"),
            listing_consent=_ticked(data, "list_me"),
        )
    except Conflict as refused:
        sent_twice = RegistrationStatus.confirmed, RegistrationStatus.waitlisted
        if refused.template != registration.ALREADY_REGISTERED or not (
            status := await _already(event_id, member_id, *sent_twice)
        ):
            raise
    unmailed = await undelivered.without_address(member_id)
    if status == RegistrationStatus.waitlisted:
        return see_other(
            f"/events/{event_id}",
            WAITLISTED_UNMAILED
            if unmailed
            else N_("The event is full: you are on the waiting list."),
            refused=True,
        )
    return see_other(
        f"/events/{event_id}", REGISTERED_UNMAILED if unmailed else N_("You are registered.")
    )


REGISTERED_UNMAILED = N_(
    "You are registered. We cannot e-mail you the confirmation or the calendar file: no "
    "business e-mail address of yours is on record (see below)."
)
WAITLISTED_UNMAILED = N_(
    "The event is full: you are on the waiting list. We cannot e-mail you when a seat comes "
    "free: no business e-mail address of yours is on record (see below)."
)


@post("/events/{event_id:int}/cancel", guards=[member_profile])
async def cancel_page(request: Request, event_id: PathId) -> Redirect:
    member_id = current(request).member_id
    assert member_id is not None
    try:
        await registration.cancel(event_id, member_id)
    except NotFound:
        if await _already(event_id, member_id, RegistrationStatus.cancelled) is None:
            raise
    return see_other(f"/events/{event_id}", N_("Your registration was cancelled."))


@post("/events/{event_id:int}/accept", guards=[member_profile])
async def accept_page(request: Request, event_id: PathId) -> Redirect:
    member_id = current(request).member_id
    assert member_id is not None
    try:
        await registration.accept_offer(event_id, member_id)
    except Conflict:
        if await _already(event_id, member_id, RegistrationStatus.confirmed) is None:
            raise
    return see_other(f"/events/{event_id}", N_("The seat is yours."))


NEVER_LISTED = N_("You asked never to be on participant lists, so you are not on this one either.")
"""Said where the member-wide opt-out wins over the event's own choice (events/detail.html too)."""
LISTED_AGAIN = N_("You are on the participant list again.")


@post("/events/{event_id:int}/visibility", guards=[member_profile])
async def visibility_page(request: Request, event_id: PathId) -> Redirect:
    data = await form_data(request)
    member_id = current(request).member_id
    assert member_id is not None
    hidden = _switch(data, "hidden")
    await registration.set_own_visibility(event_id, member_id, hidden)
    mine = await registration.my_registration(event_id, member_id)
    if mine is not None and mine["never_listed"]:
        said = NEVER_LISTED
    else:
        said = N_("You are no longer on the participant list.") if hidden else LISTED_AGAIN
    return see_other(f"/events/{event_id}", said)


@get("/events/{event_id:int}/participants", guards=[signed_in])
async def participants_page(request: Request, event_id: PathId) -> Template:
    people = await participants_for(current(request), event_id)
    event = await load_event(event_id)
    return page(request, "events/participants.html", event=event, people=people, printable=False)


@get("/events/{event_id:int}/participants/print", guards=[signed_in])
async def print_page(request: Request, event_id: PathId) -> Template:
    people = await participants_for(current(request), event_id)
    event = await load_event(event_id)
    return page(request, "events/participants.html", event=event, people=people, printable=True)


def _download(content: bytes, fmt: exports.Format, name: str) -> Response[bytes]:
    return Response(
        content,
        media_type=exports.MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@get("/events/{event_id:int}/export/{fmt:str}", guards=[signed_in])
async def export_page(request: Request, event_id: PathId, fmt: FromPath[str]) -> Response:
    kind = exports.parse_format(fmt)
    content = await exports.shareable_export(current(request), event_id, kind, language_of(request))
    return _download(content, kind, exports.filename(event_id, kind, full=False))


@get("/events/{event_id:int}/export/full/{fmt:str}", guards=[organiser_only])
async def full_export_page(request: Request, event_id: PathId, fmt: FromPath[str]) -> Response:
    kind = exports.parse_format(fmt)
    content = await exports.organiser_export(current(request), event_id, kind, language_of(request))
    return _download(content, kind, exports.filename(event_id, kind, full=True))


def _form_values(event: dict[str, Any]) -> dict[str, Any]:
    zone = event.get("timezone", "Europe/Brussels")
    values = {field: event.get(field, "") for field in FORM_FIELDS}
    for field in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
        if isinstance(event.get(field), datetime):
            values[field] = local_input(event[field], zone)
    values["members_only"] = event.get("members_only", True)
    return values


def _submitted(data: dict[str, Any]) -> dict[str, Any]:
    values = {field: str(data.get(field, "")) for field in FORM_FIELDS}
    values["timezone"] = values["timezone"] or "Europe/Brussels"
    # A form without the choices keeps the private defaults.
    values["list_visibility"] = values["list_visibility"] or ListVisibility.organisers
    values["listing"] = values["listing"] or ListingPolicy.opt_out
    values["members_only"] = data.get("members_only") == "1"
    return values


@get("/events/new", guards=[organiser_only])
async def new_event_page(request: Request) -> Template:
    draft = _form_values(
        {
            "timezone": "Europe/Brussels",
            "capacity": 30,
            "list_visibility": ListVisibility.organisers,
            "listing": ListingPolicy.opt_out,
        }
    )
    return page(request, "events/form.html", event=None, draft=draft, error=None)


@post("/events/new", guards=[organiser_only], opt=KEEPS_TYPED)
async def create_event_page(request: Request) -> Template | Redirect:
    draft: dict[str, Any] = {}
    try:
        draft = _submitted(await form_data(request))
        event_id = await management.create_event(current(request), draft)
    except FieldError as error:
        draft = _submitted(error.data) if isinstance(error, RefusedForm) else draft
        return page(
            request, "events/form.html", status_code=400, event=None, draft=draft, error=error
        )
    return see_other(f"/events/{event_id}", N_("The event was created."))


@get("/events/{event_id:int}/edit", guards=[organiser_only])
async def edit_event_page(request: Request, event_id: PathId) -> Template:
    await require_organiser(current(request), event_id)
    event = await load_event(event_id)
    seen = await management.seen_event(event_id)
    return page(
        request, "events/form.html", event=event, draft=_form_values(event), error=None, seen=seen
    )


@post("/events/{event_id:int}/edit", guards=[organiser_only], opt=KEEPS_TYPED)
async def update_event_page(request: Request, event_id: PathId) -> Template | Redirect:
    """The form carries the event as it showed it (`_seen`): a refused form keeps it, so its
    next save still writes only what its organiser changed."""
    draft: dict[str, Any] = {}
    seen: str | None = None
    try:
        data = await form_data(request)
        seen = sent(data)
        draft = _submitted(data)
        await management.update_event(current(request), event_id, draft, seen)
    except (FieldError, Conflict) as error:
        if isinstance(error, RefusedForm):
            draft = _submitted(error.data)
            seen = sent(error.data)
        event = await load_event(event_id)
        status, seen = again(error, seen)
        return page(
            request,
            "events/form.html",
            status_code=status,
            event=event,
            draft=draft,
            error=error,
            seen=seen or await management.seen_event(event_id),
            theirs=_form_values(event),
        )
    return see_other(f"/events/{event_id}", N_("The event was saved."))


@post("/events/{event_id:int}/cancel-event", guards=[organiser_only])
async def cancel_event_page(request: Request, event_id: PathId) -> Redirect:
    await management.cancel_event(current(request), event_id)
    return see_other(f"/events/{event_id}", N_("The event was cancelled."))


@get("/events/{event_id:int}/registrations", guards=[organiser_only])
async def registrations_page(request: Request, event_id: PathId) -> Template:
    await require_organiser(current(request), event_id)
    return await _registrations(request, event_id)


async def _registrations(
    request: Request, event_id: int, status_code: int = 200, **extra: Any
) -> Template:
    event = await load_event(event_id)
    people = in_desk_order(await full_participants(event_id))
    now = utc_now()
    return page(
        request,
        "events/registrations.html",
        status_code,
        event=event,
        people=people,
        cancelled=event["status"] == EventStatus.cancelled,
        check_in_from=registration.check_in_opens(event),
        check_in_open=now >= registration.check_in_opens(event),
        started=now >= event["starts_at"],
        over=now >= event["ends_at"],
        mails_not_delivered=await undelivered.event_panel(current(request), event_id),
        **({"guest": {}} | await _desk_flash(request, event_id) | extra),
    )


ABOUT = "registration"
"""The message parameter that names a registration by its number: the desk's messages say
whom they concern, and the name is looked up here, by the event's organisers' page, rather
than carried in the message cookie (which travels with every request and lingers)."""


def _about(registration_id: int) -> dict[str, str]:
    return {ABOUT: str(registration_id)}


OFFERED = "offered"
"""The message parameter that names, by its number, the registration a freed seat was offered to."""


async def _desk_flash(request: Request, event_id: int) -> dict[str, Any]:
    """The waiting message with the names of the registrations it is about put in."""
    name = partial(registration_name, event_id)
    return await named_flash(request, {ABOUT: ("name", name), OFFERED: ("offered", name)})


@post(
    "/events/{event_id:int}/registrations/{registration_id:int}/attendance",
    guards=[organiser_only],
)
async def attendance_page(
    request: Request, event_id: PathId, registration_id: PathId
) -> Template | Redirect:
    """The row's button carries the status the row showed (`_seen`): when another organiser
    marked the person otherwise meanwhile, the desk says so (409) instead of overwriting it."""
    await require_organiser(current(request), event_id)
    try:
        data = await form_data(request)
        attended = _switch(data, "attended")
    except FieldError as refusal:  # a tampered form: the desk again, the field named
        return await _registrations(request, event_id, 400, error=refusal)
    was = shown(sent(data)).get("status")
    try:
        await registration.record_attendance(
            registration_id, event_id, attended, shown=str(was) if was else None
        )
    except registration.MarkedMeanwhile as meanwhile:
        named = meanwhile.params | {"name": await registration_name(event_id, registration_id)}
        error = registration.MarkedMeanwhile(registration.MARKED_MEANWHILE, **named)
        return await _registrations(request, event_id, 409, error=error)
    return see_other(
        f"/events/{event_id}/registrations",
        N_("%(name)s is marked as attended.")
        if attended
        else N_("%(name)s is marked as a no-show."),
        values=_about(registration_id),
    )


SWITCH = {"1": True, "0": False}
"""What the desk's and the event page's buttons send (attended or a no-show, hide or show) and
a ticked box. Anything else (a tampered form, a field left out) is refused naming the field,
rather than read as a no-show, as shown on the list or as not ticked."""
NOT_ATTENDANCE = N_("%(value)r is not what the desk's buttons send: 1 (attended) or 0 (no-show)")
NOT_HIDDEN = N_(
    "%(value)r is not what the buttons send: 1 (hide from the list) or 0 (show on the list)"
)
NOT_TICKED = N_("%(value)r is not what the box sends: 1 when it is ticked, nothing when not")


def _switch(data: dict[str, Any], field: str) -> bool:
    """The button's `1` or `0` in `field` (`attended` or `hidden`); anything else is refused
    saying what the buttons send."""
    choice = data.get(field)
    if choice in SWITCH:
        return SWITCH[choice]
    value = briefly(str(choice or ""))
    if field == "attended":
        raise FieldError(field, NOT_ATTENDANCE, value=value)
    raise FieldError(field, NOT_HIDDEN, value=value)


def _ticked(data: dict[str, Any], field: str) -> bool:
    """Whether the box `field` was ticked: it sends `1`, or nothing at all."""
    if field in data and data[field] != "1":
        raise FieldError(field, NOT_TICKED, value=briefly(str(data[field])))
    return field in data


@post("/events/{event_id:int}/check-in", guards=[organiser_only], opt=KEEPS_TYPED)
async def check_in_page(request: Request, event_id: PathId) -> Template | Redirect:
    """One field at the door: a scanned or typed ticket code, or a member number."""
    await require_organiser(current(request), event_id)
    typed = ""
    try:
        typed = str((await form_data(request)).get("code", "")).strip()
        arrival = await check_in_at_the_door(event_id, typed)
    except (FieldError, DomainError) as error:
        typed = str(error.data.get("code", "")) if isinstance(error, RefusedForm) else typed
        return await _registrations(request, event_id, status_code=400, error=error, typed=typed)
    # Named on the desk, so it compares the ticket with the person; a second use stands out.
    return see_other(
        f"/events/{event_id}/registrations#flash",
        ALREADY_CHECKED_IN if arrival.already else N_("Checked in: %(name)s."),
        refused=arrival.already,
        values=_about(arrival.registration_id),
    )


ALREADY_CHECKED_IN = N_(
    "%(name)s was already checked in: this ticket or member number was used before. "
    "Check who is showing it."
)


GUEST_FIELDS = ("first_name", "last_name", "email", "job_title", "company")
REGISTERED_AS = {
    "confirmed": N_("The guest is registered and gets a confirmation by e-mail."),
    "waitlisted": N_("The event is full: the guest is on the waitlist and gets an e-mail."),
}


@post("/events/{event_id:int}/guests", guards=[organiser_only], opt=KEEPS_TYPED)
async def register_guest_page(request: Request, event_id: PathId) -> Template | Redirect:
    """A guest without a member profile, registered at the desk by an organiser."""
    await require_organiser(current(request), event_id)
    guest: dict[str, str] = {}
    try:
        data = await form_data(request)
        guest = {name: str(data.get(name, "")) for name in GUEST_FIELDS}
        status = await registration.register(event_id, guest=registration.Guest(**guest))
    except (FieldError, DomainError) as error:
        if isinstance(error, RefusedForm):
            guest = {name: str(error.data.get(name, "")) for name in GUEST_FIELDS}
        status = error.status_code if isinstance(error, DomainError) else 400
        return await _registrations(request, event_id, status, error=error, guest=guest)
    return see_other(f"/events/{event_id}/registrations", REGISTERED_AS[status])


@post("/events/{event_id:int}/registrations/{registration_id:int}/cancel", guards=[organiser_only])
async def cancel_for_them_page(
    request: Request, event_id: PathId, registration_id: PathId
) -> Redirect:
    await require_organiser(current(request), event_id)
    try:
        offered = await registration.cancel_for_them(event_id, registration_id)
    except Conflict:  # a double click, or a desk page older than the cancellation: say so
        status = await registration.registration_status(event_id, registration_id)
        if status != RegistrationStatus.cancelled:
            raise
        return see_other(
            f"/events/{event_id}/registrations#flash",
            N_("%(name)s's registration was already cancelled: nothing changed, no e-mail sent."),
            values=_about(registration_id),
        )
    if not offered:
        return see_other(
            f"/events/{event_id}/registrations",
            N_(
                "%(name)s's registration was cancelled; they get an e-mail and a freed seat goes "
                "to the waitlist."
            ),
            values=_about(registration_id),
        )
    # The organiser reads who moves up: the desk then shows them as offered a seat.
    return see_other(
        f"/events/{event_id}/registrations",
        CANCELLED_AND_OFFERED if len(offered) == 1 else CANCELLED_AND_OFFERED_TO_SEVERAL,
        values=_about(registration_id) | {OFFERED: str(offered[0]), "count": str(len(offered))},
    )


CANCELLED_AND_OFFERED = N_(
    "%(name)s's registration was cancelled; they get an e-mail. The freed seat is offered to "
    "%(offered)s, next on the waitlist, who gets an e-mail to accept it."
)
CANCELLED_AND_OFFERED_TO_SEVERAL = N_(
    "%(name)s's registration was cancelled; they get an e-mail. The free seats are offered to "
    "the next %(count)s on the waitlist, first to %(offered)s; each gets an e-mail to accept."
)


@post(
    "/events/{event_id:int}/registrations/{registration_id:int}/guest-email",
    guards=[organiser_only],
    opt=KEEPS_TYPED,
)
async def guest_email_page(
    request: Request, event_id: PathId, registration_id: PathId
) -> Template | Redirect:
    """A guest's address corrected beside a mail that could not reach it (on the desk's list or
    the home's); the desk follows, where the guest's registration and its mails are."""
    viewer = current(request)
    await require_organiser(viewer, event_id)
    typed = ""
    try:
        data = await form_data(request)
        typed = str(data.get(guest_address.FIELD, ""))
        await guest_address.correct_guest_email(viewer, event_id, registration_id, typed)
    except (FieldError, Conflict) as error:
        if isinstance(error, RefusedForm):
            typed = str(error.data.get(guest_address.FIELD, ""))
        status = error.status_code if isinstance(error, Conflict) else 400
        corrected = {"registration": registration_id, "typed": typed}
        return await _registrations(request, event_id, status, error=error, corrected=corrected)
    return see_other(
        f"/events/{event_id}/registrations",
        N_(
            "%(name)s's e-mail address is corrected; the mails that did not arrive are sent to "
            "the new one."
        ),
        values=_about(registration_id),
    )


@post("/events/{event_id:int}/registrations/{registration_id:int}/hidden", guards=[organiser_only])
async def organiser_hidden_page(
    request: Request, event_id: PathId, registration_id: PathId
) -> Template | Redirect:
    await require_organiser(current(request), event_id)
    try:
        hidden = _switch(await form_data(request), "hidden")
    except FieldError as refusal:  # a tampered form: the desk again, the field named
        return await _registrations(request, event_id, 400, error=refusal)
    await registration.set_organiser_hidden(event_id, registration_id, hidden)
    return see_other(
        f"/events/{event_id}/registrations",
        N_("%(name)s is hidden from the participant list.")
        if hidden
        else N_("%(name)s is no longer hidden from the participant list."),
        values=_about(registration_id),
    )


@get("/events/calendar", guards=[member_profile])
async def calendar_page(request: Request) -> Template:
    member_id = current(request).member_id
    assert member_id is not None
    return page(
        request, "events/calendar.html", feed_url=None, has_feed=await feeds.has_feed(member_id)
    )


async def _calendar_again(
    request: Request,
    member_id: int,
    status: int,
    error: object,
    headers: dict[str, str] | None = None,
) -> Template:
    """The calendar page again with the refusal at its field; no address was made."""
    has_feed = await feeds.has_feed(member_id)
    return page(
        request,
        "events/calendar.html",
        status,
        headers,
        feed_url=None,
        has_feed=has_feed,
        error=error,
    )


@post("/events/calendar", guards=[member_profile])
async def new_feed_page(request: Request) -> Template:
    """Shows the new secret address once; only its hash is kept. The address reads the
    member's events until it is turned off or the password changes (`events.password_change`):
    it is made only with the current password, never from the page session alone (a browser
    left open a moment)."""
    member_id = current(request).member_id
    assert member_id is not None
    try:
        password = str((await form_data(request)).get("password", ""))
        await ask_password(request, password)
    except FieldError as refused:  # a field sent twice, a control character
        return await _calendar_again(request, member_id, 400, refused)
    except PasswordRefused as refused:
        return await _calendar_again(
            request, member_id, refused.status, refused.error, refused.headers
        )
    token = await feeds.new_feed(member_id)
    url = f"{get_settings().base_url}/events/feed/{token}"
    return page(request, "events/calendar.html", feed_url=url, has_feed=True)


@post("/events/calendar/revoke", guards=[member_profile])
async def revoke_feed_page(request: Request) -> Redirect:
    member_id = current(request).member_id
    assert member_id is not None
    if not await feeds.revoke_feeds(member_id):  # never made, or a second click
        return see_other(
            "/events/calendar",
            N_("There was no calendar address to turn off (it was off already)."),
        )
    return see_other("/events/calendar", N_("Your calendar address was turned off."))


# The feed's secret address is its credential (calendar apps cannot log in): the route is
# public, and the handler answers 404 for a token that is unknown or revoked, never a 401
# asking a calendar app to log in.
@get("/events/feed/{token:str}", guards=[public], include_in_schema=False)
async def feed(request: Request, token: FromPath[str]) -> Response[bytes]:
    if token[-4:].lower() == ".ics":  # the suffix in any case; the secret itself is exact
        token = token[:-4]
    member_id = await feeds.feed_member(token) if len(token) < 100 else None
    if member_id is None:
        raise NotFound(N_("no such calendar"))
    sources = request.app.state.get("calendar_entries", ())  # the apps' milestones…
    return Response(await feeds.feed_ics(member_id, sources), media_type="text/calendar")


ROUTES = [
    events,
    event_page,
    register_page,
    cancel_page,
    accept_page,
    visibility_page,
    participants_page,
    print_page,
    export_page,
    full_export_page,
    new_event_page,
    create_event_page,
    edit_event_page,
    update_event_page,
    cancel_event_page,
    registrations_page,
    attendance_page,
    check_in_page,
    organiser_hidden_page,
    register_guest_page,
    cancel_for_them_page,
    guest_email_page,
    calendar_page,
    new_feed_page,
    revoke_feed_page,
    feed,
]
