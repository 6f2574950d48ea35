"""A second click on "Send to N people" (a double click, or the back button and the button
again) says the mailing was queued already and shows its progress: it showed the send page
with "Not ready to send: only a draft can be sent" and a link back to the draft, so the
organiser thought nothing went (found by the outside probe). Nothing is queued twice. A
second click on "Stop sending" likewise shows the progress with why."""

from __future__ import annotations

import re

from mailings.delivery_tables import MailingRecipient
from tests import factories
from tests.conftest import run
from tests.mailings.delivery_scene import build


def _send(client, mailing_id: int, shown: str):
    form = {
        "_csrf_token": factories.csrf_token(client),
        **{
            name: re.search(rf'name="{name}" value="([^"]*)"', shown).group(1)
            for name in ("expected_count", "audience")
        },
    }
    return client.post(f"/mailings/{mailing_id}/send", data=form, follow_redirects=False)


def test_a_second_click_on_send_says_it_was_queued_already_and_shows_the_progress(client):
    scene = build()
    m = scene.mailing_id
    factories.log_in(client, scene.organiser.email)
    shown = client.get(f"/mailings/{m}/send").text
    assert _send(client, m, shown).status_code == 303
    queued = run(MailingRecipient.count().where(MailingRecipient.mailing == m))

    again = _send(client, m, shown)
    assert again.status_code == 409
    summary = again.text.split('id="error-summary"')[1].split("</div>")[0]
    assert "deze mailing staat al klaar om te versturen" in summary
    assert 'id="progress-box"' in again.text and "Nog niet klaar" not in again.text
    assert run(MailingRecipient.count().where(MailingRecipient.mailing == m)) == queued


def test_a_second_click_on_cancel_says_why_on_the_progress_page(client):
    """The same for "Stop sending": the second click showed an error page with only a link to
    the home page."""
    scene = build()
    m = scene.mailing_id
    factories.log_in(client, scene.organiser.email)
    assert _send(client, m, client.get(f"/mailings/{m}/send").text).status_code == 303
    form = {"_csrf_token": factories.csrf_token(client)}
    cancel = f"/mailings/{m}/cancel"
    assert client.post(cancel, data=form, follow_redirects=False).status_code == 303

    again = client.post(cancel, data=form, follow_redirects=False)
    assert again.status_code == 409
    summary = again.text.split('id="error-summary"')[1].split("</div>")[0]
    assert "kan niet meer stopgezet worden" in summary
    assert 'id="progress-box"' in again.text
