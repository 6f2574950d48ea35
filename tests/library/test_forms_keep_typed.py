"""The organisers' library forms come back with what was typed when a text holds a control
character or U+FFFD: 400 with the message at the field, nothing stored or changed."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from library.tables import LibraryItem
from tests import factories
from tests.conftest import run

ITEM = {
    "title": "ISO 9001 in de praktijk",
    "kind": "article",
    "language": "nl",
    "summary": "Wat een kleine organisatie eerst doet.",
    "body": "Begin bij de processen die klanten raken.",
    "body_format": "markdown",
    "tags": "iso 9001, audit",
}


_post = factories.post_page_form


def test_a_new_and_an_edited_item_keep_what_was_typed(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(client, "/library/new", **ITEM | {"summary": "Wat\x07 eerst"})
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Begin bij de processen die klanten raken.</textarea>" in text
    assert 'value="iso 9001, audit"' in text and "U+0007" in text
    assert 'id="field-summary" name="summary" required aria-invalid="true"' in text
    assert run(LibraryItem.count()) == 0
    saved = _post(client, "/library/new", **ITEM)
    assert saved.status_code == 200
    item_id = run(LibraryItem.select(LibraryItem.id).first())["id"]
    answer = _post(client, f"/library/{item_id}/edit", **ITEM | {"body": "Nieuw \ufffd stuk"})
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Nieuw \ufffd stuk</textarea>" in text and "U+FFFD (teken 7)" in text
    assert 'value="ISO 9001 in de praktijk"' in text
    stored = run(LibraryItem.select(LibraryItem.body).where(LibraryItem.id == item_id).first())
    assert stored["body"] == ITEM["body"]
