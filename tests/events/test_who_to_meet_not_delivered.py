"""A "who to meet" mail the relay refused for good (550 'no such mailbox') was given up with a
line in the log only: the member never knew their address was refused, no organiser knew the
mail did not arrive. It is listed now with the event mails not delivered, on the organisers'
home and on the event's desk, the member's home says their address is refused, the worker does
not offer it again, and once the address is corrected it goes, once. The real app over HTTP, a
real SMTP server on loopback."""

from __future__ import annotations

from datetime import timedelta

from events.tables import WhoToMeetMail
from events.who_to_meet_mail import send_who_to_meet_mails
from kring.choices import Role
from kring.clock import utc_now
from kring.tables import Account
from privacy.erasure import erase_member
from tests import factories
from tests.conftest import run
from tests.events.test_mail_not_delivered import _panel
from tests.events.test_who_to_meet_mail import expert, seeker, settings_for, soon
from tests.refusing_relay import refusing_relay

REFUSED = "ik@zoeker.be"  # the seeker's address (tests.events.test_who_to_meet_mail.seeker)
KIND = "wie je op het evenement kunt ontmoeten"


def _page(client, email: str, path: str) -> str:
    client.cookies.clear()
    assert factories.log_in(client, email).status_code in (200, 303)
    answer = client.get(path, headers={"accept": "text/html"})
    assert answer.status_code == 200, answer.text
    return answer.text


def test_a_who_to_meet_mail_refused_for_good_is_listed_told_and_goes_when_fixed(
    client, smtp_server
):
    organiser = factories.account(Role.organiser)
    event_id = soon(organiser)
    member_id = seeker(event_id, "Zoeker")
    expert(event_id, "Goedematch")
    login = run(Account.select(Account.email).where(Account.member == member_id).first())["email"]
    with refusing_relay() as relay:
        relay.for_good.add(REFUSED)
        settings = settings_for(relay.port)
        start = utc_now()
        assert run(send_who_to_meet_mails(settings, start)) == 0
        for hours in (1, 6, 24):  # the worker's later rounds do not offer it again
            assert run(send_who_to_meet_mails(settings, start + timedelta(hours=hours))) == 0
        assert relay.asked == [REFUSED]

        for path in ("/", f"/events/{event_id}/registrations"):
            listed = _panel(_page(client, organiser.email, path), "event-mails-not-delivered")
            assert "Zoeker" in listed and KIND in listed, (path, listed)
            assert "weigerde het adres definitief" in listed
            assert f'href="/members/{member_id}/edit"' in listed
        mine = _panel(_page(client, login, "/"), "my-event-mails-not-delivered")
        assert "Je zakelijke e-mailadres" in mine and "weigerde het adres definitief" in mine
        assert KIND in mine.lower() and "Netwerkavond kwaliteit" in mine, mine

        fixed = client.patch(
            f"/api/members/{member_id}", json={"email": "ik@gevonden.be"}, headers=organiser.headers
        )
        assert fixed.status_code == 200, fixed.text
        later = utc_now() + timedelta(seconds=1)
        assert run(send_who_to_meet_mails(settings, later)) == 1
        assert run(send_who_to_meet_mails(settings, later + timedelta(hours=6))) == 0
    assert [m.rcpt_tos for m in relay.messages] == [["ik@gevonden.be"]]
    home = _page(client, organiser.email, "/")
    assert _panel(home, "event-mails-not-delivered") == ""


def test_a_refused_who_to_meet_mail_is_forgotten_with_the_member(client, smtp_server):
    event_id = soon(factories.account(Role.organiser))
    member_id = seeker(event_id, "Zoeker")
    expert(event_id, "Goedematch")
    with refusing_relay() as relay:
        relay.for_good.add(REFUSED)
        assert run(send_who_to_meet_mails(settings_for(relay.port))) == 0
    assert run(WhoToMeetMail.count().where(WhoToMeetMail.refusal.is_not_null())) == 1
    run(erase_member(member_id))
    assert run(WhoToMeetMail.count().where(WhoToMeetMail.refusal.is_not_null())) == 0
