"""A card under 'Al gevraagd' (already asked) named its challenge a second time, right under the
challenge's own heading (the page's h1 on a challenge's proposals, its h2 on 'Voorstellen'): the
title stood twice, once per card more. Such a card names the expert instead ('Expert bij een
bedrijf', then their expertise); 'Mijn introducties', where several challenges' introductions
stand together, still names each card's challenge."""

from __future__ import annotations

import re
from html import unescape

from introductions import workflow
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene
from tests.matching_db.network import principal

HTML = {"accept": "text/html"}
TITLE = "Wie helpt ons met ISO 9001"


def _card(page: str, intro: int) -> str:
    start = page.index(f'id="intro-{intro}"')
    return page[start : page.index("</article>", start)]


def test_already_asked_cards_do_not_repeat_the_challenge_title(client):
    s = scene(experts=3)
    asked, accepted = (p["id"] for p in s.proposals()[:2])
    run(workflow.request_introduction(s.owner_principal, asked))
    run(workflow.request_introduction(s.owner_principal, accepted))
    run(workflow.accept(principal(s.expert_of(accepted)), accepted))
    factories.log_in(client, s.owner_login.email)
    for path in (f"/my/challenges/{s.owner.challenge_id}/proposals", "/introductions/challenges"):
        page = client.get(path, headers=HTML).text
        main = unescape(page.split("<main", 1)[1].split("</main>", 1)[0])
        assert main.count(TITLE) == 1, path  # the page's or the section's heading
        for intro in (asked, accepted):
            heading = re.search(r"<h\d>(.*?)</h\d>", _card(page, intro), flags=re.S)
            assert heading and "Expert bij een bedrijf" in heading.group(1), path
    # Where introductions of several challenges stand together, each card names its own.
    assert TITLE in _card(client.get("/introductions", headers=HTML).text, asked)
