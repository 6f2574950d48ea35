"""Interest signals only with consent: the recording link records one day per member and article
and goes on to the article's own links only (never elsewhere); without consent nothing is
recorded; the signals are in the access answer, leave with a withdrawn consent, an erasure or
their retention period; organisers see them in the "interested in" list (page and API)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from kring.choices import Role
from kring.clock import today, utc_now
from mailings.clicks import click_url
from mailings.delivery_tables import InterestClick, MailingRecipient
from mailings.member_sections import mailing_interests
from mailings.outbox import queue_mailing
from privacy import retention
from privacy.access import access_export
from privacy.consents import Purpose, give_consent
from privacy.erasure import erase_member
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.mailings.delivery_scene import build


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def _clicks(member_id: int) -> list[dict]:
    return run(InterestClick.select().where(InterestClick.member == member_id))


def test_clicks_are_recorded_only_with_consent_and_never_redirect_elsewhere(client):
    scene = build()
    p = scene.people
    article, plain = scene.articles
    login = factories.account(Role.member, member_id=p["control"])
    run(give_consent(p["control"], Purpose.interest_signals, "web"))
    own = click_url(p["control"], article, "https://example.org/audits")
    in_text = click_url(p["control"], article, "https://example.org/verslag")
    for url, target in (
        (own, "https://example.org/audits"),
        (in_text, "https://example.org/verslag"),
    ):
        answer = client.get(_path(url), follow_redirects=False)
        assert answer.status_code == 302 and answer.headers["location"] == target
    assert [(c["article"], c["clicked_on"]) for c in _clicks(p["control"])] == [(article, today())]

    # No consent: the same kind of link goes on, and nothing is recorded.
    other = click_url(p["english"], article, "https://example.org/audits")
    assert client.get(_path(other), follow_redirects=False).status_code == 302
    assert _clicks(p["english"]) == []

    # Forged, altered, re-aimed (an open redirect attempt) or for a missing article: 404.
    token = urlsplit(own).path.rsplit("/", 1)[1]
    member_id, article_id, signature = token.split(".")
    for path in (
        f"/mailings/r/{token}?to=https://evil.example/",
        f"/mailings/r/{token}",
        f"/mailings/r/{int(member_id) + 1}.{article_id}.{signature}?to=https://example.org/audits",
        f"/mailings/r/{member_id}.{plain}.{signature}?to=https://example.org/audits",
        "/mailings/r/garbage",
        _path(click_url(p["control"], 999999, "https://example.org/audits")),
        _path(click_url(p["control"], article, "javascript:alert(1)")),
    ):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 404, (path, answer.status_code)

    # The organisers' list, page and API; members are refused.
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    listing = client.get("/mailings/interests?tag=ISO9001")
    assert listing.status_code == 200 and "Controle" in listing.text
    assert "Controle" not in client.get("/mailings/interests?tag=bakkerij").text
    assert "Controle" in client.get(f"/mailings/interests?mailing={scene.mailing_id}").text
    assert client.get("/mailings/interests?article=abc").status_code == 400
    api = client.get("/api/mailings/interests", headers=organiser.headers)
    assert api.status_code == 200
    assert [(r["last_name"], r["article_id"]) for r in api.json()] == [("Controle", article)]
    member = factories.account(Role.member)
    assert client.get("/api/mailings/interests", headers=member.headers).status_code == 403
    section = run(mailing_interests(principal(organiser), p["control"]))
    assert [s["title_nl"] for s in section["signals"]] == ["Audits in de praktijk"]

    # In the access answer; gone when the consent is withdrawn on the privacy page.
    assert run(access_export(p["control"]))["tables"]["interest_click"]["rows"]
    client.cookies.clear()
    factories.log_in(client, login.email)
    mine = client.get("/privacy")
    assert 'name="interest_signals" checked' in mine.text
    withdrawn = client.post(
        "/privacy/consents",
        data={"_csrf_token": factories.csrf_token(client), "choices_form": "1"},
        follow_redirects=False,
    )
    assert withdrawn.status_code == 303
    assert _clicks(p["control"]) == []
    assert 'name="interest_signals" checked' not in client.get("/privacy").text
    assert client.get(_path(own), follow_redirects=False).status_code == 302
    assert _clicks(p["control"]) == []  # no consent now: not recorded again


def test_a_head_on_a_click_link_goes_on_without_recording_an_interest(client):
    """Mail scanners check links with HEAD before anyone reads the mail: that is no interest."""
    scene = build()
    member = scene.people["control"]
    run(give_consent(member, Purpose.interest_signals, "web"))
    url = _path(click_url(member, scene.articles[0], "https://example.org/audits"))
    checked = client.head(url, follow_redirects=False)
    assert checked.status_code == 302
    assert checked.headers["location"] == "https://example.org/audits"
    assert _clicks(member) == []
    assert client.get(url, follow_redirects=False).status_code == 302
    assert len(_clicks(member)) == 1


def test_signals_expire_and_leave_with_an_erasure():
    scene = build()
    p = scene.people
    article = scene.articles[0]
    for kind in ("control", "english"):
        run(give_consent(p[kind], Purpose.interest_signals, "web"))
    old = today() - timedelta(days=400)
    run(
        InterestClick.insert(
            InterestClick(
                member=p["control"], article=article, mailing=scene.mailing_id, clicked_on=old
            ),
            InterestClick(
                member=p["english"], article=article, mailing=scene.mailing_id, clicked_on=today()
            ),
        )
    )
    done = run(retention.apply(utc_now()))
    assert done["interest_clicks"] == 1
    assert _clicks(p["control"]) == [] and len(_clicks(p["english"])) == 1

    run(queue_mailing(scene.mailing_id))
    run(erase_member(p["english"]))
    assert _clicks(p["english"]) == []
    assert run(MailingRecipient.select().where(MailingRecipient.member == p["english"])) == []
    assert run(MailingRecipient.count().where(MailingRecipient.member == p["control"])) == 1
