"""The life of an introduction through /api/introductions, with double opt-in visibility."""

from __future__ import annotations

from introductions.tables import Block
from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import received, scene, states

API = "/api/introductions"


def _request(client, s, proposal_id, key=None):
    headers = dict(s.owner_login.headers)
    if key:
        headers["Idempotency-Key"] = key
    return client.post(API, json={"proposal_id": proposal_id}, headers=headers)


def test_the_whole_life_of_an_introduction(client, mailbox):
    s = scene()
    proposal = s.proposals()[0]
    asked = _request(client, s, proposal["id"])
    assert asked.status_code == 201
    body = asked.json()
    assert body["state"] == "requested" and body["role"] == "requester"
    assert body["contact"] is None and body["expires_at"]
    assert body["expert"]["expertise"] == proposal["expertise"]
    expert = s.login_of_expert(proposal["id"])

    # The expert sees the challenge and the requester's kind of organisation, not who asks.
    pending = client.get(
        API, params={"role": "expert", "state": "requested"}, headers=expert.headers
    )
    assert [p["id"] for p in pending.json()] == [proposal["id"]]
    seen = pending.json()[0]
    assert seen["challenge"]["title"].startswith("Wie helpt ons")
    assert seen["requester_organisation_kind"] == "company"
    assert seen["contact"] is None
    owner_name = run(Member.select(Member.last_name).where(Member.id == s.owner.member_id).first())
    assert owner_name["last_name"] not in str(seen)

    accepted = client.post(f"{API}/{proposal['id']}/accept", headers=expert.headers)
    assert accepted.status_code == 200
    contact = accepted.json()["contact"]
    assert contact["last_name"] == owner_name["last_name"]
    assert contact["phone"] == "+3292641234"
    mine = client.get(f"{API}/{proposal['id']}", headers=s.owner_login.headers).json()
    assert mine["state"] == "accepted" and mine["contact"]["email"].startswith("lid")

    useful = client.post(
        f"{API}/{proposal['id']}/feedback", json={"outcome": "useful"}, headers=expert.headers
    )
    assert useful.status_code == 200
    assert useful.json()["state"] == "completed" and useful.json()["my_feedback"] == "useful"
    assert (
        client.get(f"{API}/{proposal['id']}", headers=s.owner_login.headers).json()["my_feedback"]
        is None
    )
    again = client.post(
        f"{API}/{proposal['id']}/feedback", json={"outcome": "not_useful"}, headers=expert.headers
    )
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "outcome"
    client.post(
        f"{API}/{proposal['id']}/feedback",
        json={"outcome": "did_not_happen"},
        headers=s.owner_login.headers,
    )

    organiser = factories.account(Role.organiser)
    summary = client.get(f"{API}/feedback", headers=organiser.headers).json()
    assert summary["feedback"] == {"useful": 1, "not_useful": 0, "did_not_happen": 1}
    assert summary["introductions"]["completed"] == 1
    assert client.get(f"{API}/feedback", headers=expert.headers).status_code == 403

    subjects = [(m["to"], m["subject"]) for m in received(mailbox)]
    expert_mail = run(
        Member.select(Member.email).where(Member.id == s.expert_of(proposal["id"])).first()
    )["email"]
    assert subjects[0][0] == expert_mail and "wil je graag ontmoeten" in subjects[0][1]
    assert {to for to, _ in subjects[1:3]} == {
        expert_mail,
        run(Member.select(Member.email).where(Member.id == s.owner.member_id).first())["email"],
    }


def test_a_retried_request_with_the_same_key_makes_one_introduction(client):
    s = scene()
    first, second = s.proposals()[:2]
    made = _request(client, s, first["id"], key="retry-1")
    retried = _request(client, s, first["id"], key="retry-1")
    assert (made.status_code, retried.status_code) == (201, 200)
    assert made.json()["id"] == retried.json()["id"]
    other = _request(client, s, second["id"], key="retry-1")
    assert other.status_code == 409
    assert other.json()["errors"] == [
        {"field": "Idempotency-Key", "message": other.json()["detail"]}
    ]
    assert sum(1 for _, state, _ in states(s.owner.challenge_id) if state == "requested") == 1
    without_key = _request(client, s, first["id"])
    assert without_key.status_code == 409
    assert without_key.json()["errors"][0]["field"] == "proposal_id"


def test_bad_input_names_the_field(client):
    s = scene(experts=1)
    headers = s.owner_login.headers
    missing_field = client.post(API, json={}, headers=headers)
    assert missing_field.status_code == 400
    assert missing_field.json()["detail"] == "proposal_id: is required"
    bad = client.post(API, json={"proposal_id": "x"}, headers=headers)
    assert bad.status_code == 400 and "proposal_id" in bad.json()["detail"]
    unknown = client.post(API, json={"proposal_id": 1, "extra": 1}, headers=headers)
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "extra"
    missing = client.post(API, json={"proposal_id": 999_999}, headers=headers)
    assert missing.status_code == 404 and missing.json()["errors"][0]["field"] == "proposal_id"
    long_key = {**headers, "Idempotency-Key": "k" * 101}
    too_long = client.post(API, json={"proposal_id": 1}, headers=long_key)
    assert too_long.status_code == 400 and "Idempotency-Key" in too_long.text
    proposal = s.proposals()[0]
    _request(client, s, proposal["id"])
    expert = s.login_of_expert(proposal["id"])
    wrong = client.post(
        f"{API}/{proposal['id']}/feedback", json={"outcome": "great"}, headers=expert.headers
    )
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "outcome"
    early = client.post(f"{API}/{proposal['id']}/complete", headers=expert.headers)
    assert early.status_code == 409 and early.json()["errors"][0]["field"] == "state"
    assert client.get(API, params={"state": "nope"}, headers=expert.headers).status_code == 400


def test_members_see_only_their_own_introductions(client):
    s = scene()
    proposal = s.proposals()[0]
    stranger = factories.account(Role.member)
    expert = s.login_of_expert(proposal["id"])
    # A proposal is not an introduction yet: nobody sees it here, the expert least of all.
    assert client.get(f"{API}/{proposal['id']}", headers=expert.headers).status_code == 404
    assert _request(client, s, proposal["id"]).status_code == 201
    assert client.get(f"{API}/{proposal['id']}", headers=stranger.headers).status_code == 404
    assert client.get(API, headers=stranger.headers).json() == []
    answer = client.post(f"{API}/{proposal['id']}/accept", headers=stranger.headers)
    assert answer.status_code == 404
    # The 404 names the path's id, as every other 404 of the API does (found by the probe).
    assert answer.json()["errors"] == [
        {"field": "introduction_id", "message": f"introduction {proposal['id']} not found"}
    ]
    theirs = client.get(
        f"/api/challenges/{s.owner.challenge_id}/proposals", headers=stranger.headers
    )
    assert theirs.status_code == 404 and theirs.json()["errors"][0]["field"] == "challenge_id"
    stolen = client.post(
        API, json={"proposal_id": s.proposals()[0]["id"]}, headers=stranger.headers
    )
    assert stolen.status_code == 404
    assert (
        client.post(f"{API}/{proposal['id']}/accept", headers=s.owner_login.headers).status_code
        == 403
    )
    organiser = factories.account(Role.organiser)
    seen = client.get(API, headers=organiser.headers).json()
    assert [(i["role"], i["requester_id"]) for i in seen] == [("organiser", s.owner.member_id)]
    assert seen[0]["contact"] is None
    assert (
        client.post(f"{API}/{proposal['id']}/accept", headers=organiser.headers).status_code == 403
    )
    assert client.get(API).status_code == 401


def test_a_decline_keeps_its_reason_private_blocks_and_promotes_an_alternate(client):
    s = scene()
    proposal = s.proposals()[0]
    _request(client, s, proposal["id"])
    expert = s.login_of_expert(proposal["id"])
    declined = client.post(
        f"{API}/{proposal['id']}/decline",
        json={"reason": "Geen tijd dit kwartaal", "block": True},
        headers=expert.headers,
    )
    assert declined.status_code == 200
    assert declined.json()["decline_reason"] == "Geen tijd dit kwartaal"
    owner_view = client.get(f"{API}/{proposal['id']}", headers=s.owner_login.headers).json()
    assert owner_view["state"] == "declined"
    assert owner_view["decline_reason"] is None and "Geen tijd" not in str(owner_view)
    assert run(Block.count().where(Block.blocker == s.expert_of(proposal["id"]))) == 1
    rows = states(s.owner.challenge_id)
    assert sum(1 for _, st, alt in rows if st == "proposed" and not alt) == 3
    assert len(s.proposals()) == 3
    again = client.post(f"{API}/{proposal['id']}/decline", headers=expert.headers)
    assert again.status_code == 409


def test_the_requester_may_withdraw_and_either_side_completes(client):
    s = scene()
    first, second = s.proposals()[:2]
    _request(client, s, first["id"])
    withdrawn = client.post(f"{API}/{first['id']}/decline", headers=s.owner_login.headers)
    assert withdrawn.json()["state"] == "declined" and withdrawn.json()["declined_by_me"]
    _request(client, s, second["id"])
    client.post(f"{API}/{second['id']}/accept", headers=s.login_of_expert(second["id"]).headers)
    done = client.post(f"{API}/{second['id']}/complete", headers=s.owner_login.headers)
    assert done.status_code == 200 and done.json()["state"] == "completed"
    assert done.json()["contact"] is not None


def test_the_openapi_document_describes_the_introductions_api(client):
    schema = client.get("/schema/openapi.json").json()
    create = schema["paths"]["/api/introductions"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    assert "/api/introductions/{introduction_id}/accept" in schema["paths"]
    component = schema["components"]["schemas"]["IntroductionCreate"]
    assert component["properties"]["proposal_id"]["examples"] == [42]


def test_blocking_during_a_request_withdraws_it_and_the_pair_is_never_proposed_again(client):
    s = scene(experts=4)
    proposal = s.proposals()[0]
    _request(client, s, proposal["id"])
    blocked = client.post(f"{API}/{proposal['id']}/block", headers=s.owner_login.headers)
    assert blocked.status_code == 204
    view = client.get(f"{API}/{proposal['id']}", headers=s.owner_login.headers).json()
    assert view["state"] == "declined" and view["declined_by_me"]
    assert run(Block.count().where(Block.blocker == s.owner.member_id)) == 1
    assert s.expert_of(proposal["id"]) not in {
        e for e, st, _ in states(s.owner.challenge_id) if st == "proposed"
    }
    assert len(s.proposals()) == 3


def test_organisers_read_feedback_counts_on_a_page_members_may_not(client):
    s = scene(experts=1)
    [proposal] = s.proposals()
    _request(client, s, proposal["id"])
    expert = s.login_of_expert(proposal["id"])
    client.post(f"{API}/{proposal['id']}/accept", headers=expert.headers)
    client.post(
        f"{API}/{proposal['id']}/feedback", json={"outcome": "useful"}, headers=expert.headers
    )
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    page = client.get("/introductions/feedback", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "<td>nuttig</td><td>1</td>" in page.text
    assert "Voornaam" not in page.text
    client.post("/logout", data={"_csrf_token": factories.csrf_token(client)})
    factories.log_in(client, s.owner_login.email)
    assert client.get("/introductions/feedback", headers={"accept": "text/html"}).status_code == 403
