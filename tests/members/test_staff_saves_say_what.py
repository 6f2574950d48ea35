"""An organiser who saved a member's profile or an organisation read only 'Bewaard.', where a
member's own pages say what was saved ('Je profiel is bewaard.', 'Uitdaging bewaard.'; seen
walking the organiser's journey). The message names the record."""

from __future__ import annotations

from html import unescape
from typing import Any

from kring.choices import Role
from members.organisations import get_organisation
from members.pages.staff_forms import ORGANISATION_FIELDS
from tests import factories
from tests.conftest import run


def _flash(page: Any) -> str:
    return unescape(page.text.split('id="flash"', 1)[1].split(">", 1)[1].split("</p>", 1)[0])


def test_saving_a_members_profile_says_the_profile_was_saved(client):
    organiser = factories.account(Role.organiser)
    member_id = factories.member(None, first_name="Lotte", last_name="Vermeersch")
    factories.log_in(client, organiser.email)
    saved = factories.post_page_form(
        client,
        f"/members/{member_id}/edit",
        first_name="Lotte",
        last_name="Vermeersch",
        job_title="Preventieadviseur",
        met_via="unknown",
        status="active",
        language="nl",
    )
    assert saved.status_code == 200, saved.text[:500]
    assert _flash(saved) == "Het profiel van het lid is bewaard."


def test_saving_an_organisation_says_the_organisation_was_saved(client):
    organiser = factories.account(Role.organiser)
    organisation_id = factories.organisation("Bouwgroep Vanacker", "vanacker.be")
    factories.log_in(client, organiser.email)
    shown = run(get_organisation(organisation_id))
    fields = {name: str(shown.get(name) or "") for name in ORGANISATION_FIELDS}
    saved = factories.post_page_form(
        client,
        f"/organisations/{organisation_id}/edit",
        **fields | {"website": "https://www.vanacker.be", "email_domains": "vanacker.be"},
    )
    assert saved.status_code == 200, saved.text[:500]
    assert _flash(saved) == "De organisatie is bewaard."
