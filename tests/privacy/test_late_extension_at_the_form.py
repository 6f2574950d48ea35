"""A late extension asked on the desk is refused at the row's form with the typed reason kept,
not on the general 409 error page that lost it (found by an outside review: a desk opened
before the first month ended, then sent after it)."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from kring.choices import Role
from kring.clock import today
from privacy import requests
from privacy.requests import Kind, RequestChannel
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run


def _request(officer: factories.Login, due_in_days: int) -> int:
    member_id = factories.member(factories.organisation())
    made = run(
        requests.record_request(Kind.access, member_id, RequestChannel.phone, officer.account_id)
    )
    due = today() + timedelta(days=due_in_days)
    run(AccessRequest.update({AccessRequest.due_on: due}).where(AccessRequest.id == made))
    return made


def test_a_late_extension_is_refused_at_its_form_with_the_reason_kept(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    request_id = _request(officer, -3)
    answer = factories.post_page_form(
        client,
        f"/privacy/desk/extension/access/{request_id}",
        months="2",
        reason="Veel dossiers in het archief",
    )
    assert answer.status_code == 409
    text = unescape(answer.text)
    assert 'class="error-page"' not in text and "<h1>Privacyloket</h1>" in text
    row = text[text.index(f'id="access-{request_id}"') :]
    row = row[: row.index("</tr>")]
    assert "<details open><summary>Verlengen</summary>" in row
    assert 'value="Veel dossiers in het archief" id="field-reason"' in row
    assert '<option value="2" selected>' in row
    assert 'id="field-months" aria-invalid="true" aria-describedby="field-months-error"' in row
    start = row.index('id="field-months-error"')
    error = row[start : row.index("</p>", start)]
    assert "eerste maand eindigde op" in error
    stored = run(AccessRequest.select().where(AccessRequest.id == request_id).first())
    assert stored["extended_until"] is None


def test_a_second_extension_is_refused_at_its_form_too(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    request_id = _request(officer, 10)
    path = f"/privacy/desk/extension/access/{request_id}"
    first = factories.post_page_form(client, path, months="1", reason="Eerste verlenging")
    assert first.status_code == 200 and "De termijn is verlengd" in unescape(first.text)
    again = factories.post_page_form(client, path, months="1", reason="Nog een keer")
    assert again.status_code == 409
    text = unescape(again.text)
    assert 'value="Nog een keer" id="field-reason"' in text
    assert "maar één keer" in text or "slechts één keer" in text or "één keer" in text
