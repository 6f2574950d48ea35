"""The mailing forms come back with what was typed when a text holds a control character: the
mailing, an article and the audience's tags; 400 with the message at the field, nothing
stored."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from mailings.tables import Article, Mailing
from tests import factories
from tests.conftest import run

_post = factories.post_page_form


def test_the_mailing_its_article_and_its_audience_keep_what_was_typed(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client,
        "/mailings/new",
        name="December",
        subject_nl="Nieuws\x07 van de kring",
        intro_nl="Een lange inleiding die niet verloren mag gaan.",
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Een lange inleiding die niet verloren mag gaan.</textarea>" in text
    assert 'value="December"' in text and "U+0007" in text
    assert 'id="field-subject_nl" name="subject_nl" aria-invalid="true"' in text
    assert run(Mailing.count()) == 0
    made = _post(client, "/mailings/new", name="December", subject_nl="Nieuws")
    assert made.status_code == 200
    mailing_id = run(Mailing.select(Mailing.id).first())["id"]
    answer = _post(
        client,
        f"/mailings/{mailing_id}/articles/new",
        title_nl="Auditdag",
        text_nl="Tekst met \x00 erin",
        tags="audit, iso",
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="Auditdag"' in text and 'value="audit, iso"' in text and "U+0000" in text
    assert run(Article.count()) == 0
    answer = _post(
        client, f"/mailings/{mailing_id}/audience", audience_kind="tags", tags="audit, iso\x1b"
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="audit, iso\ufffd"' in text and "U+001B" in text
    assert 'id="kind-tags" value="tags" checked' in text
