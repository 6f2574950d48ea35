"""'For you' names the tags an item shares with the challenge: a challenge tagged `c++` was
told that an item tagged `c#` matched its tag "c#", since the matching engine folded both to
the key "c" (found from outside, after the library's own tag filter kept them apart). Over
HTTP against `kring serve`."""

from __future__ import annotations

import httpx

from kring.choices import Role
from kring.tables import Challenge
from members.records import create_record
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.library.helpers import item


def test_a_c_sharp_item_is_not_said_to_match_a_c_plus_plus_challenge(live_server):
    organiser = factories.account(Role.organiser)
    words = "Geheugenbeheer en compilers: templates, pointers en prestaties van programma's."
    item(organiser, title="Geheugenbeheer in C++", summary=words, tags=["c++"])
    item(organiser, title="Geheugenbeheer in C#", summary=words, tags=["c#"])
    member = factories.account(Role.member)
    challenge = {
        "title": "Geheugenbeheer van onze compilers",
        "body": "We zoeken hulp bij geheugenbeheer, templates en pointers in onze programma's.",
        "tags": ["C++"],
        "language": "nl",
    }
    run(create_record(Challenge, principal(member), challenge))
    with httpx.Client(base_url=live_server, headers=member.headers, timeout=60) as client:
        found = client.get("/api/library/for-you").json()["suggestions"]
    tags = {s["item"]["title"]: s["reason"]["tags"] for s in found}
    assert tags == {"Geheugenbeheer in C++": ["c++"], "Geheugenbeheer in C#": []}
    assert found[0]["item"]["title"] == "Geheugenbeheer in C++"
