"""The privacy desk's person search and the jury's account search read a name search past its
signs without a word, as the directory did (`c++` is a search for `c`, which finds far more
than was asked), and answered a search of signs only with "nobody found". They now say which
signs they left out and what they searched for, or to search with letters or digits
(`kring.search.signs_left_out`), as the directory does. A search that may be part of an address
(`c++`, `jan_peeters`) is looked for in addresses as typed too, and the notice says so; an
e-mail address (with `@`) is searched as typed, and a member number as that number, so those
say nothing."""

from __future__ import annotations

from html import unescape

import pytest

from kring.choices import Role
from tests import factories
from tests.awards.helpers import edition, organiser

HTML = {"accept": "text/html"}


def _notice(html: str, notice_id: str) -> str:
    text = unescape(html)
    start = text.index(f'id="{notice_id}"')
    return text[start : text.index("</p>", start)]


def _desk(client) -> str:
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    return "/privacy/desk/people"


def _jury(client) -> str:
    boss = organiser()
    award = edition(boss)
    factories.log_in(client, boss.email)
    return f"/awards/editions/{award.id}/jury"


@pytest.mark.parametrize("where", [_desk, _jury], ids=["desk", "jury"])
def test_signs_left_out_of_a_person_search_are_named_with_the_words_searched(client, where):
    factories.member(factories.organisation("Clean Coat"), first_name="Cas", last_name="Claes")
    path = where(client)
    answer = client.get(path, params={"q": "c++"}, headers=HTML)
    assert answer.status_code == 200
    notice = _notice(answer.text, "search-left-out")
    assert "+ is weggelaten" in notice and "namen zijn gezocht op ‘c’" in notice, notice
    assert "e-mailadressen op ‘c++’ zoals getypt" in notice, notice
    underscore = client.get(path, params={"q": "jan_peeters"}, headers=HTML)
    notice = _notice(underscore.text, "search-left-out")
    assert "‘jan peeters’" in notice and "‘jan_peeters’ zoals getypt" in notice, notice
    for plain in ("jean-pierre o'brien", "jan+nieuws@kring-test.be"):
        answer = client.get(path, params={"q": plain}, headers=HTML)
        assert answer.status_code == 200
        assert 'id="search-left-out"' not in answer.text, plain
    nothing = client.get(path, params={"q": "..."}, headers=HTML)
    assert nothing.status_code == 200
    assert "Zoek met letters of cijfers" in _notice(nothing.text, "unsearchable")


def test_a_member_number_with_its_hash_says_nothing_left_out(client):
    member_id = factories.member(first_name="Nummer", last_name="Gezocht")
    path = _desk(client)
    answer = client.get(path, params={"q": f"#{member_id}"}, headers=HTML)
    assert answer.status_code == 200
    assert f'id="person-{member_id}"' in answer.text
    assert 'id="search-left-out"' not in answer.text
