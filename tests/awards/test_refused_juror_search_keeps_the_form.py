"""A refused account search on an edition's jury page (a control character, an escape that is
no UTF-8, `q` sent twice) answered a bare error page ('Ongeldige aanvraag … Ga terug') without
the jury page or what was typed (found from outside). The page now comes back with its search
form, the words as typed and the message beside the field. Over HTTP, against the real app."""

from __future__ import annotations

from html import unescape

import pytest

from tests import factories
from tests.awards.helpers import edition, organiser

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(
    ("query", "typed", "said"),
    [
        ("q=Jansen%00", "Jansen\ufffd", "bevat het stuurteken U+0000"),
        ("q=Jansen&q=Peeters", "Jansen", "werd meer dan eens verstuurd"),
        ("q=Jan%FFsen", "Jansen", "is geen geldige UTF-8: de geëscapete byte %FF"),
    ],
)
def test_a_refused_juror_search_shows_the_jury_page_with_the_words_kept(client, query, typed, said):
    boss = organiser()
    award = edition(boss)
    factories.log_in(client, boss.email)
    answer = client.get(f"/awards/editions/{award.id}/jury?{query}", headers=HTML)
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'id="jurors"' in text and 'id="field-q"' in text
    assert f'value="{typed}"' in text and 'aria-invalid="true"' in text
    assert said in text and "nobody-found" not in text


def test_a_search_still_finds_accounts(client):
    boss = organiser()
    award = edition(boss)
    factories.log_in(client, boss.email)
    answer = client.get(f"/awards/editions/{award.id}/jury?q=nobody-at-all", headers=HTML)
    assert answer.status_code == 200 and 'id="nobody-found"' in answer.text
