"""Every place a member's name (or, for anonymous proposals, their expertise) can appear to
someone else: pages, API answers, exports, mails, calendar files.

Each surface says how to render it for a viewer in a test — a GET path read in a format, or a
coroutine returning its text — and which of the person's choices hide them there: their
opt-out(s), a restriction of processing (GDPR art. 18), erasure. tests/privacy/test_surfaces.py
renders every surface for a control member and for members who opted out, are restricted or
were erased; a meta-test fails when a route answering member names, a template showing them or
an export format is on no surface here (or in `NOT_A_SURFACE`, with the reason).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from privacy.opt_outs import OptOut


class Hides(StrEnum):
    restriction = "restriction"
    erasure = "erasure"


@dataclass(frozen=True)
class Scene:
    """What rendering needs, built by the test: an event the people are registered for, the
    viewer's open challenge, and the principals of a member viewer (`viewer`), an organiser
    (`staff`) and a member with accepted introductions to each person (`requester`)."""

    viewer: Any
    staff: Any
    requester: Any
    event_id: int
    challenge_id: int
    smtp_port: int = 0


Render = Callable[[Scene], Awaitable[str]]


@dataclass(frozen=True)
class Surface:
    name: str
    opt_outs: tuple[OptOut, ...]
    """The opt-outs that hide a person here (the sharing one or the listing one)."""
    path: str | None = None
    """A GET path, with {event} and {challenge}, fetched as the member viewer…"""
    fmt: str = "html"
    """…and read as html, json, csv, xlsx or pdf."""
    render: Render | None = None
    """Or: a coroutine returning the surface's text."""
    hides: tuple[Hides, ...] = (Hides.restriction, Hides.erasure)
    exempt: str = ""
    """Why a rule does not apply here (only when `hides` or `opt_outs` leaves one out)."""
    templates: tuple[str, ...] = ()
    api: tuple[str, ...] = ()
    """The templates and OpenAPI paths this surface covers (for the meta-test)."""


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


async def _introductions(scene: Scene) -> str:
    from matching.introductions import list_introductions

    return repr(await list_introductions(scene.requester, None, None, None, 100, 0))


async def _introduction_mails(scene: Scene) -> str:
    from matching.mails import _facts, render
    from matching.tables import Introduction

    texts = []
    for row in await Introduction.select(Introduction.id).where(
        Introduction.requester == scene.requester.member_id
    ):
        facts = await _facts(row["id"])
        if facts is None:
            continue
        requester, expert = facts["requester"], facts["expert"]
        texts.extend(
            render("mail_accepted.txt", "nl", recipient=requester, other=expert, intro=facts)
        )
    return "\n".join(texts)


def _members_file(fmt: str) -> Render:
    async def render(scene: Scene) -> str:
        from kring.importing.export import export_file

        data = await export_file("members", fmt, scene.staff.account_id)
        return data.decode("utf-8-sig") if fmt == "csv" else _xlsx(data)

    return render


def _xlsx(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(v) for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r if v
    )


def _full_export(fmt: str) -> Render:
    async def render(scene: Scene) -> str:
        from events.exports import Format, organiser_export

        data = await organiser_export(scene.staff, scene.event_id, Format(fmt))
        return data.decode("utf-8-sig", "replace") if fmt in ("csv", "html") else repr(data)

    return render


INTRODUCTIONS_EXEMPT = (
    "an accepted introduction shared both names with both people's consent; an opt-out or a "
    "restriction stops new matching (see the proposals), not a past introduction. Erasure "
    "deletes it."
)

SURFACES: tuple[Surface, ...] = (
    Surface(
        "member search page",
        (OptOut.sharing,),
        path="/members?q={marker}",
        templates=("members.html",),
    ),
    Surface(
        "member search API",
        (OptOut.sharing,),
        path="/api/members?search={marker}",
        fmt="json",
        api=("/api/members",),
    ),
    Surface(
        "member profile page",
        (OptOut.sharing,),
        path="/members/{member}",
        templates=("member.html",),
    ),
    Surface(
        "member profile API",
        (OptOut.sharing,),
        path="/api/members/{member}",
        fmt="json",
        api=("/api/members/{member_id}",),
    ),
    Surface(
        "organisation page",
        (OptOut.sharing,),
        path="/organisations/{organisation}",
        templates=("organisation.html",),
    ),
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
    Surface(
        "proposals API (anonymous: their expertise shows)",
        (OptOut.sharing,),
        path="/api/challenges/{challenge}/proposals",
        fmt="json",
    ),
    *(
        Surface(
            f"member export {fmt} (organisers)",
            (OptOut.listing,),
            render=_members_file(fmt),
        )
        for fmt in ("csv", "xlsx")
    ),
    Surface(
        "introductions (pages and API)",
        (),
        render=_introductions,
        hides=(Hides.erasure,),
        exempt=INTRODUCTIONS_EXEMPT,
        templates=("matching/_card.html",),
        api=(
            "/api/introductions",
            "/api/introductions/{introduction_id}",
            "/api/introductions/{introduction_id}/accept",
            "/api/introductions/{introduction_id}/complete",
            "/api/introductions/{introduction_id}/decline",
            "/api/introductions/{introduction_id}/feedback",
        ),
    ),
    Surface(
        "introduction mails",
        (),
        render=_introduction_mails,
        hides=(Hides.erasure,),
        exempt=INTRODUCTIONS_EXEMPT
        + " A mail naming a restricted member is not sent (kring.mail).",
        templates=("matching/mail_accepted.txt",),
    ),
)

NOT_A_SURFACE = {
    "profile.html": "the member's own profile",
    "/api/me": "the viewer's own record",
    "POST /api/members": "an organiser creating a member sees what they typed",
    "PATCH /api/members/{member_id}": "the member or an organiser editing that profile",
    "events/registrations.html": "the organisers' registration desk, like the full export",
    "/api/events/{event_id}/registrations": "the same desk for the event's organisers, by API; "
    "like the full export it names everyone who registered, erased people never",
    "privacy/desk.html": "the privacy officer's desk: requests name their subject",
    "privacy/export.html": "the access export: the person's own data",
    "privacy/member.html": "the privacy officer's view of one person",
    "privacy/rights.html": "the privacy officer's list of restrictions",
    "matching/mail_request.txt": "to the expert: names only them (the asker is anonymous)",
    "matching/mail_reminder.txt": "addressed to the expert: names only them",
    "matching/mail_expired.txt": "addressed to the requester: names only them",
    "privacy/mail/extension.txt": "to the person about their own request: names only them",
    "privacy/mail/verification.txt": "the code for the person's own request: names only them",
    "calendar files": "event and feed files carry events only, never a member's name (tested)",
}
"""Places that show a member's name but are not someone else's view of them, and why."""
