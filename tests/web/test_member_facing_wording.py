"""What members read on their pages: the kind of a missing record in their language, an error
page's title translated, a button that says what it will do, a way back from a detail page."""

import re
from html import unescape

from events.registration import register
from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.introductions.helpers import scene

HTML = {"accept": "text/html"}


def _member(client) -> factories.Login:
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    return login


def test_a_missing_challenge_is_named_an_uitdaging(client):
    _member(client)
    answer = client.get("/my/challenges/987654/edit", headers=HTML)
    assert answer.status_code == 404
    assert "uitdaging 987654 niet gevonden" in answer.text.lower()
    assert "challenge" not in answer.text.lower().split("<main", 1)[1]


def test_a_full_event_offers_the_waiting_list_and_a_way_back(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=1)
    run(register(event_id, factories.member(factories.organisation())))
    _member(client)
    page = client.get(f"/events/{event_id}", headers=HTML)
    assert "Op de wachtlijst zetten" in page.text and 'id="full-notice"' in page.text
    assert ">Inschrijven</button>" not in page.text
    assert 'href="/events">Terug naar de evenementen' in page.text
    assert "(Europe/Brussels)" not in page.text


def test_an_event_with_seats_says_register(client):
    event_id = event(factories.account(Role.organiser), capacity=5)
    _member(client)
    page = client.get(f"/events/{event_id}", headers=HTML)
    assert ">Inschrijven</button>" in page.text and "Op de wachtlijst zetten" not in page.text


def test_a_member_page_leads_back_to_the_directory(client):
    _member(client)
    other = factories.member(factories.organisation())
    page = client.get(f"/members/{other}", headers=HTML)
    assert 'href="/members">Terug naar de leden' in page.text


def test_each_ask_button_on_the_home_page_names_its_challenge(client):
    s = scene(experts=3)
    factories.log_in(client, s.owner_login.email)
    home = client.get("/", headers=HTML).text
    buttons = home.split('id="best-proposals"')[1].split("</section>")[0].split("<button")[1:]
    assert len(buttons) >= 2
    for button in buttons:
        assert 'Vraag een introductie<span class="visually-hidden"> voor “' in button


def test_a_challenge_card_links_to_its_proposals(client):
    _member(client)
    client.post(
        "/my/challenges",
        data={"title": "Audits plannen", "_csrf_token": factories.csrf_token(client)},
    )
    page = client.get("/my/challenges", headers=HTML).text
    record_id = page.split('data-record-id="')[1].split('"')[0]
    assert f'href="/my/challenges/{record_id}/proposals">Voorstellen voor deze uitdaging' in page


def test_a_members_pages_say_introducties_not_matching(client):
    """'Mijn naam niet delen voor matching', 'Gedeeld voor matching': an English word of the
    trade on a member's Dutch pages, for what the menu calls Introducties."""
    login = _member(client)
    client.post(
        "/my/challenges",
        data={"title": "Audits plannen", "_csrf_token": factories.csrf_token(client)},
    )
    run(Member.update({Member.opt_out_sharing: True}).where(Member.id == login.member_id))
    said = {}
    for path in (
        "/",
        "/privacy",
        "/profile",
        "/introductions/settings",
        "/introductions/challenges",
    ):
        text = unescape(re.sub(r"<[^>]+>", " ", client.get(path, headers=HTML).text))
        said[path] = re.findall(r"[^.]*\bmatching\b[^.]*", text, re.IGNORECASE)
    assert said == {path: [] for path in said}
    assert "voor introducties" in unescape(client.get("/privacy", headers=HTML).text)


def test_the_calendar_link_names_no_file_extension(client):
    """'Aan mijn agenda toevoegen (.ics)': a file's extension means nothing to most members; the
    link says what it does (the file it gives opens in their calendar)."""
    event_id = event(factories.account(Role.organiser))
    _member(client)
    page = client.get(f"/events/{event_id}", headers=HTML).text
    assert f'href="/events/{event_id}.ics">Aan mijn agenda toevoegen</a>' in page


def test_a_challenges_proposals_page_leads_back_to_my_challenges(client):
    """The page 'Voorstellen voor deze uitdaging' opens showed the challenge's title, its
    proposals and the introductions' tabs, none of them current: no way back to the challenges
    it came from, where the other detail pages (an event, a library item) have one."""
    _member(client)
    client.post(
        "/my/challenges",
        data={"title": "Audits plannen", "_csrf_token": factories.csrf_token(client)},
    )
    listed = client.get("/my/challenges", headers=HTML).text
    record_id = listed.split('data-record-id="')[1].split('"')[0]
    page = client.get(f"/my/challenges/{record_id}/proposals", headers=HTML).text
    assert 'href="/my/challenges">Terug naar mijn uitdagingen</a>' in page
