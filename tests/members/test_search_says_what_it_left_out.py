"""A search whose signs are no part of any name (`c++`, `c#`, `kevin!`) was read as its letters
alone without a word: `c++` listed every member with a c in their name as if they matched, and
the invitation search answered `...` with "no member found" instead of asking for letters.
The member directory, the organisations and the invitation search (`kring.search`) now say
which signs they left out and what they searched for, or, with nothing left, to search with
letters or digits, in a notice above the results."""

from __future__ import annotations

from html import unescape

import pytest

from kring.choices import Role
from tests import factories
from tests.projects.helpers import team

HTML = {"accept": "text/html"}


def _notice(html: str, notice_id: str) -> str:
    text = unescape(html)
    start = text.index(f'id="{notice_id}"')
    return text[start : text.index("</p>", start)]


@pytest.mark.parametrize("path", ["/members", "/organisations"])
def test_signs_left_out_of_a_directory_search_are_named_with_the_words_searched(client, path):
    factories.member(factories.organisation("Clean Coat"), first_name="Cas", last_name="Claes")
    factories.log_in(client, factories.account(Role.member).email)
    answer = client.get(path, params={"q": "c++"}, headers=HTML)
    assert answer.status_code == 200
    notice = _notice(answer.text, "search-left-out")
    assert "+" in notice and "‘c’" in notice
    plain = client.get(path, params={"q": "jean-pierre o'brien"}, headers=HTML)
    assert 'id="search-left-out"' not in plain.text
    nothing = client.get(path, params={"q": "..."}, headers=HTML)
    assert "Zoek met letters of cijfers" in _notice(nothing.text, "unsearchable")


def test_the_invitation_search_says_so_too(client):
    organiser, project_id, _lead, _participant = team()
    factories.log_in(client, organiser.email)
    path = f"/projects/{project_id}/invite"
    nothing = client.get(path, params={"q": "..."}, headers=HTML)
    assert "Zoek met letters of cijfers" in _notice(nothing.text, "unsearchable")
    assert "Geen lid gevonden" not in nothing.text
    signs = client.get(path, params={"q": "c#"}, headers=HTML)
    assert "#" in _notice(signs.text, "search-left-out")
