"""A contact recorded with a member (a meeting, an appointment, a call) took place in a plausible
year: its date was checked only against the future, so the API and the member's page stored one
held on 0001-01-01 or 0829-11-14 (seen from outside, over HTTP), while Piccolo Admin refused the
same row with the dates' usual bounds. Every path now refuses it naming `occurred_on`, and the
page shows the form again with the message at the field and the note kept."""

from __future__ import annotations

from datetime import date

import pytest

from kring.choices import Role
from kring.tables import Interaction
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("held_on", ["0001-01-01", "0829-11-14", "1999-12-31"])
def test_the_api_refuses_a_contact_from_an_implausible_year(client, held_on):
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation())
    answer = client.post(
        f"/api/members/{member_id}/interactions",
        headers=organiser.headers,
        json={"kind": "call", "occurred_on": held_on, "note": "Vraag over ISO 9001"},
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"] == [
        {
            "field": "occurred_on",
            "message": f"{held_on} is not a date between 2000-01-01 and 2100-12-31",
        }
    ]
    assert run(Interaction.count().where(Interaction.member == member_id)) == 0


def test_the_member_page_shows_the_form_again_for_a_contact_held_in_year_one(client):
    organiser = factories.account(Role.organiser)
    assert factories.log_in(client, organiser.email).status_code == 303
    member_id = factories.member(factories.organisation())
    answer = client.post(
        f"/members/{member_id}/interactions",
        data={
            "kind": "meeting",
            "occurred_on": "0001-01-01",
            "note": "Koffie op de beurs",
            "_csrf_token": factories.csrf_token(client),
        },
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 400
    assert "0001-01-01 is geen datum tussen 2000-01-01 en 2100-12-31" in factories.field_error(
        answer.text, "occurred_on"
    )
    assert "Koffie op de beurs" in answer.text
    assert run(Interaction.count().where(Interaction.member == member_id)) == 0


def test_a_contact_of_this_century_is_still_recorded(client):
    organiser = factories.account(Role.organiser)
    member_id = factories.member(factories.organisation())
    for held_on in ("2000-01-01", date.today().isoformat()):
        answer = client.post(
            f"/api/members/{member_id}/interactions",
            headers=organiser.headers,
            json={"kind": "call", "occurred_on": held_on},
        )
        assert answer.status_code == 201, answer.text
