"""The privacy page's choices are saved only from the whole form: a post without the form's
marker (crafted, or cut off on the way) switched every opt-out and consent off, because an
unticked box sends nothing. Found by the privacy helper over HTTP."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.tables import Member
from privacy import consents
from tests import factories
from tests.conftest import run


def _opted_out(member_id: int) -> dict[str, bool]:
    row = run(
        Member.select(Member.opt_out_sharing, Member.no_mailings)
        .where(Member.id == member_id)
        .first()
    )
    return dict(row)


def _member_with_choices(client) -> int:
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    page = client.get("/privacy")
    assert 'name="choices_form"' in page.text  # the marker rides with the real form
    saved = factories.post_page_form(
        client,
        "/privacy/choices",
        choices_form="1",
        sharing="on",
        mailings="on",
        private_contact="on",
    )
    assert saved.status_code == 200, saved.text
    assert _opted_out(login.member_id) == {"opt_out_sharing": True, "no_mailings": True}
    return login.member_id


@pytest.mark.parametrize("path", ["/privacy/choices", "/privacy/opt-outs", "/privacy/consents"])
def test_a_post_without_the_forms_marker_changes_nothing(client, path):
    member_id = _member_with_choices(client)
    refused = factories.post_page_form(client, path)
    assert refused.status_code == 400, refused.text
    assert 'id="error-summary"' in refused.text and 'id="choices"' in refused.text
    assert "Er is niets gewijzigd" in refused.text
    assert _opted_out(member_id) == {"opt_out_sharing": True, "no_mailings": True}
    assert run(consents.has_consent(member_id, consents.Purpose.private_contact))


def test_the_real_form_with_every_box_unticked_switches_all_off(client):
    member_id = _member_with_choices(client)
    saved = factories.post_page_form(client, "/privacy/choices", choices_form="1")
    assert saved.status_code == 200 and "Je keuzes zijn bewaard" in saved.text, saved.text
    assert _opted_out(member_id) == {"opt_out_sharing": False, "no_mailings": False}
    assert not run(consents.has_consent(member_id, consents.Purpose.private_contact))


def test_a_refused_box_saves_none_of_the_others(client):
    """A value the boxes never send (`mailings=yes`) was refused only after the boxes before it
    had been saved: the page said nothing changed while 'sharing' had switched on."""
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    refused = factories.post_page_form(
        client, "/privacy/choices", choices_form="1", sharing="on", mailings="yes"
    )
    assert refused.status_code == 400 and 'id="choices"' in refused.text, refused.text
    assert 'id="error-summary"' in refused.text
    assert _opted_out(login.member_id) == {"opt_out_sharing": False, "no_mailings": False}


def test_a_crafted_adult_confirmation_shows_the_privacy_page_again(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    refused = factories.post_page_form(client, "/privacy/adult", confirmed="maybe")
    assert refused.status_code == 400 and 'id="choices"' in refused.text, refused.text
    assert 'id="error-summary"' in refused.text
