"""A password over 20,000 characters or holding NUL, on the password confirmation, the erasure
form or the login, answered a bare error page away from the form; the form now comes back
(400) with the message beside the password field. A code typed as people write it, with an
inner space or a hyphen (`123 456`, `123-456`), was refused as 'not the six digits', and the
code field cut it at six characters; such a code is now read as its digits, anything else is
refused naming the field, on the page and in the API. Over HTTP, against the real app."""

from __future__ import annotations

import re
from email import message_from_bytes
from html import unescape

import pytest

from kring.choices import Role
from kring.tables import Member
from privacy.tables import ErasureRequest
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}
TOO_LONG = "a" * 20_001


def _beside(html: str, field: str) -> str:
    return re.sub(r"<[^>]+>", "", factories.field_error(html, field))


@pytest.mark.parametrize("password", [TOO_LONG, "geheim\x00woord"], ids=["long", "nul"])
def test_the_confirmation_names_the_password_at_its_field(client, password):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    answer = factories.post_page_form(
        client, "/privacy/confirm", password=password, next="/privacy"
    )
    assert answer.status_code == 400
    assert 'id="confirm"' in answer.text  # the form again, not a bare error page
    said = _beside(answer.text, "password")
    assert "20000" in said or "U+0000" in said, said
    assert "Verkeerd wachtwoord" not in unescape(answer.text)


@pytest.mark.parametrize("password", [TOO_LONG, "geheim\x00woord"], ids=["long", "nul"])
def test_the_erasure_form_names_the_password_at_its_field(client, password):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    answer = factories.post_page_form(client, "/privacy/erasure", password=password)
    assert answer.status_code == 400
    assert 'id="erasure"' in answer.text
    said = _beside(answer.text, "password")
    assert "20000" in said or "U+0000" in said, said
    assert run(ErasureRequest.count().where(ErasureRequest.member == member.member_id)) == 0


def test_the_login_names_the_password_at_its_field_and_keeps_the_address(client):
    member = factories.account(Role.member)
    answer = factories.post_page_form(client, "/login", email=member.email, password="ab\x00cd")
    assert answer.status_code == 400
    assert "U+0000" in _beside(answer.text, "password")
    assert f'value="{member.email}"' in answer.text


def _code(mailbox) -> str:
    text = message_from_bytes(mailbox.messages[-1].content).get_payload(decode=True).decode()
    return re.search(r"^\s*(\d{6})\s*$", text, re.MULTILINE).group(1)


def _emailed_request(client, mailbox) -> tuple[int, str]:
    officer = factories.account(Role.privacy_officer)
    member = factories.account(Role.member)
    email = run(Member.select(Member.email).where(Member.id == member.member_id).first())["email"]
    made = client.post(
        "/api/privacy/access-requests", json={"email": email}, headers=officer.headers
    )
    assert made.status_code == 201, made.text
    return made.json()["id"], _code(mailbox)


@pytest.mark.parametrize("spaced", ["{a} {b}", "{a}-{b}", " {a}\u00a0{b} ", "{a}–{b}"])
def test_a_code_typed_with_a_space_or_a_hyphen_is_read_as_its_digits(client, mailbox, spaced):
    request_id, code = _emailed_request(client, mailbox)
    typed = spaced.format(a=code[:3], b=code[3:])
    form = client.get(f"/privacy/verify/access/{request_id}", headers=HTML).text
    limit = re.search(r'id="field-code"[^>]*maxlength="(\d+)"', form)
    assert limit and int(limit.group(1)) >= len(typed)
    answer = factories.post_page_form(client, f"/privacy/verify/access/{request_id}", code=typed)
    assert answer.status_code == 200, answer.text
    assert 'id="verified"' in answer.text


def test_the_api_reads_a_spaced_code_too(client, mailbox):
    request_id, code = _emailed_request(client, mailbox)
    answer = client.post(
        f"/api/privacy/access-requests/{request_id}/verify",
        json={"code": f"{code[:3]} {code[3:]}"},
    )
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("typed", ["12a 456", "123 45", "123.456", "1234567"])
def test_other_codes_are_refused_naming_the_field(client, mailbox, typed):
    request_id, _code = _emailed_request(client, mailbox)
    answer = factories.post_page_form(client, f"/privacy/verify/access/{request_id}", code=typed)
    assert answer.status_code == 400
    assert "zes cijfers" in _beside(answer.text, "code")
    assert f'value="{typed}"' in unescape(answer.text)  # kept, to correct it


def test_a_code_holding_nul_is_named_at_the_field(client, mailbox):
    request_id, _code = _emailed_request(client, mailbox)
    answer = factories.post_page_form(
        client, f"/privacy/verify/access/{request_id}", code="123\x00456"
    )
    assert answer.status_code == 400
    assert 'id="verify"' in answer.text
    assert "U+0000" in _beside(answer.text, "code")
