"""Restriction of processing (GDPR art. 18): a restricted member is out of matching, participant
lists and mailings; their data stays and can be exported; lifting brings them back."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from events.participants import full_participants, shareable_participants
from events.who_to_meet_mail import send_who_to_meet_mails
from introductions.service import rematch
from introductions.tables import Introduction
from kring.choices import Role
from kring.tables import Member
from privacy.access import access_export
from privacy.cli import privacy as privacy_cli
from privacy.restriction import is_restricted, lift, restrict
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import run
from tests.events.test_who_to_meet_mail import expert as event_expert
from tests.events.test_who_to_meet_mail import received, seeker, settings_for, soon
from tests.matching_db import network


def _proposed(challenge_id: int) -> set[int]:
    rows = run(
        Introduction.select(Introduction.expert).where(
            (Introduction.challenge == challenge_id) & (Introduction.state == "proposed")
        )
    )
    return {row["expert"] for row in rows}


def test_a_restricted_expert_is_not_proposed_until_lifted():
    asker = network.asker()
    expert = network.expert()
    run(restrict(expert, "het lid zelf", "betwist de juistheid", None))
    run(rematch([asker.challenge_id]))
    assert expert not in _proposed(asker.challenge_id)
    run(lift(expert, None))
    run(rematch([asker.challenge_id]))
    assert expert in _proposed(asker.challenge_id)


def test_a_restricted_asker_gets_no_proposals():
    asker = network.asker()
    network.expert()
    run(restrict(asker.member_id, "het lid zelf", "bezwaar", None))
    run(rematch([asker.challenge_id]))
    assert _proposed(asker.challenge_id) == set()


def test_restricted_member_is_off_the_list_but_the_organisers_and_export_keep_the_data():
    event_id = soon(factories.account(Role.organiser), days=20)
    kept = event_expert(event_id, "Zichtbaar")
    hidden = event_expert(event_id, "Beperkt")
    run(restrict(hidden, "advocaat van het lid", "geschil", None))
    assert [p.member_id for p in run(shareable_participants(event_id))] == [kept]
    assert {p.last_name for p in run(full_participants(event_id))} == {"Zichtbaar", "Beperkt"}
    export = run(access_export(hidden))
    assert export["tables"]["member"]["rows"][0]["last_name"] == "Beperkt"
    assert export["tables"]["restriction"]["rows"][0]["reason"] == "geschil"
    row = run(Member.select(Member.email).where(Member.id == hidden).first())
    assert row["email"] == "beperkt@beperkt-bedrijf.be"


def test_restricted_people_get_no_who_to_meet_mail_and_are_not_named(smtp_server: Any) -> None:
    event_id = soon(factories.account(Role.organiser))
    restricted_seeker = seeker(event_id, "Stil")
    seeker(event_id, "Zoeker")
    named = event_expert(event_id, "Goedematch")
    run(restrict(restricted_seeker, "het lid zelf", "bezwaar", None))
    assert run(send_who_to_meet_mails(settings_for(smtp_server.port))) == 1
    [mail] = received(smtp_server)
    assert mail["to"] == "ik@zoeker.be" and "Goedematch" in mail["text"]

    other_event = soon(factories.account(Role.organiser))
    seeker(other_event, "Tweede")
    event_expert(other_event, "Verborgen")
    hidden = run(Member.select(Member.id).where(Member.last_name == "Verborgen").first())["id"]
    run(restrict(hidden, "het lid zelf", "bezwaar", None))
    assert run(send_who_to_meet_mails(settings_for(smtp_server.port))) == 0
    assert all("Verborgen" not in m["text"] for m in received(smtp_server))
    assert named != hidden


def test_officer_restricts_and_lifts_through_the_api(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    path = f"/api/privacy/members/{member_id}/restriction"
    body = {"requested_by": "het lid, per brief", "reason": "betwist de juistheid (art. 18.1.a)"}
    made = client.post(path, json=body, headers=officer.headers)
    assert made.status_code == 201 and made.json()["restricted"] is True
    assert run(is_restricted(member_id))
    again = client.post(path, json=body, headers=officer.headers)
    assert again.status_code == 409 and "already" in again.json()["detail"]
    listed = client.get("/api/privacy/restrictions", headers=officer.headers).json()
    assert [(r["member"], r["requested_by"]) for r in listed] == [(member_id, body["requested_by"])]
    lifted = client.post(f"{path}/lift", headers=officer.headers)
    assert lifted.status_code == 201 and lifted.json()["restricted"] is False
    history = client.get(path, headers=officer.headers).json()["history"]
    assert history[0]["lifted_at"] is not None and history[0]["recorded_by"] == officer.account_id
    assert client.post(f"{path}/lift", headers=officer.headers).status_code == 409
    audit = run(AuditEntry.select().where(AuditEntry.table_name == "restriction"))
    assert len(audit) == 2


def test_restriction_api_refuses_bad_input_and_non_officers(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    path = f"/api/privacy/members/{member_id}/restriction"
    empty = client.post(path, json={"requested_by": "", "reason": "x"}, headers=officer.headers)
    assert empty.status_code == 400
    assert empty.headers["content-type"].startswith("application/problem+json")
    unknown = client.post(
        "/api/privacy/members/999999/restriction",
        json={"requested_by": "x", "reason": "y"},
        headers=officer.headers,
    )
    assert unknown.status_code == 404
    member = factories.account(Role.member)
    denied = client.post(path, json={"requested_by": "x", "reason": "y"}, headers=member.headers)
    assert denied.status_code == 403
    assert not run(is_restricted(member_id))


def test_officer_page_restricts_and_lifts(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation(), last_name="Paginalid")
    factories.log_in(client, officer.email)
    token = factories.csrf_token(client)
    answer = client.post(
        "/privacy/desk/rights/restrict",
        data={
            "member_id": str(member_id),
            "requested_by": "per telefoon",
            "reason": "bezwaar",
            "_csrf_token": token,
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = client.get("/privacy/desk/rights")
    assert "Paginalid" in page.text and "per telefoon" in page.text
    client.post(
        f"/privacy/desk/rights/{member_id}/lift",
        data={"_csrf_token": token},
        follow_redirects=False,
    )
    assert "Paginalid" not in client.get("/privacy/desk/rights").text
    assert not run(is_restricted(member_id))


def test_cli_restricts_and_lifts():
    member_id = factories.member(factories.organisation())
    runner = CliRunner()
    made = runner.invoke(
        privacy_cli, ["restrict", str(member_id), "--requested-by", "lid", "--reason", "geschil"]
    )
    assert made.exit_code == 0 and json.loads(made.output)["restricted"] is True
    twice = runner.invoke(
        privacy_cli, ["restrict", str(member_id), "--requested-by", "lid", "--reason", "geschil"]
    )
    assert twice.exit_code == 2 and "already" in twice.output
    lifted = runner.invoke(privacy_cli, ["lift", str(member_id)])
    assert lifted.exit_code == 0 and json.loads(lifted.output)["restricted"] is False
