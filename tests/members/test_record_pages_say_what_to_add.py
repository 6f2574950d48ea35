"""My challenges and My expertise headed their form only 'Toevoegen' (add what?) and, empty,
said 'Nog niets vastgelegd.' without what to do. The form is now headed with what it adds and
the empty list says why to add one."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.events.helpers import signed_in_browser


def test_an_empty_my_challenges_says_what_to_add_and_why(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get("/my/challenges").text
    assert '<h2 id="add-title">Voeg een uitdaging toe</h2>' in html
    assert "Je hebt nog geen uitdagingen." in html
    assert "Nog niets vastgelegd." not in html


def test_an_empty_my_expertise_says_what_to_add_and_why(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get("/my/expertise").text
    assert '<h2 id="add-title">Voeg expertise toe</h2>' in html
    assert "Je hebt nog geen expertise beschreven." in html
