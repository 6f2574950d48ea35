"""A file part named only by RFC 2231's `filename*=` (no plain `filename`) is not a file to a
multipart reader (RFC 7578, 4.2: `filename*` is not to be used in form data); the answer was
'choose a file to send', which told a caller who had sent one nothing (found by the library
probe). It now says what to send instead."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.library.helpers import PDF, item


def _part(disposition: str) -> bytes:
    return (
        b"--xyz\r\n"
        + f"Content-Disposition: form-data; {disposition}\r\n".encode()
        + b"Content-Type: application/pdf\r\n\r\n"
        + PDF
        + b"\r\n--xyz--\r\n"
    )


def test_a_file_named_only_by_filename_star_is_refused_saying_so(client):
    organiser = factories.account(Role.organiser)
    item_id = item(organiser)
    answer = client.post(
        f"/api/library/{item_id}/file",
        content=_part("name=\"file\"; filename*=UTF-8''gids.pdf"),
        headers={**organiser.headers, "content-type": "multipart/form-data; boundary=xyz"},
    )
    assert answer.status_code == 400, answer.text
    detail = answer.json()["detail"]
    assert detail.startswith("file: "), detail
    assert 'filename="' in detail and "choose a file" not in detail, detail
    sent = client.post(
        f"/api/library/{item_id}/file",
        content=_part('name="file"; filename="gids.pdf"'),
        headers={**organiser.headers, "content-type": "multipart/form-data; boundary=xyz"},
    )
    assert sent.status_code == 201, sent.text


def test_a_form_sent_without_choosing_a_file_still_says_to_choose_one(client):
    """A browser sends an empty part with filename="" when no file was chosen."""
    organiser = factories.account(Role.organiser)
    item_id = item(organiser)
    empty = b'--xyz\r\nContent-Disposition: form-data; name="file"; filename=""\r\n'
    empty += b"Content-Type: application/octet-stream\r\n\r\n\r\n--xyz--\r\n"
    answer = client.post(
        f"/api/library/{item_id}/file",
        content=empty,
        headers={**organiser.headers, "content-type": "multipart/form-data; boundary=xyz"},
    )
    assert answer.status_code == 400, answer.text
    assert "holds no file" not in answer.json()["detail"], answer.json()["detail"]
