"""The privacy pages' forms with free text come back with what was typed when a text holds a
control character or U+FFFD: the desk's request rows (extension, refusal), a request
received by mail, a processor, a restriction; 400 with the message at the field."""

from html import unescape

from kring.choices import Role
from privacy import requests
from privacy.requests import Kind, RequestChannel
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run


def _officer(client) -> factories.Login:
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    return officer


_post = factories.post_page_form


def _open_request(officer: factories.Login) -> int:
    member_id = factories.member(factories.organisation())
    return run(
        requests.record_request(Kind.access, member_id, RequestChannel.phone, officer.account_id)
    )


def test_a_refusal_reason_with_a_control_character_opens_its_row_again_as_typed(client):
    request_id = _open_request(_officer(client))
    answer = _post(
        client,
        f"/privacy/desk/refusal/access/{request_id}",
        reason="Geen lid meer sinds 2024;\x07 zie dossier",
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Geen lid meer sinds 2024;\ufffd zie dossier</textarea>" in text
    assert "U+0007" in text and 'id="field-reason-error"' in text
    assert '<details class="confirm refuse" open>' in text
    row = run(AccessRequest.select(AccessRequest.status).where(AccessRequest.id == request_id))
    assert row[0]["status"] != "refused"


def test_an_extension_reason_keeps_the_months_and_the_reason(client):
    request_id = _open_request(_officer(client))
    answer = _post(
        client, f"/privacy/desk/extension/access/{request_id}", months="2", reason="Veel\x00data"
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="Veel\ufffddata" id="field-reason" aria-invalid="true"' in text
    assert '<option value="2" selected>' in text and "U+0000" in text


def test_a_processor_and_a_restriction_keep_what_was_typed(client):
    _officer(client)
    answer = _post(
        client, "/privacy/desk/processors", name="Mailer\x1bBV", service="Nieuwsbrieven", key="m"
    )
    assert answer.status_code == 400
    assert 'value="Nieuwsbrieven"' in answer.text and "U+001B" in answer.text
    assert 'id="field-name" name="name" required aria-invalid="true"' in answer.text
    member_id = factories.member(factories.organisation())
    answer = _post(
        client,
        "/privacy/desk/rights/restrict",
        member_id=str(member_id),
        requested_by="De betrokkene per brief",
        reason="Betwist \u202ejuistheid",
    )
    assert answer.status_code == 400
    assert 'value="De betrokkene per brief"' in answer.text and "U+202E" in answer.text
    assert 'id="field-reason" name="reason" required aria-invalid="true"' in answer.text


def test_a_mailed_request_keeps_the_address_and_a_replacement_character_is_refused(client):
    _officer(client)
    answer = _post(client, "/privacy/desk/emailed", kind="erasure", email="an\ufffd@voorbeeld.be")
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="an\ufffd@voorbeeld.be"' in text and "vervangingsteken U+FFFD (teken 3)" in text
