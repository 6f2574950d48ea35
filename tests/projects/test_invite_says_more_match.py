"""The invitation search shows 20 members; when more matched, the rest were left out without a
word, so the member one was looking for could be missing from a list that looked complete
(found from outside: in the demo network, searching "a" offered 20 of the members it
matched and said nothing of the others)."""

from __future__ import annotations

import re

from projects.candidates import LIMIT
from tests import factories
from tests.projects.helpers import team


def _offered(html: str) -> int:
    return len(re.findall(r'name="member" value=', html))


def test_the_search_says_when_more_members_match_than_it_shows(client):
    organiser, p, _lead, _participant = team()
    for n in range(LIMIT + 1):
        factories.member(None, first_name=f"Lid{n}", last_name="Veelvoorkomend")
    factories.log_in(client, organiser.email)
    many = client.get(f"/projects/{p}/invite", params={"q": "veelvoorkomend"}).text
    assert _offered(many) == LIMIT
    assert 'id="more-candidates"' in many and "typ meer van de naam" in many
    few = client.get(f"/projects/{p}/invite", params={"q": "veelvoorkomend lid7"}).text
    assert _offered(few) == 1 and 'id="more-candidates"' not in few
