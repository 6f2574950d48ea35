"""A web address may not hold `"`, `<` or `>`: no address does (RFC 3986 leaves them out), and
an article's link `https://example.org/a"><script>…` was stored and sent to every member in
the mailing's "Read more" button (found from outside). Every web address a form takes
(`kring.validation.normalise_website`: an article's and a library item's link, an event's
online address, an organisation's website) refuses them, naming the field."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.validation import FieldError, normalise_website
from mailings.tables import Article, Mailing
from tests import factories
from tests.conftest import run


@pytest.mark.parametrize(
    "raw",
    ['https://example.org/a"><script>alert(1)</script>', "example.org/<b>", 'example.org/"x'],
)
def test_a_web_address_with_quotes_or_angle_brackets_is_refused(raw):
    with pytest.raises(FieldError) as refused:
        normalise_website(raw, "link")
    assert refused.value.field == "link" and "<" in refused.value.message


def test_an_ordinary_web_address_is_taken():
    assert normalise_website("example.org/a?b=c&d=e#f", "link") == "https://example.org/a?b=c&d=e#f"


def test_an_article_link_with_markup_is_refused_at_its_field(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    post = factories.post_page_form
    assert post(client, "/mailings/new", name="December", subject_nl="Nieuws").status_code == 200
    mailing_id = run(Mailing.select(Mailing.id).first())["id"]
    answer = post(
        client,
        f"/mailings/{mailing_id}/articles/new",
        title_nl="Auditdag",
        text_nl="Tekst",
        link='https://example.org/a"><script>alert(1)</script>',
        tags="",
    )
    assert answer.status_code == 400
    assert factories.field_error(answer.text, "link")
    assert run(Article.count()) == 0
