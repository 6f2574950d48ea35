"""A click link whose `to` was given twice (a link altered by hand, or by a mail scanner that
appends parameters) is refused as any altered link is. Found from outside: it answered 400
'Volgende toestand: werd meer dan eens verstuurd', the label of an award edition's state
transition, on a page a member reads."""

from __future__ import annotations

from urllib.parse import quote

from mailings.clicks import click_url
from tests.mailings.delivery_scene import build


def test_a_click_link_with_a_second_target_is_not_valid_and_names_no_state(client):
    scene = build()
    target = "https://example.org/audits"
    url = click_url(scene.people["control"], scene.articles[0], target)
    path = "/mailings/" + url.split("/mailings/", 1)[1]
    assert client.get(path, follow_redirects=False).headers["location"] == target
    for extra in ("https://evil.example", target):
        answer = client.get(f"{path}&to={quote(extra, safe='')}", headers={"accept": "text/html"})
        assert answer.status_code == 404, answer.status_code
        assert "Deze link is niet geldig" in answer.text
        assert "toestand" not in answer.text
