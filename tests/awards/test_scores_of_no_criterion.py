"""Found from outside: the juror's score form took `score_999` (a criterion of no edition, or of
another one) without a word and said "Your scores were saved", and the API's scores call took an
empty list as a save. A score for no criterion of the edition is named; the rest is not saved."""

from __future__ import annotations

from html import unescape

from awards import jury
from awards.choices import EditionState
from awards.tables import Score
from kring.choices import Role
from tests import factories
from tests.awards.helpers import (
    candidate,
    edition,
    organiser,
    principal,
    set_state,
    submitted_candidacy,
)
from tests.conftest import run


def _judging_juror():
    award = edition()
    candidacy_id = submitted_candidacy(candidate(), award)
    juror = factories.account(Role.member)
    run(jury.appoint_juror(principal(organiser()), award.id, juror.account_id))
    run(jury.agree(principal(juror), award.id))
    run(jury.assign_everyone(principal(organiser()), award.id))
    set_state(award.id, EditionState.judging)
    return award, candidacy_id, juror


def test_a_score_for_no_criterion_of_the_edition_is_named_and_nothing_is_saved(client):
    award, candidacy_id, juror = _judging_juror()
    factories.log_in(client, juror.email)
    first = award.criterion_ids[0]
    answer = factories.post_page_form(
        client,
        f"/awards/jury/{award.id}/candidacies/{candidacy_id}/scores",
        **{f"score_{first}": "8", "score_999999": "9"},
    )
    assert answer.status_code == 400, answer.text[:300]
    assert "999999" in unescape(answer.text)
    assert run(Score.count()) == 0


def test_the_api_refuses_an_empty_list_of_scores(client):
    award, candidacy_id, juror = _judging_juror()
    answer = client.put(
        f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}/scores",
        json={"scores": []},
        headers=juror.headers,
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["field"] == "scores"
