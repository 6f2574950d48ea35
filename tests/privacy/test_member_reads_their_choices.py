"""A member reads their privacy choices without untangling them. The profile listed them as
'Geen mailings: nee' and 'Mijn naam niet delen voor introducties: nee' (a 'no' to a 'not'), with
no way to change them from there; the privacy page put five checkboxes under 'Bezwaren' without
saying what a tick does; the password step before one's data read 'voor je gegevens getoond of
gewist worden' and had no way back (seen on the demo as kevin.dubois, at 390 and 1280 px)."""

import re
from html import unescape

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _held(client) -> str:
    """The profile from its 'Wat het netwerk bijhoudt' to the end of the page."""
    page = unescape(client.get("/profile", headers=HTML).text)
    held = page.split("Wat het netwerk bijhoudt", 1)[1].split("</main>", 1)[0]
    return held


def test_the_profile_says_what_each_choice_means_and_where_to_change_it(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    held = _held(client)
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", held))
    assert "Je naam wordt gedeeld voor introducties" in said, said
    assert "Je kunt op deelnemerslijsten staan" in said, said
    assert "Je krijgt de mailings" in said, said
    assert "<dd>nee</dd>" not in held and "<dd>ja</dd>" not in held, held
    assert 'href="/privacy"' in held

    run(
        Member.update({Member.no_mailings: True, Member.opt_out_sharing: True}).where(
            Member.id == login.member_id
        )
    )
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _held(client)))
    assert "Je krijgt geen mailings" in said, said
    assert "Je naam wordt niet gedeeld voor introducties" in said, said


def test_the_privacy_page_says_what_a_tick_does(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    page = unescape(client.get("/privacy", headers=HTML).text)
    opt_outs = page.split("<h2>Bezwaren</h2>", 1)[1].split('id="opt-outs"', 1)[0]
    assert "Vink aan wat het netwerk niet met je gegevens mag doen" in opt_outs, opt_outs
    consents = page.split("<h2>Toestemmingen</h2>", 1)[1].split('id="consents"', 1)[0]
    assert "Vink aan wat het netwerk wel mag" in consents, consents


def test_the_password_step_reads_plainly_and_leads_back(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    page = unescape(client.get("/privacy/confirm?next=/privacy/my-data", headers=HTML).text)
    assert "voordat we je gegevens tonen of wissen" in page
    assert "getoond of gewist worden" not in page
    main = page.split("<main", 1)[1]
    assert 'href="/privacy"' in main and "Terug naar mijn gegevens en privacy" in main
