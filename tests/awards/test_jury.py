"""The jury: appointing, the confidentiality gate, automatic and declared conflicts, audited
dossier reads, and what other roles and other ids get (domain functions and the API)."""

from __future__ import annotations

import pytest

from awards import jury, scoring
from awards.choices import EditionState
from awards.tables import Assignment, Conflict, Juror, Score
from kring.choices import Role
from kring.errors import Conflict as Refused
from kring.errors import Forbidden, NotFound
from privacy.audit import Action, audit_entries
from privacy.restriction import restrict
from tests import factories
from tests.awards.helpers import (
    candidate,
    edition,
    login_with_email,
    organiser,
    principal,
    set_state,
    submitted_candidacy,
)
from tests.conftest import run


def _juror(edition_id: int, by=None, login=None):
    """An appointed juror (a member of an unrelated organisation) and their seat."""
    by = by or organiser()
    login = login or factories.account(Role.member)
    seat = run(jury.appoint_juror(principal(by), edition_id, login.account_id))
    return login, seat


def _bound(edition_id: int, by=None, login=None):
    login, seat = _juror(edition_id, by, login)
    run(jury.agree(principal(login), edition_id))
    return login, seat


def test_before_the_agreement_a_juror_gets_nothing_at_all(client):
    boss = organiser()
    award = edition(boss)
    who = candidate()
    candidacy_id = submitted_candidacy(who, award)
    login, seat = _juror(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    viewer = principal(login)
    with pytest.raises(NotFound):
        run(jury.my_dossiers(viewer, award.id))
    with pytest.raises(NotFound):
        run(jury.read_dossier(viewer, award.id, candidacy_id))
    seats = run(jury.my_jury_seats(viewer))
    assert seats[0]["agreed"] is False and seats[0]["dossiers"] is None
    base = f"/api/awards/jury/{award.id}"
    answer = client.get(base, headers=login.headers)
    assert answer.status_code == 200
    assert answer.json()["agreed"] is False and answer.json()["dossiers"] == []
    assert "Samen naar nul" not in answer.text
    dossier = f"{base}/candidacies/{candidacy_id}"
    for path in (dossier, f"{dossier}/attachments/1"):
        assert client.get(path, headers=login.headers).status_code == 404
    assert run(audit_entries(actor=login.account_id)) == []
    assert client.post(f"{base}/agreement", headers=login.headers).status_code == 200
    answer = client.get(base, headers=login.headers)
    assert [d["title"] for d in answer.json()["dossiers"]] == ["Samen naar nul fouten"]


def test_a_colleague_of_the_candidate_is_refused_by_organisation():
    boss = organiser()
    award = edition(boss)
    who = candidate()
    candidacy_id = submitted_candidacy(who, award)
    colleague_member = factories.member(who.organisation_id, email=f"x@{who.domain}")
    colleague = login_with_email("collega@gmail.com", Role.member, colleague_member)
    _, seat = _juror(award.id, boss, colleague)
    with pytest.raises(Refused) as refused:
        run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    assert "works at the candidate's organisation" in refused.value.message
    found = run(jury.automatic_conflicts(award.id))
    assert found == {(seat, candidacy_id): jury.ConflictKind.organisation}


def test_an_account_in_the_candidate_organisations_mail_domain_is_refused():
    boss = organiser()
    award = edition(boss)
    who = candidate()
    candidacy_id = submitted_candidacy(who, award)
    outsider = login_with_email(f"extern@{who.domain}", Role.organiser)
    _, seat = _juror(award.id, boss, outsider)
    with pytest.raises(Refused) as refused:
        run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    assert "e-mail domain" in refused.value.message


def test_a_public_mail_domain_is_no_conflict():
    boss = organiser()
    award = edition(boss)
    who = candidate()
    candidacy_id = submitted_candidacy(who, award)
    login_a = login_with_email("een@gmail.com", Role.organiser)
    _, seat = _juror(award.id, boss, login_a)
    assert run(jury.assign(principal(boss), award.id, seat, candidacy_id)) > 0


def test_assigning_everyone_skips_conflicts_and_says_why():
    boss = organiser()
    award = edition(boss)
    first, second = candidate(), candidate()
    one = submitted_candidacy(first, award, title="Een")
    two = submitted_candidacy(second, award, title="Twee")
    _juror(award.id, boss)
    _, colleague = _juror(
        award.id, boss, login_with_email(f"jurylid@{first.domain}", Role.organiser)
    )
    outcome = run(jury.assign_everyone(principal(boss), award.id))
    assert outcome.assigned == 3
    assert outcome.skipped == [jury.Refusal(colleague, one, jury.ConflictKind.email_domain)]
    again = run(jury.assign_everyone(principal(boss), award.id))
    assert again.assigned == 0
    table = {row["id"]: row for row in run(jury.assignment_table(award.id))}
    assert [k["kind"] for k in table[one]["kept_off"]] == ["email_domain"]
    assert len(table[two]["assigned"]) == 2


def test_declaring_a_conflict_ends_the_assignment_and_removes_the_scores():
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    viewer = principal(login)
    set_state(award.id, EditionState.judging)
    entry = scoring.Entry(award.criterion_ids[0], 7, "sterk")
    run(scoring.save_scores(viewer, award.id, candidacy_id, [entry]))
    run(jury.declare_conflict(viewer, award.id, candidacy_id, "Ik adviseerde hen vorig jaar."))
    assert run(Assignment.count().where(Assignment.juror == seat)) == 0
    assert run(Score.count().where(Score.juror == seat)) == 0
    assert run(Conflict.count().where(Conflict.juror == seat)) == 1
    with pytest.raises(NotFound):
        run(jury.read_dossier(viewer, award.id, candidacy_id))
    with pytest.raises(Refused):
        run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    declared = run(jury.declared_conflicts(award.id))
    assert declared[0]["reason"] == "Ik adviseerde hen vorig jaar."


def test_every_dossier_read_is_audited(client):
    boss = organiser()
    award = edition(boss)
    who = candidate()
    candidacy_id = submitted_candidacy(who, award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    dossier = run(jury.read_dossier(principal(login), award.id, candidacy_id))
    attachment = dossier["attachments"][0]["id"]
    base = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}"
    assert client.get(base, headers=login.headers).status_code == 200
    download = client.get(f"{base}/attachments/{attachment}", headers=login.headers)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    entries = run(audit_entries(actor=login.account_id))
    assert [(e["member"], e["action"], e["table_name"]) for e in entries] == [
        (who.member_id, Action.viewed, "award_attachment"),
        (who.member_id, Action.viewed, "award_candidacy"),
        (who.member_id, Action.viewed, "award_candidacy"),
    ]


def test_a_restricted_candidates_dossier_stays_readable_without_their_name():
    boss = organiser()
    award = edition(boss)
    who = candidate()
    candidacy_id = submitted_candidacy(who, award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    named = run(jury.read_dossier(principal(login), award.id, candidacy_id))["submitter"]
    assert named.startswith("Voornaam")
    run(restrict(who.member_id, "het lid zelf", "betwist de juistheid", None))
    dossier = run(jury.read_dossier(principal(login), award.id, candidacy_id))
    assert dossier["submitter"] == "" and dossier["title"] == "Samen naar nul fouten"
    assert dossier["criteria"][0]["text"] == "Onze aanpak voor criterium 1."


def test_other_roles_and_other_ids_get_nothing(client):
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    login, seat = _bound(award.id, boss)
    stranger = factories.account(Role.member)
    other_award = edition(boss)
    other_candidacy = submitted_candidacy(candidate(), other_award)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    with pytest.raises(Forbidden):
        run(jury.appoint_juror(principal(login), award.id, stranger.account_id))
    with pytest.raises(NotFound):
        run(jury.assign(principal(boss), award.id, seat, other_candidacy))
    with pytest.raises(NotFound):
        run(jury.read_dossier(principal(stranger), award.id, candidacy_id))
    with pytest.raises(NotFound):
        run(jury.read_dossier(principal(boss), award.id, candidacy_id))
    with pytest.raises(NotFound):
        run(jury.read_dossier(principal(login), other_award.id, other_candidacy))
    api = "/api/awards"
    assert client.get(f"{api}/jury/{award.id}", headers=stranger.headers).status_code == 404
    assert client.get(f"{api}/jury/²", headers=login.headers).status_code in (400, 404)
    assert client.get(f"{api}/jury/99999999999", headers=login.headers).status_code in (400, 404)
    jurors = f"{api}/editions/{award.id}/jurors"
    assert client.get(jurors, headers=login.headers).status_code == 403
    assert client.get(jurors, headers=boss.headers).status_code == 200
    answer = client.post(jurors, json={"account_id": 2**31 - 2}, headers=boss.headers)
    assert answer.status_code == 404
    answer = client.post(jurors, json={"account_id": login.account_id}, headers=boss.headers)
    assert answer.status_code == 409
    other = f"{api}/editions/{other_award.id}/jurors/{seat}"
    assert client.delete(other, headers=boss.headers).status_code == 404
    results = f"{api}/editions/{award.id}/results"
    assert client.get(results, headers=login.headers).status_code == 403


def test_organisers_find_accounts_by_name_and_by_email():
    member_id = factories.member(factories.organisation(), first_name="Hélène", last_name="Dubois")
    login = factories.account(Role.member, member_id=member_id)
    assert [a["id"] for a in run(jury.find_accounts("helene dubois"))] == [login.account_id]
    assert [a["id"] for a in run(jury.find_accounts(login.email))] == [login.account_id]
    assert run(jury.find_accounts("")) == []
    assert run(jury.find_accounts("%_")) == []


def test_removing_a_juror_takes_their_work_with_them():
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    run(jury.remove_juror(principal(boss), award.id, seat))
    assert run(Juror.count()) == 0 and run(Assignment.count()) == 0
    set_state(award.id, EditionState.decided)
    with pytest.raises(Refused):
        run(jury.appoint_juror(principal(boss), award.id, login.account_id))


def test_the_pages_take_organiser_and_juror_from_appointment_to_scores(client):
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    member_id = factories.member(factories.organisation(), first_name="Jurgen", last_name="Jurist")
    juror_login = factories.account(Role.member, member_id=member_id)
    factories.log_in(client, boss.email)
    csrf = {"_csrf_token": factories.csrf_token(client)}
    base = f"/awards/editions/{award.id}/jury"
    assert "No jurors yet" in client.get(base).text or "Nog geen juryleden" in client.get(base).text
    found = client.get(base, params={"q": "jurgen jurist"})
    assert found.status_code == 200 and "Jurgen Jurist" in found.text
    answer = client.post(
        f"{base}/appoint", data={**csrf, "account_id": str(juror_login.account_id)}
    )
    assert answer.status_code == 200 and "Jurgen Jurist" in answer.text
    refused = client.post(f"{base}/appoint", data={**csrf, "account_id": "²"})
    assert refused.status_code == 400
    assert client.post(f"{base}/assign-all", data=csrf).status_code == 200
    set_state(award.id, EditionState.judging)
    factories.log_in(client, juror_login.email)
    work = client.get(f"/awards/jury/{award.id}")
    assert work.status_code == 200 and "Samen naar nul" not in work.text
    dossier = f"/awards/jury/{award.id}/candidacies/{candidacy_id}"
    assert client.get(dossier).status_code == 404
    client.post(f"/awards/jury/{award.id}/agree", data=csrf)
    assert "Samen naar nul" in client.get(f"/awards/jury/{award.id}").text
    assert "Onze aanpak voor criterium 1." in client.get(dossier).text
    first = award.criterion_ids[0]
    bad = client.post(f"{dossier}/scores", data={**csrf, f"score_{first}": "11"})
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.text
    good = client.post(f"{dossier}/scores", data={**csrf, f"score_{first}": "7"})
    assert good.status_code == 200
    assert run(Score.select(Score.score)) == [{"score": 7}]
    factories.log_in(client, boss.email)
    ranking = client.get(base)
    assert 'class="rank">1<' in ranking.text
