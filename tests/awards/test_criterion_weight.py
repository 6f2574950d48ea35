"""A criterion's weight cleared on the edition form is refused naming the line, not stored as 1:
the weight counts in every weighted mean, so a cleared field silently changed the ranking
(found by an outside probe: a weight of 15 became 1 when its field was emptied and saved)."""

from __future__ import annotations

from html import unescape

from awards import editions
from tests import factories
from tests.awards import helpers
from tests.conftest import run

HTML = {"accept": "text/html"}


def test_a_cleared_weight_is_refused_and_changes_nothing(client):
    made = helpers.edition()
    factories.log_in(client, helpers.organiser().email)
    before = run(editions.get_edition(made.id))["criteria"]
    form = {
        "_csrf_token": factories.csrf_token(client),
        "name": "Prijs 2030",
        "year": "2030",
        "submission_deadline": "2030-03-01T17:00",
        "jury_deadline": "2030-05-01T17:00",
        "category_id": [str(i) for i in made.category_ids],
        "category_name": ["Kmo's", "Grote organisaties"],
        "criterion_id": [str(i) for i in made.criterion_ids],
        "criterion_name": [c["name"] for c in before],
        "criterion_description": [c["description"] for c in before],
        "criterion_weight": ["3", "", "5"],
        "criterion_position": ["1", "2", "3"],
    }
    answer = client.post(f"/awards/editions/{made.id}/edit", data=form, headers=HTML)
    assert answer.status_code == 400, answer.text
    text = unescape(answer.text)
    start = text.index('id="field-criteria-error"')
    message = text[start : text.index("</p>", start)]
    assert "Criterium 2" in message and "gewicht" in message, message
    assert run(editions.get_edition(made.id))["criteria"] == before
    assert [c["weight"] for c in before] == [3, 2, 5]
