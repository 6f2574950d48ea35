"""Real rows for tests, made through the same domain functions the app uses."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import unescape
from typing import Any

from litestar.testing import TestClient

from kring.accounts import create_api_token
from kring.choices import Role
from kring.validation import format_enterprise_number
from members.accounts import create_account
from members.organisations import create_organisation
from members.profiles import create_member
from tests.conftest import run

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def enterprise_number(base: int) -> str:
    """A valid Belgian enterprise number built from any base below 10^7."""
    head = f"0{base:07d}"
    return format_enterprise_number(head + f"{97 - int(head) % 97:02d}")


def organisation(name: str | None = None, domain: str | None = None, **fields: Any) -> int:
    n = next(_counter)
    data = {
        "name": name or f"Organisatie {n}",
        "enterprise_number": enterprise_number(1000 + n),
        "email_domains": [domain or f"org{n}.be"],
    } | fields
    return run(create_organisation(data))


def member(organisation_id: int | None = None, **fields: Any) -> int:
    n = next(_counter)
    data = {
        "first_name": f"Voornaam{n}",
        "last_name": f"Achternaam{n}",
        "email": f"lid{n}@example.be",
        "job_title": "kwaliteitsmanager",
        "phone": "+32 9 264 12 34",
        "address": f"Kerkstraat {n}, 9000 Gent",
        "organisation": organisation_id,
    } | fields
    return run(create_member(data))


@dataclass(frozen=True)
class Login:
    account_id: int
    email: str
    member_id: int | None
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def account(role: Role = Role.member, member_id: int | None = None) -> Login:
    """An account with an API token; members get a fresh profile unless one is given."""
    n = next(_counter)
    if role == Role.member and member_id is None:
        member_id = member(organisation())
    email = f"{role.value}{n}@kring-test.be"
    account_id = run(
        create_account(email, PASSWORD, role, member_id, f"Account {n}", adult_confirmed=True)
    )
    token = run(create_api_token(account_id, "tests")).token
    return Login(account_id=account_id, email=email, member_id=member_id, token=token)


def csrf_token(client: TestClient) -> str:
    """The CSRF cookie a page visit sets; forms send it back as `_csrf_token`."""
    if "kring_csrf" not in client.cookies:
        client.get("/login")
    return client.cookies["kring_csrf"]


def post_page_form(client: TestClient, path: str, **fields: str) -> Any:
    """A page's form sent as a browser sends it: with the CSRF token, asking for HTML."""
    data = fields | {"_csrf_token": csrf_token(client)}
    return client.post(path, data=data, headers={"accept": "text/html"})


def field_error(html: str, field: str) -> str:
    """The message a page shows beside `field`, which it marks invalid (an assertion if not)."""
    text = unescape(html)
    control = text[text.index(f'id="field-{field}" name="{field}"') :]
    assert 'aria-invalid="true"' in control[: control.index(">")], text
    start = text.index(f'id="field-{field}-error"')
    return text[start : text.index("</p>", start)]


def log_in(client: TestClient, email: str, password: str = PASSWORD) -> Any:
    return client.post(
        "/login",
        data={"email": email, "password": password, "_csrf_token": csrf_token(client)},
        follow_redirects=False,
    )
