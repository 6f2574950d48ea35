"""The likely duplicates' page wrote each pair's score the English way on a Dutch page ('0.87',
where a Dutch reader writes 0,87; seen walking the organiser's journey): it is written as
numbers are everywhere else, by the reader's language."""

from __future__ import annotations

import re

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from tests import factories


def _scores(page: str) -> list[str]:
    return re.findall(r'data-label="Score">([^<]*)</td>', page)


def test_a_pairs_score_reads_with_the_readers_decimal_sign(client):
    organiser = factories.account(Role.organiser)
    org = factories.organisation()
    factories.member(org, first_name="Jan", last_name="Janssens")
    factories.member(org, first_name="Jan", last_name="Janssen")
    factories.log_in(client, organiser.email)
    dutch = _scores(client.get("/import/duplicates", headers={"accept-language": "nl"}).text)
    assert dutch and all(re.fullmatch(r"0,\d\d?|1", score) for score in dutch), dutch
    client.cookies.set(LANGUAGE_COOKIE, "en")
    english = _scores(client.get("/import/duplicates").text)
    assert english and all(re.fullmatch(r"0\.\d\d?|1", score) for score in english), english


def test_the_list_says_what_it_holds_and_heads_every_column(client):
    """The list opened on its table alone, its column of links without a heading (axe-core's
    empty-table-header): it says what the pairs are and that merging asks first."""
    organiser = factories.account(Role.organiser)
    org = factories.organisation()
    factories.member(org, first_name="Jan", last_name="Janssens")
    factories.member(org, first_name="Jan", last_name="Janssen")
    factories.log_in(client, organiser.email)
    page = client.get("/import/duplicates").text
    intro = page.split("</h1>", 1)[1].split("</p>", 1)[0]
    assert "misschien één persoon" in intro and "voor je bevestigt" in intro
    head = page.split('id="duplicates"', 1)[1].split("</thead>", 1)[0]
    assert re.findall(r"<th>([^<]*)</th>", head) == ["Lid", "Lid", "Score", "Waarom", "Acties"]
