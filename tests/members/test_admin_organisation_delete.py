"""Deleting an organisation in Beheer (Piccolo Admin) while members still work there answered
422 `{"db_error": "FOREIGN KEY constraint failed"}`: the database's refusal, naming neither the
members nor what to do (found by an outside probe of `kring serve`). It is a 409 saying how
many members the organisation still has and to move them first; an organisation without
members is deleted as before. Over real HTTP against the served app, as Piccolo Admin's page
sends it (its session cookie and CSRF header)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from kring.choices import Role
from kring.tables import Member, Organisation
from tests import factories
from tests.conftest import run


@contextmanager
def _admin(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=30) as client:
        assert factories.log_in(client, factories.account(Role.admin).email).status_code == 303
        assert client.get("/admin/", follow_redirects=True).status_code == 200
        client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
        yield client


def test_an_organisation_with_members_is_not_deleted_and_the_admin_hears_why(live_server):
    busy = factories.organisation(name="Scheldecoat NV")
    member = factories.member(busy)
    factories.member(busy)
    empty = factories.organisation(name="Lege BV")
    with _admin(live_server) as admin:
        refused = admin.delete(f"/admin/api/tables/organisation/{busy}/")
        deleted = admin.delete(f"/admin/api/tables/organisation/{empty}/")
    assert refused.status_code == 409, refused.text
    detail = refused.json()["detail"]
    assert "2 members" in detail and "move them to another organisation first" in detail
    assert "db_error" not in refused.text
    assert run(Organisation.exists().where(Organisation.id == busy))
    assert run(Member.exists().where(Member.id == member))
    assert deleted.status_code == 204, deleted.text
    assert not run(Organisation.exists().where(Organisation.id == empty))
