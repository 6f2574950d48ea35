"""An introduction request mailed to an expert whose address the relay refuses for good (550
'no such mailbox') was given up without a word: the asker waited, the expert never heard of
it, no organiser knew. Now the organisers' home lists it (who, which mail, about which
challenge, why), the expert's own home says their address is refused (the asker's does not:
it is not theirs), and once the address is corrected the worker sends it, once. A real SMTP
server on loopback answers the relay's part."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from html import unescape

import pytest

from introductions import mails, workflow
from introductions.mail_outbox import deliver_due
from introductions.tables import IntroductionMail
from kring.choices import Role
from kring.clock import utc_now
from kring.settings import get_settings
from kring.tables import Member
from privacy.access import access_export
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.refusing_relay import RefusingRelay, refusing_relay

PAST_EVERY_WAIT = timedelta(days=3)
DUTCH = {"accept": "text/html", "accept-language": "nl"}


@pytest.fixture
def relay(smtp_server) -> Iterator[RefusingRelay]:
    with refusing_relay() as handler:
        mails.settings_override = replace(get_settings(), smtp_port=handler.port)
        try:
            yield handler
        finally:
            mails.settings_override = None


def _panel(page: str, panel_id: str) -> str:
    text = unescape(page)
    if f'id="{panel_id}"' not in text:
        return ""
    part = text[text.index(f'id="{panel_id}"') :]
    return part[: part.index("</section>")]


def test_a_request_refused_for_good_is_listed_and_goes_once_the_address_is_fixed(client, relay):
    s = scene()
    proposal = s.proposals()[0]["id"]
    expert_id = s.expert_of(proposal)
    address = run(Member.select(Member.email).where(Member.id == expert_id).first())["email"]
    relay.for_good.add(address)
    run(workflow.request_introduction(s.owner_principal, proposal))
    moment = utc_now()
    for _ in range(3):
        moment += PAST_EVERY_WAIT
        run(deliver_due(moment))
    assert relay.asked == [address] and relay.messages == []

    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    listed = _panel(client.get("/", headers=DUTCH).text, "introduction-mails-not-delivered")
    assert "kennismakingsverzoek" in listed, listed
    assert "weigerde het adres definitief" in listed
    assert f'href="/members/{expert_id}/edit"' in listed

    factories.log_in(client, s.login_of_expert(proposal).email)
    mine = _panel(client.get("/", headers=DUTCH).text, "my-introduction-mails-not-delivered")
    assert "weigerde het adres definitief" in mine, mine
    factories.log_in(client, s.owner_login.email)
    assert _panel(client.get("/", headers=DUTCH).text, "my-introduction-mails-not-delivered") == ""

    # The access answer holds the record for the expert, not for the asker.
    expert_rows = run(access_export(expert_id))["tables"]["introduction_mail"]["rows"]
    assert [row["refusal"] for row in expert_rows] == ["refused"]
    owner_rows = run(access_export(s.owner.member_id))["tables"]["introduction_mail"]["rows"]
    assert owner_rows == []

    fixed = client.patch(
        f"/api/members/{expert_id}", json={"email": "an@gevonden.be"}, headers=organiser.headers
    )
    assert fixed.status_code == 200, fixed.text
    assert run(deliver_due(utc_now() + timedelta(seconds=1))) == 1
    assert run(deliver_due(utc_now() + PAST_EVERY_WAIT)) == 0
    assert [m.rcpt_tos for m in relay.messages] == [["an@gevonden.be"]]
    row = run(IntroductionMail.select().where(IntroductionMail.introduction == proposal).first())
    assert row["done_at"] is not None and row["refusal"] is None
