"""The privacy officer's messages after an action named nothing: recording an opt-out on
someone's behalf said 'Bewaard.' (of five wishes, each on or off, and also when nothing
changed), and marking a recipient's notice done said 'Afgehandeld.', the row gone from the list
(seen walking the officer's journey). Each now says which wish went which way, or that nothing
changed, and which notice and processor; a second click says it was done already, where it
answered an error page."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest

from kring.choices import Role
from privacy.erasure import erase_member
from privacy.recipients import notices
from tests import factories
from tests.conftest import run
from tests.privacy.test_recipients import _received_by

_post = factories.post_page_form


def _flash(page: Any) -> str:
    return unescape(page.text.split('id="flash"', 1)[1].split(">", 1)[1].split("</p>", 1)[0])


@pytest.mark.parametrize(
    ("kind", "on", "off"),
    [
        (
            "mailings",
            "Geregistreerd: dit lid krijgt geen mailings meer.",
            "Geregistreerd: dit lid krijgt weer mailings.",
        ),
        (
            "list_company",
            "Geregistreerd: de organisatie van dit lid wordt niet getoond op deelnemerslijsten.",
            "Geregistreerd: de organisatie van dit lid wordt weer getoond op deelnemerslijsten.",
        ),
    ],
)
def test_an_opt_out_on_someones_behalf_says_which_wish_and_which_way(client, kind, on, off):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    factories.log_in(client, officer.email)
    action = f"/privacy/desk/members/{member_id}/opt-outs"
    recorded = _post(client, action, kind=kind, active="on", channel="phone")
    assert recorded.status_code == 200
    assert _flash(recorded) == on
    again = _post(client, action, kind=kind, active="on", channel="phone")
    assert _flash(again) == "Er is niets veranderd: dit stond al zo geregistreerd."
    lifted = _post(client, action, kind=kind, channel="email")
    assert _flash(lifted) == off


def test_a_notice_marked_done_names_the_notice_and_the_processor(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    _received_by(member_id, "drukker")
    run(erase_member(member_id))
    [task] = run(notices())
    factories.log_in(client, officer.email)
    action = f"/privacy/desk/notices/{task['id']}/done"
    done = _post(client, action)
    assert done.status_code == 200
    assert _flash(done) == f"Melding #{task['id']} is afgehandeld: Firma drukker is verwittigd."
    again = _post(client, action)
    assert again.status_code == 200
    assert _flash(again) == f"Melding #{task['id']} was al afgehandeld; er is niets veranderd."


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        (
            "access",
            "Het inzageverzoek is geregistreerd; het staat bij de openstaande inzageverzoeken.",
        ),
        (
            "erasure",
            "Het wisverzoek is geregistreerd; het staat bij de openstaande wisverzoeken.",
        ),
    ],
)
def test_a_request_recorded_at_the_desk_says_which_and_where(client, kind, said):
    """Recording a request said 'De aanvraag is geregistreerd.', on a desk of two lists."""
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    factories.log_in(client, officer.email)
    recorded = _post(
        client,
        "/privacy/desk/requests",
        kind=kind,
        member_id=str(member_id),
        channel="phone",
        identity_checked="on",
    )
    assert recorded.status_code == 200
    assert _flash(recorded) == said
