"""A request received by e-mail while the mail relay has no signed processing agreement on the
register: the desk answered with an error page away from its form, 'Er mag geen mail naar de
persoon gestuurd worden: processor 'smtp' is not in the processor register: nothing is sent',
half English and in the words of a person's consent, as if the person had refused mail; the
API said the same. Now the desk comes back with the address as typed and says the relay has no
agreement and where the officer records one; nothing is recorded."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from privacy.tables import AccessRequest
from tests import factories
from tests.conftest import run


def test_the_desk_says_the_relay_has_no_agreement_and_keeps_the_address(client):
    officer = factories.account(Role.privacy_officer)
    factories.member(factories.organisation(), email="an@voorbeeld.be")
    factories.log_in(client, officer.email)
    answer = factories.post_page_form(
        client, "/privacy/desk/emailed", kind="access", email="an@voorbeeld.be"
    )
    assert answer.status_code == 409
    page = unescape(answer.text)
    assert 'id="record-emailed"' in page  # the desk, its form
    assert 'value="an@voorbeeld.be"' in page
    assert "verwerkersovereenkomst" in page and "Verwerkers en bewaartermijnen" in page, page
    assert "Er mag geen mail naar de persoon" not in page and "processor register" not in page
    assert run(AccessRequest.count()) == 0


def test_the_api_says_the_relay_has_no_agreement(client):
    officer = factories.account(Role.privacy_officer)
    factories.member(factories.organisation(), email="an@voorbeeld.be")
    answer = client.post(
        "/api/privacy/access-requests", json={"email": "an@voorbeeld.be"}, headers=officer.headers
    )
    assert answer.status_code == 409
    detail = answer.json()["detail"]
    assert "no mail may be sent to the person" not in detail
    assert "mail relay has no signed processing agreement" in detail, detail
