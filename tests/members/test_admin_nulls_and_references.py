"""What Piccolo Admin writes names the field for a null and for a reference to no row (found by
an outside probe): `{"last_name": null}` answered "was sent more than once", `{"tags": null}`
500, `{"organisation": null}` left a domain without its organisation, and an id of no row
(or a member's account as an interaction's staff) the database's own "FOREIGN KEY constraint
failed" or nothing at all."""

from datetime import date

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


def _rows():
    """One row of every admin table that has a field that must hold a value."""
    from kring.tables import Challenge, Interaction, OrganisationDomain

    organisation_id = factories.organisation(domain="verhaeghe.be")
    member_id = factories.member(organisation_id)
    challenge = Challenge(member=member_id, title="ISO 9001 vereenvoudigen", tags=["iso"])
    run(challenge.save())
    interaction = Interaction(member=member_id, occurred_on=date(2025, 3, 1), note="Gesprek")
    run(interaction.save())
    domain = run(OrganisationDomain.select().where(OrganisationDomain.domain == "verhaeghe.be"))
    return {
        "member": member_id,
        "organisation": organisation_id,
        "challenge": challenge.id,
        "interaction": interaction.id,
        "organisation_domain": domain[0]["id"],
    }


def _stored(table: str, row_id: int) -> dict:
    from kring.tables import Challenge, Interaction, Member, Organisation, OrganisationDomain

    tables = {t._meta.tablename: t for t in (Challenge, Interaction, Member, Organisation)}
    tables["organisation_domain"] = OrganisationDomain
    found = tables[table]
    return run(found.select().where(found.id == row_id).first())


NOT_NULL = "moet een waarde hebben en mag niet leeg zijn"
"""The refusal of a null as the admin's page shows it, in Dutch (`message`) beside the API's
English (`detail`): it read in English on the Dutch page."""


@pytest.mark.parametrize(
    ("table", "field", "label"),
    [
        ("member", "last_name", "Achternaam"),
        ("member", "job_title", "Functie"),
        ("organisation", "name", "Naam"),
        ("challenge", "title", "Titel"),
        ("challenge", "tags", "Tags"),
        ("interaction", "member", "Lidnummer"),
        ("organisation_domain", "organisation", "Organisatie"),
    ],
)
def test_a_null_where_a_value_belongs_is_a_400_naming_the_field(admin, table, field, label):
    rows = _rows()
    before = _stored(table, rows[table])
    answer = admin.patch(f"{TABLES}/{table}/{rows[table]}/", json={field: None})
    assert answer.status_code == 400, (field, answer.status_code, answer.text)
    assert answer.json() == {
        "detail": f"{field}: must have a value, not null",
        "message": f"{label}: {NOT_NULL}",
    }
    assert _stored(table, rows[table]) == before


def test_a_null_that_means_none_is_still_stored(admin):
    rows = _rows()
    answer = admin.patch(f"{TABLES}/member/{rows['member']}/", json={"organisation": None})
    assert answer.status_code == 200, answer.text
    answer = admin.patch(f"{TABLES}/interaction/{rows['interaction']}/", json={"staff": None})
    assert answer.status_code == 200, answer.text


def test_a_new_domain_needs_its_organisation(admin):
    from kring.tables import OrganisationDomain

    answer = admin.post(
        f"{TABLES}/organisation_domain/", json={"organisation": None, "domain": "nieuw.be"}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json() == {
        "detail": "organisation: must have a value, not null",
        "message": f"Organisatie: {NOT_NULL}",
    }
    assert run(OrganisationDomain.count().where(OrganisationDomain.domain == "nieuw.be")) == 0


STAFF = "Vastgelegd door (accountnummer)"


def test_a_reference_to_no_row_names_the_field(admin):
    rows = _rows()
    member_account = factories.account(Role.member)
    # An app's refusal also reads as the admin's page shows it (`message`, in Dutch here).
    no_organisation = {
        "detail": "organisation: no organisation with id 999999",
        "message": "Organisatie: er is geen organisatie met nummer 999999",
    }
    for path, body, said in (
        (f"organisation_domain/{rows['organisation_domain']}", {"organisation": 999999}, None),
        (
            f"interaction/{rows['interaction']}",
            {"staff": 999999},
            {
                "detail": "staff: no staff account with id 999999",
                "message": f"{STAFF}: er is geen medewerkersaccount met nummer 999999",
            },
        ),
        (
            f"interaction/{rows['interaction']}",
            {"staff": member_account.account_id},
            {
                "detail": f"staff: no staff account with id {member_account.account_id}",
                "message": f"{STAFF}: er is geen medewerkersaccount met nummer "
                f"{member_account.account_id}",
            },
        ),
    ):
        answer = admin.patch(f"{TABLES}/{path}/", json=body)
        assert answer.status_code == 400, (body, answer.status_code, answer.text)
        assert answer.json() == (said or no_organisation)
    answer = admin.post(
        f"{TABLES}/organisation_domain/", json={"organisation": 999999, "domain": "nieuw.be"}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json() == no_organisation


def test_a_number_past_any_row_names_the_field_and_logs_no_error(admin, caplog):
    import logging

    rows = _rows()
    for path, body in (
        (f"member/{rows['member']}", {"organisation": 99999999999999999999}),
        (f"member/{rows['member']}", {"organisation": 2**31}),
        (f"interaction/{rows['interaction']}", {"staff": -(2**40)}),
        ("challenge", {"member": 99999999999999999999, "title": "Lean", "tags": []}),
    ):
        with caplog.at_level(logging.ERROR):
            if "/" in path:
                answer = admin.patch(f"{TABLES}/{path}/", json=body)
            else:
                answer = admin.post(f"{TABLES}/{path}/", json=body)
        field, value = next((k, v) for k, v in body.items() if isinstance(v, int))
        assert answer.status_code == 400, (body, answer.status_code, answer.text)
        assert answer.json() == {
            "detail": f"{field}: {value} is out of range; "
            "send a whole number from -2147483648 to 2147483647"
        }
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
