"""A test mail to an account address that cannot be written as a mail (one holding `=?`, stored
before such addresses were refused where typed) is a permanent failure: the page says so and
what to do, not the relay's "try again later". Real app over HTTP, real SMTP server on loopback."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

from kring.choices import Role
from kring.settings import get_settings
from kring.tables import Account
from mailings import proofs
from tests import factories
from tests.conftest import run


def _post(client, path: str, **data: str):
    return client.post(path, data=data | {"_csrf_token": factories.csrf_token(client)})


def test_a_test_mail_to_an_address_mail_cannot_carry_says_so(client, smtp_server):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    made = _post(client, "/mailings/new", name="Sep", subject_nl="S")
    mailing_id = int(re.search(r'/mailings/(\d+)/edit"', made.text).group(1))
    _post(client, f"/mailings/{mailing_id}/articles", title_nl="Een")
    stored = "=?utf-8?q?a=0Ab?=@kring-test.be"
    run(Account.update({Account.email: stored}).where(Account.id == organiser.account_id))
    proofs.settings_override = replace(get_settings(), smtp_port=smtp_server.port)
    try:
        sent = _post(client, f"/mailings/{mailing_id}/test-mail", language="nl")
    finally:
        proofs.settings_override = None
    assert smtp_server.messages == []
    text = unescape(sent.text)
    assert "de mailserver antwoordde niet" not in text
    assert "het adres van je account kan geen mail ontvangen" in text
    assert "Opnieuw proberen helpt niet" in text
