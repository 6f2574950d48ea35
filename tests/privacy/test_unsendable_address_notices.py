"""A privacy notice (an extension's or a refusal's reason) to an address no mail can be written
to (one holding `=?`, stored before such addresses were refused where typed): the officer hears
that the address is the problem, not that no mail may be sent to the person (the wording of a
consent or an opt-out); the desk and the person's page list the notice with the reason; the
worker does not try it again every round; once the address is corrected, the worker sends it.
Through the real app, the real `kring worker --once` and a real SMTP server on loopback."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes
from html import unescape

import pytest
from click.testing import CliRunner

from kring.choices import Role
from kring.i18n import gettext_for
from kring.tables import Member
from privacy.cli import privacy as privacy_cli
from privacy.mails import AddressUnsendable, send_to_person
from privacy.tables import ErasureRequest
from tests import factories
from tests.cli import Ran, kring
from tests.conftest import run

# email_validator accepts it; Python's email package decodes it as an RFC 2047 word ("a", a
# line break, "b"). Typed now, it is refused; one stored before stays on the record, as here.
BREAKS_THE_HEADER = "=?utf-8?q?a=0Ab?=@gast.be"


def _worker(port: int) -> Ran:
    done = kring(
        "worker",
        "--once",
        env={"KRING_SMTP_PORT": str(port), "KRING_BASE_URL": "http://127.0.0.1:8000"},
    )
    assert done.returncode == 0, done.stderr
    return done


def _stored_unsendable(member_id: int) -> None:
    run(Member.update({Member.email: BREAKS_THE_HEADER}).where(Member.id == member_id))


def test_send_to_person_names_the_address_not_consent(mailbox):
    with pytest.raises(AddressUnsendable) as raised:
        run(
            send_to_person(
                BREAKS_THE_HEADER,
                "nl",
                "privacy/mail/refusal.txt",
                kind="erasure",
                first_name="An",
                received=date(2026, 1, 5),
                close_reason="x",
            )
        )
    error = raised.value
    assert error.status_code == 422
    assert "no mail may be sent" not in str(error)
    assert "cannot receive mail" in str(error) and "'=?'" in str(error)
    dutch = error.translate(gettext_for("nl"))
    assert "kan geen mail ontvangen" in dutch and "=?" in dutch, dutch
    assert "cannot" not in dutch and "decode" not in dutch, dutch
    assert mailbox.messages == []


def test_a_refusal_to_an_unsendable_address_waits_for_a_correction_then_goes(client, smtp_server):
    officer = factories.account(Role.privacy_officer)
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation())
    _stored_unsendable(member_id)
    body = {"member_id": member_id, "channel": "phone", "identity_checked": True}
    made = client.post("/api/privacy/erasure-requests", json=body, headers=officer.headers)
    request_id = made.json()["id"]

    refused = client.post(
        f"/api/privacy/erasure-requests/{request_id}/refusal",
        json={"reason": "identiteit niet vastgesteld"},
        headers=officer.headers,
    )
    # The refusal stands; the answer says the notice was not mailed, and why.
    assert refused.status_code == 200, refused.text
    answer = refused.json()
    assert answer["status"] == "refused" and answer["close_notified_at"] is None
    assert "cannot receive mail" in answer["notice_not_mailed"]
    assert "'=?'" in answer["notice_not_mailed"]

    # The officer's command lists it with the reason.
    listed = CliRunner().invoke(privacy_cli, ["requests"]).output
    assert f"refusal notice of erasure request #{request_id} (member {member_id})" in listed
    assert "cannot receive mail" in listed and "'=?'" in listed, listed

    # The worker does not offer it again at every round: no retry logged, nothing sent.
    done = _worker(smtp_server.port)
    assert "close_notified_at" not in done.stderr and "retried" not in done.stderr, done.stderr
    assert smtp_server.messages == []

    # The desk and the person's page show the notice that did not go, with the reason.
    factories.log_in(client, officer.email)
    desk = unescape(client.get("/privacy/desk").text)
    assert f'id="notice-erasure-{request_id}"' in desk, desk
    row = desk[desk.index(f'id="notice-erasure-{request_id}"') :]
    row = row[: row.index("</tr>")]
    assert "Weigering" in row and "kan geen mail ontvangen" in row and "=?" in row, row
    person = unescape(client.get(f"/privacy/desk/members/{member_id}").text)
    assert "kan geen mail ontvangen" in person and f"#{request_id}" in person, person

    # Corrected, the address receives the notice at the worker's next round, once.
    fixed = client.patch(
        f"/api/members/{member_id}", json={"email": "an@gecorrigeerd.be"}, headers=organiser.headers
    )
    assert fixed.status_code == 200, fixed.text
    _worker(smtp_server.port)
    _worker(smtp_server.port)
    assert [m.rcpt_tos for m in smtp_server.messages] == [["an@gecorrigeerd.be"]]
    text = message_from_bytes(smtp_server.messages[0].content).get_payload(decode=True).decode()
    assert "identiteit niet vastgesteld" in text
    stored = run(
        ErasureRequest.select(ErasureRequest.close_notified_at)
        .where(ErasureRequest.id == request_id)
        .first()
    )
    assert stored["close_notified_at"] is not None
    desk = client.get("/privacy/desk").text
    assert f'id="notice-erasure-{request_id}"' not in desk


def test_the_desk_says_when_an_extension_notice_could_not_be_mailed(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    _stored_unsendable(member_id)
    body = {"member_id": member_id, "channel": "phone", "identity_checked": True}
    made = client.post("/api/privacy/access-requests", json=body, headers=officer.headers)
    request_id = made.json()["id"]
    factories.log_in(client, officer.email)
    answer = factories.post_page_form(
        client, f"/privacy/desk/extension/access/{request_id}", months="1", reason="drukte"
    )
    assert answer.status_code == 200, answer.text
    page = unescape(answer.text)
    # Not "the person is told why": the notice did not go, and the officer reads why.
    assert "de persoon krijgt te horen waarom" not in page.lower()
    assert "kan geen mail ontvangen" in page, page
    assert f'id="notice-access-{request_id}"' in page
    assert mailbox.messages == []


def test_a_notice_the_relay_refuses_for_good_waits_for_the_address_to_change(client, smtp_server):
    """A 550 ('no such mailbox') to the person's address: the notice was offered to the relay
    again at every round of the worker, forever. It now waits, listed on the desk with why,
    until the person's record changes (the address corrected), and then goes."""
    from dataclasses import replace

    from kring.settings import get_settings
    from privacy import mails
    from privacy.requests import request_notices_job
    from tests.refusing_relay import refusing_relay

    officer = factories.account(Role.privacy_officer)
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation(), email="weg@verdwenen.be")
    body = {"member_id": member_id, "channel": "phone", "identity_checked": True}
    made = client.post("/api/privacy/access-requests", json=body, headers=officer.headers)
    request_id = made.json()["id"]
    with refusing_relay() as relay:
        relay.for_good.add("weg@verdwenen.be")
        mails.settings_override = replace(get_settings(), smtp_port=relay.port)
        try:
            refused = client.post(
                f"/api/privacy/access-requests/{request_id}/refusal",
                json={"reason": "kennelijk ongegrond"},
                headers=officer.headers,
            )
            assert refused.status_code == 200, refused.text
            assert "refused" in refused.json()["notice_not_mailed"]
            assert run(request_notices_job()) == 0
            assert run(request_notices_job()) == 0
            assert relay.asked == ["weg@verdwenen.be"]  # once, at the refusal: not every round

            factories.log_in(client, officer.email)
            desk = unescape(client.get("/privacy/desk").text)
            row = desk[desk.index(f'id="notice-access-{request_id}"') :]
            row = row[: row.index("</tr>")]
            assert "weigerde" in row and "verbeteren" in row, row

            fixed = client.patch(
                f"/api/members/{member_id}",
                json={"email": "an@gevonden.be"},
                headers=organiser.headers,
            )
            assert fixed.status_code == 200, fixed.text
            assert run(request_notices_job()) == 1
            assert run(request_notices_job()) == 0
        finally:
            mails.settings_override = None
    assert [m.rcpt_tos for m in relay.messages] == [["an@gevonden.be"]]
