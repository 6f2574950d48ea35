"""Who does what in the library, over HTTP: anonymous visitors are sent to log in (the API
answers 401); members read, search and download; organisers publish, edit, attach, retire
(after a confirmation) and republish, pages and API; wrong input is a 4xx naming the field."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.library.helpers import PDF, item, library

FORM = {
    "title": "Slides: interne audits",
    "kind": "slides",
    "language": "nl",
    "summary": "De slides van de lenteavond.",
    "body": "**Audits** in *drie* stappen.",
    "body_format": "markdown",
    "tags": "Interne audit, ISO 9001",
    "link": "",
    "contributor": "",
}


def _post(client, path: str, data: dict | None = None, **kwargs):
    fields = {**(data or {}), "_csrf_token": factories.csrf_token(client)}
    return client.post(path, data=fields, follow_redirects=False, **kwargs)


def test_anonymous_members_and_organisers_get_what_their_role_allows(client):
    _, made = library()
    guide = made["Interne audits voor ISO 9001"]
    # Anonymous: every page sends to the login, the API answers 401.
    for path in ("/library", f"/library/{guide}", "/library/for-you", "/library/new"):
        answer = client.get(path, follow_redirects=False, headers={"accept": "text/html"})
        assert answer.status_code in (302, 303) and "/login" in answer.headers["location"], path
    for path in ("/api/library", f"/api/library/{guide}", "/api/library/for-you"):
        assert client.get(path).status_code == 401, path
    # A member reads and searches, but never manages: 403 on every organisers' route.
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    listing = client.get("/library", params={"q": "audit"})
    assert listing.status_code == 200 and "Running internal audits" in listing.text
    assert "/library/new" not in listing.text
    page = client.get(f"/library/{guide}")
    assert page.status_code == 200 and "Plan de audits per proces" in page.text
    assert 'id="manage"' not in page.text
    assert client.get(f"/api/library/{guide}", headers=member.headers).json()["tags"] == [
        "iso 9001",
        "interne audit",
    ]
    for path in ("/library/new", f"/library/{guide}/edit"):
        assert client.get(path).status_code == 403, path
    for path in (f"/library/{guide}/retire", f"/library/{guide}/edit", "/library/new"):
        assert _post(client, path, FORM).status_code == 403, path
    headers = member.headers
    assert (
        client.post(
            "/api/library", json={"title": "x", "summary": "y"}, headers=headers
        ).status_code
        == 403
    )
    assert (
        client.patch(
            f"/api/library/{guide}/retired", json={"retired": True}, headers=headers
        ).status_code
        == 403
    )
    assert (
        client.patch(f"/api/library/{guide}", json={"title": "x"}, headers=headers).status_code
        == 403
    )
    # Unknown ids are 404, pages and API.
    assert client.get("/library/999999").status_code == 404
    assert client.get("/api/library/999999", headers=headers).status_code == 404
    assert client.get(f"/api/library/{guide}/file", headers=headers).status_code == 404


def test_organiser_publishes_edits_attaches_retires_and_republishes_on_pages(client):
    organiser = factories.account(Role.organiser)
    speaker = factories.member(factories.organisation(), first_name="Saar", last_name="Spreker")
    factories.log_in(client, organiser.email)
    # Wrong input: 400 with the field named, what was typed kept.
    refused = _post(client, "/library/new", {**FORM, "title": "", "link": "javascript:alert(1)"})
    assert refused.status_code == 400 and 'id="field-title"' in refused.text
    assert "De slides van de lenteavond." in refused.text
    assert _post(client, "/library/new", {**FORM, "kind": "link"}).status_code == 400
    unknown = _post(client, "/library/new", {**FORM, "contributor": "niemand@example.be"})
    assert unknown.status_code == 400 and "niemand@example.be" in unknown.text
    # Publish, with the speaker as contributor.
    from kring.tables import Member
    from tests.conftest import run

    email = run(Member.select(Member.email).where(Member.id == speaker).first())["email"]
    created = _post(client, "/library/new", {**FORM, "contributor": email})
    assert created.status_code == 303
    path = created.headers["location"]
    item_id = int(path.rsplit("/", 1)[1])
    shown = client.get(path)
    assert "<strong>Audits</strong>" in shown.text and "Saar Spreker" in shown.text
    assert 'class="flash' in shown.text or "flash" in shown.text
    assert 'id="retire"' in shown.text and "confirm-step" in shown.text  # asks first
    # Edit: the form holds the values; saving changes them.
    form = client.get(f"{path}/edit")
    assert email in form.text and "interne audit, iso 9001" in form.text
    assert (
        _post(
            client, f"{path}/edit", {**FORM, "title": "Slides: audits", "contributor": ""}
        ).status_code
        == 303
    )
    assert "Saar Spreker" not in client.get(path).text
    # Attach a file; refuse one that is not what it says; download; remove.
    refused_file = client.post(
        f"{path}/file",
        data={"_csrf_token": factories.csrf_token(client)},
        files={"file": ("slides.pdf", b"MZ not a pdf", "application/pdf")},
    )
    assert refused_file.status_code == 400
    uploaded = client.post(
        f"{path}/file",
        data={"_csrf_token": factories.csrf_token(client)},
        files={"file": ("slides.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert uploaded.status_code == 303
    downloaded = client.get(f"{path}/file")
    assert downloaded.content == PDF and "attachment" in downloaded.headers["content-disposition"]
    # Retire: gone for a member (404), kept and marked for the organiser; then republish.
    assert _post(client, f"{path}/retire").status_code == 303
    assert 'id="retired"' in client.get(path).text
    member = factories.account(Role.member)
    for answer in (
        client.get(f"/api/library/{item_id}", headers=member.headers),
        client.get(f"/api/library/{item_id}/file", headers=member.headers),
    ):
        assert answer.status_code == 404
    assert (
        client.get("/api/library", params={"q": "audits"}, headers=member.headers).json()["total"]
        == 0
    )
    assert _post(client, f"{path}/republish").status_code == 303
    assert client.get(f"/api/library/{item_id}", headers=member.headers).status_code == 200
    assert _post(client, f"{path}/file/delete").status_code == 303
    assert client.get(f"{path}/file").status_code == 404


def test_organiser_manages_items_through_the_api(client):
    organiser = factories.account(Role.organiser)
    headers = organiser.headers
    bad = client.post("/api/library", json={"title": "", "summary": "x"}, headers=headers)
    assert bad.status_code == 400 and "title" in bad.text
    bad_kind = client.post(
        "/api/library", json={"title": "x", "summary": "y", "kind": "poem"}, headers=headers
    )
    assert bad_kind.status_code == 400
    no_member = client.post(
        "/api/library", json={"title": "x", "summary": "y", "contributor": 999999}, headers=headers
    )
    assert no_member.status_code == 400 and "contributor" in no_member.text
    created = client.post(
        "/api/library",
        json={
            "title": "Onboarding guide",
            "summary": "First days",
            "language": "en",
            "tags": ["HR"],
        },
        headers=headers,
    )
    assert created.status_code == 201, created.text
    item_id = created.json()["id"]
    assert created.json()["tags"] == ["hr"] and created.json()["contributor"] is None
    changed = client.patch(
        f"/api/library/{item_id}", json={"summary": "The first ninety days"}, headers=headers
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Onboarding guide"
    assert client.get("/api/library", params={"q": "ninety"}, headers=headers).json()["total"] == 1
    upload = client.post(
        f"/api/library/{item_id}/file",
        files={"file": ("g.pdf", PDF, "application/pdf")},
        headers=headers,
    )
    assert upload.status_code == 201 and upload.json()["file"]["filename"] == "g.pdf"
    retired = client.patch(
        f"/api/library/{item_id}/retired", json={"retired": True}, headers=headers
    )
    assert retired.json()["retired"] is True
    listed = client.get("/api/library", headers=headers).json()
    assert listed["items"][0]["retired"] is True  # organisers still see it, marked
    assert client.delete(f"/api/library/{item_id}/file", headers=headers).status_code == 204
    assert client.delete(f"/api/library/{item_id}/file", headers=headers).status_code == 404
    assert item(organiser)  # the helper makes items as the API does


def test_a_repeated_publish_makes_one_item(client):
    """Found from outside: three identical `POST /api/library` made three items."""
    import asyncio

    from library.items import create_item
    from library.tables import LibraryItem
    from tests.conftest import run
    from tests.events.helpers import principal

    organiser = factories.account(Role.organiser)
    body = {"title": "Dubbel", "summary": "Twee keer geklikt", "tags": ["audit"]}
    ids = {
        client.post("/api/library", json=body, headers=organiser.headers).json()["id"]
        for _ in range(3)
    }
    assert len(ids) == 1
    assert run(LibraryItem.count().where(LibraryItem.title == "Dubbel")) == 1

    viewer = principal(organiser)
    draft = {"title": "Gelijktijdig", "summary": "Drie keer tegelijk"}

    async def at_once() -> list[int]:
        return await asyncio.gather(*(create_item(viewer, draft) for _ in range(3)))

    assert len(set(run(at_once()))) == 1
    other = client.post(
        "/api/library", json=body | {"summary": "Iets anders"}, headers=organiser.headers
    )
    assert other.status_code == 201 and other.json()["id"] not in ids
