"""A member, organisation, challenge or expertise the caller cannot have is a 404 naming the
parameter that asked for it, as the API's other 404s do (`errors[0].field`): these answered a
detail alone, so a client could not tell which id was wrong."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories

MISSING = 999_999


@pytest.mark.parametrize(
    ("role", "path", "field"),
    [
        (Role.member, f"/api/members/{MISSING}", "member_id"),
        (Role.member, f"/api/organisations/{MISSING}", "organisation_id"),
        (Role.member, f"/api/challenges/{MISSING}", "record_id"),
        (Role.member, f"/api/expertise/{MISSING}", "record_id"),
        (Role.member, "/api/challenges?member={other}", "member"),
        (Role.member, "/api/expertise?member={other}", "member"),
        (Role.organiser, f"/api/members/{MISSING}/interactions", "member_id"),
    ],
)
def test_a_404_names_the_parameter_of_the_id_not_found(client, role, path, field):
    caller = factories.account(role)
    other = factories.member(factories.organisation())

    answer = client.get(path.format(other=other), headers=caller.headers)

    assert answer.status_code == 404, answer.text
    assert [error["field"] for error in answer.json()["errors"]] == [field]
