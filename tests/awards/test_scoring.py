"""Scores: bounds, the judging window, who sees whose scores when, and the organisers' exact
aggregates and ranking."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from awards import jury, scoring
from awards.choices import EditionState
from kring.choices import Role
from kring.errors import Conflict as Refused
from tests import factories
from tests.awards.helpers import candidate, edition, organiser, principal, set_state
from tests.awards.helpers import submitted_candidacy as submitted
from tests.conftest import run


def _panel(jurors: int = 2, candidacies: int = 1):
    """An edition in judging with submitted candidacies, each assigned to every bound juror."""
    boss = organiser()
    award = edition(boss)
    ids = [submitted(candidate(), award, title=f"Dossier {n}") for n in range(candidacies)]
    logins = []
    for _ in range(jurors):
        login = factories.account(Role.member)
        seat = run(jury.appoint_juror(principal(boss), award.id, login.account_id))
        run(jury.agree(principal(login), award.id))
        for candidacy_id in ids:
            run(jury.assign(principal(boss), award.id, seat, candidacy_id))
        logins.append(login)
    set_state(award.id, EditionState.judging)
    return boss, award, ids, logins


def _score(login, award, candidacy_id, values, comment=""):
    entries = [
        scoring.Entry(c, v, comment) for c, v in zip(award.criterion_ids, values, strict=False)
    ]
    run(scoring.save_scores(principal(login), award.id, candidacy_id, entries))


@pytest.mark.parametrize("bad", [-1, 11, "x", "²", "7.5", 1.5, True])
def test_scores_outside_0_to_10_are_refused_by_the_api(client, bad):
    _, award, (candidacy_id,), (login,) = _panel(jurors=1)
    path = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}/scores"
    body = {"scores": [{"criterion_id": award.criterion_ids[0], "score": bad}]}
    answer = client.put(path, json=body, headers=login.headers)
    assert answer.status_code == 400, answer.text
    assert "score" in answer.text


@pytest.mark.parametrize("bad", ["-1", "11", "x", "²", "", "7.5", "1" * 50])
def test_typed_scores_are_read_as_whole_numbers_from_0_to_10(bad):
    if bad == "":
        assert scoring.parse_score(bad, "score_1") is None
        return
    with pytest.raises(scoring.FieldError) as refused:
        scoring.parse_score(bad, "score_1")
    assert refused.value.field == "score_1"


def test_scores_change_only_in_judging_and_only_for_known_criteria(client):
    _, award, (candidacy_id,), (login,) = _panel(jurors=1)
    _score(login, award, candidacy_id, [7])
    _score(login, award, candidacy_id, [8])
    mine = run(scoring.jury_scores(principal(login), award.id, candidacy_id))["mine"]
    assert {k: v["score"] for k, v in mine.items()} == {award.criterion_ids[0]: 8}
    with pytest.raises(scoring.FieldError):
        run(
            scoring.save_scores(
                principal(login), award.id, candidacy_id, [scoring.Entry(2**31 - 1, 5)]
            )
        )
    path = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}/scores"
    first = award.criterion_ids[0]
    twice = {"scores": [{"criterion_id": first, "score": 7}, {"criterion_id": first, "score": 2}]}
    answer = client.put(path, json=twice, headers=login.headers)
    assert answer.status_code == 400 and "twice" in answer.text  # neither is silently kept
    mine = run(scoring.jury_scores(principal(login), award.id, candidacy_id))["mine"]
    assert {k: v["score"] for k, v in mine.items()} == {first: 8}
    set_state(award.id, EditionState.deliberation)
    with pytest.raises(Refused):
        _score(login, award, candidacy_id, [9])
    body = {"scores": [{"criterion_id": award.criterion_ids[0], "score": 9}]}
    assert client.put(path, json=body, headers=login.headers).status_code == 409


def test_a_refused_score_is_named_by_its_place_in_the_list(client):
    """Found by the awards probe: an unknown or repeated criterion was refused naming
    `criterion_id`, not which of the scores sent it was."""
    _, award, (candidacy_id,), (login,) = _panel(jurors=1)
    path = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}/scores"
    first = award.criterion_ids[0]
    for second in (2**31 - 1, first):
        body = {
            "scores": [{"criterion_id": first, "score": 7}, {"criterion_id": second, "score": 2}]
        }
        answer = client.put(path, json=body, headers=login.headers)
        assert answer.status_code == 400, answer.text
        assert [e["field"] for e in answer.json()["errors"]] == ["scores[1].criterion_id"]


def test_a_juror_never_sees_another_jurors_scores_before_deliberation(client):
    _, award, (candidacy_id,), (me, other) = _panel(jurors=2)
    _score(other, award, candidacy_id, [3, 3, 3], comment="geheime mening")
    _score(me, award, candidacy_id, [9])
    path = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}"
    for state in (EditionState.judging,):
        set_state(award.id, state)
        seen = client.get(path, headers=me.headers)
        assert seen.status_code == 200
        assert "geheime mening" not in seen.text and seen.json()["jury_scores"] == []
        assert [s["score"] for s in seen.json()["my_scores"]] == [9]
    set_state(award.id, EditionState.deliberation)
    seen = client.get(path, headers=me.headers).json()
    assert seen["editable"] is False
    assert sorted(j["total"] for j in seen["jury_scores"]) == [3.0, 9.0]
    assert "geheime mening" in str(seen["jury_scores"])


def test_aggregates_are_exact_on_a_hand_computed_case():
    # Weights 3, 2, 5. A: 8, 6, 7 → 71/10; B: 6, 9, 4 → 56/10; C only 10 on the first.
    weights = dict(zip((1, 2, 3), (3, 2, 5), strict=True))
    rows = [(1, 1, 8), (1, 2, 6), (1, 3, 7), (2, 1, 6), (2, 2, 9), (2, 3, 4), (3, 1, 10)]
    numbers = scoring.aggregate(5, weights, [1, 2, 3], [*rows, (4, 1, 0)])
    assert numbers.totals == {1: Fraction(71, 10), 2: Fraction(56, 10), 3: Fraction(10)}
    assert numbers.weighted_mean == Fraction(157, 23)
    assert numbers.spread == Fraction(22, 5)
    assert (numbers.jurors, numbers.scores, numbers.missing) == (3, 7, 2)


def test_organisers_see_the_same_numbers_from_the_database(client):
    boss, award, (candidacy_id,), (a, b, c) = _panel(jurors=3)
    _score(a, award, candidacy_id, [8, 6, 7])
    _score(b, award, candidacy_id, [6, 9, 4])
    _score(c, award, candidacy_id, [10])
    found = run(scoring.results(principal(boss), award.id))["ranking"][0]
    assert found["weighted_mean"] == Fraction(157, 23)
    assert found["spread"] == Fraction(22, 5)
    assert found["missing"] == 2 and found["rank"] == 1
    answer = client.get(f"/api/awards/editions/{award.id}/results", headers=boss.headers)
    assert answer.json()[0]["weighted_mean"] == 6.83 and answer.json()[0]["spread"] == 4.4


def test_the_ranking_is_per_category_by_weighted_mean():
    items = [
        {"id": 1, "title": "B", "category": "Kmo's", "weighted_mean": Fraction(7)},
        {"id": 2, "title": "A", "category": "Kmo's", "weighted_mean": None},
        {"id": 3, "title": "C", "category": "Kmo's", "weighted_mean": Fraction(8)},
        {"id": 4, "title": "D", "category": "Kmo's", "weighted_mean": Fraction(7)},
        {"id": 5, "title": "E", "category": "Grote organisaties", "weighted_mean": Fraction(5)},
    ]
    ranked = [(i["id"], i["rank"]) for i in scoring.rank(items)]
    assert ranked == [(5, 1), (3, 1), (1, 2), (4, 2), (2, None)]


def test_ranking_from_scores_across_candidacies():
    boss, award, (low, high), (a,) = _panel(jurors=1, candidacies=2)
    _score(a, award, low, [5, 5, 5])
    _score(a, award, high, [9, 9, 9])
    ranking = run(scoring.results(principal(boss), award.id))["ranking"]
    assert [(i["id"], i["rank"]) for i in ranking] == [(high, 1), (low, 2)]


def test_scores_are_refused_after_the_jury_deadline_naming_it(client):
    from awards.tables import Edition

    _, award, (candidacy_id,), (login,) = _panel(jurors=1)
    _score(login, award, candidacy_id, [6])
    deadline = datetime(2024, 3, 1, 17, 0, tzinfo=UTC)
    run(Edition.update({Edition.jury_deadline: deadline}).where(Edition.id == award.id))
    path = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}/scores"
    body = {"scores": [{"criterion_id": award.criterion_ids[0], "score": 0}]}
    answer = client.put(path, json=body, headers=login.headers)
    assert answer.status_code == 409
    assert "jury deadline (1 Mar 2024, 18:00, Brussels time) has passed" in answer.text
    dossier = client.get(path.removesuffix("/scores"), headers=login.headers).json()
    assert dossier["editable"] is False and dossier["my_scores"][0]["score"] == 6
