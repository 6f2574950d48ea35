"""Piccolo Admin's table API names the parameter it cannot serve (found by an outside probe):
`__visible_fields=organisation.name` (a join, which its lists do not make) answered 400 "Max
join depth exceeded", naming nothing; `__page_size=1001` answered 403 `{"error": "The page
size limit has been exceeded"}`, as if the admin were not allowed; and `__page_size=-1` answered
every row of the table at once, past the limit and past the audit of an export."""

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}
JSON = {"accept": "application/json"}
TABLES = "/admin/api/tables"


@pytest.fixture
def admin(client):
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    return client


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        (
            "__visible_fields=organisation.name",
            "__visible_fields: 'organisation.name' is a column of another table; "
            "the columns of member are id, ",
        ),
        ("__visible_fields=id,nope", "__visible_fields: 'nope' is not a column of member; "),
        ("__visible_fields=", "__visible_fields: '' is not a column of member; "),
        ("__page_size=1001", "__page_size: 1001 is not a page size; send a whole number "),
        ("__page_size=0", "__page_size: 0 is not a page size; send a whole number from 1 to "),
        ("__page_size=-1", "__page_size: -1 is not a page size; send a whole number from 1 to "),
        ("__page_size=99999999999", "__page_size: 99999999999 is not a page size; send "),
        ("__page=0", "__page: 0 is not a page; pages count from 1"),
        ("__page=-2", "__page: -2 is not a page; pages count from 1"),
    ],
)
@pytest.mark.parametrize("below", ["", "count/", "{row}/"])
def test_a_query_the_table_api_does_not_serve_is_a_400_naming_the_parameter(
    admin, query, detail, below
):
    member_id = factories.member(factories.organisation())
    answer = admin.get(f"{TABLES}/member/{below.format(row=member_id)}?{query}", headers=JSON)
    assert answer.status_code == 400, (query, answer.status_code, answer.text)
    assert answer.json()["detail"].startswith(detail), answer.text


def test_the_page_size_limit_is_named_with_its_number(admin):
    answer = admin.get(f"{TABLES}/member/?__page_size=1001", headers=JSON)
    assert answer.json()["detail"].endswith("send a whole number from 1 to 1000"), answer.text


def test_the_largest_page_and_the_table_s_own_columns_are_still_served(admin):
    organisation = factories.organisation()
    for _ in range(3):
        factories.member(organisation)
    for query in (
        "__page_size=1000&__page=1",
        "__page_size=1&__page=3",
        "__visible_fields=id,first_name&__page_size=15",
        "__visible_fields=id&__visible_fields=last_name",
    ):
        answer = admin.get(f"{TABLES}/member/?{query}", headers=JSON)
        assert answer.status_code == 200, (query, answer.text)
        assert answer.json()["rows"], query


@pytest.mark.parametrize("query", ["__page_size=%2B1000", "__page_size=+1000&__page=%2B01"])
def test_a_bulk_read_written_with_a_sign_or_a_space_is_audited_as_an_export(admin, query):
    """Piccolo reads `+1000` and ` 1000` as 1,000 rows; the export's audit read only digits."""
    from privacy.tables import AuditEntry
    from tests.conftest import run

    factories.member(factories.organisation())
    exported = AuditEntry.action == "exported"
    before = run(AuditEntry.count().where(exported))
    answer = admin.get(f"{TABLES}/member/?{query}", headers=JSON)
    assert answer.status_code == 200, answer.text
    assert run(AuditEntry.count().where(exported)) == before + 1


@pytest.mark.parametrize("name", ["%00", "a%0D%0Ab", "%F0%9F%9A%80", "a%20b"])
def test_a_range_header_name_no_header_can_carry_is_a_400(admin, caplog, name):
    """Piccolo writes `__range_header_name` into its Content-Range header: a NUL or a line
    break made the server drop the connection with a traceback in its log (found from
    outside), an emoji could not be written at all."""
    import logging

    factories.member(factories.organisation())
    with caplog.at_level(logging.ERROR):
        query = f"__range_header=true&__range_header_name={name}"
        answer = admin.get(f"{TABLES}/member/?{query}", headers=JSON)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"].startswith("__range_header_name: "), answer.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_plain_range_header_name_is_still_served(admin):
    factories.member(factories.organisation())
    query = "__range_header=true&__range_header_name=members"
    answer = admin.get(f"{TABLES}/member/?{query}", headers=JSON)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-range"].startswith("members 0-0/")
