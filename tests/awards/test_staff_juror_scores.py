"""A privacy officer who sits on a jury read a fellow juror's scores and comments before the
deliberation through the privacy desk: an access answer the officer prepares for that juror (the
desk's page and JSON, the API's GET) holds every table of the person, scores included (found by
an outside probe). Jurors see each other's scores only from the deliberation on, and a
staff role grants a juror no more: while the officer's edition is open or in judging, the desk
withholds the fellow jurors' scores of it from them and says why; the person's own answer keeps
them whole."""

from __future__ import annotations

from awards import jury, scoring
from awards.choices import EditionState
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

SECRET = "Sterk dossier, maar de cijfers overtuigen niet"


def _judging_jury() -> tuple[int, factories.Login, factories.Login]:
    """An edition in judging: a fellow juror (a member) scored with a comment; the privacy
    officer sits on the same jury."""
    boss = organiser()
    award = edition(boss)
    judged = submitted_candidacy(candidate(), award)
    set_state(award.id, EditionState.judging)
    fellow = factories.account(Role.member)
    officer = factories.account(Role.privacy_officer)
    for juror in (fellow, officer):
        seat = run(jury.appoint_juror(principal(boss), award.id, juror.account_id))
        run(jury.agree(principal(juror), award.id))
        run(jury.assign(principal(boss), award.id, seat, judged))
    entries = [scoring.Entry(c, 7, SECRET) for c in award.criterion_ids]
    run(scoring.save_scores(principal(fellow), award.id, judged, entries))
    return award.id, fellow, officer


def _access_request(officer: factories.Login, member_id: int, client) -> int:
    answer = client.post(
        "/api/privacy/access-requests",
        json={"member_id": member_id, "channel": "email", "identity_checked": True},
        headers=officer.headers,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_a_juror_officer_reads_no_fellow_jurors_scores_at_the_desk_before_deliberation(client):
    edition_id, fellow, officer = _judging_jury()
    request_id = _access_request(officer, fellow.member_id, client)
    answer = client.get(
        f"/api/privacy/access-requests/{request_id}/export", headers=officer.headers
    )
    assert answer.status_code == 200
    assert SECRET not in answer.text
    assert answer.json()["tables"]["award_score"]["rows"] == []
    assert "award_score" in answer.json()["withheld_from_you"]
    assert factories.log_in(client, officer.email).status_code == 303
    for path in ("", "/answer.json"):
        desk = client.get(f"/privacy/desk/access/{request_id}{path}")
        assert desk.status_code == 200 and SECRET not in desk.text
    assert "Voor jou weggelaten: Score" in client.get(f"/privacy/desk/access/{request_id}").text

    set_state(edition_id, EditionState.deliberation)  # the jury meets: scores are shared
    again = client.get(f"/api/privacy/access-requests/{request_id}/export", headers=officer.headers)
    assert SECRET in again.text and "withheld_from_you" not in again.json()


def test_the_fellow_jurors_own_answer_keeps_their_scores(client):
    _, fellow, _officer = _judging_jury()
    other_officer = factories.account(Role.privacy_officer)
    request_id = _access_request(other_officer, fellow.member_id, client)
    answer = client.get(
        f"/api/privacy/access-requests/{request_id}/export", headers=other_officer.headers
    )
    assert SECRET in answer.text and "withheld_from_you" not in answer.json()
