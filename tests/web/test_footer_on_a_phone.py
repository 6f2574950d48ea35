"""The footer at 390 px read 'Kring ·' on a line of its own, the separator dangling, once its link
was a box of its own, tall enough to tap (4ceed61). On a phone the link takes its own line under
'Kring', with no separator; at 1280 px the footer stays one line, 'Kring · API-documentatie'.
The link is in staff's footer only (tests/kring/test_footer_api_link_for_staff.py)."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize(
    ("width", "shown"), [(390, "Kring\nAPI-documentatie"), (1280, "Kring · API-documentatie")]
)
def test_the_footer_has_no_dangling_separator(browser, live_server, width, shown):
    organiser = factories.account(Role.organiser)
    context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, organiser.email)
    text = page.inner_text("footer")
    context.close()
    assert text.startswith(shown), text
