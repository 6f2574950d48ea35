"""Every place a member's name (or, for anonymous proposals, their expertise) can appear to
someone else: pages, API answers, exports, mails, calendar files.

Each surface says how to render it for a viewer in a test — a GET path read in a format, or a
coroutine returning its text — and which of the person's choices hide them there: their
opt-out(s), a restriction of processing (GDPR art. 18), erasure. tests/privacy/test_surfaces.py
renders every surface for a control member and for members who opted out, are restricted or
were erased; a meta-test fails when a route answering member names, a template showing them or
an export format is on no registered surface (or among the apps' `not_surfaces`, with the reason).
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


NOT_A_SURFACE = {
    "privacy/desk.html": "the privacy officer's desk: requests name their subject",
    "privacy/export.html": "the access export: the person's own data",
    "privacy/member.html": "the privacy officer's view of one person",
    "privacy/_notices_not_mailed.html": "part of the desk and of the officer's view of one "
    "person: the notices owed to the person a request is about",
    "privacy/mentions.html": "the privacy officer's search of others' texts for one person "
    "before an erasure: shows the texts that name them, whatever their opt-outs",
    "privacy/people.html": "the privacy officer's person search: finds whom a request is about, "
    "whatever their opt-outs or restriction",
    "privacy/rights.html": "the privacy officer's list of restrictions",
    "home/privacy_requests.html": "the privacy officer's home: open requests name their subject, "
    "as on the desk",
    "privacy/mail/extension.txt": "to the person about their own request: names only them",
    "privacy/mail/refusal.txt": "to the person about their own request: names only them",
    "privacy/mail/verification.txt": "the code for the person's own request: names only them",
}
"""Places of the privacy module that name a person but are not someone else's view of them."""
