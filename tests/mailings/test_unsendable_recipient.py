"""A mailing's recipient whose address on record no mail can be written to (one holding `=?`,
stored before such addresses were refused where typed): the mail fails at once, never offered
to the relay, and the mailing's progress page says the address is the cause, not that the mail
server refused it ("the address does not exist"), which sent the organiser to look at the
relay. The other recipients' mails go. A real SMTP server on loopback; the page over HTTP."""

from __future__ import annotations

import dataclasses
from html import unescape

from kring.settings import get_settings
from kring.tables import Member
from mailings.delivery_tables import MailingRecipient
from mailings.outbox import queue_mailing
from mailings.sending import send_due
from tests.conftest import run
from tests.events.helpers import signed_in_browser
from tests.mailings.delivery_scene import build

BREAKS_THE_HEADER = "=?utf-8?q?a=0Ab?=@gast.be"


def test_a_recipient_whose_address_cannot_receive_mail_fails_and_the_page_says_why(
    smtp_server, live_server
):
    scene = build()
    broken = scene.people["english"]
    run(Member.update({Member.email: BREAKS_THE_HEADER}).where(Member.id == broken))
    run(queue_mailing(scene.mailing_id))
    settings = dataclasses.replace(
        get_settings(), smtp_host="127.0.0.1", smtp_port=smtp_server.port
    )

    done = run(send_due(scene.mailing_id, settings=settings))

    rows = {r["member"]: r for r in run(MailingRecipient.select())}
    assert (rows[broken]["state"], rows[broken]["problem"]) == ("failed", "bad_address")
    assert rows[scene.people["control"]]["state"] == "sent"
    assert done.failed == 1 and len(smtp_server.messages) == done.sent >= 1

    with signed_in_browser(live_server, scene.organiser.email) as browser:
        page = browser.get(f"/mailings/{scene.mailing_id}/progress")
    text = unescape(page.text)
    problems = text[text.index('id="problems"') :]
    problems = problems[: problems.index("</ul>")]
    assert "mailserver weigerde" not in problems, problems
    assert "kan geen mail ontvangen" in problems and "verbeteren" in problems, problems
