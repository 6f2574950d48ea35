"""A mail about a registration that cannot reach its person (the relay answers 550 'no such
mailbox' for the address, or no mail can be written to it) was given up without a word: the
member waited for a confirmation that never came and no organiser knew. Now the organisers'
home lists it (who, which mail, which event, why), the member's home says their address is
refused, the worker does not offer it again, and once the address is corrected it goes, once.
The real app over HTTP, a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from html import unescape

import pytest

from events import registration_mails
from events.mail_outbox import deliver_due, forget_settled
from events.tables import EventMail
from kring.choices import Role
from kring.clock import utc_now
from kring.settings import get_settings
from kring.tables import Member
from privacy.erasure import erase_member
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.refusing_relay import RefusingRelay, refusing_relay

PAST_EVERY_WAIT = timedelta(days=3)
GONE = "weg@verdwenen.be"
DUTCH = {"accept": "text/html", "accept-language": "nl"}


@pytest.fixture
def relay(smtp_server) -> Iterator[RefusingRelay]:
    with refusing_relay() as handler:
        registration_mails.settings_override = replace(get_settings(), smtp_port=handler.port)
        try:
            yield handler
        finally:
            registration_mails.settings_override = None


def _panel(page: str, panel_id: str) -> str:
    text = unescape(page)
    if f'id="{panel_id}"' not in text:
        return ""
    part = text[text.index(f'id="{panel_id}"') :]
    return part[: part.index("</section>")]


def _registered(client, email: str) -> tuple[factories.Login, factories.Login, int, int]:
    """(organiser, member, member id, event id) after the member registered."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, title="Auditdag Gent")
    member_id = factories.member(factories.organisation(), first_name="Wout", email=email)
    member = factories.account(Role.member, member_id=member_id)
    answer = client.post(f"/api/events/{event_id}/registration", headers=member.headers)
    assert answer.status_code in (200, 201), answer.text
    return organiser, member, member_id, event_id


def test_a_mail_refused_for_good_is_listed_for_organisers_and_the_member_and_goes_when_fixed(
    client, relay
):
    relay.for_good.add(GONE)
    organiser, member, member_id, event_id = _registered(client, GONE)
    assert relay.asked == [GONE] and relay.messages == []

    moment = utc_now()
    for _ in range(3):  # the worker's rounds do not offer it again
        moment += PAST_EVERY_WAIT
        run(deliver_due(moment))
    assert relay.asked == [GONE]

    factories.log_in(client, organiser.email)
    listed = _panel(client.get("/", headers=DUTCH).text, "event-mails-not-delivered")
    assert "Wout" in listed and "Auditdag Gent" in listed, listed
    assert "plaats bevestigd" in listed
    assert "weigerde het adres definitief" in listed
    assert f'href="/members/{member_id}/edit"' in listed
    assert f'href="/events/{event_id}/registrations"' in listed

    factories.log_in(client, member.email)
    mine = _panel(client.get("/", headers=DUTCH).text, "my-event-mails-not-delivered")
    assert "Je zakelijke e-mailadres" in mine and "weigerde het adres definitief" in mine, mine
    assert "Auditdag Gent" in mine

    fixed = client.patch(
        f"/api/members/{member_id}", json={"email": "an@gevonden.be"}, headers=organiser.headers
    )
    assert fixed.status_code == 200, fixed.text
    assert run(deliver_due(utc_now() + timedelta(seconds=1))) == 1
    assert run(deliver_due(utc_now() + PAST_EVERY_WAIT)) == 0
    assert [m.rcpt_tos for m in relay.messages] == [["an@gevonden.be"]]

    factories.log_in(client, organiser.email)
    assert _panel(client.get("/", headers=DUTCH).text, "event-mails-not-delivered") == ""


def test_an_address_no_mail_can_be_written_to_is_named_with_why(client, relay):
    broken = "=?utf-8?q?a=0Ab?=@gast.be"  # stored before such addresses were refused
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, title="Auditdag Gent")
    member_id = factories.member(factories.organisation(), first_name="Wout")
    run(Member.update({Member.email: broken}).where(Member.id == member_id))
    member = factories.account(Role.member, member_id=member_id)
    registered = client.post(f"/api/events/{event_id}/registration", headers=member.headers)
    assert registered.is_success, registered.text
    assert relay.asked == []  # never offered to the relay

    factories.log_in(client, organiser.email)
    listed = _panel(client.get("/", headers=DUTCH).text, "event-mails-not-delivered")
    assert "Wout" in listed and "het adres bevat ‘=?’" in listed, listed


def test_a_mail_the_relay_never_took_is_listed_as_such_and_forgotten_later(client, relay):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, title="Auditdag Gent")
    member_id = factories.member(factories.organisation(), first_name="Wout", email="druk@bezet.be")
    relay.for_now.add("druk@bezet.be")
    member = factories.account(Role.member, member_id=member_id)
    assert client.post(f"/api/events/{event_id}/registration", headers=member.headers).is_success
    moment = utc_now()
    for _ in range(8):
        moment += PAST_EVERY_WAIT
        run(deliver_due(moment))

    factories.log_in(client, organiser.email)
    listed = _panel(client.get("/", headers=DUTCH).text, "event-mails-not-delivered")
    assert "Wout" in listed and "nam de mail bij geen enkele poging aan" in listed, listed
    factories.log_in(client, member.email)  # not the member's address: nothing on their home
    assert _panel(client.get("/", headers=DUTCH).text, "my-event-mails-not-delivered") == ""

    assert run(forget_settled(moment + timedelta(days=31))) == 1
    factories.log_in(client, organiser.email)
    assert _panel(client.get("/", headers=DUTCH).text, "event-mails-not-delivered") == ""


def test_erasure_deletes_the_record_of_a_mail_not_delivered(client, relay):
    relay.for_good.add(GONE)
    _, _, member_id, _ = _registered(client, GONE)
    assert run(EventMail.count().where(EventMail.refusal.is_not_null())) == 1
    run(erase_member(member_id))
    assert run(EventMail.count()) == 0
