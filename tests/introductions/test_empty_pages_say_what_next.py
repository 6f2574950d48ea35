"""An introductions page with nothing on it said only that ('Er wachten geen aanvragen op je.',
'Nog geen introducties.'), leaving a new member without a next step. Each empty page now says
how things come there and links to the page where the member makes them come."""

from __future__ import annotations

from introductions import workflow
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import signed_in_browser


def test_empty_requests_point_to_my_expertise(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get("/introductions/requests").text
    assert "Er wachten geen aanvragen op je." in html
    assert "wanneer je expertise past bij hun uitdaging" in html
    assert '<a href="/my/expertise">' in html


def test_empty_requests_of_a_paused_member_say_they_paused(served_app):
    member = factories.account(Role.member)
    run(workflow.set_paused(member.member_id, True))
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get("/introductions/requests").text
    assert "Je hebt introducties gepauzeerd" in html
    assert '<a href="/introductions/settings">' in html


def test_no_introductions_yet_points_to_my_challenges(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get("/introductions").text
    assert "Nog geen introducties." in html
    assert "Voeg een uitdaging toe" in html
    assert '<a href="/my/challenges">' in html
