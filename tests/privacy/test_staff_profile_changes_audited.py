"""A change that staff make to someone's profile is in the audit trail, whatever they make it
with. Made in Piccolo Admin it was (`member (admin)`), and so were an import and a merge; made
with Kring's own member form (`/members/N/edit`, `/members/new`) or the API (`PATCH` and `POST
/api/members`) it left nothing: an organiser changed a member's phone number over HTTP and the
officer's trail for that member stayed empty (found probing `kring serve`). A member's change
of their own profile is theirs, not someone else's reading or changing their data: no entry."""

from __future__ import annotations

from kring.choices import Role
from tests import factories


def _trail(client, officer: factories.Login, member_id: int) -> list[tuple[int, str, str]]:
    answer = client.get(
        "/api/privacy/audit", params={"member": str(member_id)}, headers=officer.headers
    )
    assert answer.status_code == 200, answer.text
    return [(entry["actor"], entry["action"], entry["table_name"]) for entry in answer.json()]


def test_an_organisers_change_through_the_api_is_audited(client):
    officer = factories.account(Role.privacy_officer)
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation())
    changed = client.patch(
        f"/api/members/{member_id}", json={"phone": "+32470123456"}, headers=organiser.headers
    )
    assert changed.status_code == 200, changed.text
    assert _trail(client, officer, member_id) == [(organiser.account_id, "changed", "member")]


def test_an_organisers_change_through_the_member_form_is_audited(client):
    officer = factories.account(Role.privacy_officer)
    organiser = factories.account(Role.organiser)
    member_id = factories.member(None, first_name="Lotte", last_name="Vermeersch")
    factories.log_in(client, organiser.email)
    saved = factories.post_page_form(
        client,
        f"/members/{member_id}/edit",
        first_name="Lotte",
        last_name="Vermeersch",
        job_title="Preventieadviseur",
        met_via="unknown",
        status="active",
        language="nl",
    )
    assert saved.status_code == 200, saved.text[:500]
    assert "Het profiel van het lid is bewaard." in saved.text, saved.text[:500]
    assert _trail(client, officer, member_id) == [(organiser.account_id, "changed", "member")]


def test_a_member_added_by_an_organiser_is_audited(client):
    officer = factories.account(Role.privacy_officer)
    organiser = factories.account(Role.organiser)
    added = client.post(
        "/api/members",
        json={"first_name": "Ward", "last_name": "Claes", "email": "ward.claes@kring-test.be"},
        headers=organiser.headers,
    )
    assert added.status_code == 201, added.text
    member_id = added.json()["id"]
    assert _trail(client, officer, member_id) == [(organiser.account_id, "changed", "member")]


def test_a_refused_change_and_a_members_own_change_leave_no_entry(client):
    officer = factories.account(Role.privacy_officer)
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    assert member.member_id is not None
    refused = client.patch(
        f"/api/members/{member.member_id}", json={"phone": "abc"}, headers=organiser.headers
    )
    assert refused.status_code == 400, refused.text
    own = client.patch(
        f"/api/members/{member.member_id}", json={"job_title": "Coach"}, headers=member.headers
    )
    assert own.status_code == 200, own.text
    assert _trail(client, officer, member.member_id) == []
