"""A refused library search shows the library page again: its search form with the words as
typed and the message at the field (400), not the general error page that lost them."""

from __future__ import annotations

from html import unescape

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html", "accept-language": "nl"}
LABEL = "Zoek in de bibliotheek (Nederlands of Engels)"  # the summary names it so, as its label


@pytest.mark.parametrize(
    ("query", "shown", "said"),
    [
        ("q=iso%1Baudit", "iso\ufffdaudit", "Bevat het stuurteken U+001B (teken 4)"),
        ("q=iso%00", "iso\ufffd", "Bevat het stuurteken U+0000"),
        ("q=caf%FF", "caf\ufffd", "Bevat het vervangingsteken U+FFFD (teken 4)"),
        ("q=audit&q=iso", "audit", "Werd meer dan eens verstuurd"),
        (f"q={'a' * 1001}", "a" * 1001, "1001"),
    ],
)
def test_a_refused_search_keeps_its_words_and_says_why_at_the_field(client, query, shown, said):
    factories.log_in(client, factories.account(Role.member).email)
    answer = client.get(f"/library?{query}", headers=HTML)
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "<h1>Bibliotheek</h1>" in text and "Terug naar de startpagina" not in text
    assert 'id="library-search"' in text
    assert f'id="field-q" name="q" value="{shown}"' in text
    assert 'aria-invalid="true" aria-describedby="field-q-error field-q-hint"' in text
    error = text[text.index('id="field-q-error"') : text.index('id="field-q" ')]
    assert said in error, error
    assert f'<li><a href="#field-q">{LABEL}: ' in text  # the summary links to the field


def test_a_refused_filter_keeps_the_words_typed(client):
    factories.log_in(client, factories.account(Role.member).email)
    answer = client.get("/library?q=iso+audit&kind=poem", headers=HTML)
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="iso audit"' in text and "“poem”" in text
    assert 'id="field-q-error"' not in text  # the words were fine
