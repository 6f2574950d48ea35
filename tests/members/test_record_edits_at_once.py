"""A challenge or expertise edited in two places at once keeps both changes. Its edit form
sends every field it shows, so a save wrote back what it held when it was opened: tags added
to a challenge in one tab were gone when its description was saved in another tab, still
open on /my/challenges/N/edit, without a word. The form carries the record as it was shown
(`_seen`, `kring.seen`), and a save writes only what was changed."""

from __future__ import annotations

from litestar.testing import TestClient

from kring.choices import Role
from kring.tables import Challenge
from members.records import create_record
from tests import factories
from tests.at_once import both_change_one_field
from tests.conftest import _app, run
from tests.events.helpers import principal
from tests.members.test_profile_edits_at_once import HTML, _fields


def test_two_tabs_saving_one_challenge_keep_both_changes(client):
    member = factories.account(Role.member)
    data = {"title": "Audits plannen", "body": "Hoe plan ik interne audits?", "tags": ["audit"]}
    record_id = run(create_record(Challenge, principal(member), data))
    path = f"/my/challenges/{record_id}"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, member.email)
        factories.log_in(other, member.email)
        mine = _fields(client.get(f"{path}/edit", headers=HTML).text, path)
        theirs = _fields(other.get(f"{path}/edit", headers=HTML).text, path)
        saved = other.post(path, data=theirs | {"tags": "audit, iso 9001"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(path, data=mine | {"body": "Wie heeft ervaring?"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
    held = run(Challenge.select(Challenge.body, Challenge.tags).where(Challenge.id == record_id))
    assert held == [{"body": "Wie heeft ervaring?", "tags": ["audit", "iso 9001"]}]


def test_a_body_changed_in_both_tabs_is_refused_with_both_values(client):
    member = factories.account(Role.member)
    data = {"title": "Audits plannen", "body": "Hoe plan ik interne audits?", "tags": ["audit"]}
    record_id = run(create_record(Challenge, principal(member), data))
    path = f"/my/challenges/{record_id}"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, member.email)
        factories.log_in(other, member.email)
        both_change_one_field(
            client,
            other,
            f"{path}/edit",
            "body",
            ("Wie heeft ervaring?", "Wie plant mee?"),
            lambda: run(Challenge.select(Challenge.body).where(Challenge.id == record_id))[0][
                "body"
            ],
            action=path,
        )
