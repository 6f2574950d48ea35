"""The organisers' page of introduction feedback showed two tables one under the other without
a heading between them: the counts of introductions by state read as more rows of the answers
(their columns did not even line up; seen walking the organiser's journey). Each table has its
heading, which names it, and its header row."""

from __future__ import annotations

import re

from kring.choices import Role
from tests import factories


def test_each_table_has_a_heading_that_names_it(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    page = client.get("/introductions/feedback", headers={"accept": "text/html"}).text
    headings = dict(re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', page))
    assert headings == {
        "feedback-title": "Hoe de ontmoetingen verliepen",
        "states-title": "Introducties per toestand",
    }
    for table, heading in (("feedback-counts", "feedback-title"), ("state-counts", "states-title")):
        opening = re.search(rf'<table [^>]*id="{table}"[^>]*>', page)
        assert opening and f'aria-labelledby="{heading}"' in opening.group(0), table
        assert page.index(heading) < page.index(f'id="{table}"')
        body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
        assert body.count('<th scope="col">') == 2 and "<thead>" in body, table
