"""Revoking an API token that was revoked already (a double click on 'Ja, trek de sleutel in',
the form sent again from a second tab, or `DELETE /api/tokens/{id}` repeated) moved the moment
of its revocation to the later click, and the page said 'De sleutel is ingetrokken' again as if
it had just stopped one (found probing `kring serve`). The first moment stays, and the page says
the token was revoked already; someone else's token is still a 404."""

from __future__ import annotations

from html import unescape

from kring.accounts import create_api_token
from kring.choices import Role
from kring.tables import ApiToken
from tests import factories
from tests.conftest import run


def _revoked_at(token_id: int):
    row = run(ApiToken.select(ApiToken.revoked_at).where(ApiToken.id == token_id).first())
    return row["revoked_at"]


def test_a_second_revocation_keeps_the_first_moment_and_says_so(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    token_id = run(create_api_token(login.account_id, "Mijn CRM")).id
    first = factories.post_page_form(client, f"/tokens/{token_id}/revoke")
    assert first.status_code == 200
    assert "De sleutel is ingetrokken" in unescape(first.text)
    moment = _revoked_at(token_id)
    assert moment is not None
    again = factories.post_page_form(client, f"/tokens/{token_id}/revoke")
    assert again.status_code == 200
    assert "De sleutel was al ingetrokken" in unescape(again.text)
    assert "De sleutel is ingetrokken" not in unescape(again.text)
    assert _revoked_at(token_id) == moment
    api = client.delete(f"/api/tokens/{token_id}", headers=login.headers)
    assert api.status_code == 204
    assert _revoked_at(token_id) == moment


def test_someone_elses_token_is_still_not_found(client):
    owner, other = factories.account(Role.member), factories.account(Role.member)
    token_id = run(create_api_token(owner.account_id, "Mijn CRM")).id
    factories.log_in(client, other.email)
    answer = client.post(
        f"/tokens/{token_id}/revoke",
        data={"_csrf_token": factories.csrf_token(client)},
        headers={"accept": "text/html"},
        follow_redirects=False,
    )
    assert answer.status_code == 404
    assert _revoked_at(token_id) is None
