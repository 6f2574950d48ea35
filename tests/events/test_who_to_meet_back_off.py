"""A "who to meet" mail the relay does not take (a 451, 'try again later') was offered again at
every round of the worker, each minute, for as long as the relay said no. It is now tried after
growing waits (1 minute, 5, 30, 2 hours…), the log says when the next try is, and once the relay
takes it the mail goes, once. A real SMTP server on loopback answers the relay's part."""

from __future__ import annotations

import logging
from datetime import timedelta

from events.who_to_meet_mail import send_who_to_meet_mails
from kring.choices import Role
from kring.clock import utc_now
from kring.mail_retries import RETRY_AFTER
from tests import factories
from tests.conftest import run
from tests.events.test_who_to_meet_mail import expert, seeker, settings_for, soon
from tests.refusing_relay import refusing_relay

SECOND = timedelta(seconds=1)


def test_a_who_to_meet_mail_the_relay_does_not_take_is_tried_after_growing_waits(
    smtp_server, caplog
):
    event_id = soon(factories.account(Role.organiser))
    seeker(event_id, "Zoeker")
    expert(event_id, "Goedematch")
    with refusing_relay() as relay:
        relay.for_now.add("ik@zoeker.be")
        settings = settings_for(relay.port)
        start = utc_now()
        with caplog.at_level(logging.WARNING, logger="kring.events.who_to_meet_mail"):
            assert run(send_who_to_meet_mails(settings, start)) == 0
        assert "next try at" in caplog.text
        for seconds in (10, 20, 30, 40, 50):  # the worker's rounds within the first wait
            assert run(send_who_to_meet_mails(settings, start + seconds * SECOND)) == 0
        assert relay.asked == ["ik@zoeker.be"]

        moment = start
        for attempt, wait in enumerate(RETRY_AFTER[:3], start=2):
            moment += wait + SECOND
            assert run(send_who_to_meet_mails(settings, moment)) == 0
            assert run(send_who_to_meet_mails(settings, moment + 30 * SECOND)) == 0
            assert len(relay.asked) == attempt, relay.asked

        relay.for_now.clear()
        assert run(send_who_to_meet_mails(settings, moment + RETRY_AFTER[3] + SECOND)) == 1
        assert run(send_who_to_meet_mails(settings, moment + timedelta(hours=6))) == 0
    assert [m.rcpt_tos for m in relay.messages] == [["ik@zoeker.be"]]
