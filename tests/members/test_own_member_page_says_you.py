"""A member opening their own page in the directory read "Hoe het netwerk hen leerde kennen"
(them) about themselves (found from outside); their own page now says "je", as their profile
does, and everyone else's keeps "hen". Over HTTP."""

from __future__ import annotations

from html import unescape

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


def test_the_own_member_page_says_you_and_another_says_them(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    own = unescape(client.get(f"/members/{member.member_id}", headers=HTML).text)
    assert "Hoe het netwerk je leerde kennen" in own and "hen leerde kennen" not in own

    client.cookies.clear()
    factories.log_in(client, factories.account(Role.organiser).email)
    theirs = unescape(client.get(f"/members/{member.member_id}", headers=HTML).text)
    assert "Hoe het netwerk hen leerde kennen" in theirs
