"""A number of thousands of digits where a page expects an id, a count or a code is a 4xx
naming the field, never a 500: `int()` refuses 4,301 digits or more with a ValueError, and
every page reads its whole numbers through `kring.validation.only_digits`."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.validation import MOST_DIGITS, only_digits
from tests import factories

HUGE = "1" * 5000


def test_only_digits_stops_at_a_length_every_integer_column_holds() -> None:
    assert only_digits("9" * MOST_DIGITS) and int("9" * MOST_DIGITS) < 2**63
    assert not only_digits("9" * (MOST_DIGITS + 1))
    assert not only_digits(HUGE) and not only_digits("²") and not only_digits("١٢")


@pytest.mark.parametrize(
    ("role", "method", "path", "field"),
    [
        (Role.privacy_officer, "post", "/privacy/desk/retention/interest_clicks", "months"),
        (Role.privacy_officer, "post", "/privacy/desk/rights/restrict", "member_id"),
        (Role.organiser, "post", "/members/new", "organisation"),
        (Role.organiser, "get", "/usage", "months"),
    ],
)
def test_thousands_of_digits_are_refused_at_the_field(client, role, method, path, field) -> None:
    factories.log_in(client, factories.account(role).email)
    if method == "get":
        answer = client.get(path, params={field: HUGE})
    else:
        data = {"_csrf_token": factories.csrf_token(client), field: HUGE}
        answer = client.post(path, data=data)
    assert 400 <= answer.status_code < 500, answer.text[:300]
    assert answer.text.count(HUGE) <= 1  # at most kept in its field, never in the message too
