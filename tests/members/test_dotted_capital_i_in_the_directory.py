"""The library split 'İzmir' at its dotted capital I (lowercased, İ is an i and a combining dot)
until edd799b; the member directory folds names with `kring.search.fold`, which keeps the i
and drops the dot, so İlker and İzmir are found by 'ilker', 'İLKER' and 'izmir' alike, typed
composed or decomposed (checked when the library was fixed: no reindex was needed here)."""

from __future__ import annotations

import unicodedata

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(
    "query", ["ilker", "İLKER", "İlker", unicodedata.normalize("NFD", "İlker"), "izmir", "İZMİR"]
)
def test_a_dotted_capital_i_is_an_i_in_names_and_searches(client, query):
    member = factories.member(
        factories.organisation("İzmir Lojistik"), first_name="İlker", last_name="Öztürk"
    )
    factories.log_in(client, factories.account(Role.organiser).email)
    answer = client.get("/members", params={"q": query}, headers=HTML)
    assert answer.status_code == 200
    assert f'href="/members/{member}"' in answer.text
