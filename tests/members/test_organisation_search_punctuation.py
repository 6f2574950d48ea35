"""A search of punctuation only finds nothing and says why, for organisations as for members:
`%`, `%%` and `-` fold to no word, and the organisation search then listed every organisation
(API and page, with no hint) where the member search answered nothing and a hint. Both read
what is typed the same way (`kring.search.can_find_anyone`)."""

from __future__ import annotations

import httpx
import pytest

from kring.choices import Role
from tests import factories

PUNCTUATION = ["%", "%%", "-", "_", "🚀"]


@pytest.mark.parametrize("query", PUNCTUATION)
def test_punctuation_finds_no_organisation_in_the_api_as_no_member(served_app, query):
    factories.organisation("Scheldecoat")
    factories.organisation("Zorgnet Vlaanderen")
    login = factories.account(Role.member)
    for path in ("/api/organisations", "/api/members"):
        answer = httpx.get(
            served_app.url + path, params={"q": query}, headers=login.headers, timeout=30
        )
        assert answer.status_code == 200, (path, answer.text)
        assert answer.json() == [], (path, answer.json())
    found = httpx.get(
        served_app.url + "/api/organisations",
        params={"q": "scheldecoat"},
        headers=login.headers,
        timeout=30,
    )
    assert [row["name"] for row in found.json()] == ["Scheldecoat"]


@pytest.mark.parametrize("query", PUNCTUATION)
def test_punctuation_on_the_organisations_page_lists_none_and_gives_the_hint(served_app, query):
    scheldecoat = factories.organisation("Scheldecoat")
    login = factories.account(Role.member)
    with httpx.Client(base_url=served_app.url, headers={"accept": "text/html"}) as browser:
        answer = factories.log_in(browser, login.email)
        assert answer.status_code in (200, 303), answer.text
        for path in ("/organisations", "/members"):
            page = browser.get(path, params={"q": query})
            assert page.status_code == 200, page.text
            assert "Zoek met letters of cijfers" in page.text, path
        page = browser.get("/organisations", params={"q": query})
        assert f'href="/organisations/{scheldecoat}"' not in page.text
        found = browser.get("/organisations", params={"q": "schelde"})
        assert f'href="/organisations/{scheldecoat}"' in found.text
        assert "Zoek met letters of cijfers" not in found.text
