"""A form's button stands apart from the field above it. On the sign-in page, the password
confirmation before one's data is shown, an event's registration form and an accepted
introduction's feedback the button touched the field (0 px between them, at 1280 and 390 px;
seen walking a member's journey), where every other form keeps .75rem."""

from __future__ import annotations

from typing import Any

import pytest

from introductions import workflow
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event
from tests.introductions.helpers import scene
from tests.matching_db.network import principal
from tests.web.helpers import log_in

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)

_GAP = """(form) => {
  const button = form.querySelector('button[type=submit]');
  const above = [...form.querySelectorAll('input:not([type=hidden]), select, textarea, label')]
    .filter(e => e.checkVisibility())
    .map(e => e.getBoundingClientRect())
    .filter(r => r.bottom <= button.getBoundingClientRect().top + 1 &&
                 r.left < button.getBoundingClientRect().right);
  const bottom = Math.max(...above.map(r => r.bottom));
  const beside = [...form.querySelectorAll('select, input:not([type=hidden])')]
    .filter(e => e.checkVisibility())
    .some(e => { const r = e.getBoundingClientRect(), b = button.getBoundingClientRect();
                 return r.right <= b.left && r.bottom > b.top && r.top < b.bottom; });
  return beside ? 99 : button.getBoundingClientRect().top - bottom;
}"""


def _gap(page: Any, form: str) -> float:
    return page.locator(form).evaluate(_GAP)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_sign_in_button_stands_apart(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server}/login")
    assert _gap(page, "form[action='/login']") >= 8


@pytest.mark.parametrize("width", WIDTHS)
def test_the_password_confirmation_button_stands_apart(page, live_server, width):
    login = factories.account(Role.member)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/privacy/my-data")
    assert "/privacy/confirm" in page.url
    assert _gap(page, "form#confirm") >= 8


@pytest.mark.parametrize("width", WIDTHS)
def test_the_register_button_stands_apart_from_the_list_choice(page, live_server, width):
    event_id = event(factories.account(Role.organiser))
    login = factories.account(Role.member)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server, login.email)
    page.goto(f"{live_server}/events/{event_id}")
    assert _gap(page, f"form[action='/events/{event_id}/register']") >= 8


@pytest.mark.parametrize("width", WIDTHS)
def test_the_feedback_button_stands_apart_from_its_choice(page, live_server, width):
    s = scene(experts=3)
    proposal_id = s.proposals()[0]["id"]
    run(workflow.request_introduction(s.owner_principal, proposal_id))
    run(workflow.accept(principal(s.expert_of(proposal_id)), proposal_id))
    run(workflow.complete(s.owner_principal, proposal_id))  # asked how it went once they met
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server, s.owner_login.email)
    page.goto(f"{live_server}/introductions")
    assert _gap(page, f"#intro-{proposal_id} form.feedback") >= 8
