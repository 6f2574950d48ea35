"""A relay that refuses a mail for good (an SMTP 5xx answer, say 550 "no such mailbox") is not
asked again: the mail failed at once, and the mailing's page says why. A refusal for now (4xx)
is still tried again later. Before, a 5xx was retried for about two days and the page counted
the mail as waiting. A real SMTP server on loopback answers the relay's part; the page is read
over HTTP from `kring serve`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from html import unescape

import pytest

from kring.clock import utc_now
from kring.settings import get_settings
from kring.tables import Member
from mailings.delivery_tables import MailingRecipient
from mailings.outbox import queue_mailing
from mailings.sending import send_due
from tests.conftest import run
from tests.events.helpers import signed_in_browser
from tests.mailings.delivery_scene import build
from tests.refusing_relay import RefusingRelay, refusing_relay


@pytest.fixture
def relay(smtp_server) -> Iterator[RefusingRelay]:
    """Beside the first server, whose fixture records the relay's signed agreement."""
    with refusing_relay() as handler:
        yield handler


def _email(member_id: int) -> str:
    return run(Member.select(Member.email).where(Member.id == member_id).first())["email"]


def test_a_permanent_refusal_fails_at_once_and_the_page_says_why(relay, live_server):
    scene = build()
    gone, busy = scene.people["control"], scene.people["english"]
    relay.for_good.add(_email(gone))
    relay.for_now.add(_email(busy))
    run(queue_mailing(scene.mailing_id))
    settings = dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=relay.port)

    done = run(send_due(scene.mailing_id, settings=settings))

    rows = {r["member"]: r for r in run(MailingRecipient.select())}
    assert (rows[gone]["state"], rows[gone]["problem"]) == ("failed", "refused")
    assert (rows[busy]["state"], rows[busy]["problem"]) == ("waiting", "relay")
    assert rows[busy]["due_at"] > utc_now()
    assert (done.sent, done.retrying, done.failed) == (0, 1, 1)
    # Due again: the busy one is asked again, the refused one never.
    run(MailingRecipient.update({MailingRecipient.due_at: utc_now()}, force=True))
    run(send_due(scene.mailing_id, settings=settings))
    assert relay.asked.count(_email(gone)) == 1
    assert relay.asked.count(_email(busy)) == 2

    with signed_in_browser(live_server, scene.organiser.email) as browser:
        page = browser.get(f"/mailings/{scene.mailing_id}/progress")
    assert page.status_code == 200
    text = unescape(page.text)
    assert re.search(r'data-key="failed">1<', text), text
    assert re.search(r'data-key="waiting">1<', text), text
    problems = text[text.index('id="problems"') :]
    problems = problems[: problems.index("</ul>")]
    assert "Mislukt: de mailserver weigerde de mail definitief" in problems, problems
    assert "opnieuw geprobeerd" in problems  # the busy one is still tried again


def test_a_mail_given_up_after_its_last_attempt_is_not_said_to_be_tried_again(relay, live_server):
    """Found by the mailings probe: after the last retry the mail was counted as failed but the
    page still said the relay would be tried again later."""
    from kring.mail_retries import MAX_ATTEMPTS

    scene = build()
    busy = scene.people["english"]
    relay.for_now.add(_email(busy))
    run(queue_mailing(scene.mailing_id))
    settings = dataclasses.replace(get_settings(), smtp_host="127.0.0.1", smtp_port=relay.port)
    for _ in range(MAX_ATTEMPTS):
        run(MailingRecipient.update({MailingRecipient.due_at: utc_now()}, force=True))
        run(send_due(scene.mailing_id, settings=settings))

    rows = {r["member"]: r for r in run(MailingRecipient.select())}
    assert (rows[busy]["state"], rows[busy]["problem"]) == ("failed", "given_up")
    with signed_in_browser(live_server, scene.organiser.email) as browser:
        page = browser.get(f"/mailings/{scene.mailing_id}/progress")
    problems = unescape(page.text)[unescape(page.text).index('id="problems"') :]
    problems = problems[: problems.index("</ul>")]
    assert "later opnieuw geprobeerd" not in problems, problems
    assert "Mislukt: de mailserver nam de mail bij geen enkele poging aan" in problems, problems
