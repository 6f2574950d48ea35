"""Processors are named and signed (a mail names its register entry and is refused without a
signed DPA), and recipients (GDPR art. 19) get a notification task on erasure or rectification."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from kring.choices import Role
from kring.settings import get_settings
from privacy.cli import privacy as privacy_cli
from privacy.erasure import erase_member
from privacy.mail import Mail, ProcessorRefused, send_mail
from privacy.processors import OUTBOUND, add_processor
from privacy.recipients import notices, recipients_of, record_disclosure
from privacy.restriction import restrict
from privacy.tables import Disclosure, Processor
from tests import factories
from tests.conftest import run


def _mail(member_id: int | None, about: tuple[int, ...] = ()) -> Mail:
    return Mail("lid@example.be", "Onderwerp", "Tekst", member=member_id, about=about)


def _settings(smtp_server: Any):
    return replace(get_settings(), smtp_port=smtp_server.port)


def test_mail_with_a_signed_processor_is_sent_and_the_recipient_recorded(smtp_server):
    member_id = factories.member(factories.organisation())
    named = factories.member(factories.organisation())
    sent = run(
        send_mail(_mail(member_id, (named,)), processor="smtp", settings=_settings(smtp_server))
    )
    assert sent == 1 and len(smtp_server.messages) == 1
    assert [r["key"] for r in run(recipients_of(member_id))] == ["smtp"]
    assert [r["key"] for r in run(recipients_of(named))] == ["smtp"]
    run(send_mail(_mail(member_id), processor="smtp", settings=_settings(smtp_server)))
    assert run(Disclosure.count().where(Disclosure.member == member_id)) == 1


@pytest.mark.parametrize("dpa", [None, "missing"])
def test_mail_is_refused_without_a_signed_agreement(smtp_server, caplog, dpa):
    run(Processor.update({Processor.dpa_signed_on: None}).where(Processor.key == "smtp"))
    if dpa == "missing":
        run(Processor.delete().where(Processor.key == "smtp"))
    member_id = factories.member(factories.organisation())
    settings = _settings(smtp_server)
    with (
        caplog.at_level(logging.ERROR, logger="kring.privacy.recipients"),
        pytest.raises(ProcessorRefused, match="smtp"),
    ):
        run(send_mail(_mail(member_id), processor="smtp", settings=settings))
    assert smtp_server.messages == []
    assert "nothing is sent" in caplog.text
    assert run(Disclosure.count()) == 0


def test_mail_about_a_restricted_member_is_not_sent(smtp_server):
    restricted = factories.member(factories.organisation())
    other = factories.member(factories.organisation())
    run(restrict(restricted, "lid", "bezwaar", None))
    settings = _settings(smtp_server)
    sent = run(
        send_mail(_mail(other, (restricted,)), _mail(other), processor="smtp", settings=settings)
    )
    assert sent == 1 and len(smtp_server.messages) == 1
    assert run(recipients_of(restricted)) == []


def test_every_outbound_key_in_code_is_a_processor_the_officer_can_register(client):
    officer = factories.account(Role.privacy_officer)
    for key in OUTBOUND:
        answer = client.post(
            "/api/privacy/processors",
            json={"name": f"Dienst {key}", "service": OUTBOUND[key], "key": key},
            headers=officer.headers,
        )
        assert answer.status_code == 201 and answer.json()["key"] == key
    twice = client.post(
        "/api/privacy/processors",
        json={"name": "Nog een", "service": "x", "key": "smtp"},
        headers=officer.headers,
    )
    assert twice.status_code == 409
    bad = client.post(
        "/api/privacy/processors",
        json={"name": "Fout", "service": "x", "key": "Met Spaties"},
        headers=officer.headers,
    )
    assert bad.status_code == 400 and "key" in bad.text
    ancient = client.post(
        "/api/privacy/processors",
        json={"name": "Oud", "service": "x", "dpa_signed_on": "0001-01-01"},
        headers=officer.headers,
    )
    assert ancient.status_code == 400 and "dpa_signed_on" in ancient.text
    assert "1990-01-01" in ancient.text


def _received_by(member_id: int, *keys: str) -> None:
    for key in keys:
        found = run(Processor.select(Processor.id).where(Processor.key == key).first())
        processor_id = (
            found["id"]
            if found
            else run(add_processor(f"Firma {key}", "dienst", "", date(2025, 1, 1), key=key))
        )
        run(record_disclosure(processor_id, [member_id]))


def test_erasure_creates_one_notice_per_processor_that_received_the_data():
    member_id = factories.member(factories.organisation())
    untouched = factories.member(factories.organisation())
    _received_by(member_id, "mailhuis", "drukker")
    _received_by(untouched, "mailhuis")
    run(add_processor("Nooit gebruikt", "hosting", "", date(2025, 1, 1), key="hosting"))
    run(erase_member(member_id))
    tasks = run(notices())
    assert sorted((t["member"], t["processor_name"], t["reason"]) for t in tasks) == [
        (member_id, "Firma drukker", "erasure"),
        (member_id, "Firma mailhuis", "erasure"),
    ]
    run(erase_member(member_id))
    assert len(run(notices())) == 2


def test_rectification_of_personal_fields_creates_notices_with_field_names_only(client):
    login = factories.account(Role.member)
    _received_by(login.member_id, "mailhuis")
    same = client.patch(
        f"/api/members/{login.member_id}", json={"language": "en"}, headers=login.headers
    )
    assert same.status_code == 200 and run(notices()) == []
    changed = client.patch(
        f"/api/members/{login.member_id}",
        json={"phone": "+32 470 00 00 01", "job_title": "Nieuwe functie"},
        headers=login.headers,
    )
    assert changed.status_code == 200
    [task] = run(notices())
    assert (task["reason"], task["fields"]) == ("rectification", "job_title,phone")
    assert "+32" not in str(task)


def test_officer_lists_and_marks_notices_done(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    _received_by(member_id, "mailhuis")
    run(erase_member(member_id))
    [task] = client.get("/api/privacy/notices", headers=officer.headers).json()
    assert task["processor_name"] == "Firma mailhuis"
    done = client.post(f"/api/privacy/notices/{task['id']}/done", headers=officer.headers)
    assert done.status_code == 201 and done.json()["done_by"] == officer.account_id
    assert client.get("/api/privacy/notices", headers=officer.headers).json() == []
    assert len(client.get("/api/privacy/notices?done=true", headers=officer.headers).json()) == 1
    again = client.post(f"/api/privacy/notices/{task['id']}/done", headers=officer.headers)
    assert again.status_code == 409
    unknown = client.post("/api/privacy/notices/999999/done", headers=officer.headers)
    assert unknown.status_code == 404
    member = factories.account(Role.member)
    assert client.get("/api/privacy/notices", headers=member.headers).status_code == 403


def test_officer_page_and_cli_show_open_notices(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    _received_by(member_id, "drukker")
    run(erase_member(member_id))
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/rights")
    assert page.status_code == 200 and "Firma drukker" in page.text
    [task] = run(notices())
    listing = CliRunner().invoke(privacy_cli, ["notices"])
    assert listing.exit_code == 0 and f"#{task['id']}" in listing.output
    done = CliRunner().invoke(privacy_cli, ["notices", "--done", str(task["id"])])
    assert done.exit_code == 0 and run(notices()) == []
    client.post(
        f"/privacy/desk/notices/{task['id']}/done",
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert "Firma drukker" not in client.get("/privacy/desk/rights").text
