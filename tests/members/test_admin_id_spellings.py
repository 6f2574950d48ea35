"""A row id sent to Piccolo Admin has one spelling: the digits its own form sends ("12", as
text) or a JSON whole number. Piccolo's validation (pydantic) read " 1", "1.0", "+1", "1_0"
and a JSON 1.5 or 1.0 as ids too, so a crafted body reached a row the admin never named;
anything but a whole number is a 400 naming the field, and the row keeps its value."""

import pytest

from kring.choices import Role
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}
TABLES = "/admin/api/tables"

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
REFUSED = {
    "'{id}.5'": lambda id: f"{id}.5",
    "'{id}.0'": lambda id: f"{id}.0",
    "' {id}'": lambda id: f" {id}",
    "'{id} '": lambda id: f"{id} ",
    "'{id}e0'": lambda id: f"{id}e0",
    "''": lambda id: "",
    "'0x{id}'": lambda id: f"{id:#x}",
    "'+{id}'": lambda id: f"+{id}",
    "'-{id}'": lambda id: f"-{id}",
    "'0_{id}'": lambda id: f"0_{id}",
    "'0{id}'": lambda id: f"0{id}",
    "'0'": lambda id: "0",
    "{id} in Arabic digits": lambda id: str(id).translate(ARABIC),
    "'99999999999999999999'": lambda id: "99999999999999999999",
    "5000 nines": lambda id: "9" * 5000,
    "{id}.5": lambda id: id + 0.5,
    "{id}.0": lambda id: float(id),
    "-{id}": lambda id: -id,
    "0": lambda id: 0,
    "99999999999999999999": lambda id: 99999999999999999999,
    "[{id}]": lambda id: [id],
    '{"id": {id}}': lambda id: {"id": id},
}
"""Spellings of the first organisation's id (its number differs between databases: PostgreSQL's
sequences go on after a test empties the table)."""
OUT_OF_RANGE = {"'99999999999999999999'", "5000 nines", "99999999999999999999"}


@pytest.fixture
def admin(client):
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    client.headers.update(
        {"X-CSRFToken": client.cookies.get("csrftoken", ""), "accept": "application/json"}
    )
    return client


def _organisation_of(member_id: int) -> int | None:
    from kring.tables import Member

    return run(Member.select(Member.organisation).where(Member.id == member_id).first())[
        "organisation"
    ]


@pytest.mark.parametrize("spelling", REFUSED)
def test_an_id_that_is_no_plain_whole_number_is_a_400_naming_the_field(admin, spelling):
    first = factories.organisation(name="Eerste NV", domain="eerste.be")
    own = factories.organisation(name="Verhaeghe BV", domain="verhaeghe.be")
    member_id = factories.member(own)
    value = REFUSED[spelling](first)
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"organisation": value})
    assert answer.status_code == 400, answer.text[:300]
    detail = answer.json()["detail"]
    assert detail.startswith("organisation: "), detail
    if spelling in OUT_OF_RANGE:
        assert "is out of range; send a whole number from -2147483648 to 2147483647" in detail
    else:
        assert "the id of an organisation" in detail, detail
    assert len(detail) < 300  # a huge value is not repeated whole
    assert _organisation_of(member_id) == own


@pytest.mark.parametrize("value", ["1.5", " 1", "1e3", "", "0x1", "-1", 1.5], ids=repr)
def test_a_new_rows_id_is_refused_the_same_way(admin, value):
    from kring.tables import Challenge, OrganisationDomain

    member_id = factories.member(factories.organisation(domain="verhaeghe.be"))
    answer = admin.post(
        f"{TABLES}/organisation_domain/", json={"organisation": value, "domain": "nieuw.be"}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"].startswith("organisation: ")
    answer = admin.post(
        f"{TABLES}/challenge/",
        json={"member": value, "title": "ISO 9001 vereenvoudigen", "tags": []},
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"].startswith("member: ")
    assert run(OrganisationDomain.count().where(OrganisationDomain.domain == "nieuw.be")) == 0
    assert run(Challenge.count()) == 0
    assert member_id


def test_the_forms_digits_and_a_json_whole_number_still_name_a_row(admin):
    first = factories.organisation(name="Eerste NV", domain="eerste.be")
    second = factories.organisation(name="Tweede NV", domain="tweede.be")
    own = factories.organisation(name="Verhaeghe BV", domain="verhaeghe.be")
    member_id = factories.member(own)
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"organisation": str(first)})
    assert answer.status_code == 200, answer.text
    assert _organisation_of(member_id) == first
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"organisation": second})
    assert answer.status_code == 200, answer.text
    assert _organisation_of(member_id) == second
    # A member without an organisation: its form sends null for an emptied choice.
    answer = admin.patch(f"{TABLES}/member/{member_id}/", json={"organisation": None})
    assert answer.status_code == 200, answer.text
    assert _organisation_of(member_id) is None
