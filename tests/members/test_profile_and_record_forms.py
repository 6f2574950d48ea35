"""A member's own forms (profile, challenges, expertise) come back with what was typed when a
submission is refused, also when the refusal comes before the handler (a control character, a
text too long); the private e-mail and address are on the profile once consented to."""

from html import unescape

from kring.choices import Role
from kring.tables import Challenge, Member
from privacy.consents import Purpose, give_consent
from tests import factories
from tests.conftest import run


def _logged_in(client) -> factories.Login:
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    return login


def _post(client, path: str, **fields: str):
    return client.post(path, data=fields | {"_csrf_token": factories.csrf_token(client)})


def test_a_control_character_in_a_challenge_keeps_the_form_and_stores_nothing(client):
    _logged_in(client)
    answer = _post(
        client, "/my/challenges", title="Audit \u202eplannen", body="Mijn lange uitleg blijft"
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Mijn lange uitleg blijft" in text
    assert "stuurteken U+202E" in text and 'aria-invalid="true"' in text
    assert "Terug naar de startpagina" not in text
    assert run(Challenge.count()) == 0


def test_a_too_long_title_keeps_the_rest_of_the_challenge(client):
    _logged_in(client)
    answer = _post(client, "/my/challenges", title="x" * 25_000, body="Wat ik typte")
    assert answer.status_code == 400
    assert "Wat ik typte" in answer.text and "hoogstens 20000" in answer.text


def test_a_control_character_in_an_edited_expertise_keeps_the_edit_form(client):
    _logged_in(client)
    _post(client, "/my/expertise", title="Lean in de zorg")
    record_id = client.get("/my/expertise").text.split('data-record-id="')[1].split('"')[0]
    answer = _post(client, f"/my/expertise/{record_id}", title="Lean\x1b", body="Nieuwe tekst")
    assert answer.status_code == 400
    assert "Nieuwe tekst" in answer.text and "U+001B" in answer.text


def test_a_control_character_in_the_profile_keeps_what_was_typed(client):
    login = _logged_in(client)
    answer = _post(
        client, "/profile", first_name="Ann", last_name="Peeters\x00", job_title="Auditor ISO"
    )
    assert answer.status_code == 400
    assert 'value="Auditor ISO"' in answer.text and "U+0000" in answer.text
    member = run(Member.select(Member.job_title).where(Member.id == login.member_id).first())
    assert member["job_title"] != "Auditor ISO"


def test_private_contact_fields_appear_only_after_consent(client):
    login = _logged_in(client)
    assert 'name="private_email"' not in client.get("/profile").text
    run(give_consent(login.member_id, Purpose.private_contact, "test"))
    assert 'name="private_email"' in client.get("/profile").text
    fields = {"first_name": "Ann", "last_name": "Peeters"}
    refused = _post(client, "/profile", **fields, private_email="ann-at-thuis")
    assert refused.status_code == 400 and 'value="ann-at-thuis"' in refused.text
    saved = _post(
        client, "/profile", **fields, private_email="ann@thuis.be", private_address="Dorp 1, Gent"
    )
    assert saved.status_code == 200
    member = run(
        Member.select(Member.private_email, Member.private_address)
        .where(Member.id == login.member_id)
        .first()
    )
    assert member == {"private_email": "ann@thuis.be", "private_address": "Dorp 1, Gent"}


def test_a_form_that_keeps_what_was_typed_still_needs_its_csrf_token(client):
    _logged_in(client)
    answer = client.post("/profile", data={"first_name": "Ann", "last_name": "Peeters"})
    assert answer.status_code == 403


def test_an_organisers_member_form_keeps_what_was_typed_after_a_control_character(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = _post(
        client,
        "/members/new",
        first_name="Hélène",
        last_name="Dubois\u202e",
        email="helene@wz.example",
        job_title="Preventieadviseur",
    )
    assert answer.status_code == 400
    assert 'value="Preventieadviseur"' in answer.text and "U+202E" in answer.text
    assert run(Member.count().where(Member.email == "helene@wz.example")) == 0


def test_a_contact_note_with_a_control_character_keeps_the_note(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    member_id = factories.member(factories.organisation())
    path = f"/members/{member_id}/interactions"
    fields = {"occurred_on": "2026-12-01", "kind": "call"}
    answer = _post(client, path, **fields, note="Belde over \x1baudits")
    assert answer.status_code == 400 and "U+001B" in answer.text
    assert "Belde over" in answer.text
    token = factories.csrf_token(client)
    twice = client.post(
        path,
        content=f"note=a&note=b&_csrf_token={token}",
        headers={"accept": "text/html", "content-type": "application/x-www-form-urlencoded"},
    )
    assert twice.status_code == 400
