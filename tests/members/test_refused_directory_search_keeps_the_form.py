"""A refused search of the member or organisation directory (a control character, a lost
character, the field sent twice) answered a bare error page ('Ongeldige aanvraag … Ga terug')
that dropped the search form and what was typed (found from outside). The directory now comes
back with its search form, the words as typed and the message beside the field, as the library's
search does. Over HTTP, against the real app and database."""

from __future__ import annotations

from html import unescape

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("directory", ["/members", "/organisations"])
@pytest.mark.parametrize(
    ("query", "typed", "said"),
    [
        ("q=Jansen%00", "Jansen\ufffd", "bevat het stuurteken U+0000"),
        ("q=Jansen&q=Peeters", "Jansen", "werd meer dan eens verstuurd"),
        ("q=Jan%FFsen", "Jansen", "is geen geldige UTF-8: de geëscapete byte %FF"),
    ],
)
def test_a_refused_directory_search_shows_the_form_with_the_words_kept(
    client, directory, query, typed, said
):
    factories.log_in(client, factories.account(Role.member).email)
    answer = client.get(f"{directory}?{query}", headers=HTML)
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert f'action="{directory}"' in text and 'id="field-q"' in text
    assert f'value="{typed}"' in text and 'aria-invalid="true"' in text
    assert said in text and 'id="field-q-error"' in text
    assert "gevonden" not in text  # nothing was searched: no "no members found"
