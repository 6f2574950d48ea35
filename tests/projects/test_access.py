"""Only a project's participants and the organisers see it; everyone else gets 404 on every
route, pages and API, document downloads included, exactly as for a project that does not
exist. Organisers manage, the lead invites, participants work in the workspace."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.uploads import check_upload
from projects.access import project_access
from projects.workspace import add_document, add_milestone, add_note
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.projects.helpers import PDF, team


def _workspace(project_id: int, author) -> dict[str, int]:
    access = run(project_access(principal(author), project_id))
    viewer = principal(author)
    return {
        "document": run(add_document(access, viewer, check_upload("plan.pdf", PDF))),
        "note": run(
            add_note(access, viewer, {"title": "Start", "held_on": "2026-02-01", "text": "x"})
        ),
        "milestone": run(add_milestone(access, {"title": "Checklist", "due_on": "2026-03-01"})),
    }


def _api_reads(p: int, ids: dict[str, int]) -> list[str]:
    return [
        f"/api/projects/{p}",
        f"/api/projects/{p}/participants",
        f"/api/projects/{p}/documents",
        f"/api/projects/{p}/documents/{ids['document']}",
        f"/api/projects/{p}/notes",
        f"/api/projects/{p}/milestones",
    ]


def _page_reads(p: int, ids: dict[str, int]) -> list[str]:
    return [
        f"/projects/{p}",
        f"/projects/{p}/documents/{ids['document']}",
        f"/projects/{p}/notes/new",
        f"/projects/{p}/invite",
    ]


@pytest.mark.parametrize("role", [Role.member, Role.privacy_officer])
def test_outsiders_get_404_on_every_route(client, role):
    _organiser, p, lead, _ = team()
    ids = _workspace(p, lead)
    outsider = factories.account(role, member_id=factories.member(factories.organisation()))
    for path in _api_reads(p, ids):
        assert client.get(path, headers=outsider.headers).status_code == 404, path
    writes = [
        ("post", f"/api/projects/{p}/participants", {"member": outsider.member_id}),
        ("post", f"/api/projects/{p}/notes", {"title": "x", "held_on": "2026-01-02", "text": "y"}),
        ("post", f"/api/projects/{p}/milestones", {"title": "x", "due_on": "2026-01-02"}),
        ("patch", f"/api/projects/{p}/milestones/{ids['milestone']}", {"done": True}),
    ]
    for method, path, body in writes:
        answer = client.request(method.upper(), path, json=body, headers=outsider.headers)
        assert answer.status_code == 404, path
    for path in (
        f"/api/projects/{p}/documents/{ids['document']}",
        f"/api/projects/{p}/participants/{lead.member_id}",
    ):
        assert client.delete(path, headers=outsider.headers).status_code == 404, path
    assert (
        client.post(
            f"/api/projects/{p}/documents", files={"file": ("a.pdf", PDF)}, headers=outsider.headers
        ).status_code
        == 404
    )
    factories.log_in(client, outsider.email)
    for path in _page_reads(p, ids):
        assert client.get(path).status_code == 404, path
    csrf = factories.csrf_token(client)
    # Leaving is not among them: it answers an outsider as it answers a double click, the same
    # for every id (tests/projects/test_leave_twice.py).
    for path in (
        f"/projects/{p}/participants",
        f"/projects/{p}/notes/new",
        f"/projects/{p}/milestones",
        f"/projects/{p}/documents/{ids['document']}/delete",
        f"/projects/{p}/notes/{ids['note']}/delete",
        f"/projects/{p}/milestones/{ids['milestone']}/done",
    ):
        answer = client.post(path, data={"_csrf_token": csrf, "member": "1"})
        assert answer.status_code == 404, path
    listed = client.get("/api/projects", headers=outsider.headers).json()
    assert listed == []


def test_a_missing_project_answers_like_a_hidden_one(client):
    _organiser, p, _lead, _ = team()
    hidden = client.get(f"/api/projects/{p}", headers=factories.account().headers)
    missing = client.get(f"/api/projects/{p + 1000}", headers=factories.account().headers)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"].replace(str(p), "N") == missing.json()["detail"].replace(
        str(p + 1000), "N"
    )


def test_a_document_of_another_project_is_404_through_a_project_one_sees(client):
    organiser, p, lead, _participant = team()
    _, other, other_lead, _ = team()
    ids = _workspace(other, other_lead)
    answer = client.get(f"/api/projects/{p}/documents/{ids['document']}", headers=lead.headers)
    assert answer.status_code == 404
    assert (
        client.delete(
            f"/api/projects/{p}/documents/{ids['document']}", headers=organiser.headers
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/api/projects/{other}/documents/{ids['document']}", headers=lead.headers
        ).status_code
        == 404
    )


def test_participants_and_organisers_see_the_project(client):
    organiser, p, lead, participant = team()
    other_organiser = factories.account(Role.organiser)
    for login in (organiser, other_organiser, lead, participant, factories.account(Role.admin)):
        assert client.get(f"/api/projects/{p}", headers=login.headers).status_code == 200
    mine = client.get("/api/projects", headers=participant.headers).json()
    assert [(row["id"], row["my_role"]) for row in mine] == [(p, "member")]
    assert client.get(f"/api/projects/{p}", headers=lead.headers).json()["my_role"] == "lead"


def test_the_lead_invites_a_participant_may_not(client):
    _organiser, p, lead, participant = team()
    newcomer = factories.account()
    denied = client.post(
        f"/api/projects/{p}/participants",
        json={"member": newcomer.member_id},
        headers=participant.headers,
    )
    assert denied.status_code == 403
    added = client.post(
        f"/api/projects/{p}/participants", json={"member": newcomer.member_id}, headers=lead.headers
    )
    assert added.status_code == 204
    again = client.post(
        f"/api/projects/{p}/participants", json={"member": newcomer.member_id}, headers=lead.headers
    )
    assert again.status_code == 409
    assert client.get(f"/api/projects/{p}", headers=newcomer.headers).status_code == 200


def test_only_organisers_manage(client):
    organiser, p, lead, participant = team()
    for login, other in ((lead, participant), (participant, lead)):
        assert (
            client.patch(
                f"/api/projects/{p}", json={"title": "x"}, headers=login.headers
            ).status_code
            == 403
        )
        assert (
            client.delete(
                f"/api/projects/{p}/participants/{other.member_id}",
                headers=login.headers,
            ).status_code
            == 403
        )
    assert (
        client.post(
            "/api/projects",
            json={"title": "x", "starts_on": "2026-01-01", "ends_on": "2026-02-01"},
            headers=lead.headers,
        ).status_code
        == 403
    )
    changed = client.patch(f"/api/projects/{p}", json={"state": "ended"}, headers=organiser.headers)
    assert changed.status_code == 200 and changed.json()["state"] == "ended"
    archived = client.patch(
        f"/api/projects/{p}", json={"state": "archived"}, headers=organiser.headers
    )
    assert archived.status_code == 400


def test_a_participant_leaves_and_then_sees_nothing(client):
    _organiser, p, _lead, participant = team()
    left = client.delete(
        f"/api/projects/{p}/participants/{participant.member_id}", headers=participant.headers
    )
    assert left.status_code == 204
    assert client.get(f"/api/projects/{p}", headers=participant.headers).status_code == 404


def test_the_lead_cannot_invite_restricted_or_hidden_members(client):
    from privacy.opt_outs import Channel, OptOut, set_opt_out
    from privacy.restriction import restrict

    organiser, p, lead, _ = team()
    hidden = factories.account()
    restricted = factories.account()
    run(set_opt_out(hidden.member_id, OptOut.sharing, True, Channel.web, None))
    run(restrict(restricted.member_id, "het lid", "betwist", None))
    for login in (hidden, restricted):
        answer = client.post(
            f"/api/projects/{p}/participants",
            json={"member": login.member_id},
            headers=lead.headers,
        )
        assert answer.status_code == 404
    by_organiser = client.post(
        f"/api/projects/{p}/participants",
        json={"member": restricted.member_id},
        headers=organiser.headers,
    )
    assert by_organiser.status_code == 409
    assert (
        client.post(
            f"/api/projects/{p}/participants",
            json={"member": hidden.member_id},
            headers=organiser.headers,
        ).status_code
        == 204
    )


@pytest.mark.parametrize("bad", ["²", "0", "-1", "99999999999", "1e3"])
def test_odd_ids_are_404_not_500(client, bad):
    _organiser, p, lead, _ = team()
    for path in (f"/api/projects/{bad}", f"/api/projects/{p}/documents/{bad}", f"/projects/{bad}"):
        answer = client.get(path, headers=lead.headers)
        assert 400 <= answer.status_code < 500, (path, answer.status_code)
