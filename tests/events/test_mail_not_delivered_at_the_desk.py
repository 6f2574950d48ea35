"""Mails about registrations that did not reach their person were listed on the organisers' home
only, every event's together; a guest's address (a guest has no form of their own) could not be
corrected at all, so their mail waited out its 30 days. Each event's desk lists that event's
mails, and beside a mail refused for a guest's address its organisers type the right one: it
is checked as the guest form checks it, noted on the audit trail, and the mail goes again, once.
The real app over HTTP, a real SMTP server on loopback answering 550 for the wrong address."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from html import unescape

import pytest

from events import registration_mails
from events.tables import Registration
from kring.choices import Role
from kring.settings import get_settings
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.events.test_mail_not_delivered import _panel
from tests.refusing_relay import RefusingRelay, refusing_relay

GONE = "griet@verdwenen.be"
PANEL = "event-mails-not-delivered"


@pytest.fixture
def relay(smtp_server) -> Iterator[RefusingRelay]:
    with refusing_relay() as handler:
        handler.for_good.add(GONE)
        registration_mails.settings_override = replace(get_settings(), smtp_port=handler.port)
        try:
            yield handler
        finally:
            registration_mails.settings_override = None


def _log_in(client, email: str) -> None:
    client.cookies.clear()
    answer = factories.log_in(client, email)
    assert answer.status_code in (200, 303), answer.text


def _page(client, path: str) -> str:
    answer = client.get(path, headers={"accept": "text/html"})
    assert answer.status_code == 200, answer.text
    return answer.text


def _guest_refused(client, organiser: factories.Login, title: str) -> tuple[int, int]:
    """(event id, registration id) of a guest registered at the desk with an address the relay
    refuses for good."""
    event_id = event(organiser, capacity=5, title=title, members_only=False)
    _log_in(client, organiser.email)
    answer = factories.post_page_form(
        client,
        f"/events/{event_id}/guests",
        first_name="Griet",
        last_name="Van Damme",
        email=GONE,
    )
    assert answer.status_code == 200, answer.text
    desk = unescape(answer.text)
    registration_id = int(desk.split("/guest-email")[0].rsplit("/registrations/", 1)[1])
    return event_id, registration_id


def test_each_events_desk_lists_its_own_mails_not_delivered(client, relay):
    organiser = factories.account(Role.organiser)
    event_id, _ = _guest_refused(client, organiser, "Auditdag Gent")
    other_id = event(organiser, capacity=5, title="Netwerkavond Brugge")
    relay.for_good.add("wout@weg.be")
    wout_id = factories.member(factories.organisation(), first_name="Wout", email="wout@weg.be")
    wout = factories.account(Role.member, member_id=wout_id)
    assert client.post(f"/api/events/{other_id}/registration", headers=wout.headers).is_success

    desk = _panel(_page(client, f"/events/{event_id}/registrations"), PANEL)
    assert "Mails over dit evenement die niet aankwamen" in desk
    assert "Griet Van Damme (gast)" in desk and "weigerde het adres definitief" in desk
    assert "Wout" not in desk  # the other event's mail is on its own desk
    assert "Netwerkavond Brugge" not in desk and "Auditdag Gent" not in desk  # not on every row
    other = _panel(_page(client, f"/events/{other_id}/registrations"), PANEL)
    assert "Wout" in other and "Griet" not in other

    home = _panel(_page(client, "/"), PANEL)  # the home still lists both, each with its event
    assert "Griet" in home and "Wout" in home and "Netwerkavond Brugge" in home


def test_an_organiser_corrects_a_guests_address_and_the_mail_goes_once(client, relay):
    organiser = factories.account(Role.organiser)
    event_id, registration_id = _guest_refused(client, organiser, "Auditdag Gent")
    action = f"/events/{event_id}/registrations/{registration_id}/guest-email"
    assert relay.asked == [GONE] and relay.messages == []
    home = _panel(_page(client, "/"), PANEL)  # the home's list offers it too
    assert f'action="{action}"' in home and "Adres van de gast verbeteren" in home

    wrong = factories.post_page_form(client, action, guest_email="griet@@gevonden")
    assert wrong.status_code == 400
    page = unescape(wrong.text)
    field = page[page.index('id="field-guest_email-error"') :][:300]
    assert "is geen e-mailadres" in field, field
    assert 'href="#field-guest_email"' in page  # the summary leads to it
    assert 'value="griet@@gevonden"' in page  # what was typed is kept

    same = factories.post_page_form(client, action, guest_email=GONE)
    assert same.status_code == 400
    assert f"{GONE} is het adres dat de mail niet bereikte" in unescape(same.text)
    assert relay.asked == [GONE] and run(AuditEntry.count()) == 0

    fixed = factories.post_page_form(client, action, guest_email="griet@gevonden.be")
    assert fixed.status_code == 200, fixed.text  # followed to the desk
    page = unescape(fixed.text)
    assert "Het e-mailadres van Griet Van Damme is verbeterd" in page
    assert [m.rcpt_tos for m in relay.messages] == [["griet@gevonden.be"]]
    assert "Subject: " in relay.messages[0].content.decode()
    assert _panel(page, PANEL) == ""  # nothing left undelivered

    audit = run(AuditEntry.select().where(AuditEntry.table_name == "registration"))
    assert [(a["actor"], a["member"], a["action"]) for a in audit] == [
        (organiser.account_id, None, "changed")
    ]
    again = factories.post_page_form(client, action, guest_email="griet@elders.be")
    assert again.status_code == 200  # a later correction is stored, nothing owed goes again
    assert len(relay.messages) == 1


def test_only_the_events_organisers_correct_it_and_only_a_guests(client, relay):
    organiser = factories.account(Role.organiser)
    event_id, registration_id = _guest_refused(client, organiser, "Auditdag Gent")
    action = f"/events/{event_id}/registrations/{registration_id}/guest-email"

    colleague = factories.account(Role.organiser)  # organises other events, not this one
    _log_in(client, colleague.email)
    assert "Adres van de gast verbeteren" not in _panel(_page(client, "/"), PANEL)
    refused = factories.post_page_form(client, action, guest_email="griet@gevonden.be")
    assert refused.status_code == 403

    member = factories.account(Role.member)
    _log_in(client, member.email)
    assert factories.post_page_form(client, action, guest_email="x@y.be").status_code == 403

    _log_in(client, organiser.email)
    no_csrf = client.post(
        action, data={"guest_email": "griet@gevonden.be"}, headers={"accept": "text/html"}
    )
    assert no_csrf.status_code == 403
    registered = factories.account(Role.member)
    assert client.post(
        f"/api/events/{event_id}/registration", headers=registered.headers
    ).is_success
    theirs = run(
        Registration.select(Registration.id).where(Registration.member == registered.member_id)
    )[0]["id"]
    not_a_guest = factories.post_page_form(
        client, f"/events/{event_id}/registrations/{theirs}/guest-email", guest_email="a@b.be"
    )
    assert not_a_guest.status_code == 404
    sent = [m.rcpt_tos for m in relay.messages]  # the member's own confirmation only
    assert ["griet@gevonden.be"] not in sent and ["a@b.be"] not in sent
    assert run(AuditEntry.count()) == 0


def test_the_homes_list_shows_an_organiser_only_their_own_events_mails(client, relay):
    """Staff see participant data of their own events only (`may_see_list`): the organisers'
    home listed every event's mails not delivered, with whom each was to, to every organiser."""
    organiser = factories.account(Role.organiser)
    _guest_refused(client, organiser, "Auditdag Gent")
    assert "Griet Van Damme" in _panel(_page(client, "/"), PANEL)

    colleague = factories.account(Role.organiser)  # organises other events, not this one
    _log_in(client, colleague.email)
    assert "Griet" not in _page(client, "/")  # the event itself stays among the coming ones

    admin = factories.account(Role.admin)
    _log_in(client, admin.email)
    assert "Griet Van Damme" in _panel(_page(client, "/"), PANEL)
