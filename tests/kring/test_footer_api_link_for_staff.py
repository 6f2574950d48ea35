"""The footer's link to the API documentation is for staff, who connect the network's own tools
to it. A member read "API-documentatie (voor je eigen tools)" under every page, jargon to most;
a member who makes an API key finds the documentation on that page (/tokens), where it is
explained."""

from __future__ import annotations

import re

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html", "accept-language": "nl-BE"}


def _footer(client, path: str = "/") -> str:
    page = client.get(path, headers=HTML).text
    return re.search(r"<footer>.*?</footer>", page, re.S).group(0)


def test_a_member_footer_says_nothing_of_an_api(client):
    factories.log_in(client, factories.account(Role.member).email)
    footer = _footer(client)
    assert "API" not in footer and "/schema" not in footer
    assert 'href="/schema/redoc"' in client.get("/tokens", headers=HTML).text


def test_the_sign_in_page_footer_says_nothing_of_an_api(client):
    assert "API" not in _footer(client, "/login")


@pytest.mark.parametrize("role", [Role.organiser, Role.privacy_officer, Role.admin])
def test_staff_find_the_api_documentation_in_the_footer(client, role):
    factories.log_in(client, factories.account(role).email)
    assert '<a href="/schema/redoc">API-documentatie (voor je eigen tools)</a>' in _footer(client)
