"""Files sent to one item at the same moment (a double click on Upload, two organisers): each
replaces the one before, and the item keeps exactly one file. On PostgreSQL the second insert
met the first one's unique row and was a 409 'retry', though nothing was wrong."""

from __future__ import annotations

import asyncio

from kring.choices import Role
from kring.uploads import check_upload
from library.items import attach_file, remove_file
from library.tables import LibraryAttachment
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.library.helpers import PDF, item


def test_files_attached_at_once_each_replace_the_one_before():
    organiser = factories.account(Role.organiser)
    item_id = item(organiser, title="Slides van de lenteavond")
    who = principal(organiser)

    async def six() -> list[object]:
        files = (check_upload(f"slides-{n}.pdf", PDF) for n in range(6))
        sent = (attach_file(who, item_id, checked) for checked in files)
        return await asyncio.gather(*sent, return_exceptions=True)

    assert run(six()) == [None] * 6
    kept = run(LibraryAttachment.select(LibraryAttachment.filename))
    assert len(kept) == 1 and kept[0]["filename"].startswith("slides-")

    async def removed_twice() -> list[object]:
        both = (remove_file(who, item_id) for _ in range(2))
        return await asyncio.gather(*both, return_exceptions=True)

    outcomes = run(removed_twice())
    assert outcomes.count(None) == 1, outcomes
    assert run(LibraryAttachment.count()) == 0


def test_removing_a_file_again_on_the_page_says_it_is_gone(client):
    """'Ja, verwijder het bestand' sent twice (a double click, the form sent again from the
    browser's history) answered the second time with a 404 page, 'Niet gevonden … Dit item
    heeft geen bestand', though the organiser had what they asked for."""
    organiser = factories.account(Role.organiser)
    item_id = item(organiser, title="Slides van de lenteavond")
    run(attach_file(principal(organiser), item_id, check_upload("slides.pdf", PDF)))
    factories.log_in(client, organiser.email)
    sent = {"_csrf_token": factories.csrf_token(client)}
    path = f"/library/{item_id}/file/delete"
    for _ in range(2):
        answer = client.post(path, data=sent, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == f"/library/{item_id}"
        shown = client.get(answer.headers["location"])
        assert "Het bestand is van het item verwijderd." in shown.text
        assert 'id="item-file"' not in shown.text
    # An item that does not exist is still a 404; the API still says there is no file.
    assert client.post("/library/999999/file/delete", data=sent).status_code == 404
    gone = client.delete(f"/api/library/{item_id}/file", headers=organiser.headers)
    assert gone.status_code == 404 and "no file" in gone.text
