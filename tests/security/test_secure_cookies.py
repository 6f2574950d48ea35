"""Served with an https base URL, every cookie the site sets carries Secure.

Found from outside: with `KRING_BASE_URL=https://…` the session cookie had Secure, but
`kring_lang` (set by `/language/en`) and Piccolo Admin's `csrftoken` (set on `/admin/`) did
not, so a browser would send them over plain http too. `kring serve` is crawled as a visitor,
a member and an admin, and each Set-Cookie is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlencode, urljoin

import pytest

from kring.choices import Role
from tests import factories
from tests.served import Served, raw_request, served


@pytest.fixture(scope="module")
def https_site() -> Iterator[Served]:
    env = os.environ.copy() | {"KRING_BASE_URL": "https://kring.example.be"}
    env.pop("KRING_SECURE_COOKIES", None)
    with served(env=env) as server:
        yield server


class Browser:
    """Keeps the cookies itself: an http client would not send Secure ones back over http."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.cookies: dict[str, str] = {}
        self.set_cookies: list[tuple[str, str]] = []

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> object:
        headers = {"accept": "text/html"}
        if self.cookies:
            headers["cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            headers["content-type"] = "application/x-www-form-urlencoded"
            body = urlencode(form).encode()
        answer = raw_request(self.url, method, path, headers, body)
        for header in answer.headers.get_all("set-cookie") or []:
            self.set_cookies.append((path, header))
            name, _, value = header.partition(";")[0].partition("=")
            self.cookies[name.strip()] = value
        return answer

    def follow(self, path: str, hops: int = 5) -> object:
        answer = self.request("GET", path)
        while hops and answer.status in (301, 302, 303, 307):
            path = urljoin(path, answer.headers["location"])
            answer = self.request("GET", path)
            hops -= 1
        return answer


def _log_in(browser: Browser, email: str) -> None:
    browser.request("GET", "/login")
    answer = browser.request(
        "POST",
        "/login",
        {
            "email": email,
            "password": factories.PASSWORD,
            "_csrf_token": browser.cookies["kring_csrf"],
        },
    )
    assert answer.status == 303, answer.body[:300]


def test_every_cookie_is_secure_on_an_https_site(https_site):
    visitor = Browser(https_site.url)
    for path in ("/", "/login", "/language/en?next=/", "/language/nl?next=/members"):
        visitor.follow(path)
    member = Browser(https_site.url)
    _log_in(member, factories.account(Role.member).email)
    for path in ("/", "/members", "/profile", "/privacy", "/language/en?next=/"):
        member.follow(path)
    member.request("POST", "/logout", {"_csrf_token": member.cookies["kring_csrf"]})
    admin = Browser(https_site.url)
    _log_in(admin, factories.account(Role.admin).email)
    assert admin.follow("/admin/").status == 200
    names = {header.partition("=")[0] for _, header in visitor.set_cookies + admin.set_cookies}
    assert {"kring_lang", "kring_csrf", "csrftoken", "id"} <= names, names
    for browser in (visitor, member, admin):
        for path, header in browser.set_cookies:
            attributes = {part.strip().lower() for part in header.split(";")[1:]}
            assert "secure" in attributes, (path, header)
