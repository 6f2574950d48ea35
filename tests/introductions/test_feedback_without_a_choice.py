"""Feedback sent without choosing how it went comes back to the page it was sent from, saying so
in the page's language as Kring refuses an action. Chromium's own bubble stopped the form before
(in the browser's language, unstyled); now that forms leave their checks to the server
(`novalidate`), the bare error page answered it, the way back lost."""

from __future__ import annotations

from introductions import workflow
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene


def test_feedback_without_a_choice_is_refused_on_the_page_it_came_from(client):
    s = scene(experts=3)
    proposal_id = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal_id))
    expert = s.login_of_expert(proposal_id)
    client.post(f"/api/introductions/{proposal_id}/accept", headers=expert.headers)
    factories.log_in(client, s.owner_login.email)
    answer = factories.post_page_form(
        client, f"/introductions/{proposal_id}/feedback", outcome="", next="/introductions"
    )
    assert answer.status_code == 200 and answer.url.path == "/introductions"
    assert (
        '<p class="flash refused" role="alert" id="flash" tabindex="-1" autofocus>'
        "Kies eerst hoe het ging en verstuur dan je feedback.</p>"
    ) in answer.text
    view = run(workflow.get_introduction(s.owner_principal, proposal_id))
    assert view["my_feedback"] is None
