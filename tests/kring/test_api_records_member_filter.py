"""`GET /api/challenges?member=N` (and /api/expertise) says what the filter means for the caller.
A member asking for another member's records read 'member 5 not found' of a member who exists;
an organiser asking for a member who does not exist got an empty list, as if that member had
recorded nothing. Now a member (or an account without a member profile) is told they list
their own records only, in the same words whether the other member exists or not (nothing
about them is revealed), and an organiser is told there is no such member."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories

MISSING = 999_999


def _listed(client, login, noun: str, member: int):
    return client.get(f"/api/{noun}", params={"member": member}, headers=login.headers)


def _refusal(answer) -> str:
    assert answer.status_code == 404, answer.text
    errors = answer.json()["errors"]
    assert [error["field"] for error in errors] == ["member"], answer.text
    return errors[0]["message"]


@pytest.fixture
def peer(client):
    """Another member with a challenge and expertise of their own."""
    login = factories.account(Role.member)
    for noun in ("challenges", "expertise"):
        made = client.post(
            f"/api/{noun}", json={"title": "Geheime verbouwing"}, headers=login.headers
        )
        assert made.status_code == 201, made.text
    return login


@pytest.mark.parametrize(
    ("noun", "words"), [("challenges", "challenges"), ("expertise", "expertise")]
)
def test_a_member_is_told_they_list_their_own_records_only(client, peer, noun, words):
    member = factories.account(Role.member)
    assert _listed(client, member, noun, member.member_id).json() == []
    someone = _refusal(_listed(client, member, noun, peer.member_id))
    no_one = _refusal(_listed(client, member, noun, MISSING))
    assert someone == no_one, (someone, no_one)
    assert someone == (
        f"you may list only your own {words}: leave out member, or give your own member id, "
        f"{member.member_id}"
    )
    assert "Geheime" not in someone and "not found" not in someone


@pytest.mark.parametrize("noun", ["challenges", "expertise"])
def test_an_account_without_a_member_profile_is_told_it_has_none(client, peer, noun):
    officer = factories.account(Role.privacy_officer)
    assert officer.member_id is None
    someone = _refusal(_listed(client, officer, noun, peer.member_id))
    assert someone == _refusal(_listed(client, officer, noun, MISSING))
    assert someone == f"your account has no member profile, so it has no {noun} to list"


@pytest.mark.parametrize("noun", ["challenges", "expertise"])
def test_an_organiser_asking_for_no_member_is_told_so(client, peer, noun):
    organiser = factories.account(Role.organiser)
    mine = _listed(client, organiser, noun, peer.member_id)
    assert [row["member"] for row in mine.json()] == [peer.member_id]
    assert _refusal(_listed(client, organiser, noun, MISSING)) == f"member {MISSING} not found"


def test_the_member_filter_says_what_it_does_in_the_api_document(client):
    document = client.get("/schema/openapi.json").json()
    for path in ("/api/challenges", "/api/expertise"):
        parameters = document["paths"][path]["get"]["parameters"]
        member = next(p for p in parameters if p["name"] == "member")
        assert "your own" in member["description"] and "404" in member["description"]
