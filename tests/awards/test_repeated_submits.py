"""A form sent twice (a double click, a retry) keeps one row: a juror's scores saved several
times at once, an account appointed, a candidacy assigned and 'assign everyone' several times at
once. On PostgreSQL each read what was stored before its insert and found nothing, so scores,
seats and assignments were stored two to four times. Over HTTP against `kring serve`, on SQLite
and PostgreSQL (where a read before an insert does not queue writers)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from awards import jury
from awards.choices import EditionState
from awards.tables import Assignment, Juror, Score
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

AT_ONCE = 6


def _at_once(method: str, url: str, body: dict, headers: dict[str, str]) -> list[int]:
    def send(_: int) -> int:
        return httpx.request(method, url, json=body, headers=headers, timeout=60).status_code

    with ThreadPoolExecutor(AT_ONCE) as pool:
        return list(pool.map(send, range(AT_ONCE)))


def test_scores_saved_several_times_at_once_are_kept_once(live_server):
    boss = organiser()
    award = edition(boss)
    judged = submitted_candidacy(candidate(), award)
    set_state(award.id, EditionState.judging)
    juror = factories.account(Role.member)
    seat = run(jury.appoint_juror(principal(boss), award.id, juror.account_id))
    run(jury.agree(principal(juror), award.id))
    run(jury.assign(principal(boss), award.id, seat, judged))
    body = {"scores": [{"criterion_id": c, "score": 7} for c in award.criterion_ids]}
    url = f"{live_server}/api/awards/jury/{award.id}/candidacies/{judged}/scores"
    for _ in range(3):
        assert set(_at_once("PUT", url, body, juror.headers)) == {200}
    stored = run(Score.select(Score.criterion).where(Score.juror == seat))
    assert sorted(r["criterion"] for r in stored) == sorted(award.criterion_ids)


def test_an_account_appointed_several_times_at_once_sits_once(live_server):
    boss = organiser()
    award = edition(boss)
    for _ in range(3):
        account = factories.account(Role.member)
        url = f"{live_server}/api/awards/editions/{award.id}/jurors"
        answers = _at_once("POST", url, {"account_id": account.account_id}, boss.headers)
        assert sorted(answers) == [201] + [409] * (AT_ONCE - 1)
        seats = run(Juror.count().where(Juror.account == account.account_id))
        assert seats == 1


def test_assignments_sent_several_times_at_once_are_made_once(live_server):
    boss = organiser()
    award = edition(boss)
    judged = [submitted_candidacy(candidate(), award) for _ in range(2)]
    seats = []
    for _ in range(2):
        juror = factories.account(Role.member)
        seats.append(run(jury.appoint_juror(principal(boss), award.id, juror.account_id)))
    one = {"juror_id": seats[0], "candidacy_id": judged[0]}
    url = f"{live_server}/api/awards/editions/{award.id}/assignments"
    assert set(_at_once("POST", url, one, boss.headers)) == {201}
    assert set(_at_once("POST", f"{url}/all", {}, boss.headers)) == {200}
    pairs = run(Assignment.select(Assignment.juror, Assignment.candidacy))
    assert sorted((p["juror"], p["candidacy"]) for p in pairs) == sorted(
        (seat, candidacy) for seat in seats for candidacy in judged
    )
