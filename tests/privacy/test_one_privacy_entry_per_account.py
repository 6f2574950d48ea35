"""The account menu's privacy entry, one per account, and `/privacy` for every role. A staff
account with a member profile (an organiser who is also a member) saw two entries, 'My data &
privacy' and 'My account data' (which only sent it on to the first page's copy); a staff
account without a profile that opened `/privacy` (typed, bookmarked, or from a member's link)
got a bare 403. Now a profile holder sees 'My data & privacy' alone, a staff account without a
profile 'My account data' alone, and `/privacy` leads the latter to that page."""

from __future__ import annotations

import re

import pytest

from kring.choices import Role
from tests import factories

PRIVACY_LINK = re.compile(r'href="(/privacy(?:/account-data)?)"')


def _account_menu(html: str) -> list[str]:
    menu = html.split('class="account-panel"', 1)[1].split("</nav>", 1)[0]
    return PRIVACY_LINK.findall(menu)


@pytest.mark.parametrize("role", [Role.organiser, Role.privacy_officer, Role.admin])
def test_a_staff_member_with_a_profile_sees_one_privacy_entry(client, role):
    staff = factories.account(role, member_id=factories.member(factories.organisation()))
    assert factories.log_in(client, staff.email).status_code == 303
    home = client.get("/")
    assert _account_menu(home.text) == ["/privacy"]
    assert client.get("/privacy").status_code == 200


@pytest.mark.parametrize("role", [Role.organiser, Role.privacy_officer, Role.admin])
def test_a_staff_account_without_a_profile_is_led_from_privacy_to_its_data(client, role):
    staff = factories.account(role)
    assert factories.log_in(client, staff.email).status_code == 303
    assert _account_menu(client.get("/").text) == ["/privacy/account-data"]
    led = client.get("/privacy", follow_redirects=False)
    assert led.status_code == 303, led.text
    assert led.headers["location"] == "/privacy/account-data"


def test_a_member_sees_one_privacy_entry_and_their_page(client):
    member = factories.account(Role.member)
    assert factories.log_in(client, member.email).status_code == 303
    assert _account_menu(client.get("/").text) == ["/privacy"]
    assert client.get("/privacy").status_code == 200
