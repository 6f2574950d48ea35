"""A refused unsubscribe link says how to unsubscribe all the same. Found from outside: a link
cut off by a mail program, or signed before the network changed `KRING_SECRET_KEY` (the README
says that makes every old link invalid), showed only "Deze afmeldlink is niet geldig" and a
link to the start page: the reader, who wanted no more mail, had no way forward."""

from __future__ import annotations

import dataclasses

from kring.choices import Role
from kring.settings import get_settings
from kring.tables import Member
from mailings.unsubscribe import unsubscribe_url
from tests import factories
from tests.conftest import run

WAY_FORWARD = "meld je aan en zet mailings uit op je privacypagina"


def _path(url: str) -> str:
    return "/mailings/" + url.split("/mailings/", 1)[1]


def test_a_link_signed_with_an_old_key_or_cut_off_says_how_to_unsubscribe(client):
    member_id = factories.account(Role.member).member_id
    old_key = dataclasses.replace(get_settings(), secret_key="a-key-the-network-had-before")
    old = _path(unsubscribe_url(member_id, old_key))
    cut = _path(unsubscribe_url(member_id))[:-6]
    for path in (old, cut):
        for answer in (
            client.get(path, headers={"accept": "text/html"}),
            client.post(
                path,
                content=b"List-Unsubscribe=One-Click",
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "accept": "text/html",
                },
            ),
        ):
            assert answer.status_code == 404, (path, answer.status_code)
            assert "Deze afmeldlink is niet geldig" in answer.text
            assert WAY_FORWARD in answer.text, answer.text[-1500:]
    assert run(Member.select(Member.no_mailings).where(Member.id == member_id).first()) == {
        "no_mailings": False
    }


def test_the_confirmation_links_to_the_privacy_page_where_mailings_go_on_again(client):
    """Found from outside: it said "zet mailings weer aan op je privacypagina" without a link."""
    member_id = factories.account(Role.member).member_id
    done = client.post(
        _path(unsubscribe_url(member_id)),
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert done.status_code == 200 and 'id="unsubscribed"' in done.text
    assert '<a href="/privacy">Mijn gegevens en privacy</a>' in done.text
