"""Each person is told about their own registration, in their language, through a real SMTP
server on loopback: a seat (with the calendar invitation), a waitlist place, a seat offered
until a time, an offer withdrawn, the event cancelled (with the calendar cancellation). Mails
are read back with the email package, the calendar files with icalendar."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from events import registration, registration_mails
from events.choices import EventMailKind
from events.mail_outbox import deliver_due
from events.tables import Event, EventMail, Registration
from kring.choices import Role
from kring.clock import utc_now
from kring.settings import get_settings
from privacy.erasure import erase_member
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run
from tests.events.helpers import event

PAST_EVERY_WAIT = timedelta(days=3)


def _relay_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    registration_mails.settings_override = replace(get_settings(), smtp_port=port)


def messages(mailbox: Any) -> list[tuple[str, EmailMessage]]:
    out = []
    for envelope in mailbox.messages:
        message = message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        out.append((",".join(envelope.rcpt_tos), message))
    return out


def text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return body.get_content()


def invitation(message: EmailMessage) -> Calendar:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    method = part.get_param("method")
    parsed = Calendar.from_ical(part.get_content())
    assert str(parsed["METHOD"]) == method
    return parsed


def member(language: str = "nl") -> factories.Login:
    n = factories.member(factories.organisation(), language=language)
    return factories.account(Role.member, member_id=n)


def email_of(login: factories.Login) -> str:
    from kring.tables import Member

    return run(Member.select(Member.email).where(Member.id == login.member_id).first())["email"]


def test_a_seat_is_confirmed_by_mail_with_the_calendar_invitation(client, mailbox):
    event_id = event(factories.account(Role.organiser), capacity=1)
    person = member("nl")
    answer = client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    assert answer.status_code == 201 and answer.json()["status"] == "confirmed"

    [(to, message)] = messages(mailbox)
    assert to == email_of(person)
    assert message["Subject"] == "Je hebt een plaats: Netwerkavond kwaliteit"
    body = text(message)
    assert "Je hebt een plaats op “Netwerkavond kwaliteit” op " in body
    assert "(tijd in België)" in body
    assert "Waar: Het Pand, Onderbergen 1, 9000 Gent" in body
    assert f"https://kring.example/events/{event_id}" in body
    calendar = invitation(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    uid = run(Event.select(Event.uid).where(Event.id == event_id).first())["uid"]
    assert str(vevent["UID"]) == uid
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["ATTENDEE"]) == f"mailto:{email_of(person)}"


def test_a_full_event_tells_the_person_their_place_in_their_own_language(client, mailbox):
    event_id = event(factories.account(Role.organiser), capacity=1)
    first, second = member("nl"), member("en")
    for person in (first, second):
        client.post(f"/api/events/{event_id}/registration", headers=person.headers)

    [_, (to, message)] = messages(mailbox)
    assert to == email_of(second)
    assert message["Subject"] == "On the waitlist: Netwerkavond kwaliteit"
    assert "You are number 1 on the waitlist." in text(message)
    assert "48 hours to accept it" in text(message)
    assert not list(message.iter_attachments())


def test_a_freed_seat_is_offered_by_mail_until_its_time_and_accepting_confirms_it(client, mailbox):
    event_id = event(factories.account(Role.organiser), capacity=1)
    first, second = member(), member()
    for person in (first, second):
        client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    assert client.delete(f"/api/events/{event_id}/registration", headers=first.headers).is_success

    to, offer = messages(mailbox)[-1]
    assert to == email_of(second)
    assert offer["Subject"] == "Er is een plaats vrij voor jou: Netwerkavond kwaliteit"
    expires = run(registration.my_registration(event_id, second.member_id))["offer_expires_at"]
    until = expires.astimezone(ZoneInfo("Europe/Brussels")).strftime("%H:%M")
    assert "Aanvaard ze vóór " in text(offer)
    assert f" om {until} (tijd in België); daarna gaat ze naar de volgende" in text(offer)
    assert f"https://kring.example/events/{event_id}" in text(offer)

    accepted = client.post(f"/api/events/{event_id}/registration/accept", headers=second.headers)
    assert accepted.status_code == 200
    to, seat = messages(mailbox)[-1]
    assert to == email_of(second)
    assert seat["Subject"] == "Je hebt een plaats: Netwerkavond kwaliteit"
    assert str(invitation(seat)["METHOD"]) == "REQUEST"


def test_a_lowered_capacity_tells_whose_offer_was_withdrawn(client, mailbox):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    people = [member("nl"), member("en"), member("nl")]
    for person in people:
        client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    raised = client.patch(
        f"/api/events/{event_id}", json={"capacity": 3}, headers=organiser.headers
    )
    assert raised.status_code == 200
    offers = [(to, m["Subject"]) for to, m in messages(mailbox)[-2:]]
    assert offers == [
        (email_of(people[1]), "A seat is free for you: Netwerkavond kwaliteit"),
        (email_of(people[2]), "Er is een plaats vrij voor jou: Netwerkavond kwaliteit"),
    ]
    lowered = client.patch(
        f"/api/events/{event_id}", json={"capacity": 2}, headers=organiser.headers
    )
    assert lowered.status_code == 200
    to, withdrawn = messages(mailbox)[-1]
    assert to == email_of(people[2])
    assert withdrawn["Subject"] == "Aangeboden plaats ingetrokken: Netwerkavond kwaliteit"
    assert "Je staat weer op de wachtlijst, als nummer 1." in text(withdrawn)
    assert len(mailbox.messages) == 6


def test_a_cancelled_event_tells_everyone_who_held_or_awaited_a_seat(client, mailbox):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1, members_only=False)
    seated, waiting = member("nl"), member("en")
    for person in (seated, waiting):
        client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    guest = {"first_name": "Ann", "last_name": "Peeters", "email": "ann@gast.example"}
    added = client.post(f"/api/events/{event_id}/guests", json=guest, headers=organiser.headers)
    assert added.status_code == 201 and added.json() == {"status": "waitlisted"}
    gone = member("nl")
    client.post(f"/api/events/{event_id}/registration", headers=gone.headers)
    client.delete(f"/api/events/{event_id}/registration", headers=gone.headers)
    before = len(mailbox.messages)

    cancelled = client.post(f"/api/events/{event_id}/cancel", headers=organiser.headers)
    assert cancelled.status_code == 200
    told = {to: message for to, message in messages(mailbox)[before:]}
    assert set(told) == {email_of(seated), email_of(waiting), "ann@gast.example"}
    assert told[email_of(seated)]["Subject"] == "Geannuleerd: Netwerkavond kwaliteit"
    assert told[email_of(waiting)]["Subject"] == "Cancelled: Netwerkavond kwaliteit"
    assert "Dag Ann," in text(told["ann@gast.example"])
    for to, message in told.items():
        calendar = invitation(message)
        assert str(calendar["METHOD"]) == "CANCEL"
        [vevent] = calendar.walk("VEVENT")
        assert str(vevent["STATUS"]) == "CANCELLED" and vevent["SEQUENCE"] == 1
        assert str(vevent["ATTENDEE"]) == f"mailto:{to}"
    # Cancelling again tells nobody twice.
    client.post(f"/api/events/{event_id}/cancel", headers=organiser.headers)
    assert len(mailbox.messages) == before + 3


def test_a_mail_the_relay_did_not_take_goes_once_with_the_news_as_it_is_then(mailbox):
    event_id = event(factories.account(Role.organiser), capacity=1)
    first, second = member(), member()
    _relay_down()
    run(registration.register(event_id, member_id=first.member_id))
    run(registration.register(event_id, member_id=second.member_id))
    run(registration.cancel(event_id, first.member_id))
    run(registration.accept_offer(event_id, second.member_id))
    assert mailbox.messages == []
    owed = run(EventMail.select(EventMail.kind, EventMail.attempts))
    assert sorted(row["kind"] for row in owed) == [
        "offered",
        "registered",
        "registered",
        "waitlisted",
    ]

    registration_mails.settings_override = replace(get_settings(), smtp_port=mailbox.port)
    assert run(deliver_due()) == 0  # no retry is due yet

    async def two_workers() -> list[int]:
        later = utc_now() + timedelta(minutes=2)
        return list(await asyncio.gather(deliver_due(later), deliver_due(later)))

    # The first's seat was given back and the second's offer accepted: only the second's seat
    # is still news.
    assert sum(run(two_workers())) == 1
    [(to, message)] = messages(mailbox)
    assert to == email_of(second) and message["Subject"].startswith("Je hebt een plaats")
    assert run(deliver_due(utc_now() + PAST_EVERY_WAIT)) == 0
    assert len(mailbox.messages) == 1


def test_no_mail_about_an_erased_or_restricted_person(mailbox):
    event_id = event(factories.account(Role.organiser), capacity=5)
    erased, restricted = member(), member()
    _relay_down()
    run(registration.register(event_id, member_id=erased.member_id))
    run(registration.register(event_id, member_id=restricted.member_id))
    run(erase_member(erased.member_id))
    run(restrict(restricted.member_id, "the member", "accuracy contested", None))
    registration_mails.settings_override = replace(get_settings(), smtp_port=mailbox.port)
    assert run(deliver_due(utc_now() + timedelta(minutes=2))) == 0
    assert mailbox.messages == []
    assert run(Registration.count().where(Registration.event == event_id)) == 2


def test_a_moved_event_tells_everyone_who_holds_or_awaits_a_seat_with_the_update(client, mailbox):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    seated, waiting, gone = member("nl"), member("en"), member("nl")
    for person in (seated, waiting, gone):
        client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    client.delete(f"/api/events/{event_id}/registration", headers=gone.headers)
    offered = waiting  # the seat given back went to the one waiting
    client.post(f"/api/events/{event_id}/registration", headers=gone.headers)  # now waiting
    before = len(mailbox.messages)

    start = utc_now().astimezone(ZoneInfo("Europe/Brussels")).replace(
        hour=19, minute=0, second=0, microsecond=0
    ) + timedelta(days=20)
    moved = client.patch(
        f"/api/events/{event_id}",
        json={"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=2)).isoformat()},
        headers=organiser.headers,
    )
    assert moved.status_code == 200, moved.text
    told = {to: message for to, message in messages(mailbox)[before:]}
    assert set(told) == {email_of(seated), email_of(offered), email_of(gone)}
    mail = told[email_of(seated)]
    assert mail["Subject"] == "Gewijzigd: Netwerkavond kwaliteit"
    assert "19:00 (tijd in België)" in text(mail)
    calendar = invitation(mail)
    assert str(calendar["METHOD"]) == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["SEQUENCE"] == 1 and vevent.decoded("DTSTART") == start
    assert told[email_of(offered)]["Subject"] == "Changed: Netwerkavond kwaliteit"
    assert not list(told[email_of(gone)].iter_attachments())  # no seat, no invitation

    # A change of what nobody needs to hear (the capacity, the description) mails no change.
    def changes() -> int:
        subjects = [m["Subject"] for _, m in messages(mailbox)]
        return sum(s.startswith(("Gewijzigd:", "Changed:")) for s in subjects)

    client.patch(
        f"/api/events/{event_id}",
        json={"capacity": 5, "description": "Met broodjes"},
        headers=organiser.headers,
    )
    assert changes() == 3


def test_a_lapsed_offer_tells_the_person_their_place_went_to_the_next(client, mailbox):
    """Found in an earlier session: an offer that lapsed ended the person's registration and
    nobody told them; they learnt it only by opening the event."""
    from events import jobs

    event_id = event(factories.account(Role.organiser), capacity=1)
    first, second, third = member(), member("en"), member()
    for person in (first, second, third):
        client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    assert client.delete(f"/api/events/{event_id}/registration", headers=first.headers).is_success
    run(
        Registration.update(
            {Registration.offer_expires_at: utc_now() - timedelta(minutes=1)}
        ).where(Registration.member == second.member_id)
    )
    sent = len(mailbox.messages)

    assert run(jobs.expire_offers()) == 1
    run(deliver_due())

    news = messages(mailbox)[sent:]
    assert [to for to, _ in news] == [email_of(second), email_of(third)]
    (_, lapsed), (_, offered) = news
    assert lapsed["Subject"] == "Seat offer lapsed: Netwerkavond kwaliteit"
    body = text(lapsed)
    assert "was not accepted in time, so it went to the next person on the waitlist" in body
    assert "To come after all, register again" in body
    assert f"https://kring.example/events/{event_id}" in body
    assert not list(lapsed.iter_attachments())
    assert offered["Subject"] == "Er is een plaats vrij voor jou: Netwerkavond kwaliteit"
    assert run(jobs.expire_offers()) == 0
    run(deliver_due())
    assert len(mailbox.messages) == sent + 2  # told once


def test_a_lapsed_offer_mail_in_dutch_is_not_sent_once_they_registered_again(client, mailbox):
    from events import jobs

    event_id = event(factories.account(Role.organiser), capacity=1)
    first, second = member(), member("nl")
    for person in (first, second):
        client.post(f"/api/events/{event_id}/registration", headers=person.headers)
    client.delete(f"/api/events/{event_id}/registration", headers=first.headers)
    run(
        Registration.update(
            {Registration.offer_expires_at: utc_now() - timedelta(minutes=1)}
        ).where(Registration.member == second.member_id)
    )
    _relay_down()
    run(jobs.expire_offers())
    run(deliver_due())
    registration_mails.settings_override = replace(
        get_settings(), smtp_port=mailbox.port, base_url="https://kring.example"
    )
    rendered = run(
        registration_mails.owed_mail(
            _registration_id(event_id, second.member_id),
            EventMailKind.offer_lapsed,
            utc_now(),
            registration_mails.mail_settings(),
        )
    )
    assert rendered is not None
    assert rendered.subject == "Aangeboden plaats vervallen: Netwerkavond kwaliteit"
    assert "Wil je toch komen, schrijf je dan opnieuw in" in rendered.text
    again = client.post(f"/api/events/{event_id}/registration", headers=second.headers)
    assert again.status_code == 201
    sent = len(mailbox.messages)
    run(deliver_due(utc_now() + PAST_EVERY_WAIT))
    subjects = [m["Subject"] for _, m in messages(mailbox)[sent:]]
    assert not any("vervallen" in s for s in subjects)  # the news no longer holds


def _registration_id(event_id: int, member_id: int) -> int:
    row = run(
        Registration.select(Registration.id)
        .where((Registration.event == event_id) & (Registration.member == member_id))
        .first()
    )
    return row["id"]
