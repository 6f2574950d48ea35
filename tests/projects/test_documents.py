"""Documents: an upload of a wrong file is refused with a 4xx naming the field; a good one is
served back only as a download, to participants and organisers."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests import factories
from tests.projects.helpers import PDF, team


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hallo")
    return buffer.getvalue()


WRONG = {
    "script named as pdf": ("plan.pdf", b"<script>alert(1)</script>"),
    "html": ("plan.html", b"<html><body>hoi</body></html>"),
    "empty": ("leeg.pdf", b""),
    "zip as docx": ("plan.docx", _zip()),
    "pdf named as png": ("plan.png", PDF),
}


@pytest.mark.parametrize("name", WRONG)
def test_a_wrong_file_is_refused_by_the_api(client, name):
    _, p, lead, _ = team()
    filename, content = WRONG[name]
    answer = client.post(
        f"/api/projects/{p}/documents", files={"file": (filename, content)}, headers=lead.headers
    )
    assert 400 <= answer.status_code < 500, answer.text
    assert "file" in answer.text
    assert client.get(f"/api/projects/{p}/documents", headers=lead.headers).json() == []


def test_no_file_or_json_instead_is_refused(client):
    _, p, lead, _ = team()
    assert (
        client.post(
            f"/api/projects/{p}/documents", json={"file": "x"}, headers=lead.headers
        ).status_code
        == 400
    )
    answer = client.post(
        f"/api/projects/{p}/documents",
        data={"x": "y"},
        files={"other": ("a.pdf", PDF)},
        headers=lead.headers,
    )
    assert answer.status_code == 400


def test_a_wrong_file_on_the_page_shows_the_error_at_the_field(client):
    _, p, lead, _ = team()
    factories.log_in(client, lead.email)
    answer = client.post(
        f"/projects/{p}/documents",
        data={"_csrf_token": factories.csrf_token(client)},
        files={"file": ("plan.pdf", b"geen pdf")},
    )
    assert answer.status_code == 400
    assert 'id="field-file-error"' in answer.text and "error-summary" in answer.text


def test_a_document_is_uploaded_listed_and_downloaded_as_an_attachment(client):
    organiser, p, lead, participant = team()
    factories.log_in(client, participant.email)
    answer = client.post(
        f"/projects/{p}/documents",
        data={"_csrf_token": factories.csrf_token(client)},
        files={"file": ("../../Verslag\u202eFDP.pdf", PDF)},
        follow_redirects=True,
    )
    assert answer.status_code == 200 and 'id="flash"' in answer.text
    documents = client.get(f"/api/projects/{p}/documents", headers=lead.headers).json()
    assert len(documents) == 1
    document = documents[0]
    assert "/" not in document["filename"] and "\u202e" not in document["filename"]
    assert document["filename"].endswith(".pdf") and document["size"] == len(PDF)
    for login in (organiser, lead):
        got = client.get(f"/api/projects/{p}/documents/{document['id']}", headers=login.headers)
        assert got.status_code == 200 and got.content == PDF
        assert got.headers["content-disposition"].startswith("attachment;")
        assert got.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in got.headers["content-security-policy"]
    page = client.get(f"/projects/{p}/documents/{document['id']}")
    assert page.status_code == 200 and page.content == PDF
    assert page.headers["content-disposition"].startswith("attachment;")


def test_deleting_a_document_asks_first_and_is_limited(client):
    organiser, p, lead, participant = team()
    other = factories.account()
    from tests.projects.helpers import join

    join(organiser, p, other)
    uploaded = client.post(
        f"/api/projects/{p}/documents",
        files={"file": ("plan.pdf", PDF)},
        headers=participant.headers,
    ).json()
    assert (
        client.delete(
            f"/api/projects/{p}/documents/{uploaded['id']}", headers=other.headers
        ).status_code
        == 403
    )
    factories.log_in(client, participant.email)
    page = client.get(f"/projects/{p}").text
    assert f'id="delete-document-{uploaded["id"]}"' in page  # a <details> confirmation step
    gone = client.post(
        f"/projects/{p}/documents/{uploaded['id']}/delete",
        data={"_csrf_token": factories.csrf_token(client)},
        follow_redirects=True,
    )
    assert gone.status_code == 200 and 'id="flash"' in gone.text
    assert client.get(f"/api/projects/{p}/documents", headers=lead.headers).json() == []


def test_the_413_page_of_a_too_large_upload_leads_back_to_the_project(client):
    """Found from outside: the page for a too-large upload linked only to the start page."""
    from kring.web.uploads import UPLOAD_BODY_BYTES

    _organiser, p, _lead, participant = team()
    factories.log_in(client, participant.email)
    body = b"0" * (UPLOAD_BODY_BYTES + 1024 * 1024)
    for referer, back in (
        (f"http://testserver.local/projects/{p}?tab=1", f'href="/projects/{p}?tab=1"'),
        ("https://elders.example/projects/1", None),
        # Unreadable or crafted addresses lead nowhere, and never to a 500.
        ("http://[::1", None),
        ("http://testserver.local//elders.example/x", None),
        ("http://testserver.local/a\\elders.example", None),
    ):
        answer = client.post(
            f"/projects/{p}/documents",
            data={"_csrf_token": factories.csrf_token(client)},
            files={"file": ("groot.pdf", body, "application/pdf")},
            headers={"accept": "text/html", "referer": referer},
        )
        assert answer.status_code == 413
        assert ('id="error-back"' in answer.text) == (back is not None), referer
        if back:
            assert (
                back in answer.text and "Terug naar de pagina waar je vandaan kwam" in answer.text
            )
