"""A wrong password on the confirmation before one's data is shown said only 'Verkeerd
wachtwoord.' at the top of the page, neither beside the field nor naming it, where the erasure
form on the privacy page says 'Wachtwoord: verkeerd wachtwoord' at its field (seen walking a
member's journey). Both say it the same way now. Over HTTP, against the real app."""

from __future__ import annotations

import re

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


def test_a_wrong_password_is_named_at_its_field(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    answer = factories.post_page_form(
        client, "/privacy/confirm", password="niet mijn wachtwoord", next="/privacy/my-data"
    )
    assert answer.status_code == 403
    assert 'id="confirm"' in answer.text
    said = re.sub(r"<[^>]+>", "", factories.field_error(answer.text, "password"))
    assert "Verkeerd wachtwoord" in said
    summary = answer.text.split('id="confirm-error"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#field-password">Wachtwoord: verkeerd wachtwoord</a>' in summary
    assert 'name="next" value="/privacy/my-data"' in answer.text
