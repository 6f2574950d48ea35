"""'Dit project verlaten' sent twice (a double click) ends on the projects page saying the member
no longer takes part: the second request, by someone outside the project by then, answered 404,
and a browser shows only that answer. An outsider, or an id of no project, gets that same answer,
so it tells nothing about which projects exist. Over HTTP against `kring serve`."""

from __future__ import annotations

from html import unescape

from projects.access import my_role
from tests import factories
from tests.conftest import run
from tests.events.helpers import signed_in_browser
from tests.projects.helpers import team


def _leave(browser, project_id: int):
    return browser.post(
        f"/projects/{project_id}/leave",
        data={"_csrf_token": factories.csrf_token(browser)},
    )


def _flash(browser, answer) -> str:
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/projects"
    page = unescape(browser.get(answer.headers["location"]).text)
    return page[page.index('id="flash"') :][:300]


def test_leaving_twice_says_you_no_longer_take_part(live_server):
    _organiser, p, _lead, participant = team()
    with signed_in_browser(live_server, participant.email) as browser:
        assert "Je hebt het project “Interne audits samen opzetten” verlaten." in _flash(
            browser, _leave(browser, p)
        )
        again = _flash(browser, _leave(browser, p))
        assert "Je neemt niet meer deel aan dit project." in again
        assert browser.get(f"/projects/{p}").status_code == 404
    assert run(my_role(participant.member_id, p)) is None


def test_an_outsider_leaving_learns_nothing_of_the_project(live_server):
    _organiser, p, _lead, _participant = team()
    outsider = factories.account()
    with signed_in_browser(live_server, outsider.email) as browser:
        existing = _flash(browser, _leave(browser, p))
        missing = _flash(browser, _leave(browser, p + 100_000))
    assert existing == missing
