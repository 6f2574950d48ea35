"""The audit page and `GET /api/privacy/audit` read their `since` and `until` through one
parser: a day the page takes (07-12-2026, 2026-12-07) the API takes too, and a spelling one
refuses the other refuses with the same message naming the parameter. Found from outside:
the page took `since=20261207` (date.fromisoformat's compact form) where the API answered a
400 about a `date`."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape

import pytest

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from privacy.audit import Action
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import run

DAYS_TAKEN = ("2026-12-07", "07-12-2026", "7-12-2026", "07/12/2026", "07.12.2026", " 2026-12-07 ")
REFUSED = (
    "20261207",
    "2026-W49-1",
    "2026W491",
    "2026-12-7",
    "2026-12-07T00:00",
    "31-02-2026",
    "12/31/2026",
    "gisteren",
    "2026-13-01",
    "0000-01-01",
)


@pytest.fixture
def officer(client):
    officer = factories.account(Role.privacy_officer)
    member = factories.member(None)
    for day in (6, 7):
        at = datetime(2026, 12, day, 9, tzinfo=UTC)
        entry = AuditEntry(
            actor=officer.account_id,
            member=member,
            action=Action.viewed,
            table_name="member",
            at=at,
        )
        run(AuditEntry.insert(entry))
    factories.log_in(client, officer.email)
    client.cookies.set(LANGUAGE_COOKIE, "en")
    return officer


def _api(client, officer, field: str, value: str):
    return client.get("/api/privacy/audit", params={field: value}, headers=officer.headers)


def _page(client, field: str, value: str):
    return client.get("/privacy/desk/audit", params={field: value})


def test_a_day_the_page_takes_the_api_takes_and_filters_alike(client, officer):
    for value in DAYS_TAKEN:
        since = _api(client, officer, "since", value)
        assert since.status_code == 200, (value, since.text)
        assert len(since.json()) == 1, value
        until = _api(client, officer, "until", value)
        assert until.status_code == 200 and len(until.json()) == 1, (value, until.text)
        page = _page(client, "since", value)
        assert page.status_code == 200, (value, unescape(page.text))
        assert page.text.count("<td>7 Dec 2026, 10:00</td>") == 1
        assert "<td>6 Dec 2026, 10:00</td>" not in page.text


@pytest.mark.parametrize("field", ["since", "until"])
def test_a_spelling_either_refuses_both_refuse_naming_the_parameter(client, officer, field):
    for value in REFUSED:
        api = _api(client, officer, field, value)
        assert api.status_code == 400, (value, api.text)
        errors = api.json()["errors"]
        assert [error["field"] for error in errors] == [field], (value, api.text)
        message = errors[0]["message"]
        assert message == "must be a date as dd-mm-yyyy or yyyy-mm-dd", message
        page = _page(client, field, value)
        assert page.status_code == 400, value
        assert f'id="field-{field}" aria-invalid="true"' in page.text, value
        assert message in unescape(page.text), (value, message)
