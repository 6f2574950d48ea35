"""A library item of the kind 'link' read 'link · Nederlands · met een link' in the library's
lists (seen on the demo's 'Voor jou in de bibliotheek'): its kind already says it is a link. A
link kept with an article or a guide still says 'met een link'."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from tests import factories
from tests.library.helpers import item


def test_a_link_items_card_says_link_once(client):
    organiser = factories.account(Role.organiser)
    item(organiser, title="Overzicht van de norm", kind="link", link="https://example.org/norm")
    item(organiser, title="Gids met bron", kind="guide", link="https://example.org/gids")
    factories.log_in(client, factories.account(Role.member).email)
    page = unescape(client.get("/library", headers={"accept": "text/html"}).text)
    link_card = page.split("Overzicht van de norm", 1)[1].split("</li>", 1)[0]
    assert "link · Nederlands" in link_card and "met een link" not in link_card, link_card
    guide_card = page.split("Gids met bron", 1)[1].split("</li>", 1)[0]
    assert "gids · Nederlands · met een link" in guide_card, guide_card
