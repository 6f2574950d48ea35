"""Where the events app shows a person to someone else: participant lists in every format, the
event page's and the API's who-to-meet, its mail (see privacy.surfaces)."""

from __future__ import annotations

from privacy.opt_outs import OptOut
from privacy.surfaces import Hides, Render, Scene, Surface


async def _who_to_meet_mail(scene: Scene) -> str:
    from events.tables import Event
    from events.who_to_meet import suggestions
    from events.who_to_meet_mail import _mail
    from kring.tables import Member

    event = (
        await Event.select(Event.id, Event.title, Event.starts_at)
        .where(Event.id == scene.event_id)
        .first()
    )
    me = (
        await Member.select(Member.first_name, Member.email, Member.language)
        .where(Member.id == scene.viewer.member_id)
        .first()
    )
    recipient = {"id": 0, "member": scene.viewer.member_id, **me}
    found = await suggestions(scene.event_id, scene.viewer.member_id)
    return _mail(event, recipient, found, "https://kring.example").text if found else ""


def _full_export(fmt: str) -> Render:
    async def render(scene: Scene) -> str:
        from events.exports import Format, organiser_export

        data = await organiser_export(scene.staff, scene.event_id, Format(fmt))
        return data.decode("utf-8-sig", "replace") if fmt in ("csv", "html") else repr(data)

    return render


SURFACES: tuple[Surface, ...] = (
    Surface(
        "participant list page",
        (OptOut.listing,),
        path="/events/{event}/participants",
        templates=("events/participants.html",),
    ),
    Surface("participant list print", (OptOut.listing,), path="/events/{event}/participants/print"),
    Surface(
        "participant list API",
        (OptOut.listing,),
        path="/api/events/{event}/participants",
        fmt="json",
        api=("/api/events/{event_id}/participants",),
    ),
    *(
        Surface(
            f"participant list {fmt}",
            (OptOut.listing,),
            path=f"/events/{{event}}/export/{fmt}",
            fmt=fmt,
        )
        for fmt in ("csv", "xlsx", "pdf", "html")
    ),
    *(
        Surface(
            f"full participant list {fmt} (organisers)",
            (),
            render=_full_export(fmt),
            hides=(Hides.erasure,),
            exempt="the organisers' confidential list (badges, catering) names everyone who "
            "holds a seat, whatever their list choices; erased people are never on it",
        )
        for fmt in ("csv", "html")
    ),
    Surface(
        "event page: who to meet",
        (OptOut.sharing, OptOut.listing),
        path="/events/{event}",
        templates=("events/detail.html",),
    ),
    Surface(
        "who to meet API",
        (OptOut.sharing, OptOut.listing),
        path="/api/events/{event}/who-to-meet",
        fmt="json",
        api=("/api/events/{event_id}/who-to-meet",),
    ),
    Surface(
        "who to meet mail",
        (OptOut.sharing, OptOut.listing),
        render=_who_to_meet_mail,
        templates=("events/mail_who_to_meet.txt",),
    ),
)


NOT_A_SURFACE = {
    "events/registrations.html": "the organisers' registration desk, like the full export",
    "/api/events/{event_id}/registrations": "the same desk for the event's organisers, by API; "
    "like the full export it names everyone who registered, erased people never",
    "/api/events/{event_id}/check-in": "the check-in at that desk: answers the one registration "
    "its organisers just checked in",
    "calendar files": "event and feed files carry events only, never a member's name (tested)",
    "home/mails_not_delivered.html": "the organisers' list of event and introduction mails "
    "that did not reach their person: names that person so the organisers correct the address, "
    "as the registration desk names everyone who registered; an erased person's rows are deleted",
    **{
        f"events/mail_{kind}.txt": "to the person about their own registration (a seat, the "
        "waitlist, an offer made or lapsed, the event cancelled or moved, their registration "
        "cancelled): names only them; its invitation names them as its one attendee"
        for kind in (
            "registered",
            "waitlisted",
            "offered",
            "offer_withdrawn",
            "event_cancelled",
            "event_moved",
            "organiser_cancelled",
            "offer_lapsed",
        )
    },
}
