"""The mailing and article forms with several wrong fields said only what was wrong with the
first (found from outside: a name of 500 characters and a subject of 1,000 gave one message,
at the name; an article with no title, a link to ftp:// and a tag of 41 characters gave one,
at the link)."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from mailings.tables import Article, Mailing
from tests import factories
from tests.conftest import run

_post = factories.post_page_form


def test_every_wrong_field_of_a_mailing_and_an_article_is_named_at_once(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    answer = _post(
        client, "/mailings/new", name="N" * 500, subject_nl="S" * 1000, intro_nl="Blijft staan."
    )
    assert answer.status_code == 400
    for field in ("name", "subject_nl"):
        assert "200" in factories.field_error(answer.text, field)
    assert "Blijft staan.</textarea>" in unescape(answer.text)
    assert run(Mailing.count()) == 0
    assert _post(client, "/mailings/new", name="December", subject_nl="Nieuws").status_code == 200
    mailing_id = run(Mailing.select(Mailing.id).first())["id"]
    answer = _post(
        client,
        f"/mailings/{mailing_id}/articles/new",
        title_nl="",
        title_en="",
        text_nl="Een tekst die blijft.",
        link="ftp://example.org/x",
        tags="a" * 41,
    )
    assert answer.status_code == 400
    for field in ("title_nl", "link", "tags"):
        assert factories.field_error(answer.text, field)
    assert "Een tekst die blijft.</textarea>" in unescape(answer.text)
    assert run(Article.count()) == 0
