"""The invitation search with a control character in its words (`?q=%07`, `?q=%00`, pasted
from elsewhere) showed the general 400 page, away from the project; it now shows the
invitation page with the words as typed and why beside the search field."""

from __future__ import annotations

from html import unescape

import pytest

from tests import factories
from tests.projects.helpers import team


@pytest.mark.parametrize(("query", "said"), [("jan%07", "U+0007"), ("%00", "U+0000")])
def test_a_refused_invite_search_shows_the_invite_page_with_why_at_the_field(client, query, said):
    organiser, project_id, _lead, _participant = team()
    factories.log_in(client, organiser.email)
    answer = client.get(f"/projects/{project_id}/invite?q={query}", headers={"accept": "text/html"})
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'id="candidates"' not in text
    assert f'action="/projects/{project_id}/invite"' in text
    assert said in factories.field_error(answer.text, "q")
