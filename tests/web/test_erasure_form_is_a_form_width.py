"""My data and privacy at 1280 px: the erasure's password field ran across the whole page (912 px
for a password), unlike every other form (36rem at most). It is as wide as the other forms."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]


def test_the_erasure_password_field_is_as_wide_as_other_forms(browser, live_server):
    member = factories.account(Role.member)
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, member.email)
    page.goto(f"{live_server}/privacy")
    field = page.locator("#erasure input[name=password]").bounding_box()
    context.close()
    assert field["width"] <= 36 * 16, field
