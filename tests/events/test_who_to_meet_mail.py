"""The pre-event "who to meet" mail, sent to a real SMTP server on loopback and read back."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from typing import Any

from events import registration
from events.choices import EventStatus
from events.tables import Event, WhoToMeetMail
from events.who_to_meet_mail import send_who_to_meet_mails
from kring.choices import Role
from kring.clock import utc_now
from kring.mail_retries import RETRY_AFTER
from kring.settings import Settings, get_settings
from kring.tables import Challenge, Expertise, Member
from members.records import create_record
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal

TOPIC = "interne audit ISO 45001 veiligheid"


def settings_for(port: int) -> Settings:
    return replace(get_settings(), smtp_port=port, base_url="https://kring.example")


def soon(organiser: factories.Login, days: float = 1) -> int:
    start = utc_now() + timedelta(days=days)
    return event(
        organiser,
        capacity=50,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        list_visibility="participants",
    )


def expert(event_id: int, last_name: str) -> int:
    """Own domain each, so no two experts are colleagues of each other or of a seeker."""
    member_id = factories.member(
        factories.organisation(),
        last_name=last_name,
        job_title="auditor",
        email=f"{last_name.lower()}@{last_name.lower()}-bedrijf.be",
    )
    login = factories.account(Role.member, member_id=member_id)
    record = {"title": "Auditprogramma ISO 45001", "body": TOPIC, "tags": ["iso 45001"]}
    run(create_record(Expertise, principal(login), record))
    run(registration.register(event_id, member_id=member_id))
    return member_id


def seeker(event_id: int, last_name: str, language: str = "nl") -> int:
    domain = f"{last_name.lower()}.be"
    member_id = factories.member(
        factories.organisation(domain=domain),
        last_name=last_name,
        email=f"ik@{domain}",
        language=language,
    )
    login = factories.account(Role.member, member_id=member_id)
    record = {"title": "ISO 45001 interne audit opzetten", "body": TOPIC, "tags": ["iso 45001"]}
    run(create_record(Challenge, principal(login), record))
    run(registration.register(event_id, member_id=member_id))
    return member_id


def received(mailbox: Any) -> list[dict[str, str]]:
    out = []
    for envelope in mailbox.messages:
        message = message_from_bytes(envelope.content, policy=default)
        out.append(
            {
                "to": ",".join(envelope.rcpt_tos),
                "subject": str(message["Subject"]),
                "text": message.get_body(("plain",)).get_content(),
            }
        )
    return out


def claims() -> int:
    return run(WhoToMeetMail.count())


def test_mail_arrives_once_with_the_suggestions(smtp_server: Any) -> None:
    event_id = soon(factories.account(Role.organiser))
    seeker(event_id, "Zoeker")
    expert(event_id, "Goedematch")
    settings = settings_for(smtp_server.port)
    assert run(send_who_to_meet_mails(settings)) == 1
    [mail] = received(smtp_server)
    assert mail["to"] == "ik@zoeker.be"
    assert mail["subject"] == "Wie je ontmoet op Netwerkavond kwaliteit"
    assert "Goedematch, auditor (Organisatie" in mail["text"]
    assert "Past bij je uitdaging: ISO 45001 interne audit opzetten" in mail["text"]
    assert f"https://kring.example/events/{event_id}" in mail["text"]
    assert "(Brusselse tijd)" in mail["text"]
    assert run(send_who_to_meet_mails(settings)) == 0
    assert len(smtp_server.messages) == 1


def test_two_workers_at_once_send_one_mail(smtp_server: Any) -> None:
    event_id = soon(factories.account(Role.organiser))
    seeker(event_id, "Zoeker")
    expert(event_id, "Goedematch")
    settings = settings_for(smtp_server.port)

    async def both() -> list[int]:
        return list(
            await asyncio.gather(send_who_to_meet_mails(settings), send_who_to_meet_mails(settings))
        )

    assert sorted(run(both())) == [0, 1]
    assert len(smtp_server.messages) == 1
    assert claims() == 1


def test_opted_out_people_are_never_named_and_no_mailings_gets_none(smtp_server: Any) -> None:
    event_id = soon(factories.account(Role.organiser))
    seeker(event_id, "Zoeker")
    quiet = seeker(event_id, "Stil")
    run(Member.update({Member.no_mailings: True}).where(Member.id == quiet))
    unlisted = expert(event_id, "Nietlijst")
    run(set_opt_out(unlisted, OptOut.listing, True, Channel.web, None))
    hidden = expert(event_id, "Verborgen")
    run(registration.set_own_visibility(event_id, hidden, True))
    expert(event_id, "Goedematch")
    assert run(send_who_to_meet_mails(settings_for(smtp_server.port))) == 1
    mails = received(smtp_server)
    assert [m["to"] for m in mails] == ["ik@zoeker.be"]
    for mail in mails:
        assert "Goedematch" in mail["text"]
        assert "Nietlijst" not in mail["text"]
        assert "Verborgen" not in mail["text"]


def test_language_follows_the_member(smtp_server: Any) -> None:
    event_id = soon(factories.account(Role.organiser))
    seeker(event_id, "English", language="en")
    seeker(event_id, "Nederlands", language="nl")
    expert(event_id, "Goedematch")
    assert run(send_who_to_meet_mails(settings_for(smtp_server.port))) == 2
    by_recipient = {m["to"]: m for m in received(smtp_server)}
    english = by_recipient["ik@english.be"]
    assert english["subject"] == "Who to meet at Netwerkavond kwaliteit"
    assert "Fits your challenge:" in english["text"]
    assert "(Brussels time)" in english["text"]
    dutch = by_recipient["ik@nederlands.be"]
    assert dutch["subject"] == "Wie je ontmoet op Netwerkavond kwaliteit"


def test_events_further_away_or_cancelled_send_nothing(smtp_server: Any) -> None:
    organiser = factories.account(Role.organiser)
    later = soon(organiser, days=5)
    cancelled = soon(organiser)
    for event_id in (later, cancelled):
        seeker(event_id, f"Zoeker{event_id}")
        expert(event_id, f"Expert{event_id}")
    run(Event.update({Event.status: EventStatus.cancelled}).where(Event.id == cancelled))
    assert run(send_who_to_meet_mails(settings_for(smtp_server.port))) == 0
    assert smtp_server.messages == []
    assert claims() == 0


def test_failed_send_waits_for_its_next_try_and_a_later_round_sends(smtp_server: Any) -> None:
    event_id = soon(factories.account(Role.organiser))
    seeker(event_id, "Zoeker")
    expert(event_id, "Goedematch")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    start = utc_now()
    assert run(send_who_to_meet_mails(settings_for(closed_port), start)) == 0
    assert claims() == 1  # kept, with its next try (tests/events/test_who_to_meet_back_off.py)
    later = start + RETRY_AFTER[0] + timedelta(seconds=1)
    assert run(send_who_to_meet_mails(settings_for(smtp_server.port), later)) == 1
    assert len(smtp_server.messages) == 1
    assert claims() == 1
    assert run(send_who_to_meet_mails(settings_for(smtp_server.port), later)) == 0
