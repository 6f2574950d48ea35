"""Every surface in privacy/surfaces.py, rendered for a viewer: a member who opted out there, is
restricted or was erased does not appear; a control member does. Meta-tests fail when a route,
template or export format showing member names is on no surface."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assembly.apps import not_surfaces, surfaces
from events import registration
from events.feeds import feed_ics
from events.icalendar import event_ics
from introductions.service import rematch
from introductions.tables import IntroductionState
from kring.choices import Role
from kring.tables import Challenge, Expertise
from members.records import create_record
from privacy.erasure import erase_member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.restriction import restrict
from privacy.surfaces import Hides, Scene, Surface
from tests import factories
from tests.conftest import _app, run
from tests.events.helpers import event, principal
from tests.matching_db import network
from tests.privacy.canary import csv_text, html_text, pdf_text, xlsx_text

SURFACES = surfaces()
NOT_A_SURFACE = not_surfaces()

TOPIC = "interne audit ISO 45001 veiligheid"
KINDS = ("control", "sharing", "listing", "restricted", "erased")
READERS = {
    "html": html_text,
    "json": lambda data: data.decode("utf-8"),
    "csv": csv_text,
    "xlsx": xlsx_text,
    "pdf": pdf_text,
}


@dataclass(frozen=True)
class Person:
    kind: str
    member_id: int
    organisation_id: int
    marker: str


def _member(marker: str, event_id: int) -> tuple[int, int, factories.Login]:
    domain = f"{marker.lower()}.be"
    organisation_id = factories.organisation(domain=domain)
    member_id = factories.member(
        organisation_id, last_name=marker, job_title="auditor", email=f"ik@{domain}"
    )
    login = factories.account(Role.member, member_id=member_id)
    run(registration.register(event_id, member_id=member_id))
    return member_id, organisation_id, login


def _scene(client: Any) -> tuple[Scene, list[Person]]:
    """The viewer's client is logged in (pages) and sends their token to the API."""
    # The list is shared with participants, so the viewer (a participant) may see it at all.
    event_id = event(factories.account(Role.organiser), capacity=50, list_visibility="participants")
    viewer_id, _, viewer = _member("Kijker", event_id)
    challenge = {"title": "ISO 45001 interne audit opzetten", "body": TOPIC, "tags": ["iso 45001"]}
    challenge_id = run(create_record(Challenge, principal(viewer), challenge))
    requester_id, _, requester = _member("Vrager", event_id)
    asked = network.challenge(requester_id, "Wie kent ISO 45001?")
    people = []
    for kind in KINDS:
        marker = "Kzq" + secrets.token_hex(4)
        member_id, organisation_id, login = _member(marker, event_id)
        record = {
            "title": f"Auditprogramma ISO 45001 {marker}",
            "body": TOPIC,
            "tags": ["iso 45001"],
        }
        run(create_record(Expertise, principal(login), record))
        network.introduction(asked, member_id, requester_id, IntroductionState.accepted)
        people.append(Person(kind, member_id, organisation_id, marker))
    by_kind = {p.kind: p.member_id for p in people}
    run(set_opt_out(by_kind["sharing"], OptOut.sharing, True, Channel.web, None))
    run(set_opt_out(by_kind["listing"], OptOut.listing, True, Channel.web, None))
    run(restrict(by_kind["restricted"], "het lid zelf", "betwist de juistheid", None))
    run(erase_member(by_kind["erased"]))
    run(rematch([challenge_id]))
    factories.log_in(client, viewer.email)
    client.viewer_headers = viewer.headers
    scene = Scene(
        viewer=principal(viewer),
        staff=principal(factories.account(Role.admin)),
        requester=principal(requester),
        event_id=event_id,
        challenge_id=challenge_id,
    )
    assert viewer_id == scene.viewer.member_id
    return scene, people


def _render(client: Any, surface: Surface, scene: Scene, person: Person) -> str:
    if surface.render is not None:
        return run(surface.render(scene))
    path = surface.path.format(
        event=scene.event_id,
        challenge=scene.challenge_id,
        member=person.member_id,
        marker=person.marker,
        organisation=person.organisation_id,
    )
    answer = client.get(path, headers=client.viewer_headers if path.startswith("/api/") else None)
    assert answer.status_code in (200, 404), (path, answer.status_code, answer.text[:300])
    return READERS[surface.fmt](answer.content) if answer.status_code == 200 else answer.text


def _hidden(surface: Surface, kind: str) -> bool | None:
    """True: must not appear; False: must appear; None: this surface makes no promise."""
    rule = {
        "control": False,
        "sharing": True if OptOut.sharing in surface.opt_outs else None,
        "listing": True if OptOut.listing in surface.opt_outs else None,
        "restricted": True if Hides.restriction in surface.hides else None,
        "erased": True if Hides.erasure in surface.hides else None,
    }
    return rule[kind]


@pytest.mark.parametrize("surface", SURFACES, ids=[s.name for s in SURFACES])
def test_opted_out_restricted_and_erased_members_do_not_appear(client, surface):
    scene, people = _scene(client)
    shown = {}
    for person in people:
        text = _render(client, surface, scene, person).casefold()
        shown[person.kind] = person.marker.casefold() in text
    expected = {
        p.kind: not _hidden(surface, p.kind) for p in people if _hidden(surface, p.kind) is not None
    }
    assert {k: shown[k] for k in expected} == expected


def test_every_rule_a_surface_skips_says_why():
    for surface in SURFACES:
        skips = set(Hides) - set(surface.hides)
        assert not skips or surface.exempt, surface.name
        assert surface.path or surface.render, surface.name
        assert surface.fmt in READERS, surface.name


TEMPLATES = Path(__file__).resolve().parents[2] / "kring" / "templates"


def test_every_template_showing_member_names_is_on_a_surface():
    covered = {t for s in SURFACES for t in s.templates} | set(NOT_A_SURFACE)
    showing = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*")
        if path.is_file() and re.search(r"\b(first_name|last_name)\b", path.read_text())
    }
    assert showing - covered == set()


def _shows_names(
    schema: Any, components: dict[str, Any], seen: frozenset[str] = frozenset()
) -> bool:
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return name not in seen and _shows_names(
                components.get(name, {}), components, seen | {name}
            )
        if {"first_name", "last_name"} & set(schema.get("properties", {})):
            return True
        return any(_shows_names(v, components, seen) for v in schema.values())
    if isinstance(schema, list):
        return any(_shows_names(v, components, seen) for v in schema)
    return False


def test_every_api_route_answering_member_names_is_on_a_surface():
    schema = _app().openapi_schema.to_schema()
    components = schema.get("components", {}).get("schemas", {})
    covered = {a for s in SURFACES for a in s.api} | set(NOT_A_SURFACE)
    uncovered = sorted(
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict)
        and _shows_names(operation.get("responses", {}), components)
        and path not in covered
        and f"{method.upper()} {path}" not in covered
    )
    assert uncovered == []


def test_every_export_format_is_on_a_surface():
    from events.exports import RENDERERS
    from members.importing.export import FORMATS

    paths = {s.path for s in SURFACES if s.path}
    for fmt in RENDERERS:
        assert f"/events/{{event}}/export/{fmt.value}" in paths
    names = {s.name for s in SURFACES}
    for fmt in FORMATS:
        assert f"member export {fmt} (organisers)" in names


def test_calendar_files_carry_no_member_names(client):
    scene, people = _scene(client)
    control = next(p for p in people if p.kind == "control")
    files = run(event_ics(scene.event_id)) + run(feed_ics(control.member_id))
    assert b"Netwerkavond kwaliteit" in files
    assert control.marker.encode() not in files and b"Kijker" not in files
