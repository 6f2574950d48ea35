"""The jury after it was seated: a juror who moves to a candidate's organisation loses those
assignments (with their scores, audited, shown to the organisers), and a juror declares a
conflict of interest from the agreement on, also while the edition is still open."""

from __future__ import annotations

import pytest

from awards import jury, scoring
from awards.choices import EditionState
from awards.tables import Assignment, Conflict, Score
from kring.choices import Role
from kring.errors import Conflict as Refused
from kring.errors import NotFound
from kring.tables import Member
from privacy.audit import Action, audit_entries
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


def _seated(award, boss, *candidacy_ids: int):
    """A juror of an unrelated organisation, agreed and assigned to the candidacies."""
    login = factories.account(Role.member)
    seat = run(jury.appoint_juror(principal(boss), award.id, login.account_id))
    run(jury.agree(principal(login), award.id))
    for candidacy_id in candidacy_ids:
        run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    return login, seat


def _move(client, boss, member_id: int, organisation_id: int) -> None:
    """The organisers change the juror's organisation on their profile, over the API."""
    answer = client.patch(
        f"/api/members/{member_id}", json={"organisation": organisation_id}, headers=boss.headers
    )
    assert answer.status_code == 200, answer.text


def test_a_juror_who_moves_to_a_candidates_organisation_stops_judging_the_edition(client):
    boss = organiser()
    award = edition(boss)
    who = candidate()
    other = candidate()
    theirs = submitted_candidacy(who, award, title="Hun dossier")
    elsewhere = submitted_candidacy(other, award, title="Ander dossier")
    login, seat = _seated(award, boss, theirs, elsewhere)
    set_state(award.id, EditionState.judging)
    for candidacy_id in (theirs, elsewhere):
        entry = scoring.Entry(award.criterion_ids[0], 8, "")
        run(scoring.save_scores(principal(login), award.id, candidacy_id, [entry]))
    _move(client, boss, login.member_id, who.organisation_id)

    dossier = f"/api/awards/jury/{award.id}/candidacies/{theirs}"
    assert client.get(dossier, headers=login.headers).status_code == 404
    scores = client.put(
        f"{dossier}/scores",
        json={"scores": [{"criterion_id": award.criterion_ids[0], "score": 9}]},
        headers=login.headers,
    )
    assert scores.status_code == 404
    # Their organisation now has a candidacy: a candidate judges no competitor, so the other
    # candidacy goes too, with its score (the README's rule for a candidate's colleagues).
    assert run(Score.count().where(Score.juror == seat)) == 0
    assert run(Assignment.count().where(Assignment.juror == seat)) == 0
    mine = client.get(f"/api/awards/jury/{award.id}", headers=login.headers).json()
    assert mine["dossiers"] == []

    ended = run(audit_entries(member=login.member_id, action=Action.changed))
    # The organiser's move of the member is audited too (staff changes to a profile, 8a85b3f).
    assert sorted(e["table_name"] for e in ended) == [
        "award_assignment",
        "award_assignment",
        "member",
    ]
    table = {row["id"]: row for row in run(jury.assignment_table(award.id))}
    assert table[theirs]["assigned"] == []
    assert [(k["juror_id"], k["kind"]) for k in table[theirs]["kept_off"]] == [
        (seat, jury.ConflictKind.organisation)
    ]
    assert [k["kind"] for k in table[elsewhere]["kept_off"]] == [jury.ConflictKind.competitor]


def test_the_organisers_results_leave_out_a_moved_jurors_scores(client):
    boss = organiser()
    award = edition(boss)
    who = candidate()
    theirs = submitted_candidacy(who, award)
    login, seat = _seated(award, boss, theirs)
    set_state(award.id, EditionState.judging)
    entry = scoring.Entry(award.criterion_ids[0], 9, "")
    run(scoring.save_scores(principal(login), award.id, theirs, [entry]))
    _move(client, boss, login.member_id, who.organisation_id)
    results = client.get(f"/api/awards/editions/{award.id}/results", headers=boss.headers)
    assert results.status_code == 200
    row = next(r for r in results.json() if r["candidacy_id"] == theirs)
    assert row["jurors"] == 0 and row["weighted_mean"] is None
    assert run(Assignment.count().where(Assignment.juror == seat)) == 0


def test_the_worker_ends_the_assignments_of_a_juror_who_moved():
    boss = organiser()
    award = edition(boss)
    who = candidate()
    theirs = submitted_candidacy(who, award)
    login, seat = _seated(award, boss, theirs)
    set_state(award.id, EditionState.judging)
    # Written straight into the table, as an import or the admin would.
    run(
        Member.update({Member.organisation: who.organisation_id}).where(
            Member.id == login.member_id
        )
    )
    assert run(jury.end_every_conflicting_assignment()) == 1
    assert run(Assignment.count().where(Assignment.juror == seat)) == 0
    assert run(jury.end_every_conflicting_assignment()) == 0


def test_a_juror_declares_a_conflict_while_the_edition_is_open(client):
    boss = organiser()
    award = edition(boss)
    theirs = submitted_candidacy(candidate(), award)
    login, seat = _seated(award, boss, theirs)
    base = f"/api/awards/jury/{award.id}"
    mine = client.get(base, headers=login.headers).json()
    assert mine["dossiers"] == []
    assert mine["to_check"] == [{"id": theirs, "organisation": mine["to_check"][0]["organisation"]}]
    assert mine["to_check"][0]["organisation"].startswith("Kandidaat")
    answer = client.post(
        f"{base}/candidacies/{theirs}/conflict",
        json={"reason": "Mijn broer is er zaakvoerder."},
        headers=login.headers,
    )
    assert answer.status_code == 200, answer.text
    assert run(Conflict.count().where(Conflict.juror == seat)) == 1
    assert run(Assignment.count().where(Assignment.juror == seat)) == 0
    assert client.get(base, headers=login.headers).json()["to_check"] == []
    with pytest.raises(Refused):
        run(jury.assign(principal(boss), award.id, seat, theirs))


def test_the_jury_page_offers_the_declaration_while_the_edition_is_open(client):
    boss = organiser()
    award = edition(boss)
    theirs = submitted_candidacy(candidate(), award, title="Geheime titel")
    login, seat = _seated(award, boss, theirs)
    factories.log_in(client, login.email)
    page = client.get(f"/awards/jury/{award.id}", headers={"accept-language": "nl"}).text
    assert 'id="to-check"' in page and "Geheime titel" not in page
    assert "Kijk na of je een belangenconflict hebt" in page
    assert f'action="/awards/jury/{award.id}/candidacies/{theirs}/conflict"' in page
    answer = client.post(
        f"/awards/jury/{award.id}/candidacies/{theirs}/conflict",
        data={"reason": "Oud-collega.", "_csrf_token": factories.csrf_token(client)},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert run(Conflict.count().where(Conflict.juror == seat)) == 1


def test_before_the_agreement_or_after_the_decision_no_conflict_is_declared():
    boss = organiser()
    award = edition(boss)
    theirs = submitted_candidacy(candidate(), award)
    login = factories.account(Role.member)
    seat = run(jury.appoint_juror(principal(boss), award.id, login.account_id))
    run(jury.assign(principal(boss), award.id, seat, theirs))
    with pytest.raises(NotFound):
        run(jury.declare_conflict(principal(login), award.id, theirs, "Te vroeg."))
    run(jury.agree(principal(login), award.id))
    set_state(award.id, EditionState.decided)
    with pytest.raises(Refused):
        run(jury.declare_conflict(principal(login), award.id, theirs, "Te laat."))
    assert run(Conflict.count().where(Conflict.juror == seat)) == 0


def test_a_refused_declaration_while_open_comes_back_on_the_jury_page(client):
    """No dossier is read while open, so the form's error stands on the page it came from."""
    boss = organiser()
    award = edition(boss)
    theirs = submitted_candidacy(candidate(), award)
    login, seat = _seated(award, boss, theirs)
    factories.log_in(client, login.email)
    answer = client.post(
        f"/awards/jury/{award.id}/candidacies/{theirs}/conflict",
        data={"reason": "   ", "_csrf_token": factories.csrf_token(client)},
        headers={"accept-language": "nl"},
    )
    assert answer.status_code == 400
    assert 'id="to-check"' in answer.text and 'id="field-reason-error"' in answer.text
    assert f'id="declare-conflict-{theirs}" open' in answer.text
    assert run(Conflict.count().where(Conflict.juror == seat)) == 0
