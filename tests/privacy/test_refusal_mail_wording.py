"""The refusal mail speaks of the request as the rest of the mail does.

Found from outside (the demo's relay): 'We ontvingen je aanvraag tot inzage … We voeren het
niet uit' — 'aanvraag' is a de-word, and the extension mail says 'om ze te beantwoorden'.
"""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.privacy.test_refusal_and_withdrawal import _made, _text


def test_the_refusal_mail_says_ze_of_the_request(client, mailbox):
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    request_id = _made(client, officer, "access", member.member_id)
    refused = client.post(
        f"/api/privacy/access-requests/{request_id}/refusal",
        json={"reason": "Kennelijk ongegrond"},
        headers=officer.headers,
    )
    assert refused.status_code == 200, refused.text
    [mail] = mailbox.messages
    text = _text(mail)
    assert "We voeren ze niet uit, om deze reden:" in text, text
    assert "voeren het niet" not in text
