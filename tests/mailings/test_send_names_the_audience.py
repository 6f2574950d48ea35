"""The send page is the last question before a mailing goes out, so it names what the audience
is: found from outside, it said only "De leden van gekozen organisaties" or "De deelnemers van
een evenement", and which ones were chosen showed nowhere on it (on the audience page only as
the selection of a list scrolled out of view)."""

from __future__ import annotations

from tests import factories
from tests.mailings.delivery_scene import build


def _post(client, path: str, data: dict[str, str]):
    form = {"_csrf_token": factories.csrf_token(client), **data}
    return client.post(path, data=form, follow_redirects=False)


def _audience_shown(page: str) -> str:
    """The audience as the send page's facts state it."""
    facts = page.split('id="send-facts"')[1].split("</dl>")[0]
    return facts.split("<dt>Publiek</dt>")[1].split("</dd>")[0]


def _summary(page: str) -> str:
    return page.split('id="summary"')[1].split('id="audience-count"')[0]


def test_the_send_and_audience_pages_name_the_chosen_organisations(client):
    scene = build()
    m = scene.mailing_id
    factories.log_in(client, scene.organiser.email)
    chosen = {"audience_kind": "organisations", "organisations": [scene.org_b, scene.org_a]}
    assert _post(client, f"/mailings/{m}/audience", chosen).status_code == 303
    assert "Alfa, Beta" in _audience_shown(client.get(f"/mailings/{m}/send").text)
    assert "Alfa, Beta" in _summary(client.get(f"/mailings/{m}/audience").text)


def test_the_send_and_audience_pages_name_the_chosen_event(client):
    scene = build()
    m = scene.mailing_id
    factories.log_in(client, scene.organiser.email)
    chosen = {"audience_kind": "event", "event": str(scene.event_id)}
    assert _post(client, f"/mailings/{m}/audience", chosen).status_code == 303
    assert "Netwerkavond kwaliteit" in _audience_shown(client.get(f"/mailings/{m}/send").text)
    assert "Netwerkavond kwaliteit" in _summary(client.get(f"/mailings/{m}/audience").text)
