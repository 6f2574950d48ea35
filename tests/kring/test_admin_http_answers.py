"""Piccolo Admin at /admin keeps the promises of every other path: OPTIONS is answered before
any guard with every method of the path, a 405 names them in `Allow`, and its errors are
problem documents (found by an outside probe: a 401, `Allow: GET` where POST works, or none)."""

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}
JSON = {"accept": "application/json"}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PATHS = {
    "/admin/": "GET, HEAD, OPTIONS",
    "/admin/api/tables/": "GET, HEAD, OPTIONS",
    "/admin/api/tables/member/": "GET, HEAD, OPTIONS, POST",
    "/admin/api/tables/organisation/999999/": "DELETE, GET, HEAD, OPTIONS, PATCH",
    "/admin/api/change-password/": "OPTIONS, POST",
    "/admin/public/login/": "GET, HEAD, OPTIONS, POST",
}


@pytest.mark.parametrize("role", [None, Role.member, Role.admin])
def test_options_on_admin_paths_names_their_methods_before_any_guard(client, role):
    if role is not None:
        factories.log_in(client, factories.account(role).email)
    for path, allowed in PATHS.items():
        answer = client.options(path)
        assert answer.status_code == 204, (path, answer.status_code, answer.text)
        assert answer.headers["allow"] == allowed, path
        assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_path_the_admin_does_not_know_still_needs_the_admin(client):
    assert client.options("/admin/api/no-such-thing/").status_code == 401


def _as_admin(client) -> dict[str, str]:
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    return {"X-CSRFToken": client.cookies.get("csrftoken", ""), **JSON}


def test_the_methods_named_are_those_the_admin_answers(client):
    headers = _as_admin(client)
    row = f"/admin/api/tables/organisation/{factories.organisation()}/"  # PUT a row that exists
    for path, allowed in PATHS.items():
        if path.startswith("/admin/public/"):
            continue  # its POST logs in, which would end this admin's session
        path = path.replace("/999999/", row.removeprefix("/admin/api/tables/organisation"))
        for method in METHODS:
            body = {} if method in ("POST", "PUT", "PATCH") else None
            answer = client.request(method, path, headers=headers, json=body)
            refused = answer.status_code == 405
            assert refused == (method not in allowed.split(", ")), (method, path, answer.text)


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/admin/api/tables/organisation/{row}/", "DELETE, GET, HEAD, OPTIONS, PATCH"),
        ("POST", "/admin/api/tables/organisation/{row}/", "DELETE, GET, HEAD, OPTIONS, PATCH"),
        ("GET", "/admin/api/change-password/", "OPTIONS, POST"),
    ],
)
def test_an_admin_405_names_every_method_in_a_problem_document(client, method, path, allowed):
    path = path.format(row=factories.organisation())
    answer = client.request(method, path, headers=_as_admin(client), json={})
    assert answer.status_code == 405
    assert answer.headers["allow"] == allowed
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["status"] == 405 and problem["title"] == "Method not allowed"
    assert problem["detail"]


def test_an_admin_404_is_a_problem_document_and_its_form_errors_stay_as_they_were(client):
    headers = _as_admin(client)
    missing = client.get("/admin/api/no-such-thing/", headers=headers)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "Not Found",
    }
    assert int(missing.headers["content-length"]) == len(missing.content)
    invalid = client.post("/admin/api/tables/member/", headers=headers, content=b"[")
    assert invalid.status_code == 422
    assert isinstance(invalid.json()["detail"], list)  # Piccolo Admin's forms read the fields
    row = f"/admin/api/tables/organisation/{factories.organisation()}/"
    refused = client.patch(row, headers=headers, json={"enterprise_number": "123"})
    assert refused.status_code == 400
    # its form shows the whole body, kept short: Kring's script shows `message`, the refusal
    # in the reader's language (`kring.admin_site.in_readers_words`)
    assert list(refused.json()) == ["detail", "message"]
