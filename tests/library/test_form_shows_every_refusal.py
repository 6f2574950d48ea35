"""The library item form with several wrong fields said only what was wrong with the first
(found from outside: an unknown kind, an empty title and summary and an unknown contributor
gave one message, at the contributor or the kind)."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from library.tables import LibraryItem
from tests import factories
from tests.conftest import run

_post = factories.post_page_form


def test_every_wrong_field_of_an_item_is_named_at_once_keeping_what_was_typed(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client,
        "/library/new",
        kind="link",
        title="",
        summary="",
        body="Begin bij de processen.",
        body_format="markdown",
        language="qq",
        tags="audit",
        link="",
        contributor="niemand@example.org",
    )
    assert answer.status_code == 400
    for field in ("title", "summary", "language", "link", "contributor"):
        assert factories.field_error(answer.text, field)
    text = unescape(answer.text)
    assert "Begin bij de processen.</textarea>" in text and 'value="niemand@example.org"' in text
    assert run(LibraryItem.count()) == 0
