"""An organiser names a contributor by e-mail address as people write it in a signature
("Saar.Spreker@…"); found from outside: a capital in the address answered "no member has the
e-mail address" for a member who has it."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.library.test_access import FORM, _post


def test_contributor_is_found_whatever_the_case_of_the_address(client):
    organiser = factories.account(Role.organiser)
    speaker = factories.member(
        factories.organisation(),
        first_name="Saar",
        last_name="Spreker",
        email="saar.spreker@example.be",
    )
    factories.log_in(client, organiser.email)
    created = _post(client, "/library/new", {**FORM, "contributor": "Saar.Spreker@Example.BE"})
    assert created.status_code == 303, created.text[:500]
    assert "Saar Spreker" in client.get(created.headers["location"]).text
    headers = organiser.headers
    item_id = int(created.headers["location"].rsplit("/", 1)[1])
    assert client.get(f"/api/library/{item_id}", headers=headers).json()["contributor_id"] == (
        speaker
    )
