"""A second click on "Yes, delete the article" or "Yes, delete the mailing" (a double click)
answers 404 with a link back to the mailing or to all mailings: it led only to the start page,
away from the draft being composed (found by the outside probe)."""

from __future__ import annotations

import re
from html import unescape

from tests import factories
from tests.mailings.delivery_scene import build

HTML = {"accept": "text/html"}


def _back(answer) -> tuple[str, str]:
    found = re.search(r'<a href="([^"]*)" id="error-back">([^<]*)</a>', unescape(answer.text))
    assert found is not None, answer.text
    return found.groups()


def test_a_second_delete_leads_back_to_the_mailing_or_the_mailings(client):
    scene = build()
    m, article = scene.mailing_id, scene.articles[0]
    factories.log_in(client, scene.organiser.email)
    form = {"_csrf_token": factories.csrf_token(client)}

    def post(path: str):
        return client.post(path, data=form, headers=HTML, follow_redirects=False)

    delete_article = f"/mailings/{m}/articles/{article}/delete"
    assert post(delete_article).status_code == 303
    again = post(delete_article)
    assert again.status_code == 404
    assert _back(again) == (f"/mailings/{m}#articles", "Terug naar de mailing")

    assert post(f"/mailings/{m}/delete").status_code == 303
    again = post(f"/mailings/{m}/delete")
    assert again.status_code == 404
    assert _back(again) == ("/mailings", "Alle mailings")
