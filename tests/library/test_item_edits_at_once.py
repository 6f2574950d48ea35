"""Two organisers changing one library item at once each keep their change. The item form sends
every field it shows, so a save wrote back what it held when it was opened: an organiser who
added a tag, or named the member who contributed the item, while a colleague had
/library/N/edit open saw it gone when the colleague saved a corrected title, without a word. The
form carries the item as it was shown (`_seen`, `kring.seen`), and a save writes only what was
changed."""

from __future__ import annotations

from litestar.testing import TestClient

from kring.choices import Role
from kring.tables import Member
from library.tables import LibraryItem
from tests import factories
from tests.at_once import both_change_one_field
from tests.conftest import _app, run
from tests.library.helpers import CORPUS, item
from tests.members.test_profile_edits_at_once import HTML, _fields


def _held(item_id: int) -> dict:
    return run(
        LibraryItem.select(LibraryItem.title, LibraryItem.tags, LibraryItem.contributor)
        .where(LibraryItem.id == item_id)
        .first()
    )


def _two_save(client, item_id: int, theirs: dict[str, str], mine: dict[str, str]) -> None:
    path = f"/library/{item_id}/edit"
    first = factories.account(Role.organiser)
    second = factories.account(Role.organiser)
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, first.email)
        factories.log_in(other, second.email)
        opened = _fields(client.get(path, headers=HTML).text, path)
        shown = _fields(other.get(path, headers=HTML).text, path)
        saved = other.post(path, data=shown | theirs, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(path, data=opened | mine, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]


def test_a_save_keeps_the_tag_a_colleague_added_meanwhile(client):
    item_id = item(factories.account(Role.organiser), **CORPUS[0])
    _two_save(
        client,
        item_id,
        {"tags": "iso 9001, interne audit, kmo"},
        {"title": "Interne audits voor ISO 9001 en ISO 14001"},
    )
    held = _held(item_id)
    assert held["title"] == "Interne audits voor ISO 9001 en ISO 14001"
    assert held["tags"] == ["iso 9001", "interne audit", "kmo"]


def test_a_save_keeps_the_contributor_a_colleague_named_meanwhile(client):
    item_id = item(factories.account(Role.organiser), **CORPUS[0])
    author = factories.account(Role.member)
    email = run(Member.select(Member.email).where(Member.id == author.member_id).first())["email"]
    _two_save(client, item_id, {"contributor": email}, {"summary": "Een korter verhaal."})
    assert _held(item_id)["contributor"] == author.member_id


def test_a_title_changed_by_both_organisers_is_refused_with_both_values(client):
    item_id = item(factories.account(Role.organiser), **CORPUS[0])
    path = f"/library/{item_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.organiser).email)
        factories.log_in(other, factories.account(Role.organiser).email)
        both_change_one_field(
            client,
            other,
            path,
            "title",
            ("Interne audits", "Interne audits voor kmo's"),
            lambda: _held(item_id)["title"],
        )


def test_a_contributor_named_by_both_organisers_is_refused_with_both(client):
    item_id = item(factories.account(Role.organiser), **CORPUS[0])
    first, second = factories.account(Role.member), factories.account(Role.member)
    emails = [
        run(Member.select(Member.email).where(Member.id == who.member_id).first())["email"]
        for who in (first, second)
    ]
    path = f"/library/{item_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, factories.account(Role.organiser).email)
        factories.log_in(other, factories.account(Role.organiser).email)
        both_change_one_field(
            client,
            other,
            path,
            "contributor",
            (emails[0], emails[1]),
            lambda: _held(item_id)["contributor"],
            shown=(first.member_id, second.member_id),
        )
