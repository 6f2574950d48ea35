"""The retention months field of the privacy desk answered a control character or a text of
20,000 characters with the bare error page, where every other desk form shows its page again
with the refusal named (found from outside). Over HTTP, against the real app."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories


@pytest.mark.parametrize("typed", ["1\x002", "12\x07", "1" * 20_001])
def test_a_refused_months_value_shows_the_retention_page_again(client, typed) -> None:
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    answer = client.post(
        "/privacy/desk/retention/interest_clicks",
        data={"_csrf_token": factories.csrf_token(client), "months": typed},
        headers={"accept": "text/html"},
    )
    assert answer.status_code == 400
    assert 'id="retention-interest_clicks"' in answer.text  # the retention page, not an error page
    assert "Er is een probleem" in answer.text
