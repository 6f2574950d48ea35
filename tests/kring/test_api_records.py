from kring.choices import Role
from tests import factories


def _challenge(client, login, **fields):
    body = {"title": "ISO 9001 documentatie vereenvoudigen", "tags": ["ISO 9001"]} | fields
    return client.post("/api/challenges", json=body, headers=login.headers)


def test_member_records_a_challenge_with_normalised_tags(client):
    viewer = factories.account(Role.member)
    answer = _challenge(client, viewer, tags=["ISO 9001", "iso  9001", "Lean"])
    assert answer.status_code == 201, answer.text
    assert answer.json()["tags"] == ["iso 9001", "lean"]
    assert answer.json()["member"] == viewer.member_id
    assert answer.json()["status"] == "open"


def test_another_members_challenge_is_404(client):
    owner = factories.account(Role.member)
    other = factories.account(Role.member)
    record_id = _challenge(client, owner).json()["id"]
    assert client.get(f"/api/challenges/{record_id}", headers=other.headers).status_code == 404
    closing = client.patch(
        f"/api/challenges/{record_id}", json={"status": "closed"}, headers=other.headers
    )
    assert closing.status_code == 404
    assert client.get("/api/challenges", headers=other.headers).json() == []


def test_member_cannot_add_records_for_someone_else(client):
    viewer = factories.account(Role.member)
    peer = factories.member(factories.organisation())
    answer = _challenge(client, viewer, member=peer)
    assert answer.status_code == 403


def test_owner_closes_and_reopens_expertise(client):
    viewer = factories.account(Role.member)
    made = client.post(
        "/api/expertise",
        json={"title": "Lean in de zorg", "body": "Tien jaar lean coaching.", "language": "nl"},
        headers=viewer.headers,
    )
    record_id = made.json()["id"]
    path = f"/api/expertise/{record_id}"
    assert (
        client.patch(path, json={"status": "closed"}, headers=viewer.headers).json()["status"]
        == "closed"
    )
    open_only = client.get("/api/expertise", params={"status": "open"}, headers=viewer.headers)
    assert open_only.json() == []


def test_organiser_lists_everyones_challenges_and_filters_by_member(client):
    organiser = factories.account(Role.organiser)
    first = factories.account(Role.member)
    second = factories.account(Role.member)
    _challenge(client, first)
    _challenge(client, second)
    everyone = client.get("/api/challenges", headers=organiser.headers).json()
    assert {row["member"] for row in everyone} == {first.member_id, second.member_id}
    one = client.get(
        "/api/challenges", params={"member": first.member_id}, headers=organiser.headers
    )
    assert {row["member"] for row in one.json()} == {first.member_id}


def test_oversize_body_and_too_many_tags_are_400(client):
    viewer = factories.account(Role.member)
    assert _challenge(client, viewer, body="x" * 5001).status_code == 400
    too_many = _challenge(client, viewer, tags=[f"t{i}" for i in range(21)])
    assert too_many.status_code == 400
    assert _challenge(client, viewer, language="fr").json()["errors"][0]["field"] == "language"


def test_staff_without_profile_must_name_the_member(client):
    organiser = factories.account(Role.organiser)
    answer = _challenge(client, organiser)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "member"
