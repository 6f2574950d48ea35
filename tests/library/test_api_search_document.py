"""The library search's query parameters are documented as the server reads them: schemathesis
sent `kind=0` and `page=abc`, which the document allowed (any string) and the server refused
with a 400; a generated client had nothing to offer but a text box."""

from __future__ import annotations

import httpx

from kring.choices import Language, Role
from library.choices import ItemKind
from library.params import MAX_QUERY, MAX_TAG
from library.search import MAX_PAGE
from tests import factories

TIMEOUT = 60  # the document is built on its first request; the suite shares the machine


def _parameters(live_server: str) -> dict[str, dict]:
    document = httpx.get(f"{live_server}/schema/openapi.json", timeout=TIMEOUT).json()
    operation = document["paths"]["/api/library"]["get"]
    return {p["name"]: p["schema"] for p in operation["parameters"] if p["in"] == "query"}


def test_the_search_documents_each_parameter_as_it_is_read(live_server):
    parameters = _parameters(live_server)
    assert set(parameters["kind"]["enum"]) == {"", *(kind.value for kind in ItemKind)}
    assert set(parameters["language"]["enum"]) == {"", *(lang.value for lang in Language)}
    page = parameters["page"]
    assert (page["type"], page["minimum"], page["maximum"]) == ("integer", 1, MAX_PAGE)
    assert page["default"] == 1
    assert parameters["q"]["maxLength"] == MAX_QUERY
    assert parameters["tag"]["maxLength"] == MAX_TAG


def test_what_the_document_allows_is_answered_and_what_it_does_not_is_named(live_server):
    member = factories.account(Role.member)
    parameters = _parameters(live_server)
    allowed = [("kind", k) for k in parameters["kind"]["enum"]]
    allowed += [("language", lang) for lang in parameters["language"]["enum"]]
    allowed += [("page", int(parameters["page"][bound])) for bound in ("minimum", "maximum")]
    allowed += [("q", "a" * parameters["q"]["maxLength"]), ("tag", "t" * MAX_TAG)]
    for name, value in allowed:
        answer = httpx.get(
            f"{live_server}/api/library",
            params={name: value},
            headers=member.headers,
            timeout=TIMEOUT,
        )
        assert answer.status_code == 200, (name, value, answer.text)
    refused = [("kind", "0"), ("language", "xx"), ("page", MAX_PAGE + 1), ("page", "abc")]
    refused += [("q", "a" * (MAX_QUERY + 1)), ("tag", "t" * (MAX_TAG + 1))]
    for name, value in refused:
        answer = httpx.get(
            f"{live_server}/api/library",
            params={name: value},
            headers=member.headers,
            timeout=TIMEOUT,
        )
        assert answer.status_code == 400, (name, value)
        assert [e["field"] for e in answer.json()["errors"]] == [name]
