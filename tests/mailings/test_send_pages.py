"""The organisers' audience, send and progress pages and the sending API: count and sample
before sending, clear refusals, queueing once; members are refused everywhere, unknown
mailings are 404."""

from __future__ import annotations

import re

from kring.choices import Role
from mailings.delivery_tables import MailingRecipient
from mailings.outbox import queue_mailing
from mailings.tables import Mailing
from tests import factories
from tests.conftest import run
from tests.mailings.delivery_scene import build


def _post(client, path: str, data: dict | None = None):
    form = {"_csrf_token": factories.csrf_token(client), **(data or {})}
    return client.post(path, data=form, follow_redirects=False)


def _confirmed(page: str) -> dict[str, str]:
    """What the send form carries back: the count and the audience it showed."""
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', page).group(1)
        for name in ("expected_count", "audience")
    }


def test_audience_send_and_progress_pages_and_api(client):
    scene = build()
    m = scene.mailing_id
    organiser = scene.organiser
    factories.log_in(client, organiser.email)

    page = client.get(f"/mailings/{m}/audience")
    assert page.status_code == 200
    assert 'id="audience-count"' in page.text and "Controle" in page.text
    for hidden in ("Afgemeld", "Beperkt", "Gepauzeerd", "Zonderadres"):
        assert hidden not in page.text

    chosen = _post(
        client,
        f"/mailings/{m}/audience",
        {"audience_kind": "organisations", "organisations": str(scene.org_a)},
    )
    assert chosen.status_code == 303
    page = client.get(f"/mailings/{m}/audience")
    assert "Controle" in page.text and "English" not in page.text
    for data, status in (
        ({"audience_kind": "everyone"}, 400),
        ({"audience_kind": "event", "event": "abc"}, 400),
        ({"audience_kind": "event", "event": "999999"}, 404),
        ({"audience_kind": "organisations"}, 400),
        ({"audience_kind": "tags", "tags": ""}, 400),
    ):
        refused = _post(client, f"/mailings/{m}/audience", data)
        assert refused.status_code == status, (data, refused.status_code)
        assert "error-summary" in refused.text
    assert run(Mailing.select(Mailing.audience_kind).where(Mailing.id == m).first()) == {
        "audience_kind": "organisations"
    }

    confirm = client.get(f"/mailings/{m}/send")
    assert confirm.status_code == 200 and 'id="send-form"' in confirm.text
    queued = _post(client, f"/mailings/{m}/send", _confirmed(confirm.text))
    assert queued.status_code == 303 and queued.headers["location"] == f"/mailings/{m}/progress"
    progress = client.get(f"/mailings/{m}/progress")
    assert progress.status_code == 200 and 'data-key="waiting">1<' in progress.text
    assert 'id="relay-problem"' in progress.text  # no signed agreement on the register
    assert _post(client, f"/mailings/{m}/send", _confirmed(confirm.text)).status_code == 409
    assert client.get(f"/mailings/{m}/send", follow_redirects=False).status_code == 303
    assert (
        _post(client, f"/mailings/{m}/audience", {"audience_kind": "all_members"}).status_code
        == 409
    )
    assert client.get("/mailings/999999/audience").status_code == 404

    # The API, with the organiser's token.
    headers = organiser.headers
    other = Mailing(
        name="Tweede",
        subject_nl="Twee",
        created_at=run(Mailing.select(Mailing.created_at).first())["created_at"],
    )
    run(other.save())
    run(Mailing.raw("UPDATE article SET mailing = {} WHERE id = {}", other.id, scene.articles[1]))
    found = client.get(f"/api/mailings/{other.id}/audience", headers=headers)
    assert found.status_code == 200 and found.json()["count"] == 2
    put = client.put(
        f"/api/mailings/{other.id}/audience",
        json={"kind": "event", "event": scene.event_id},
        headers=headers,
    )
    assert put.status_code == 200 and put.json()["count"] == 2
    assert {p["last_name"] for p in put.json()["sample"]} == {"Controle", "English"}
    bad = client.put(f"/api/mailings/{other.id}/audience", json={"kind": "event"}, headers=headers)
    assert bad.status_code == 400 and "event" in bad.text
    assert client.post(f"/api/mailings/{other.id}/send", headers=headers).status_code == 409
    queued = client.post(f"/api/mailings/{other.id}/queue", headers=headers)
    assert queued.status_code == 202 and queued.json()["waiting"] == 2
    sent = client.post(f"/api/mailings/{other.id}/send", headers=headers)
    assert sent.status_code == 200 and sent.json()["problems"] == {"no_agreement": 2}
    assert client.get(f"/api/mailings/{other.id}/progress", headers=headers).json()["total"] == 2
    cancelled = client.post(f"/api/mailings/{other.id}/cancel", headers=headers)
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert client.get("/api/mailings/999999/progress", headers=headers).status_code == 404

    # Members are refused on every route.
    member = factories.account(Role.member)
    client.cookies.clear()
    factories.log_in(client, member.email)
    for path in (
        f"/mailings/{m}/audience",
        f"/mailings/{m}/send",
        f"/mailings/{m}/progress",
        "/mailings/interests",
    ):
        assert client.get(path).status_code == 403, path
    for path in (f"/mailings/{m}/audience", f"/mailings/{m}/send", f"/mailings/{m}/cancel"):
        assert _post(client, path, {"audience_kind": "all_members"}).status_code == 403, path
    for method, path in (
        ("GET", f"/api/mailings/{m}/audience"),
        ("PUT", f"/api/mailings/{m}/audience"),
        ("POST", f"/api/mailings/{m}/queue"),
        ("POST", f"/api/mailings/{m}/send"),
        ("GET", f"/api/mailings/{m}/progress"),
        ("POST", f"/api/mailings/{m}/cancel"),
    ):
        answer = client.request(method, path, headers=member.headers, json={"kind": "all_members"})
        assert answer.status_code == 403, (method, path)


def test_send_refuses_an_audience_changed_after_the_page_showed_it(client):
    """Found from outside: organiser A's button said 1 person, organiser B chose all members
    meanwhile, and A's click queued them all. Nothing is queued; the page shows the new count."""
    scene = build()
    m = scene.mailing_id
    factories.log_in(client, scene.organiser.email)
    chosen = {"audience_kind": "organisations", "organisations": str(scene.org_a)}
    assert _post(client, f"/mailings/{m}/audience", chosen).status_code == 303
    shown = client.get(f"/mailings/{m}/send")
    assert "Versturen naar 1 persoon" in shown.text
    confirmed = _confirmed(shown.text)

    headers = scene.organiser.headers
    everyone = client.put(
        f"/api/mailings/{m}/audience", json={"kind": "all_members"}, headers=headers
    )
    count = everyone.json()["count"]
    assert count > 1
    refused = _post(client, f"/mailings/{m}/send", confirmed)
    assert refused.status_code == 409
    assert "Publiek: veranderd nadat je het bevestigde" in refused.text
    assert f"Versturen naar {count} personen" in refused.text
    assert run(MailingRecipient.count().where(MailingRecipient.mailing == m)) == 0
    assert run(Mailing.select(Mailing.state).where(Mailing.id == m).first())["state"] == "draft"

    # The same count for another audience (organisation B also reaches one) is a change too.
    other = {"kind": "organisations", "organisations": [scene.org_b]}
    assert (
        client.put(f"/api/mailings/{m}/audience", json=other, headers=headers).json()["count"] == 1
    )
    assert _post(client, f"/mailings/{m}/send", confirmed).status_code == 409
    missing = _post(client, f"/mailings/{m}/send")
    assert missing.status_code == 400 and "Ontvangers" in missing.text
    again = _post(client, f"/mailings/{m}/send", _confirmed(client.get(f"/mailings/{m}/send").text))
    assert again.status_code == 303
    assert run(MailingRecipient.count().where(MailingRecipient.mailing == m)) == 1


def test_the_api_queues_only_the_expected_count_when_given(client):
    scene = build()
    m = scene.mailing_id
    headers = scene.organiser.headers
    count = client.get(f"/api/mailings/{m}/audience", headers=headers).json()["count"]
    wrong = client.post(f"/api/mailings/{m}/queue?expected_count={count + 1}", headers=headers)
    assert wrong.status_code == 409 and f"recipients now: {count}" in wrong.text
    assert (
        client.post(f"/api/mailings/{m}/queue?expected_count=x", headers=headers).status_code == 400
    )
    queued = client.post(f"/api/mailings/{m}/queue?expected_count={count}", headers=headers)
    assert queued.status_code == 202 and queued.json()["waiting"] == count


def test_a_refused_audience_names_the_kinds_by_their_labels_and_every_field_at_fault(client):
    """Found from outside: `audience_kind=zzz` showed "moet een van deze zijn: all_members,
    event, …" to a Dutch reader, and only the first of several errors."""
    scene = build()
    factories.log_in(client, scene.organiser.email)
    refused = _post(
        client,
        f"/mailings/{scene.mailing_id}/audience",
        {"audience_kind": "zzz", "organisations": "abc"},
    )
    assert refused.status_code == 400
    summary = refused.text.split('id="error-summary"')[1].split("</div>")[0]
    assert (
        "all_members" not in summary
        and "‘alle leden die mailings willen ontvangen’, ‘evenement’" in summary
    )
    assert "Organisaties: “abc” is geen" in summary
    assert 'id="field-audience_kind-error"' in refused.text
    assert 'id="field-organisations-error"' in refused.text
    api = client.put(
        f"/api/mailings/{scene.mailing_id}/audience",
        json={"kind": "event", "event": None},
        headers=scene.organiser.headers,
    )
    assert api.status_code == 400 and "event" in api.text


def test_the_progress_page_is_headed_by_the_mailings_state(client):
    """Found from outside: a sent mailing's page said "“X” wordt verstuurd" above "verstuurd"."""
    scene = build()
    m = scene.mailing_id
    factories.log_in(client, scene.organiser.email)
    run(queue_mailing(m))
    for state, heading in (
        ("queued", "wordt verstuurd"),
        ("sent", "is verstuurd"),
        ("cancelled", "is geannuleerd"),
    ):
        run(Mailing.update({Mailing.state: state}).where(Mailing.id == m))
        h1 = client.get(f"/mailings/{m}/progress").text.split("<h1>")[1].split("</h1>")[0]
        assert h1 == f"“Nieuwsbrief maart” {heading}", state
