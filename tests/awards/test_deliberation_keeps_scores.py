"""From the deliberation on, a juror's scores stay as they are: declaring a conflict of interest
removed the juror's scores of that candidacy, so a juror could take their scores out of the
ranking the jury was discussing (found from outside on the served demo: the weighted mean of
the first-ranked candidacy moved from 7.42 to 8.31). It is refused, saying why and what to do
instead; the dossier page offers no such step then. Over HTTP against `kring serve`."""

from __future__ import annotations

from datetime import timedelta
from html import unescape
from typing import Any

import httpx

from awards import scoring
from awards.choices import EditionState
from awards.tables import Assignment, Conflict, Edition, Score
from kring.clock import utc_now
from tests import factories
from tests.awards.helpers import deliberating, principal, set_state
from tests.conftest import run


def _unchanged(judged: int) -> tuple[int, int, int]:
    return (
        run(Score.count().where(Score.candidacy == judged)),
        run(Assignment.count().where(Assignment.candidacy == judged)),
        run(Conflict.count().where(Conflict.candidacy == judged)),
    )


def test_the_api_refuses_a_conflict_declared_during_the_deliberation(live_server):
    boss, award, judged, juror = deliberating()
    before = run(scoring.results(principal(boss), award.id))["ranking"][0]["weighted_mean"]
    answer = httpx.post(
        f"{live_server}/api/awards/jury/{award.id}/candidacies/{judged}/conflict",
        json={"reason": "Mijn schoonbroer werkt er."},
        headers=juror.headers,
        timeout=30,
    )
    assert answer.status_code == 409, answer.text
    problem = answer.json()
    assert problem["errors"][0]["field"] == "state"
    assert "deliberat" in problem["detail"] and "organisers" in problem["detail"]
    assert _unchanged(judged) == (6, 2, 0)
    after = run(scoring.results(principal(boss), award.id))["ranking"][0]["weighted_mean"]
    assert after == before


def test_the_dossier_page_says_the_scores_are_fixed_and_refuses_a_late_declaration(
    live_server,
):
    _, award, judged, juror = deliberating()
    dossier = f"/awards/jury/{award.id}/candidacies/{judged}"
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, juror.email).status_code == 303
        page = unescape(client.get(dossier, headers={"accept-language": "nl"}).text)
        assert f'action="{dossier}/conflict"' not in page
        assert "Een belangenconflict melden" not in page
        assert "De jury beraadslaagt" in page and "organisatoren" in page
        # A form opened while judging, sent now.
        answer = client.post(
            f"{dossier}/conflict",
            data={"reason": "Oud-collega.", "_csrf_token": client.cookies["kring_csrf"]},
            headers={"accept": "text/html", "accept-language": "nl"},
        )
    assert answer.status_code == 409
    assert "De jury beraadslaagt" in unescape(answer.text)
    assert _unchanged(judged) == (6, 2, 0)


def _past_the_jury_deadline() -> tuple[Any, Any, int, Any]:
    """The deliberating scene taken back to judging, its jury deadline an hour ago."""
    boss, award, judged, juror = deliberating()
    set_state(award.id, EditionState.judging)
    run(
        Edition.update({Edition.jury_deadline: utc_now() - timedelta(hours=1)}).where(
            Edition.id == award.id
        )
    )
    return boss, award, judged, juror


def test_a_conflict_declared_after_the_jury_deadline_is_refused(live_server):
    """Found by the awards probe: after the jury deadline (still in judging) the scores are
    fixed, but declaring a conflict removed the juror's scores all the same."""
    _, award, judged, juror = _past_the_jury_deadline()
    answer = httpx.post(
        f"{live_server}/api/awards/jury/{award.id}/candidacies/{judged}/conflict",
        json={"reason": "Mijn schoonbroer werkt er."},
        headers=juror.headers,
        timeout=30,
    )
    assert answer.status_code == 409, answer.text
    problem = answer.json()
    assert problem["errors"][0]["field"] == "jury_deadline"
    assert "jury deadline" in problem["detail"] and "organisers" in problem["detail"]
    assert _unchanged(judged) == (6, 2, 0)
    dossier = f"/awards/jury/{award.id}/candidacies/{judged}"
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, juror.email).status_code == 303
        page = unescape(client.get(dossier, headers={"accept-language": "nl"}).text)
    assert f'action="{dossier}/conflict"' not in page
    assert "De jurydeadline is voorbij" in page and "organisatoren" in page
