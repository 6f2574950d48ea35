"""A member without a business e-mail address registered for an event and heard nothing of it:
their confirmation and its calendar file (or, on the waiting list, a seat that comes free) are
never written, so no list of mails not delivered names them either. The answer to their
registration says so, and the event page says so with the way to the calendar file and to
where their address is kept. The real app over HTTP, with a real SMTP server on loopback."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from tests import factories
from tests.events.helpers import event

NO_ADDRESS = "er staat geen zakelijk e-mailadres van je genoteerd"


def _notice(page: str) -> str:
    if 'id="no-mail-address"' not in page:
        return ""
    part = page[page.index('id="no-mail-address"') :]
    return part[: part.index("</div>")]


def _registers(client, email: str | None, full: bool = False) -> tuple[int, str]:
    """(event id, the page the registration lands on) for a member with this business address;
    `full`: the one seat is taken, they join the waiting list."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1, title="Auditdag Gent")
    if full:
        taken = factories.account(Role.member)
        assert client.post(f"/api/events/{event_id}/registration", headers=taken.headers).is_success
    member_id = factories.member(factories.organisation(), email=email)
    member = factories.account(Role.member, member_id=member_id)
    factories.log_in(client, member.email)
    answer = factories.post_page_form(client, f"/events/{event_id}/register")
    assert answer.status_code == 200, answer.text  # followed to the event page
    return event_id, unescape(answer.text)


def test_a_member_without_an_address_hears_at_once_and_on_the_event_page(client, mailbox):
    event_id, page = _registers(client, None)
    assert "Je bent ingeschreven. We kunnen je de bevestiging en het agendabestand niet" in page
    assert NO_ADDRESS in page
    notice = _notice(page)
    assert "bereiken je niet" in notice, page
    assert f'href="/events/{event_id}.ics"' in notice
    assert 'href="/profile"' in notice and "Wat het netwerk bijhoudt" in notice
    assert mailbox.messages == []

    later = unescape(client.get(f"/events/{event_id}", headers={"accept": "text/html"}).text)
    assert "bereiken je niet" in _notice(later)  # not only in the message shown once


def test_on_the_waiting_list_they_hear_that_no_mail_says_a_seat_came_free(client, mailbox):
    _, page = _registers(client, None, full=True)
    assert "je staat op de wachtlijst. We kunnen je niet mailen als er een plaats vrijkomt" in page
    assert "een plaats die op de wachtlijst vrijkomt" in _notice(page)


def test_a_member_with_an_address_reads_none_of_it(client, mailbox):
    _, page = _registers(client, "wout@auditors.be")
    assert "Je bent ingeschreven." in page
    assert NO_ADDRESS not in page and _notice(page) == ""
    assert [m.rcpt_tos for m in mailbox.messages] == [["wout@auditors.be"]]
