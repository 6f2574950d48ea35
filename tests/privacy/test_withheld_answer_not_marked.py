"""An access answer with rows left out for the officer preparing it (a privacy officer on an
award jury reads no fellow juror's scores before the deliberation) is not the whole answer the
person is owed. The README says another officer prepares it, or the person downloads their own;
the desk let that officer mark it answered all the same, closing the request on an incomplete
answer (found by the privacy helper). Now it refuses, on the page and through the API, and says
who can answer it."""

from __future__ import annotations

from kring.choices import Role
from privacy.tables import AccessRequest
from tests import factories
from tests.awards.test_staff_juror_scores import _access_request, _judging_jury
from tests.conftest import run


def _status(request_id: int) -> str:
    row = run(AccessRequest.select(AccessRequest.status).where(AccessRequest.id == request_id))
    return row[0]["status"]


def test_an_officer_who_sees_a_shortened_answer_cannot_mark_it_answered(client):
    _, fellow, officer = _judging_jury()
    request_id = _access_request(officer, fellow.member_id, client)
    factories.log_in(client, officer.email)
    desk = client.get(f"/privacy/desk/access/{request_id}")
    assert 'id="withheld-from-you"' in desk.text
    assert 'id="mark-answered"' not in desk.text and 'id="not-yours-to-answer"' in desk.text
    forced = factories.post_page_form(client, f"/privacy/desk/access/{request_id}/answered")
    assert forced.status_code == 409, forced.text
    assert "een andere privacyverantwoordelijke" in forced.text
    api = client.post(
        f"/api/privacy/access-requests/{request_id}/export",
        json={"password": None},
        headers=officer.headers,
    )
    assert api.status_code == 409 and "another privacy officer" in api.json()["detail"], api.text
    assert _status(request_id) == "open"


def test_another_officer_marks_the_whole_answer_answered(client):
    _, fellow, officer = _judging_jury()
    request_id = _access_request(officer, fellow.member_id, client)
    other = factories.account(Role.privacy_officer)
    factories.log_in(client, other.email)
    desk = client.get(f"/privacy/desk/access/{request_id}")
    assert 'id="withheld-from-you"' not in desk.text and 'id="mark-answered"' in desk.text
    done = factories.post_page_form(client, f"/privacy/desk/access/{request_id}/answered")
    assert done.status_code == 200 and _status(request_id) == "fulfilled", done.text
