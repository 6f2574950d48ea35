"""The walk of tests/web/test_navigation.py (every page within three clicks, accessible, fitting
the screen, in one language) for the roles that file leaves to this one: a file of its own, so
that the two test processes of `make test` each take part of the longest browser walk."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests.web.test_navigation import HERE, walk

pytestmark = pytest.mark.browser

OTHERS = [role for role in Role if role not in HERE]


@pytest.mark.parametrize("role", OTHERS, ids=[r.value for r in OTHERS])
def test_every_page_a_role_may_use_is_within_three_clicks_and_accessible(
    browser, live_server, role
):
    walk(browser, live_server, role)
