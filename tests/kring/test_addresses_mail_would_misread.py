"""An e-mail address holding `=?` is refused where it is typed, naming the field: email_validator
accepts it (`=` and `?` are letters of a local part), but Python's email package decodes an
RFC 2047 word in it, so its mail went to another address or could not be written at all. The
member's profile, the staff forms, the API, guest registration, the privacy desk's e-mailed
request and the import all go through `kring.validation.normalise_email`. Real app over HTTP."""

from __future__ import annotations

from html import unescape

import pytest

from kring.choices import Role
from kring.tables import Member
from kring.validation import FieldError, normalise_email
from privacy.consents import Purpose, give_consent
from tests import factories
from tests.conftest import run
from tests.events.helpers import event

DECODED_TO_A_LINE_BREAK = "=?utf-8?q?a=0Ab?=@gast.be"
DECODED_TO_ANOTHER = "=?utf-8?q?jos=C3=A9?=@x.be"
SAID_NL = "kan geen mail ontvangen: mailprogramma’s lezen “=?” in een adres als een gecodeerd woord"
SAID_EN = "cannot receive mail: mail programs read “=?” in an address as an encoded word"


@pytest.mark.parametrize(
    "address", [DECODED_TO_A_LINE_BREAK, DECODED_TO_ANOTHER, "an=?x@voorbeeld.be", "an=?@v.be"]
)
def test_normalise_email_refuses_an_encoded_word_naming_the_field(address):
    with pytest.raises(FieldError) as refused:
        normalise_email(address, "private_email")
    assert refused.value.field == "private_email" and SAID_EN in refused.value.message


def test_addresses_with_equals_or_question_marks_alone_are_still_addresses():
    assert normalise_email("a=b?c@voorbeeld.be") == "a=b?c@voorbeeld.be"
    assert normalise_email("?=x@voorbeeld.be") == "?=x@voorbeeld.be"  # ends a word, begins none


def test_a_guest_is_refused_over_the_api_naming_email(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, capacity=5, members_only=False)
    guest = {"first_name": "Els", "last_name": "Gast", "email": DECODED_TO_A_LINE_BREAK}
    answer = client.post(f"/api/events/{event_id}/guests", json=guest, headers=organiser.headers)
    assert answer.status_code == 400, answer.text
    [error] = answer.json()["errors"]
    assert error["field"] == "email" and SAID_EN in error["message"], answer.text


def test_the_member_api_refuses_it_naming_email(client):
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation())
    answer = client.patch(
        f"/api/members/{member_id}", json={"email": DECODED_TO_ANOTHER}, headers=organiser.headers
    )
    assert answer.status_code == 400, answer.text
    [error] = answer.json()["errors"]
    assert error["field"] == "email" and SAID_EN in error["message"], answer.text
    assert run(Member.count().where(Member.email == DECODED_TO_ANOTHER)) == 0


def _post(client, path: str, **fields: str):
    return client.post(path, data=fields | {"_csrf_token": factories.csrf_token(client)})


def test_the_members_own_profile_refuses_it_at_the_private_email(client):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    run(give_consent(login.member_id, Purpose.private_contact, "test"))
    answer = _post(
        client, "/profile", first_name="Ann", last_name="Peeters", private_email=DECODED_TO_ANOTHER
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert SAID_NL in text and 'id="field-private_email-error"' in text
    assert f'value="{DECODED_TO_ANOTHER}"' in text


def test_the_staff_form_refuses_it_at_the_email(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client, "/members/new", first_name="Hélène", last_name="Dubois", email=DECODED_TO_ANOTHER
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert SAID_NL in text and 'id="field-email-error"' in text
    assert run(Member.count().where(Member.last_name == "Dubois")) == 0


def test_the_privacy_desks_emailed_request_refuses_it_at_the_email(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    answer = _post(client, "/privacy/desk/emailed", kind="access", email=DECODED_TO_ANOTHER)
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert SAID_NL in text and 'id="field-email-error"' in text


def test_the_import_names_it_on_the_rows_report_line(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    data = f"Voornaam,Naam,E-mail\nAn,Janssens,{DECODED_TO_ANOTHER}\nBert,Peeters,bert@v.be\n"
    answer = client.post(
        "/import/preview",
        files={"file": ("leden.csv", data.encode())},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 200, answer.text
    assert f"E-mailadres: “=?utf-8?q?jos=C3=A9?…” {SAID_NL}" in unescape(answer.text)
