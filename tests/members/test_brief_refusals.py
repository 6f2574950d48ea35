"""A refusal quotes what was typed briefly: a 5000-character phone number on the profile form
is named by its start beside its field, not echoed whole in the message."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from tests import factories


def test_a_long_refused_phone_number_is_quoted_briefly(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    typed = "9" * 5000
    answer = factories.post_page_form(
        client, "/profile", first_name="Ann", last_name="Peeters", phone=typed
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "“99999999999999999999…” is geen telefoonnummer" in text
    assert text.count(typed) == 1, "echoed in the message as well as in the field"
