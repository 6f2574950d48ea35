"""A JSON `true` or `false` sent to Piccolo Admin for a column that is no yes/no column is a 400
naming the field: Piccolo's validation read `"organisation": true` as organisation 1 (and
`false` as 0) before Kring's checks saw it, so a crafted request moved a member to the first
organisation. Piccolo Admin's own form sends every value as text, ids as "1": that still
works."""

import pytest

from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}
TABLES = "/admin/api/tables"


@pytest.fixture
def admin(client):
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    client.headers.update(
        {"X-CSRFToken": client.cookies.get("csrftoken", ""), "accept": "application/json"}
    )
    return client


def _member_row(member_id: int) -> dict:
    from kring.tables import Member

    return run(Member.select().where(Member.id == member_id).first())


@pytest.mark.parametrize("value", [True, False])
def test_a_yes_or_no_as_a_members_organisation_is_a_400_naming_it(admin, value):
    factories.organisation(name="Eerste NV", domain="eerste.be")  # id 1 on a fresh SQLite file
    own = factories.organisation(name="Verhaeghe BV", domain="verhaeghe.be")
    member_id = factories.member(own)
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"organisation": value})
    assert answer.status_code == 400, answer.text
    shown = "true" if value else "false"
    assert answer.json() == {
        "detail": f"organisation: {shown} is a yes or no; this field takes the id of an "
        "organisation (a whole number)"
    }
    assert _member_row(member_id)["organisation"] == own


def test_a_yes_or_no_is_refused_in_a_new_row_and_for_any_reference(admin):
    from kring.tables import Challenge, Interaction, OrganisationDomain

    organisation_id = factories.organisation(domain="verhaeghe.be")
    member_id = factories.member(organisation_id)
    for path, body, field, takes in (
        (
            "organisation_domain/",
            {"organisation": True, "domain": "nieuw.be"},
            "organisation",
            "the id of an organisation (a whole number)",
        ),
        (
            "challenge/",
            {"member": True, "title": "ISO 9001 vereenvoudigen", "tags": []},
            "member",
            "the id of a member (a whole number)",
        ),
        (
            "interaction/",
            {"member": member_id, "occurred_on": "2025-03-01", "note": "Gesprek", "staff": True},
            "staff",
            "the id of an account (a whole number)",
        ),
        ("organisation/", {"name": True}, "name", "text"),
    ):
        answer = admin.post(f"{TABLES}/{path}", json=body)
        assert answer.status_code == 400, (body, answer.status_code, answer.text)
        assert answer.json() == {
            "detail": f"{field}: true is a yes or no; this field takes {takes}"
        }
    assert run(OrganisationDomain.count().where(OrganisationDomain.domain == "nieuw.be")) == 0
    assert run(Challenge.count()) == 0
    assert run(Interaction.count()) == 0


def test_a_yes_or_no_column_and_the_forms_text_ids_still_work(admin):
    first = factories.organisation(name="Eerste NV", domain="eerste.be")
    own = factories.organisation(name="Verhaeghe BV", domain="verhaeghe.be")
    member_id = factories.member(own)
    # A yes/no column takes a yes or no (the member's opt-outs are theirs: Kring's check says so).
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"opt_out_listing": True})
    assert answer.json() == {
        "detail": "opt_out_listing: is not a field of a member profile",
        "message": "Mij nooit op deelnemerslijsten vermelden: is geen veld van een ledenprofiel",
    }
    # Piccolo Admin's form sends what it read from its fields: text, "1" for an id.
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"organisation": str(first)})
    assert answer.status_code == 200, answer.text
    assert _member_row(member_id)["organisation"] == first


def test_a_row_body_past_the_apps_limit_is_refused_unread(admin):
    """The mount reads a row's body before Piccolo does: past the app's 1 MB it stops reading
    and answers 413, as the app's own routes do, instead of holding any size in memory."""
    from kring.web.inputs import MAX_BODY_BYTES

    organisation_id = factories.organisation(name="Verhaeghe BV", domain="verhaeghe.be")
    member_id = factories.member(organisation_id)
    huge = {"job_title": "x" * (MAX_BODY_BYTES + 1)}
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json=huge)
    assert answer.status_code == 413, answer.text[:200]
    assert "1 000 000 bytes" in answer.json()["detail"]
    assert _member_row(member_id)["job_title"] != huge["job_title"]
