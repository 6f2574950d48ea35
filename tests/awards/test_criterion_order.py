"""A criterion line's order number on the edition form is a whole number from 1 to 99 in the
digits 0-9: `nan`, `inf`, `1e3`, `2.5` or `٢` are refused naming the line and what was typed
(found by an outside review: `float()` read them, or silently put the line at its own place)."""

from __future__ import annotations

from html import unescape

import pytest

from awards import editions
from awards.tables import Edition
from tests import factories
from tests.awards import helpers
from tests.conftest import run

HTML = {"accept": "text/html"}


def _form(client, orders: list[str]) -> dict:
    return {
        "_csrf_token": factories.csrf_token(client),
        "name": "Prijs 2030",
        "year": "2030",
        "submission_deadline": "2030-03-01T17:00",
        "jury_deadline": "2030-05-01T17:00",
        "category_id": [""],
        "category_name": ["Kmo's"],
        "criterion_id": ["", ""],
        "criterion_name": ["Resultaten", "Leiderschap"],
        "criterion_description": ["", ""],
        "criterion_weight": ["5", "3"],
        "criterion_position": orders,
    }


def _criteria_error(html: str) -> str:
    text = unescape(html)
    assert 'id="field-criteria" class="field-invalid" aria-invalid="true"' in text, text
    start = text.index('id="field-criteria-error"')
    return text[start : text.index("</p>", start)]


@pytest.mark.parametrize("typed", ["nan", "inf", "-inf", "1e3", "2.5", "0", "100", "-1", "٢", "x"])
def test_a_criterion_order_that_is_no_whole_number_from_1_to_99_is_refused(client, typed):
    factories.log_in(client, helpers.organiser().email)
    answer = client.post("/awards/editions/new", data=_form(client, ["1", typed]), headers=HTML)
    assert answer.status_code == 400, answer.text
    message = _criteria_error(answer.text)
    assert "Criterium 2" in message and "1 tot 99" in message and f"“{typed}”" in message
    assert 'value="Leiderschap"' in answer.text  # the form keeps what was typed
    assert run(Edition.count()) == 0


def test_a_refused_criterion_order_on_the_edit_form_changes_nothing(client):
    made = helpers.edition()
    factories.log_in(client, helpers.organiser().email)
    before = run(editions.get_edition(made.id))["criteria"]
    form = _form(client, ["2", "nan"]) | {
        "criterion_id": [str(made.criterion_ids[0]), str(made.criterion_ids[1])]
    }
    answer = client.post(f"/awards/editions/{made.id}/edit", data=form, headers=HTML)
    assert answer.status_code == 400, answer.text
    assert "“nan”" in _criteria_error(answer.text)
    assert run(editions.get_edition(made.id))["criteria"] == before


def test_criterion_orders_in_digits_put_the_lines_in_that_order(client):
    factories.log_in(client, helpers.organiser().email)
    answer = client.post(
        "/awards/editions/new", data=_form(client, ["02", "1"]), follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    edition_id = int(answer.headers["location"].rsplit("/", 1)[1])
    found = run(editions.get_edition(edition_id))
    assert [c["name"] for c in found["criteria"]] == ["Leiderschap", "Resultaten"]
