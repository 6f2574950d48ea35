"""An empty required field is refused by the server, in the page's language and beside the field
it names, with what was typed kept: the forms carry `novalidate`, so Chromium's own bubble (in
the browser's language, unstyled, one field at a time) never stands in for Kring's message."""

from __future__ import annotations

import re
from html import unescape

from kring.choices import Role
from kring.throttle import PER_ACCOUNT_AND_CLIENT
from tests import factories
from tests.awards import helpers as award_helpers
from tests.events.helpers import event
from tests.kring.test_field_errors import ROOT
from tests.kring.test_form_errors_at_once import errors_beside_fields, summary_items

FORM_TAG = re.compile(r"<form\b[^>]*>", re.S)
REQUIRED = "Fout: Is verplicht"


def test_every_form_leaves_the_checks_to_the_server():
    forms = {
        f"{path.relative_to(ROOT)}: {tag[:80]}": tag
        for path in (ROOT / "kring/templates").rglob("*.html")
        for tag in FORM_TAG.findall(path.read_text())
    }
    assert len(forms) > 80  # the scan sees the templates
    assert [where for where, tag in forms.items() if not re.search(r"\snovalidate\b", tag)] == []


def test_the_sign_in_form_names_both_empty_fields(client):
    answer = factories.post_page_form(client, "/login", email="", password="")
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == {"email": REQUIRED, "password": REQUIRED}
    assert len(summary_items(answer.text)) == 2
    typed = factories.post_page_form(client, "/login", email="an@voorbeeld.be", password="")
    assert errors_beside_fields(typed.text) == {"password": REQUIRED}
    assert 'value="an@voorbeeld.be"' in typed.text


def test_an_empty_password_is_no_failed_login(client):
    """Pressing Enter too soon is no guess: it leaves the throttle's count alone."""
    member = factories.account(Role.member)
    for _ in range(PER_ACCOUNT_AND_CLIENT.max_failures + 1):
        factories.post_page_form(client, "/login", email=member.email, password="")
    signed_in = factories.log_in(client, member.email)
    assert signed_in.status_code == 303


def test_an_empty_e_mail_address_is_named_as_missing(client):
    answer = factories.post_page_form(client, "/password/forgotten", email="")
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == {"email": REQUIRED}
    assert "“”" not in unescape(answer.text)


def test_a_challenge_without_a_title_keeps_its_description(client):
    factories.log_in(client, factories.account(Role.member).email)
    answer = factories.post_page_form(
        client, "/my/challenges", title="", body="Wie kent ISO 45001?", tags="veiligheid"
    )
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == {"title": REQUIRED}
    assert "Wie kent ISO 45001?" in answer.text and 'value="veiligheid"' in answer.text


def test_the_guest_registration_names_every_empty_field(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, members_only=False)
    factories.log_in(client, organiser.email)
    answer = factories.post_page_form(
        client,
        f"/events/{event_id}/guests",
        first_name="",
        last_name="",
        email="",
        job_title="Preventieadviseur",
        company="",
    )
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == dict.fromkeys(
        ("first_name", "last_name", "email"), REQUIRED
    )
    assert len(summary_items(answer.text)) == 3
    assert 'value="Preventieadviseur"' in answer.text


def test_the_password_change_names_every_empty_field(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    answer = factories.post_page_form(
        client, "/password", current_password="", new_password="", new_password_again=""
    )
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == dict.fromkeys(
        ("current_password", "new_password", "new_password_again"), REQUIRED
    )


def test_a_new_api_key_names_its_empty_name_and_password(client):
    factories.log_in(client, factories.account(Role.member).email)
    answer = factories.post_page_form(client, "/tokens", name="", password="")
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == {"name": REQUIRED, "password": REQUIRED}


def test_confirming_with_an_empty_password_names_it_and_counts_no_failure(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    for _ in range(PER_ACCOUNT_AND_CLIENT.max_failures + 1):
        answer = factories.post_page_form(client, "/privacy/confirm", password="", next="/privacy")
        assert answer.status_code == 400
        assert errors_beside_fields(answer.text) == {"password": REQUIRED}
    confirmed = factories.post_page_form(
        client, "/privacy/confirm", password=factories.PASSWORD, next="/privacy"
    )
    assert confirmed.status_code == 200 and confirmed.url.path == "/privacy"  # let through


def test_the_privacy_desk_forms_name_every_empty_field(client):
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    asked = factories.post_page_form(
        client, "/privacy/desk/requests", kind="access", member_id="", channel="email"
    )
    assert asked.status_code == 400
    assert set(errors_beside_fields(asked.text)) == {"member_id", "identity_checked"}
    processor = factories.post_page_form(
        client, "/privacy/desk/processors", name="", service="", data_categories="contactgegevens"
    )
    assert processor.status_code == 400
    assert errors_beside_fields(processor.text) == {"name": REQUIRED, "service": REQUIRED}
    assert 'value="contactgegevens"' in processor.text
    restricted = factories.post_page_form(
        client, "/privacy/desk/rights/restrict", member_id="", requested_by="", reason=""
    )
    assert restricted.status_code == 400
    assert errors_beside_fields(restricted.text) == dict.fromkeys(
        ("member_id", "requested_by", "reason"), REQUIRED
    )


def test_an_award_edition_without_a_year_says_it_is_required(client):
    factories.log_in(client, award_helpers.organiser().email)
    answer = factories.post_page_form(
        client,
        "/awards/editions/new",
        name="Kwaliteitsprijs",
        year="",
        submission_deadline="2030-03-01T17:00",
        jury_deadline="2030-04-01T17:00",
        category_name="Kmo's",
        criterion_name="Resultaten",
        criterion_weight="50",
    )
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == {"year": REQUIRED}
    assert 'value="Kwaliteitsprijs"' in answer.text


def test_an_empty_retention_period_is_named_beside_its_row_field(client):
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    answer = factories.post_page_form(
        client, "/privacy/desk/retention/interest_clicks", months="", _seen='{"months": 24}'
    )
    assert answer.status_code == 400
    assert errors_beside_fields(answer.text) == {"months": REQUIRED}
    assert 'href="#field-months"' in answer.text  # the summary leads to it
    row = answer.text[answer.text.index('id="retention-interest_clicks"') :]
    assert 'id="field-months"' in row[: row.index("</tr>")]  # in the row it was sent from


def _form_of(html: str, form_id: str) -> str:
    start = html.index(f'id="{form_id}"')
    return html[start : html.index("</form>", start)]


def test_an_empty_agreement_date_is_named_at_its_processor_not_at_the_new_one(client):
    from privacy import processors
    from tests.conftest import run

    processor_id = run(processors.add_processor("Drukkerij Leie", "drukwerk", "", None))
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    answer = factories.post_page_form(
        client,
        f"/privacy/desk/processors/{processor_id}/agreement",
        dpa_signed_on="",
        _seen='{"dpa_signed_on": null}',
    )
    assert answer.status_code == 400
    row = _form_of(answer.text, f"agreement-{processor_id}")
    assert 'id="field-dpa_signed_on-error"' in row and 'aria-invalid="true"' in row
    assert "field-error" not in _form_of(answer.text, "add-processor")
    assert errors_beside_fields(answer.text) == {"dpa_signed_on": REQUIRED}
