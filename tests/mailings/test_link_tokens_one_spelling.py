"""A mailing's unsubscribe and click links have one spelling: their token was matched with `$`,
which also matches before a final line break, so the link with `%0A` after it (a spelling no
mail holds) unsubscribed too. Over the app: the link as sent works, with a line break after it
it is the 404 of any altered link, and nothing is switched off."""

from __future__ import annotations

import pytest

from kring.tables import Member
from mailings.clicks import click_url
from mailings.unsubscribe import unsubscribe_token
from tests import factories
from tests.conftest import run
from tests.mailings.delivery_scene import build


@pytest.mark.parametrize("ending", ["%0A", "%0a", "%0D%0A"])
def test_an_unsubscribe_link_with_a_line_break_after_it_is_not_valid(client, ending):
    member_id = factories.member(factories.organisation())
    path = f"/mailings/unsubscribe/{unsubscribe_token(member_id)}"
    html = {"accept": "text/html"}
    assert client.get(path, headers=html).status_code == 200
    assert client.get(path + ending, headers=html).status_code == 404
    posted = client.post(path + ending, content=b"List-Unsubscribe=One-Click", headers=html)
    assert posted.status_code == 404
    row = run(Member.select(Member.no_mailings).where(Member.id == member_id).first())
    assert row["no_mailings"] is False


def test_a_click_link_with_a_line_break_after_its_token_is_not_valid(client):
    scene = build()
    url = click_url(scene.people["control"], scene.articles[0], "https://kring.example.be/a")
    token, _, query = url.partition("/mailings/r/")[2].partition("?")
    sent = client.get(f"/mailings/r/{token}?{query}", follow_redirects=False)
    assert sent.status_code == 302, sent.text
    altered = client.get(f"/mailings/r/{token}%0A?{query}", follow_redirects=False)
    assert altered.status_code == 404, altered.text
