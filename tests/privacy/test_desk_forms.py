"""The privacy desk's forms keep what was typed and show a refusal at the field, in Dutch."""

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


def _officer(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)


def test_a_request_for_an_unknown_member_is_refused_at_the_member_number(client):
    _officer(client)
    answer = client.post(
        "/privacy/desk/requests",
        data={
            "kind": "access",
            "member_id": "987654",
            "channel": "phone",
            "identity_checked": "on",
            "_csrf_token": factories.csrf_token(client),
        },
        headers=HTML,
    )
    assert answer.status_code == 404
    assert '<p class="field-error" id="field-member_id-error">' in answer.text
    assert "Lid 987654 niet gevonden" in answer.text
    assert 'id="field-member_id" name="member_id" required aria-invalid="true"' in answer.text
    assert 'value="987654"' in answer.text
    assert '<option value="phone" selected>' in answer.text


def test_a_second_processor_with_the_same_key_is_refused_at_the_key(client):
    _officer(client)

    def add(name: str):
        return client.post(
            "/privacy/desk/processors",
            data={
                "name": name,
                "service": "Mail",
                "key": "mailer",
                "_csrf_token": factories.csrf_token(client),
            },
            headers=HTML,
            follow_redirects=False,
        )

    assert add("Eerste").status_code == 303
    answer = add("Tweede")
    assert answer.status_code == 409
    assert "Een andere verwerker heeft de sleutel “mailer” al" in answer.text
    assert 'aria-describedby="field-key-error"' in answer.text
    assert 'value="Tweede"' in answer.text


def test_the_officer_reads_and_records_a_persons_opt_outs_in_the_third_person(client):
    """Found from outside: the officer's view of someone else offered "Do not share my name"."""
    _officer(client)
    member_id = factories.member(factories.organisation())
    page = client.get(f"/privacy/desk/members/{member_id}", headers=HTML)
    assert page.status_code == 200
    assert "Naam niet gedeeld voor introducties" in page.text
    assert '<option value="list_company">Organisatie niet getoond op deelnemerslijsten' in page.text
    assert "Mijn naam" not in page.text and "Mij nooit" not in page.text
    saved = client.post(
        f"/privacy/desk/members/{member_id}/opt-outs",
        data={
            "kind": "list_job_title",
            "active": "on",
            "channel": "paper",
            "_csrf_token": factories.csrf_token(client),
        },
        headers=HTML,
    )
    assert saved.status_code == 200
    assert "<dt>Functie niet getoond op deelnemerslijsten</dt><dd>ja</dd>" in saved.text
