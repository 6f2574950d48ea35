"""A request its asker withdraws, or Kring withdraws, before the expert answered is gone from
the expert's pages and API, as the withdraw step promises ("The expert no longer sees it"); the
asker is told it was withdrawn, not declined, and still sees it as withdrawn. An expert's own
decline stays in their history. Over HTTP, pages and API, as each side."""

from __future__ import annotations

from introductions.tables import IntroductionState
from kring.choices import RecordStatus
from kring.tables import Challenge
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene, state_of

API = "/api/introductions"
TITLE = "Wie helpt ons met ISO 9001 certificering en interne audits?"


def _ask(client, s, proposal_id: int) -> None:
    asked = client.post(API, json={"proposal_id": proposal_id}, headers=s.owner_login.headers)
    assert asked.status_code == 201, asked.text


def _ids(client, login, **params) -> list[int]:
    answer = client.get(API, params=params, headers=login.headers)
    assert answer.status_code == 200, answer.text
    return [view["id"] for view in answer.json()]


def test_a_withdrawn_request_is_gone_for_the_expert_and_withdrawn_for_the_asker(client):
    s = scene(experts=4)
    first = s.proposals()[0]["id"]
    expert = s.login_of_expert(first)
    _ask(client, s, first)
    assert first in _ids(client, expert) and first in _ids(client, expert, role="expert")
    factories.log_in(client, s.owner_login.email)
    answer = factories.post_page_form(
        client, f"/introductions/{first}/decline", next="/introductions"
    )
    assert answer.status_code == 200
    assert "Ingetrokken: de expert ziet je aanvraag niet meer." in answer.text
    assert "Geweigerd." not in answer.text
    assert state_of(first) == IntroductionState.declined
    # The asker: withdrawn, on the page and through the API.
    card = answer.text[answer.text.index(f'id="intro-{first}"') :][:400]
    assert "(ingetrokken)" in card and "(geweigerd)" not in card
    mine = client.get(f"{API}/{first}", headers=s.owner_login.headers).json()
    assert mine["state"] == "declined" and mine["declined_by_me"] is True
    # The expert: nothing left of it, neither the challenge's text nor a state.
    assert first not in _ids(client, expert)
    assert first not in _ids(client, expert, role="expert")
    assert first not in _ids(client, expert, state="declined")
    assert client.get(f"{API}/{first}", headers=expert.headers).status_code == 404
    late = client.post(f"{API}/{first}/accept", headers=expert.headers)
    assert late.status_code == 409 and "withdrawn" in late.json()["detail"]
    client.cookies.clear()
    factories.log_in(client, expert.email)
    for path in ("/introductions", "/introductions/requests", "/"):
        page = client.get(path).text
        assert TITLE not in page, path
        assert "(geweigerd)" not in page, path
    client.cookies.set("kring_lang", "en")
    assert "(declined)" not in client.get("/introductions").text


def test_the_english_flash_says_withdrawn(client):
    s = scene(experts=3)
    first = s.proposals()[0]["id"]
    _ask(client, s, first)
    factories.log_in(client, s.owner_login.email)
    client.cookies.set("kring_lang", "en")
    answer = factories.post_page_form(client, f"/introductions/{first}/decline")
    assert "Withdrawn: the expert no longer sees your request." in answer.text
    assert "Declined. The other member does not learn your reason." not in answer.text


def test_an_experts_own_decline_stays_in_their_history(client):
    s = scene(experts=3)
    first = s.proposals()[0]["id"]
    expert = s.login_of_expert(first)
    _ask(client, s, first)
    factories.log_in(client, expert.email)
    answer = factories.post_page_form(client, f"/introductions/{first}/decline", reason="Geen tijd")
    assert "Geweigerd. Het andere lid krijgt je reden niet te zien." in answer.text
    assert first in _ids(client, expert)
    assert TITLE in client.get("/introductions").text
    assert client.get(f"{API}/{first}", headers=expert.headers).json()["declined_by_me"] is True


def test_a_request_of_a_closed_challenge_is_gone_for_the_expert(client):
    s = scene(experts=3)
    first = s.proposals()[0]["id"]
    expert = s.login_of_expert(first)
    _ask(client, s, first)
    factories.log_in(client, s.owner_login.email)
    closed = factories.post_page_form(
        client, f"/my/challenges/{s.owner.challenge_id}/status", status="closed"
    )
    assert "de expert ziet ze niet meer" in closed.text
    assert state_of(first) == IntroductionState.withdrawn
    assert run(Challenge.select(Challenge.status).first())["status"] == RecordStatus.closed
    assert first not in _ids(client, expert)
    assert client.get(f"{API}/{first}", headers=expert.headers).status_code == 404
    assert first in _ids(client, s.owner_login)
