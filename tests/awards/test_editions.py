"""Editions as organisers make, change and move them along, by domain function and by page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from awards import editions
from awards.choices import EditionState
from kring.choices import Role
from kring.clock import utc_now
from kring.errors import Conflict, Forbidden
from kring.validation import FieldError
from tests import factories
from tests.awards import helpers
from tests.conftest import run


def _data(**fields):
    start = utc_now() + timedelta(days=10)
    return {
        "name": "Kwaliteitsprijs",
        "year": 2026,
        "submission_deadline": start,
        "jury_deadline": start + timedelta(days=20),
        "categories": ["Kmo's"],
        "criteria": [{"name": "Leiderschap", "weight": 2}],
    } | fields


def test_an_edition_is_made_open_with_its_categories_and_criteria_in_order():
    made = helpers.edition()
    found = run(editions.get_edition(made.id))
    assert found["state"] == "open" and found["decided_at"] is None
    assert [c["name"] for c in found["criteria"]] == ["Leiderschap", "Strategie", "Resultaten"]
    assert [c["weight"] for c in found["criteria"]] == [3, 2, 5]
    assert [c["name"] for c in found["categories"]] == ["Kmo's", "Grote organisaties"]


def test_only_organisers_make_editions():
    member = helpers.principal(factories.account(Role.member))
    with pytest.raises(Forbidden):
        run(editions.create_edition(member, _data()))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"submission_deadline": utc_now() - timedelta(hours=1)}, "submission_deadline"),
        ({"jury_deadline": utc_now() + timedelta(days=1)}, "jury_deadline"),
        ({"criteria": []}, "criteria"),
        ({"categories": ["A", "a"]}, "categories"),
        ({"criteria": [{"name": "X", "weight": 0}]}, "criteria[0].weight"),
        ({"criteria": [{"name": "X", "weight": "zwaar"}]}, "criteria[0].weight"),
        ({"name": "Prijs\x00"}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"year": "²"}, "year"),
        ({"submission_deadline": "morgen"}, "submission_deadline"),
    ],
)
def test_bad_editions_are_refused_naming_the_field(fields, field):
    organiser = helpers.principal(helpers.organiser())
    with pytest.raises(FieldError) as refused:
        run(editions.create_edition(organiser, _data(**fields)))
    assert refused.value.field == field


def test_categories_and_criteria_change_while_open_but_not_when_a_text_uses_them():
    boss = helpers.organiser()
    made = helpers.edition(boss)
    viewer = helpers.principal(boss)
    helpers.candidacy(helpers.candidate(), made, category=made.category_ids[0])
    first, second, third = made.criterion_ids
    criteria = [
        {"id": third, "name": "Resultaten", "weight": 6},
        {"id": first, "name": "Leiderschap en cultuur", "weight": 3},
        {"name": "Klanten", "weight": 1},
    ]
    with pytest.raises(Conflict):  # `second` has candidates' texts
        run(editions.update_edition(viewer, made.id, {"criteria": criteria}))
    run(
        editions.update_edition(
            viewer, made.id, {"criteria": [*criteria, {"id": second, "name": "Strategie"}]}
        )
    )
    found = run(editions.get_edition(made.id))
    assert [(c["name"], c["weight"]) for c in found["criteria"]] == [
        ("Resultaten", 6),
        ("Leiderschap en cultuur", 3),
        ("Klanten", 1),
        ("Strategie", 1),
    ]
    with pytest.raises(Conflict):  # the candidacy chose the first category
        run(
            editions.update_edition(
                viewer, made.id, {"categories": [{"id": made.category_ids[1], "name": "Groot"}]}
            )
        )
    with pytest.raises(FieldError):  # another edition's criterion
        other = helpers.edition(boss)
        run(
            editions.update_edition(
                viewer, made.id, {"criteria": [{"id": other.criterion_ids[0], "name": "X"}]}
            )
        )


def test_the_edition_moves_one_step_at_a_time_and_deciding_starts_retention():
    boss = helpers.organiser()
    made = helpers.edition(boss)
    viewer = helpers.principal(boss)
    with pytest.raises(Conflict):
        run(editions.advance_edition(viewer, made.id, EditionState.deliberation))
    for state in ("judging", "deliberation"):
        assert run(editions.advance_edition(viewer, made.id, state)) == state
    with pytest.raises(Conflict):  # criteria are fixed once judging started
        run(editions.update_edition(viewer, made.id, {"criteria": [{"name": "Nieuw"}]}))
    run(editions.update_edition(viewer, made.id, {"name": "Kwaliteitsprijs 2026"}))
    run(editions.advance_edition(viewer, made.id, "decided"))
    found = run(editions.get_edition(made.id))
    assert found["decided_at"] is not None and found["state"] == "decided"
    with pytest.raises(Conflict):  # a decided edition does not change
        run(editions.update_edition(viewer, made.id, {"name": "Anders"}))
    run(editions.advance_edition(viewer, made.id, "archived"))
    with pytest.raises(Conflict):
        run(editions.advance_edition(viewer, made.id, "archived"))
    with pytest.raises(FieldError):
        run(editions.advance_edition(viewer, made.id, "gedaan"))


def test_an_organiser_makes_an_edition_with_the_form_in_brussels_time(client):
    boss = helpers.organiser()
    factories.log_in(client, boss.email)
    form = client.get("/awards/editions/new")
    assert form.status_code == 200 and 'name="criterion_name"' in form.text
    token = factories.csrf_token(client)
    answer = client.post(
        "/awards/editions/new",
        data={
            "_csrf_token": token,
            "name": "Prijs 2030",
            "year": "2030",
            "submission_deadline": "2030-03-01T17:00",
            "jury_deadline": "2030-05-01T17:00",
            "category_id": ["", ""],
            "category_name": ["Kmo's", ""],
            "criterion_id": ["", "", ""],
            "criterion_name": ["Resultaten", "", "Leiderschap"],
            "criterion_description": ["", "", "Richting geven"],
            "criterion_weight": ["5", "1", "3"],
            "criterion_position": ["2", "3", "1"],
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    edition_id = int(answer.headers["location"].rsplit("/", 1)[1])
    found = run(editions.get_edition(edition_id))
    assert found["submission_deadline"] == datetime(2030, 3, 1, 16, 0, tzinfo=UTC)
    assert [(c["name"], c["weight"]) for c in found["criteria"]] == [
        ("Leiderschap", 3),
        ("Resultaten", 5),
    ]
    page = client.get(answer.headers["location"])
    assert "Prijs 2030" in page.text and 'id="flash"' in page.text
    edit = client.get(f"/awards/editions/{edition_id}/edit")
    assert 'value="01-03-2030 17:00"' in edit.text


def test_a_refused_edition_form_shows_what_was_typed_and_why(client):
    factories.log_in(client, helpers.organiser().email)
    answer = client.post(
        "/awards/editions/new",
        data={
            "_csrf_token": factories.csrf_token(client),
            "name": "Prijs",
            "year": "2030",
            "submission_deadline": "2030-03-01T17:00",
            "jury_deadline": "2030-02-01T17:00",
            "category_name": "Kmo's",
            "criterion_name": "Resultaten",
        },
    )
    assert answer.status_code == 400
    assert "error-summary" in answer.text and 'value="Resultaten"' in answer.text


def test_the_state_step_is_confirmed_on_the_page_and_decided_says_retention_starts(client):
    boss = helpers.organiser()
    made = helpers.edition(boss, state=EditionState.deliberation)
    factories.log_in(client, boss.email)
    page = client.get(f"/awards/editions/{made.id}")
    assert 'name="to" value="decided"' in page.text
    assert "vijf jaar" in page.text or "five-year" in page.text
    token = factories.csrf_token(client)
    stale = client.post(
        f"/awards/editions/{made.id}/state", data={"_csrf_token": token, "to": "archived"}
    )
    assert stale.status_code == 409
    moved = client.post(
        f"/awards/editions/{made.id}/state",
        data={"_csrf_token": token, "to": "decided"},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert run(editions.get_edition(made.id))["decided_at"] is not None


def test_members_cannot_open_the_organisers_pages(client):
    made = helpers.edition()
    who = helpers.candidate()
    factories.log_in(client, who.email)
    assert client.get("/awards/editions/new").status_code == 403
    assert client.get(f"/awards/editions/{made.id}/edit").status_code == 403
    page = client.get(f"/awards/editions/{made.id}")
    assert page.status_code == 200 and 'id="candidacies"' not in page.text
    assert f"/awards/editions/{made.id}/candidacies/new" in page.text
    assert client.get("/awards/editions/999999").status_code == 404


def test_an_unknown_state_is_bad_input_named_with_the_states_in_the_readers_language(client):
    boss = helpers.organiser()
    made = helpers.edition(boss, state=EditionState.deliberation)
    api = client.post(
        f"/api/awards/editions/{made.id}/state", json={"to": "xyz"}, headers=boss.headers
    )
    assert api.status_code == 400
    assert api.json()["errors"] == [
        {
            "field": "to",
            "message": "'xyz' is not one of open, judging, deliberation, decided, archived",
        }
    ]
    factories.log_in(client, boss.email)
    page = client.post(
        f"/awards/editions/{made.id}/state",
        data={"_csrf_token": factories.csrf_token(client), "to": "xyz"},
        headers={"Accept-Language": "nl-BE"},
    )
    assert page.status_code == 400
    assert (
        "Volgende toestand: “xyz” is niet een van ‘open’, ‘beoordeling’, ‘deliberatie’, ‘beslist’,"
        " ‘gearchiveerd’" in page.text
    )
    assert "judging" not in page.text.split('id="error-summary"')[1].split("</ul>")[0]
    assert run(editions.get_edition(made.id))["state"] == "deliberation"


@pytest.mark.parametrize("state", [EditionState.decided, EditionState.archived])
def test_a_closed_editions_form_is_not_offered_at_its_address(client, state):
    """The edition's page links to no form once it is decided, but the form's address (typed,
    or kept in a tab) showed the form, which then refused every save."""
    boss = helpers.organiser()
    made = helpers.edition(boss, state=state)
    factories.log_in(client, boss.email)
    page = client.get(f"/awards/editions/{made.id}/edit", headers={"Accept-Language": "nl"})
    assert page.status_code == 409
    assert 'name="name"' not in page.text and 'id="edition-state"' in page.text
    assert "kan niet meer veranderen" in page.text
    open_one = helpers.edition(boss)
    assert client.get(f"/awards/editions/{open_one.id}/edit").status_code == 200
