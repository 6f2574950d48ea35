"""An award edition, candidacy, privacy request or mailing the caller cannot have is a 404
naming the path's parameter (`errors[0].field`), as the API's other 404s do: these answered a
detail alone ('no award edition 999999')."""

from __future__ import annotations

import pytest

from kring.choices import Role
from tests import factories

MISSING = 999_999


@pytest.mark.parametrize(
    ("role", "path", "field"),
    [
        (Role.member, f"/api/awards/editions/{MISSING}", "edition_id"),
        (Role.member, f"/api/awards/jury/{MISSING}", "edition_id"),
        (Role.organiser, f"/api/awards/editions/{MISSING}/jurors", "edition_id"),
        (Role.member, f"/api/awards/candidacies/{MISSING}", "candidacy_id"),
        (Role.member, f"/api/privacy/access-requests/{MISSING}", "request_id"),
        (Role.member, f"/api/privacy/erasure-requests/{MISSING}", "request_id"),
        (Role.organiser, f"/api/mailings/{MISSING}", "mailing_id"),
    ],
)
def test_a_404_names_the_parameter_of_the_id_not_found(client, role, path, field):
    caller = factories.account(role)

    answer = client.get(path, headers=caller.headers)

    assert answer.status_code == 404, answer.text
    assert [error["field"] for error in answer.json()["errors"]] == [field]
