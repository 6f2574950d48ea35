"""The refusal mail speaks of the request as the rest of the mail does.

Found from outside (the demo's relay): 'We ontvingen je aanvraag tot inzage … We voeren het
niet uit', the noun and its pronoun apart. The privacy texts now say 'verzoek', as the GDPR's
Dutch text does (tests/privacy/test_one_word_for_a_privacy_request.py): 'We ontvingen je
verzoek tot inzage … We voeren het niet uit', and the extension mail 'om het te beantwoorden'.
"""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.privacy.test_refusal_and_withdrawal import _made, _text


def test_the_refusal_mail_says_het_of_the_verzoek(client, mailbox):
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
    assert "We ontvingen je verzoek tot inzage" in text, text
    assert "We voeren het niet uit, om deze reden:" in text, text
    assert "voeren ze niet" not in text and "aanvraag" not in text
