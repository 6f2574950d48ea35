"""Refusals in the library that tell people what to do, over HTTP: a file above the body
limit leads back to the item with the limit named (nothing stored), a hand-made wrong kind is
named with the kinds in the reader's language, and "for you" answers staff without a member
profile the same on the page and the API."""

from __future__ import annotations

import html
import re

from kring.choices import Role
from kring.uploads import max_upload_bytes
from kring.web.uploads import UPLOAD_BODY_BYTES
from tests import factories
from tests.conftest import run
from tests.library.helpers import item

HTML = {"accept": "text/html"}


def _too_large() -> bytes:
    return b"%PDF-1.4\n" + b"0" * (UPLOAD_BODY_BYTES + 1024)


def _stored_files(item_id: int) -> int:
    from library.tables import LibraryAttachment

    return run(LibraryAttachment.count().where(LibraryAttachment.item == item_id))


def test_a_file_above_the_body_limit_leads_back_to_the_item_naming_the_limit(client):
    organiser = factories.account(Role.organiser)
    item_id = item(organiser, title="Slides van de lenteavond")
    factories.log_in(client, organiser.email)
    limit = f"{max_upload_bytes() / (1024 * 1024):g}"
    answer = client.post(
        f"/library/{item_id}/file",
        data={"_csrf_token": factories.csrf_token(client)},
        files={"file": ("slides.pdf", _too_large(), "application/pdf")},
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text[:300]
    assert answer.headers["location"] == f"/library/{item_id}"
    shown = client.get(answer.headers["location"], headers=HTML)
    text = html.unescape(shown.text)
    assert shown.status_code == 200 and "Slides van de lenteavond" in text
    assert f"Het bestand is niet toegevoegd: het is groter dan de limiet van {limit} MB" in text
    assert 'class="flash refused"' in shown.text
    assert _stored_files(item_id) == 0


def test_the_api_answers_a_file_above_the_body_limit_with_413_naming_the_limit(client):
    organiser = factories.account(Role.organiser)
    item_id = item(organiser)
    answer = client.post(
        f"/api/library/{item_id}/file",
        files={"file": ("slides.pdf", _too_large(), "application/pdf")},
        headers=organiser.headers,
    )
    assert answer.status_code == 413
    limit = f"{max_upload_bytes() / (1024 * 1024):g}"
    assert f"limit of {limit} MB" in answer.json()["detail"]
    assert _stored_files(item_id) == 0


def test_a_wrong_kind_names_the_field_and_the_kinds_in_the_readers_language(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    form = {
        "title": "Een gedicht",
        "kind": "poem",
        "language": "nl",
        "summary": "Geen soort van de bibliotheek.",
        "body_format": "markdown",
        "_csrf_token": factories.csrf_token(client),
    }
    refused = client.post("/library/new", data=form, headers=HTML, follow_redirects=False)
    assert refused.status_code == 400
    text = html.unescape(refused.text)
    assert 'id="field-kind"' in refused.text
    assert (
        "“poem” is geen soort item; kies ‘artikel’, ‘slides van een evenement’, ‘gids’, "
        "‘sjabloon’ of ‘link’"
    ) in text
    assert "article, slides" not in text
    api = client.post(
        "/api/library",
        json={"title": "x", "summary": "y", "kind": "poem"},
        headers=organiser.headers,
    )
    assert api.status_code == 400
    assert api.json()["errors"][0]["field"] == "kind"


def test_for_you_refuses_staff_without_a_member_profile_on_page_and_api_alike(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    page = client.get("/library/for-you", headers=HTML)
    api = client.get("/api/library/for-you", headers=organiser.headers)
    assert page.status_code == 403
    assert api.status_code == 403, api.text
    assert "member profile" in api.json()["detail"]


def _primary_buttons(page: str) -> list[str]:
    """The buttons of the manage section shown as primary: not secondary, not inside a
    confirmation that is still closed."""
    manage = page.split('id="manage"', 1)[1].split("</section>", 1)[0]
    shown = re.sub(r"<details.*?</details>", "", manage, flags=re.S)
    buttons = re.findall(r"<button[^>]*>.*?</button>", shown, flags=re.S)
    return [button for button in buttons if "secondary" not in button.split(">", 1)[0]]


def test_a_retired_item_without_a_file_has_one_primary_button_republish(client):
    from library.items import set_retired
    from tests.events.helpers import principal

    organiser = factories.account(Role.organiser)
    item_id = item(organiser, title="Folder van vorig jaar")
    run(set_retired(principal(organiser), item_id, True))
    factories.log_in(client, organiser.email)
    page = client.get(f"/library/{item_id}", headers=HTML)
    primary = _primary_buttons(page.text)
    assert len(primary) == 1 and "Opnieuw publiceren" in primary[0], primary
    assert "Opladen" in page.text
    published = item(organiser, title="Folder van dit jaar")
    primary = _primary_buttons(client.get(f"/library/{published}", headers=HTML).text)
    assert len(primary) == 1 and "Opladen" in primary[0], primary
