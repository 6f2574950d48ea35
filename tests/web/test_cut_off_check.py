"""`tests.web.helpers.cut_off`, which the phone layout tests share, finds what it must."""

from __future__ import annotations

import pytest

from tests.web.helpers import cut_off

pytestmark = pytest.mark.browser

PAGE = """<main>
<div class="scroll-x" style="overflow-x: auto; width: 300px"><table><tr>
  <td style="min-width: 250px">fits</td><td style="min-width: 250px">clipped</td>
</tr></table></div>
<p style="width: 600px">past the screen</p>
<table><thead style="position: absolute; left: 500px">
  <tr><th>hidden head</th></tr></thead></table>
</main>"""


def test_it_names_a_cell_clipped_by_its_region_and_text_past_the_screen_not_a_hidden_head(
    browser,
):
    page = browser.new_context(viewport={"width": 390, "height": 600}).new_page()
    page.set_content(PAGE)
    assert cut_off(page, "main :is(td, th, p)") == ["td: clipped", "p: past the screen"]
    page.context.close()
