"""A value PostgreSQL refuses is said as what it is, and logged.

Every `asyncpg.DataError` but a too-long text (557d34e) answered 400 "a number in the request is
out of range", whatever PostgreSQL had refused: a date it could not read, a word where a number
belongs, a null character in a text; and nothing in the log said it was ours. Fields refuse
such values by their own checks first, so only a route that forgot one (or a value of ours that
does not fit) reaches the database with one: a route of that kind is added here to a fresh app,
handing PostgreSQL each value as such a route would, and each answer is a 400 naming the
problem (in Dutch on a page), with PostgreSQL's words in the log but never the value.

A null character (U+0000) in a text field: SQLite stores it, PostgreSQL refuses it. The edge
refuses it on both, naming the field, before anything is stored
(`test_a_null_character_in_a_text_field_is_refused_alike_on_both_databases`). Piccolo Admin's
table API did not: a filter holding one (`?first_name=a%00b`) listed no row on SQLite and was
refused by PostgreSQL, a 400 that named no parameter (a number out of range, it said); it is
refused on both now, naming the parameter, as Kring's own routes do."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from litestar import get
from litestar.testing import TestClient

from kring.choices import Role
from kring.tables import Member
from kring.web.areas import stamp_areas
from kring.web.auth import public
from tests import factories
from tests.conftest import ON_POSTGRES, run

HTML = {"accept": "text/html"}
JSON = {"accept": "application/json"}

# Each case: the query a route runs (its value sent as a text parameter, as a text field's would
# be), the value, and the answer's words in English and Dutch.
CASES = {
    "word-as-number": (
        "SELECT CAST({} AS text)::integer",
        "twaalf",
        "a value in the request is not written the way its field expects",
        "niet geschreven zoals het veld ze verwacht",
    ),
    "unreadable-date": (
        "SELECT CAST({} AS text)::timestamptz",
        "de eerste mei",
        "a date or time in the request cannot be read",
        "kan niet gelezen worden",
    ),
    "date-that-does-not-exist": (
        "SELECT CAST({} AS text)::date",
        "2027-02-30",
        "a date or time in the request does not exist",
        "bestaat niet",
    ),
    "number-out-of-range": (
        "SELECT CAST({} AS text)::smallint",
        "40000",
        "a number in the request is out of range",
        "te groot of te klein",
    ),
    "null-character-in-text": (
        "SELECT CAST({} AS text)",
        "Gent\x00Brugge",
        "a text in the request holds a null character (code 0), which cannot be stored",
        "nulteken (code 0)",
    ),
    "null-character-in-json": (
        "SELECT CAST({} AS text)::jsonb",
        '{"stad": "Gent\\u0000Brugge"}',
        "a text in the request holds a null character (code 0), which cannot be stored",
        "nulteken (code 0)",
    ),
}
VALUE_IN_LOG = ("twaalf", "de eerste mei", "2027-02-30", "40000", "Gent", "Brugge")


async def _hand_over(case: str) -> dict[str, str]:
    """What a route does that hands its value to PostgreSQL without a check of its own."""
    query, value, _, _ = CASES[case]
    await Member.raw(query, value)
    return {"handed over": case}


@get("/api/unchecked/{case:str}", guards=[public])
async def unchecked(case: str) -> dict[str, str]:
    return await _hand_over(case)


@get("/unchecked/{case:str}", guards=[public])
async def unchecked_page(case: str) -> dict[str, str]:
    return await _hand_over(case)


@pytest.fixture(scope="module")
def app_with_an_unchecked_route() -> Iterator[TestClient]:
    from assembly.app import create_app

    app = create_app()
    for handler in stamp_areas([unchecked, unchecked_page]):
        app.register(handler)
    with TestClient(app=app, base_url="http://testserver.local") as client:
        yield client


@pytest.mark.skipif(
    not ON_POSTGRES,
    reason="only PostgreSQL refuses these values (SQLite stores or casts them): set "
    "KRING_TEST_DATABASE_URL to a PostgreSQL database",
)
@pytest.mark.parametrize("case", list(CASES))
def test_a_value_postgresql_refuses_is_named_and_logged(app_with_an_unchecked_route, caplog, case):
    client = app_with_an_unchecked_route
    _, _, english, dutch = CASES[case]
    with caplog.at_level(logging.ERROR, logger="kring.web"):
        answer = client.get(f"/api/unchecked/{case}", headers=JSON)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"] == english
    logged = [r.getMessage() for r in caplog.records if r.name == "kring.web"]
    assert any("a value the database refused" in line for line in logged), logged
    assert not any(value in line for line in logged for value in VALUE_IN_LOG), logged
    page = client.get(f"/unchecked/{case}", headers=HTML)
    assert page.status_code == 400 and dutch in page.text, page.text[-2000:]


def test_a_null_character_in_a_text_field_is_refused_alike_on_both_databases(client):
    """A form, a JSON body and a query parameter: a 400 naming the field on SQLite and on
    PostgreSQL alike, and nothing stored (SQLite would keep the character, PostgreSQL refuse
    the write)."""
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    before = run(Member.select(Member.job_title).where(Member.id == login.member_id).first())
    form = {"_csrf_token": factories.csrf_token(client), "job_title": "Preventie\x00adviseur"}
    page = client.post("/profile", data=form, headers=HTML)
    assert page.status_code == 400, page.text[:300]
    assert factories.field_error(page.text, "job_title")
    api = client.patch(
        f"/api/members/{login.member_id}",
        json={"job_title": "Preventie\u0000adviseur"},
        headers=login.headers,
    )
    assert api.status_code == 400 and api.json()["errors"][0]["field"] == "job_title", api.text
    query = client.get("/api/library?q=Gent%00Brugge", headers=login.headers)
    assert query.status_code == 400 and "q" in query.text, query.text
    after = run(Member.select(Member.job_title).where(Member.id == login.member_id).first())
    assert after == before


def test_a_null_character_in_an_admin_filter_is_refused_alike_on_both_databases(client):
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    factories.member(None, first_name="Griet")
    for below in ("", "count/", "ids/"):
        answer = client.get(f"/admin/api/tables/member/{below}?first_name=Gr%00iet", headers=JSON)
        assert answer.status_code == 400, (below, answer.text)
        detail = answer.json()["detail"]
        assert detail.startswith("first_name: contains the control character U+0000"), detail
        named = client.get(f"/admin/api/tables/member/{below}?first%00name=Griet", headers=JSON)
        assert named.status_code == 400 and "U+0000" in named.json()["detail"], named.text
