"""However a path is spelled, the route it reaches decides the rules: the API never takes the
page cookie, and no page accepts a form without its CSRF token.

Each API operation is tried with double slashes, percent-encoded letters and slashes, dot
segments, other letter case and a trailing slash, against `kring serve` over raw HTTP. With
only the page cookie, every spelling must answer exactly what it answers with no credential
at all; the same cookie opens a page, and a bearer token the API, so the cookie is valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kring.choices import Role
from kring.tables import Challenge
from kring.web.areas import Area, area_of_path
from tests import factories
from tests.conftest import _app, run
from tests.served import Answer, raw_request

WRITES = ("POST", "PUT", "PATCH", "DELETE")
_PARAMETER = re.compile(r"\{([^}:]+)(?::([^}]+))?\}")


def operations(area: Area) -> Iterator[tuple[str, str]]:
    """(method, concrete path) for every operation of the area, ids filled with 1."""
    for route in _app().routes:
        if area_of_path(route.path) is not area:
            continue
        for method in sorted(getattr(route, "methods", ())):
            if method not in ("HEAD", "OPTIONS"):
                yield method, _PARAMETER.sub(_example, route.path)


def _example(match: re.Match[str]) -> str:
    return "1" if match.group(2) == "int" else "x"


def spellings(path: str) -> list[str]:
    """Other ways to write `path` (which starts with a segment like /api or /events)."""
    first, _, rest = path[1:].partition("/")
    rest = "/" + rest if rest else ""
    escaped_letter = "%" + format(ord(first[0]), "02X") + first[1:]
    return [
        "/" + path,  # //api/me
        f"/{first}/{rest}" if rest else path + "//",  # /api//me
        f"/{escaped_letter}{rest}",  # /%61pi/me
        "/" + "".join(f"%{ord(c):02x}" for c in first) + rest,  # /%61%70%69/me
        f"/{first}%2F{rest[1:]}" if rest else path + "%2F",  # /api%2Fme
        f"/{first}%2f{rest[1:]}" if rest else path + "%2f",
        f"/%2F{first}{rest}",  # /%2Fapi/me
        path + "/",  # trailing slash
        f"/./{first}{rest}",  # dot segments
        f"/{first}/.{rest}",
        f"/x/../{first}{rest}",
        f"/%2E/{first}{rest}",
        f"/{first.upper()}{rest}",  # letter case
        f"/{first.capitalize()}{rest}",
    ]


def _log_in_over_http(url: str, email: str) -> str:
    """The session cookie from a real page login."""
    login_page = raw_request(url, "GET", "/login")
    csrf = re.search(r"kring_csrf=([^;]+)", str(login_page.headers)).group(1)
    body = f"email={email.replace('@', '%40')}&password={factories.PASSWORD.replace(' ', '+')}"
    answer = raw_request(
        url,
        "POST",
        "/login",
        {
            "cookie": f"kring_csrf={csrf}",
            "content-type": "application/x-www-form-urlencoded",
        },
        f"{body}&_csrf_token={csrf}".encode(),
    )
    assert answer.status == 303, answer.body
    return re.search(r"kring_session=([^;]+)", str(answer.headers)).group(1)


def _call(url: str, method: str, path: str, headers: dict[str, str]) -> Answer:
    # A "simple" cross-site request: text/plain needs no CORS preflight, yet carries JSON.
    body = b'{"title": "via the cookie", "body": "x"}' if method in WRITES else None
    return raw_request(url, method, path, {"content-type": "text/plain", **headers}, body)


@pytest.fixture
def member_session(live_server: str) -> tuple[factories.Login, str]:
    login = factories.account(Role.member)
    return login, _log_in_over_http(live_server, login.email)


def test_spellings_reach_different_paths():
    spelled = spellings("/api/members/1")
    assert len(set(spelled)) == len(spelled) and "/api/members/1" not in spelled
    assert "/%61pi/members/1" in spelled and "/api%2Fmembers/1" in spelled
    assert spellings("/api/me")[4] == "/api%2Fme"


def test_the_api_never_takes_the_page_cookie_however_the_path_is_spelled(
    live_server, member_session
):
    login, session = member_session
    cookie = {"cookie": f"kring_session={session}"}
    # Controls: the cookie is a valid page session and the API works with the member's token.
    assert raw_request(live_server, "GET", "/profile", cookie).status == 200
    assert raw_request(live_server, "GET", "/api/me", login.headers).status == 200

    differences = []
    tried = 0
    for method, path in operations(Area.api):
        for spelled in [path, *spellings(path)]:
            anonymous = _call(live_server, method, spelled, {})
            with_cookie = _call(live_server, method, spelled, cookie)
            tried += 1
            if with_cookie.status != anonymous.status:
                differences.append(
                    f"{method} {spelled}: {with_cookie.status} with the cookie, "
                    f"{anonymous.status} without"
                )
    assert tried > 1000
    assert differences == []
    assert run(Challenge.count().where(Challenge.member == login.member_id)) == 0


def test_no_page_takes_a_form_without_its_csrf_token_however_the_path_is_spelled(
    live_server, member_session
):
    _, session = member_session
    cookie = {"cookie": f"kring_session={session}"}
    accepted = []
    for method, path in operations(Area.pages):
        if method not in WRITES:
            continue
        for spelled in [path, *spellings(path)]:
            answer = raw_request(
                live_server,
                method,
                spelled,
                {**cookie, "content-type": "application/x-www-form-urlencoded"},
                b"title=via+the+cookie&body=x",
            )
            if answer.status not in (403, 404, 405):
                accepted.append(f"{method} {spelled}: {answer.status}")
    assert accepted == []
