"""Nobody reaches someone else's rows by changing an id: every route of the real app, walked.

Member A calls every route that takes an id (in its path or query) with the ids of member B's
rows, with every HTTP method the route has. Organiser O, who organises event X, calls every
event route with the ids of event Y, organised by someone else. Each answer must be 401/403/404,
or an answer that contains none of the victim's private values (unique markers put in B's
private fields and in Y's guest); after every mutating call the victim's rows are unchanged.

`ID_VALUES` says which of the victim's ids go into each id parameter; `NOT_IDS` lists the
parameters that are not ids. A meta-test fails when a route has a parameter in neither, so a new
route cannot slip past the walker.
"""

from __future__ import annotations

import contextlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from itertools import product
from typing import Any, get_args

from piccolo.columns import Bytea

from awards.tables import Assignment, Attachment, Candidacy, Juror
from events.registration import Guest, register
from events.tables import Event, EventOrganiser, Registration
from introductions.tables import Block, Introduction
from kring.choices import Role
from kring.tables import Account, ApiToken, Challenge, Expertise, Invoice, Member
from privacy import requests
from privacy.requests import Kind, RequestChannel
from privacy.subjects import Finder, link_columns, linked_declarations
from privacy.tables import (
    AccessRequest,
    DownloadLink,
    ErasureRequest,
    RecipientNotice,
    RowHold,
)
from tests import factories
from tests.conftest import ON_POSTGRES, _app, run
from tests.events.helpers import event
from tests.privacy.people import Person, full_person

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
# Routes without per-person data: the docs, static files and Piccolo Admin (admins only).
SKIPPED_PREFIXES = ("/schema", "/static", "/admin")
# Query parameters read by hand from `request.query_params` (the signature does not show them),
# or typed as text that may be an id (the audit filters: a number, a name or an address).
QUERY_READ_BY_HAND = {
    "/privacy/desk/audit": ("member", "actor"),
    "/api/privacy/audit": ("member", "actor"),
}
# Query parameters typed as integers that are sizes or positions, not ids.
NOT_ID_QUERY = {"limit", "offset", "upcoming_offset", "expected_count", "page", "months"}

# Parameters that are not ids, with the values the walker uses for them.
NOT_IDS: dict[str, list[str]] = {
    "kind": ["challenges", "expertise"],  # /my/{kind}; privacy routes: PRIVACY_KINDS
    "fmt": ["csv", "xlsx", "pdf", "html"],
    "name": ["members.csv"],
    "category": ["award_dossiers"],
    "language": ["nl"],
    "change_id": ["1"],  # a retention change is the officers', no member's (members get 403)
    "processor_id": ["1"],  # a processor of the register is the officers' (members get 403)
    "run_id": ["1"],  # an import run is its organiser's (members 403, other organisers 404)
}
# `kind` in /privacy/… paths is the kind of request.
PRIVACY_KINDS = ["access", "erasure"]


@dataclass
class Victim:
    """The ids the walker puts into id parameters, and the rows that must stay as they were."""

    ids: dict[str, list[Any]]
    markers: list[str]
    rows: dict[type, list[int]] = field(default_factory=dict)
    # (table, column, ids): rows whose column holds one of these ids are the victim's; no call may
    # add one (a download link or a request for B made by A).
    links: list[tuple[type, str, list[int]]] = field(default_factory=list)


# Which victim ids go into a parameter of that name (path or query).
ID_VALUES: dict[str, str] = {
    "member_id": "member",
    "member": "member",
    "actor": "account",
    "survivor": "member",
    "loser": "member",
    "organisation_id": "organisation",
    "organisation": "organisation",
    "record_id": "record",
    "challenge_id": "challenge",
    "challenge": "challenge",
    "introduction_id": "introduction",
    "block_id": "block",
    "token_id": "api_token",
    "event_id": "event",
    "registration_id": "registration",
    "request_id": "privacy_request",
    "candidacy_id": "candidacy",
    "edition_id": "edition",
    "attachment_id": "award_attachment",
    "juror_id": "juror",
    "assignment_id": "assignment",
    "project_id": "project",
    "document_id": "project_document",
    "note_id": "project_note",
    "milestone_id": "project_milestone",
    "notice_id": "notice",
    "item_id": "library_item",
    "mailing_id": "mailing",
    "mailing": "mailing",
    "article_id": "mailing_article",
    "article": "mailing_article",
    "ref": "event_ref",
    "token": "feed_token",
}
# The organiser is staff: their role lets them read and change members (not an IDOR); what they
# must not reach is another event's participant data. They walk the routes with these only.
EVENT_PARAMS = {"event_id", "registration_id", "ref"}

# Bodies that pass validation, so the call reaches the handler's ownership check.
API_BODIES: dict[tuple[str, str], Any] = {
    ("PATCH", "/api/library/{item_id:int}"): {"title": "Gewijzigd"},
    ("PATCH", "/api/library/{item_id:int}/retired"): {"retired": False},
    ("PATCH", "/api/mailings/{mailing_id:int}"): {"name": "Gewijzigd"},
    ("POST", "/api/mailings/{mailing_id:int}/articles"): {"title_nl": "Nieuw"},
    ("PATCH", "/api/mailings/{mailing_id:int}/articles/{article_id:int}"): {"title_nl": "Ander"},
    ("POST", "/api/mailings/{mailing_id:int}/articles/{article_id:int}/move"): {"direction": "up"},
    ("PUT", "/api/mailings/{mailing_id:int}/audience"): {"kind": "all_members"},
    ("PATCH", "/api/members/{member_id:int}"): {"job_title": "gewijzigd"},
    ("POST", "/api/members/{member_id:int}/interactions"): {"occurred_on": "2026-01-05"},
    ("PATCH", "/api/organisations/{organisation_id:int}"): {"website": "https://example.org"},
    ("PATCH", "/api/challenges/{record_id:int}"): {"title": "Gewijzigd"},
    ("PATCH", "/api/expertise/{record_id:int}"): {"title": "Gewijzigd"},
    ("POST", "/api/introductions/{introduction_id:int}/decline"): {"reason": "geen tijd"},
    ("POST", "/api/introductions/{introduction_id:int}/feedback"): {"outcome": "useful"},
    ("PATCH", "/api/events/{event_id:int}"): {"title": "Gewijzigd", "capacity": 99},
    ("POST", "/api/events/{event_id:int}/registration"): {"hide_from_list": False},
    ("POST", "/api/events/{event_id:int}/registration/visibility"): {"hidden": True},
    ("POST", "/api/events/{event_id:int}/guests"): {
        "first_name": "Gast",
        "last_name": "Indringer",
        "email": "gast@example.org",
    },
    ("POST", "/api/events/{event_id:int}/registrations/{registration_id:int}/attendance"): {
        "attended": False
    },
    ("POST", "/api/events/{event_id:int}/check-in"): {"code": "K1-0000000000", "attended": False},
    ("PUT", "/api/privacy/members/{member_id:int}/opt-outs"): {
        "kind": "listing",
        "active": True,
        "channel": "phone",
    },
    # Member A's own password is right: re-authentication passes, the request id must stop A.
    ("POST", "/api/privacy/access-requests/{request_id:int}/export"): {
        "password": factories.PASSWORD
    },
    ("POST", "/api/privacy/access-requests/{request_id:int}/download-link"): {
        "password": factories.PASSWORD
    },
    ("POST", "/api/privacy/access-requests/{request_id:int}/extension"): {
        "months": 2,
        "reason": "veel werk",
    },
    ("POST", "/api/privacy/erasure-requests/{request_id:int}/extension"): {
        "months": 2,
        "reason": "veel werk",
    },
    ("POST", "/api/privacy/access-requests/{request_id:int}/refusal"): {"reason": "zomaar"},
    ("POST", "/api/privacy/erasure-requests/{request_id:int}/refusal"): {"reason": "zomaar"},
    # A well-formed wrong code: it is checked against B's request (see COUNTED).
    ("POST", "/api/privacy/access-requests/{request_id:int}/verify"): {"code": "000000"},
    ("POST", "/api/privacy/erasure-requests/{request_id:int}/verify"): {"code": "000000"},
    ("POST", "/api/awards/editions/{edition_id:int}/jurors"): {"account_id": 1},
    ("POST", "/api/awards/editions/{edition_id:int}/assignments"): {
        "juror_id": 1,
        "candidacy_id": 1,
    },
    ("PUT", "/api/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/scores"): {
        "scores": []
    },
    ("POST", "/api/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/conflict"): {
        "reason": "mijn neef"
    },
    ("PATCH", "/api/awards/editions/{edition_id:int}"): {"name": "Gewijzigd"},
    ("POST", "/api/awards/editions/{edition_id:int}/state"): {"to": "judging"},
    ("POST", "/api/awards/editions/{edition_id:int}/candidacies"): {"title": "Indringer"},
    ("PATCH", "/api/awards/candidacies/{candidacy_id:int}"): {"title": "Gewijzigd"},
    ("PATCH", "/api/projects/{project_id:int}"): {"title": "Gewijzigd"},
    ("POST", "/api/projects/{project_id:int}/participants"): {"member": 1},
    ("POST", "/api/projects/{project_id:int}/notes"): {
        "title": "Indringer",
        "held_on": "2026-01-05",
        "text": "niet de mijne",
    },
    ("POST", "/api/projects/{project_id:int}/milestones"): {
        "title": "Indringer",
        "due_on": "2026-03-01",
    },
    ("PATCH", "/api/projects/{project_id:int}/milestones/{milestone_id:int}"): {"done": True},
    ("POST", "/api/privacy/members/{member_id:int}/restriction"): {
        "requested_by": "Indringer",
        "reason": "zomaar",
    },
}
PAGE_FORMS: dict[str, dict[str, str]] = {
    "/introductions/{introduction_id:int}/decline": {"reason": "geen tijd", "block": "on"},
    "/introductions/{introduction_id:int}/feedback": {"outcome": "useful"},
    "/my/{kind:str}/{record_id:int}/status": {"status": "closed"},
    "/events/{event_id:int}/visibility": {"hidden": "1"},
    "/events/{event_id:int}/edit": {"title": "Gewijzigd", "capacity": "99"},
    "/events/{event_id:int}/registrations/{registration_id:int}/attendance": {"attended": "1"},
    "/events/{event_id:int}/registrations/{registration_id:int}/hidden": {"hidden": "1"},
    "/privacy/desk/members/{member_id:int}/opt-outs": {
        "kind": "listing",
        "active": "1",
        "channel": "phone",
    },
    "/privacy/verify/{kind:str}/{request_id:int}": {"code": "000000"},
    "/privacy/desk/extension/{kind:str}/{request_id:int}": {"months": "2", "reason": "veel werk"},
    "/privacy/desk/refusal/{kind:str}/{request_id:int}": {"reason": "zomaar"},
}
# Public routes whose credential is a secret (a mailed code, a link's token), not a login: a wrong
# one counts against the request it names, so the guessing stops. Calling them with B's request
# id may change these counters of B's rows and nothing else.
COUNTED: dict[str, dict[str, set[str]]] = {
    "/privacy/downloads/{request_id:int}/{token:str}": {"download_link": {"failed_attempts"}},
    "/privacy/verify/{kind:str}/{request_id:int}": {"request_verification": {"attempts"}},
    "/api/privacy/access-requests/{request_id:int}/verify": {"request_verification": {"attempts"}},
    "/api/privacy/erasure-requests/{request_id:int}/verify": {"request_verification": {"attempts"}},
}


@dataclass(frozen=True, eq=False)
class Call:
    template: str
    method: str
    params: dict[str, tuple[str, Any]]  # name -> ("path" | "query", value)
    body: dict[str, Any] | None = None  # ids sent in the body instead

    def url(self) -> str:
        path = self.template
        query = []
        for name, (where, value) in self.params.items():
            if where == "path":
                path = re.sub(r"\{" + name + r":[a-z]+\}", str(value), path)
            else:
                query.append(f"{name}={value}")
        return path + ("?" + "&".join(query) if query else "")


def _handlers(route: Any) -> list[Any]:
    found = getattr(route, "route_handlers", None) or [route.route_handler]
    return [h for h in found if getattr(h, "http_methods", None) != {"OPTIONS"}]


def _int_typed(annotation: Any) -> bool:
    return annotation is int or int in get_args(annotation)


def route_parameters() -> Iterator[tuple[str, str, dict[str, str]]]:
    """(path template, method, {parameter: 'path'|'query'}) for each route and method."""
    for route in _app().routes:
        if route.path.startswith(SKIPPED_PREFIXES):
            continue
        path_names = set(route.path_parameters)
        for handler in _handlers(route):
            params = {name: "path" for name in path_names}
            for name, parameter in handler.parsed_fn_signature.parameters.items():
                if (
                    name not in path_names
                    and name not in NOT_ID_QUERY
                    and _int_typed(parameter.annotation)
                ):
                    params[name] = "query"
            for name in QUERY_READ_BY_HAND.get(route.path, ()):
                params[name] = "query"
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                yield route.path, method, params


def calls(victim: Victim, only: set[str] | None = None) -> list[Call]:
    """Every call of every route with an id parameter, the victim's ids filled in."""
    found = []
    for template, method, params in route_parameters():
        ids = [name for name in params if name in ID_VALUES]
        if not ids or (only is not None and not set(ids) <= only):
            continue
        choices = [
            [(name, (where, v)) for v in _values(victim, name, template)]
            for name, where in params.items()
        ]
        for combination in product(*choices):
            found.append(Call(template, method, dict(combination)))
    return found


# Routes that take the victim's id in their body rather than in the path or query: the fields
# that get the id, and the other fields of a body that passes validation.
BODY_IDS: list[tuple[str, str, str, tuple[str, ...], dict[str, Any]]] = [
    ("POST", "/api/introductions", "introduction", ("proposal_id",), {}),
    ("POST", "/introductions/request", "introduction", ("proposal_id",), {}),
    ("POST", "/api/members/merge", "member", ("loser", "survivor"), {}),
    ("POST", "/import/merge", "member", ("loser", "survivor"), {}),
    ("POST", "/api/privacy/access-requests", "member", ("member_id",), {"identity_checked": True}),
    ("POST", "/api/privacy/erasure-requests", "member", ("member_id",), {"identity_checked": True}),
]


def body_calls(victim: Victim) -> list[Call]:
    return [
        Call(template, method, {}, body=dict.fromkeys(names, value) | fields)
        for method, template, kind, names, fields in BODY_IDS
        for value in victim.ids[kind]
    ]


def _values(victim: Victim, name: str, template: str) -> list[Any]:
    if name == "kind" and template.startswith(("/privacy/", "/api/privacy/")):
        return PRIVACY_KINDS
    if name in NOT_IDS:
        return NOT_IDS[name]
    kind = ID_VALUES[name]
    if kind == "record":  # a challenge route gets challenge ids, an expertise route expertise
        kind = "expertise" if "expertise" in template else "record"
    return victim.ids[kind]


def readable(answer: Any) -> str:
    """The answer's text, with XLSX parts unzipped."""
    content: bytes = answer.content
    parts = [content]
    if content.startswith(b"PK"):
        with zipfile.ZipFile(BytesIO(content)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    text = b"\n".join(parts).decode("utf-8", "replace")
    with contextlib.suppress(ValueError):  # JSON may escape non-ASCII; search it decoded too
        text += json.dumps(json.loads(content), ensure_ascii=False)
    return text.lower()


def _json_value(column: Any) -> str:
    """The column as a JSON value: bytes (an embedding's vector) as hex, JSON holds no BLOB."""
    name = f'"{column._meta.db_column_name}"'
    if isinstance(column, Bytea):
        return f"encode({name}, 'hex')" if ON_POSTGRES else f"hex({name})"
    return name


async def _snapshot(victim: Victim) -> list[dict]:
    """The victim's rows as JSON text, and how many rows each link has, in one query (a query
    per table is slow on PostgreSQL)."""
    build = "json_build_object" if ON_POSTGRES else "json_object"
    rows = victim.rows
    parts = []
    for table, ids in rows.items():
        if not ids:
            continue
        name = table._meta.tablename
        columns = ", ".join(
            f"'{c._meta.db_column_name}', {_json_value(c)}"
            for c in table._meta.columns
            if c._meta.name != "updated_at"
        )
        listed = ", ".join(str(int(i)) for i in ids)
        parts.append(
            f"SELECT '{name}' AS tablename, CAST({build}({columns}) AS TEXT) AS row "
            f'FROM "{name}" WHERE "id" IN ({listed})'
        )
    for table, column, ids in victim.links:
        if not ids:
            continue
        name = table._meta.tablename
        listed = ", ".join(str(int(i)) for i in ids)
        parts.append(
            f"SELECT '{name}' AS tablename, CAST(COUNT(*) AS TEXT) || ' rows by {column}' AS row "
            f'FROM "{name}" WHERE "{column}" IN ({listed})'
        )
    found = await Member.raw(" UNION ALL ".join(parts))
    return sorted(found, key=lambda r: (r["tablename"], r["row"]))


def _without(snapshot: list[dict], counters: dict[str, set[str]]) -> list[dict]:
    """The snapshot without the given columns of the given tables."""
    if not counters:
        return snapshot
    kept = []
    for found in snapshot:
        columns = counters.get(found["tablename"])
        if columns and found["row"].startswith("{"):
            values = {k: v for k, v in json.loads(found["row"]).items() if k not in columns}
            found = {**found, "row": json.dumps(values, sort_keys=True)}
        kept.append(found)
    return sorted(kept, key=lambda r: (r["tablename"], r["row"]))


def walk(client: Any, login: factories.Login, victim: Victim, walked: list[Call]) -> list[str]:
    """Calls every route; returns what went wrong, one line per call."""
    problems = []
    csrf = factories.csrf_token(client)
    before = run(_snapshot(victim))
    # Reads first: a member who registers during the walk legitimately sees more afterwards.
    for call in sorted(walked, key=lambda c: c.method in MUTATING):
        url = call.url()
        api = url.startswith("/api")
        kwargs: dict[str, Any] = {"follow_redirects": False}
        if api:
            kwargs["headers"] = login.headers
            if call.body is not None:
                kwargs["json"] = call.body
            elif (call.method, call.template) in API_BODIES:
                kwargs["json"] = API_BODIES[(call.method, call.template)]
        else:
            kwargs["headers"] = {"Accept": "text/html"}
            if call.method in MUTATING:
                form = call.body or PAGE_FORMS.get(call.template, {})
                kwargs["data"] = {k: str(v) for k, v in form.items()} | {"_csrf_token": csrf}
        answer = client.request(call.method, url, **kwargs)
        where = f"{call.method} {url} -> {answer.status_code}"
        if answer.status_code >= 500:
            problems.append(f"{where}: server error")
            continue
        if answer.status_code not in (401, 403, 404):
            if answer.content.startswith(b"%PDF"):
                # Its text is drawn in glyph ids the walker cannot search: a PDF must not be given.
                problems.append(f"{where}: a PDF the walker cannot read")
            text = readable(answer)
            leaked = [m for m in victim.markers if m.lower() in text]
            if leaked:
                problems.append(f"{where}: shows {leaked}")
        if call.method in MUTATING or call.template in COUNTED:
            after = run(_snapshot(victim))
            counters = COUNTED.get(call.template, {})
            now, then = _without(after, counters), _without(before, counters)
            if now != then:
                changed = sorted({r["tablename"] for r in now if r not in then})
                problems.append(f"{where}: changed the victim's rows in {changed}")
            before = after
    return problems


async def _member_b() -> tuple[Person, Victim]:
    """Member B with rows in every member-linked table, plus a registration at event Y."""
    person = await full_person()
    org = await _organisation()
    await Member.update({Member.job_title: "adviseur", Member.organisation: org}).where(
        Member.id == person.member_id
    )
    await _hold(person.member_id)
    rows: dict[type, list[int]] = {}
    links: list[tuple[type, str, list[int]]] = []
    finder = Finder(person.member_id)
    for declaration in linked_declarations():
        rows[declaration.table] = await finder.ids(declaration.table)
        for column in link_columns(declaration):
            target = column._foreign_key_meta.resolved_references
            links.append((declaration.table, column._meta.db_column_name, await finder.ids(target)))
    rows[RowHold] = [
        row["id"]
        for row in await RowHold.select(RowHold.id).where(
            (RowHold.table_name == "invoice") & RowHold.row_id.is_in(rows[Invoice])
        )
    ]
    victim = Victim(ids={"organisation": [org]}, markers=person.needles, rows=rows, links=links)
    return person, victim


async def _hold(member_id: int) -> None:
    """A hold (an open dispute) on one of B's invoices."""
    from privacy.holds import Reason, add_hold

    invoice = await Invoice.select(Invoice.id).where(Invoice.member == member_id).first()
    await add_hold("invoice", invoice["id"], Reason.open_dispute, date(2099, 1, 1), None)


async def _organisation() -> int:
    from members.organisations import create_organisation

    return await create_organisation(
        {"name": "Organisatie B", "enterprise_number": factories.enterprise_number(4242)}
    )


def _ids(table: type, where: Any) -> list[int]:
    key = table._meta.primary_key
    return [row[key._meta.name] for row in run(table.select(key).where(where).order_by(key))]


def _event_y(owner: factories.Login, guest_marker: str) -> tuple[int, int]:
    """Event Y (open to guests), organised by `owner`, with one guest carrying the marker."""
    event_y = event(owner, capacity=50, members_only=False)
    guest = Guest("Gast", f"Geheim{guest_marker}", f"{guest_marker}@gast.example", "", guest_marker)
    run(register(event_y, guest=guest))
    return event_y, _ids(Registration, Registration.event == event_y)[0]


def _feed_tokens(member_id: int) -> list[str]:
    """A revoked feed token of B and a made-up one: the live secret itself is the credential."""
    from events.feeds import new_feed

    revoked = run(new_feed(member_id))
    run(new_feed(member_id))  # makes the first one stop working
    return [revoked, "kr_feed_not_a_real_token_000000000"]


def _award_ids(b: int, account_id: int) -> dict[str, list[int]]:
    """B's candidacies and files, B's jury seats and assignments, and their editions."""
    candidacies = _ids(Candidacy, Candidacy.member == b)
    seats = _ids(Juror, Juror.account == account_id)
    editions = run(
        Candidacy.select(Candidacy.edition).where(Candidacy.id.is_in(candidacies or [0]))
    ) + run(Juror.select(Juror.edition).where(Juror.id.is_in(seats or [0])))
    return {
        "candidacy": candidacies,
        "award_attachment": _ids(Attachment, Attachment.candidacy.is_in(candidacies or [0])),
        "juror": seats,
        "assignment": _ids(Assignment, Assignment.juror.is_in(seats or [0])),
        "edition": sorted({row["edition"] for row in editions}),
    }


def _project_ids(b: int) -> dict[str, list[int]]:
    """B's projects (as a participant, or where B left a document or a note) and their parts."""
    from projects.tables import (
        Milestone,
        ProjectDocument,
        ProjectNote,
        ProjectParticipant,
    )

    documents = _ids(ProjectDocument, ProjectDocument.uploaded_by == b)
    notes = _ids(ProjectNote, ProjectNote.author == b)
    projects = {
        *(
            r["project"]
            for r in run(
                ProjectParticipant.select(ProjectParticipant.project).where(
                    ProjectParticipant.member == b
                )
            )
        ),
        *(
            r["project"]
            for r in run(
                ProjectDocument.select(ProjectDocument.project).where(
                    ProjectDocument.id.is_in(documents or [0])
                )
            )
        ),
        *(
            r["project"]
            for r in run(
                ProjectNote.select(ProjectNote.project).where(ProjectNote.id.is_in(notes or [0]))
            )
        ),
    }
    return {
        "project": sorted(projects),
        "project_document": documents,
        "project_note": notes,
        "project_milestone": _ids(Milestone, Milestone.project.is_in(sorted(projects) or [0])),
    }


def _library_and_mailing_ids(b: int) -> dict[str, list[int]]:
    """The library items B contributed, retired (a published item is every member's to read;
    a retired one is nobody's but the organisers'), the mailings B received and the articles B
    followed (organisers' business only)."""
    from kring.clock import utc_now
    from library.tables import LibraryItem
    from mailings.delivery_tables import InterestClick, MailingRecipient

    run(LibraryItem.update({LibraryItem.retired_at: utc_now()}).where(LibraryItem.contributor == b))
    received = run(
        MailingRecipient.select(MailingRecipient.mailing).where(MailingRecipient.member == b)
    )
    clicked = run(InterestClick.select(InterestClick.article).where(InterestClick.member == b))
    return {
        "library_item": _ids(LibraryItem, LibraryItem.contributor == b),
        "mailing": sorted({row["mailing"] for row in received}),
        "mailing_article": sorted({row["article"] for row in clicked}),
    }


def member_victim() -> tuple[Person, Victim]:
    person, victim = run(_member_b())
    owner = factories.account(Role.organiser)
    event_y, guest_registration = _event_y(owner, person.secret)
    run(register(event_y, member_id=person.member_id))
    b = person.member_id
    challenges = _ids(Challenge, Challenge.member == b)
    victim.ids |= {
        "member": [b],
        "account": [person.account_id],
        "record": challenges,
        "challenge": challenges,
        "expertise": _ids(Expertise, Expertise.member == b),
        "introduction": _ids(
            Introduction, (Introduction.requester == b) | (Introduction.expert == b)
        ),
        "block": _ids(Block, Block.blocker == b),
        "api_token": _ids(ApiToken, ApiToken.account == person.account_id),
        "event": [event_y],
        "event_ref": [str(event_y)],
        "registration": [*_ids(Registration, Registration.member == b), guest_registration],
        "privacy_request": _ids(AccessRequest, AccessRequest.member == b)
        + _ids(ErasureRequest, ErasureRequest.member == b),
        **_award_ids(b, person.account_id),
        **_project_ids(b),
        **_library_and_mailing_ids(b),
        "notice": _ids(RecipientNotice, RecipientNotice.member == b),
        "feed_token": _feed_tokens(b),
    }
    victim.rows[Registration] = _ids(Registration, Registration.event == event_y)
    victim.rows[Event] = [event_y]
    victim.rows[Account] = [person.account_id]
    return person, victim


def test_a_member_reaches_nothing_of_another_member_by_changing_an_id(client):
    _, victim = member_victim()
    a = factories.account(Role.member)
    factories.log_in(client, a.email)
    walked = calls(victim) + body_calls(victim)
    assert len(walked) > 100
    problems = walk(client, a, victim, walked)
    assert problems == [], "\n".join(problems)


def test_an_organiser_reaches_no_participant_data_of_another_organisers_event(client):
    marker = "zqgast" + "7f3a9c21"
    owner = factories.account(Role.organiser)
    event_y, guest_registration = _event_y(owner, marker)
    b = factories.member(factories.organisation())
    run(register(event_y, member_id=b))
    uid = run(Event.select(Event.uid).where(Event.id == event_y).first())["uid"]
    victim = Victim(
        ids={
            "event": [event_y],
            "event_ref": [str(event_y), uid],
            "registration": _ids(Registration, Registration.event == event_y),
        },
        markers=[marker],
        rows={
            Event: [event_y],
            EventOrganiser: _ids(EventOrganiser, EventOrganiser.event == event_y),
            Registration: _ids(Registration, Registration.event == event_y),
        },
        # O adds no guest and no organiser to Y.
        links=[(Registration, "event", [event_y]), (EventOrganiser, "event", [event_y])],
    )
    assert guest_registration in victim.ids["registration"]
    organiser = factories.account(Role.organiser)
    event(organiser, title="Event X")
    factories.log_in(client, organiser.email)
    walked = calls(victim, only=EVENT_PARAMS)
    assert len(walked) > 30
    problems = walk(client, organiser, victim, walked)
    assert problems == [], "\n".join(problems)


def test_every_id_parameter_of_every_route_is_known_to_the_walker():
    unknown = sorted(
        f"{method} {template}: {name}"
        for template, method, params in route_parameters()
        for name in params
        if name not in ID_VALUES and name not in NOT_IDS and name not in ("file_path", "path")
    )
    assert unknown == []


def test_every_mutating_api_route_with_a_body_and_an_id_has_a_valid_body():
    """Without one, validation answers 400 before the handler's ownership check ever runs."""
    missing = []
    for route in _app().routes:
        if not route.path.startswith("/api") or not set(route.path_parameters) & set(ID_VALUES):
            continue
        for handler in _handlers(route):
            data = handler.parsed_fn_signature.parameters.get("data")
            if data is None or type(None) in get_args(data.annotation):
                continue
            for method in handler.http_methods & MUTATING:
                if (method, route.path) not in API_BODIES:
                    missing.append(f"{method} {route.path}")
    assert missing == []


def test_the_walker_notices_a_leak_and_a_change(client):
    """The walker itself: a privacy officer may read and change B, and the walker must say so."""
    marker = "zqwalker5e1d"
    b = factories.member(factories.organisation(), email=f"{marker}@example.be")
    request_id = run(requests.record_request(Kind.access, b, RequestChannel.web, None))
    victim = Victim(
        ids={"member": [b]},
        markers=[marker],
        rows={Member: [b]},
        links=[(DownloadLink, "request", [request_id])],
    )
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    member_id = {"member_id": ("path", b)}
    walked = [
        Call("/api/members/{member_id:int}", "GET", member_id),
        Call("/api/privacy/members/{member_id:int}/opt-outs", "PUT", member_id),
        Call(
            "/api/privacy/access-requests/{request_id:int}/download-link",
            "POST",
            {"request_id": ("path", request_id)},
        ),
    ]
    problems = walk(client, officer, victim, walked)
    assert len(problems) == 3
    assert "shows" in problems[0] and "changed the victim's rows in ['member']" in problems[1]
    # A new row of B's (a link to B's answer) is a change too.
    assert "changed the victim's rows in ['download_link']" in problems[2]
