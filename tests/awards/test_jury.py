"""The jury: appointing, the confidentiality gate, automatic and declared conflicts, audited
dossier reads, and what other roles and other ids get (domain functions and the API)."""

from __future__ import annotations

import asyncio
import re

import pytest

from awards import candidacies, editions, jury, scoring
from awards.choices import EditionState
from awards.tables import Assignment, Candidacy, Conflict, Juror, Score
from kring.choices import Role
from kring.errors import Conflict as Refused
from kring.errors import Forbidden, NotFound
from privacy.audit import Action, audit_entries
from privacy.restriction import restrict
from tests import factories
from tests.awards.helpers import (
    candidacy,
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
    set_state(award.id, EditionState.judging)
    answer = client.get(base, headers=login.headers)
    assert [d["title"] for d in answer.json()["dossiers"]] == ["Samen naar nul fouten"]


def test_a_colleague_of_the_candidate_is_refused_by_organisation():
    boss = organiser()
    award = edition(boss)
    who = candidate()
    colleague_member = factories.member(who.organisation_id, email=f"x@{who.domain}")
    colleague = login_with_email("collega@gmail.com", Role.member, colleague_member)
    _, seat = _juror(award.id, boss, colleague)  # appointed before the organisation competes
    candidacy_id = submitted_candidacy(who, award)
    with pytest.raises(Refused) as refused:
        run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    assert "works at the candidate's organisation" in refused.value.message
    found = run(jury.automatic_conflicts(award.id))
    assert found == {(seat, candidacy_id): jury.ConflictKind.organisation}


def test_an_account_in_the_candidate_organisations_mail_domain_is_refused():
    boss = organiser()
    award = edition(boss)
    who = candidate()
    outsider = login_with_email(f"extern@{who.domain}", Role.organiser)
    _, seat = _juror(award.id, boss, outsider)
    candidacy_id = submitted_candidacy(who, award)
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
    _juror(award.id, boss)
    _, colleague = _juror(
        award.id, boss, login_with_email(f"jurylid@{first.domain}", Role.organiser)
    )
    one = submitted_candidacy(first, award, title="Een")
    two = submitted_candidacy(second, award, title="Twee")
    outcome = run(jury.assign_everyone(principal(boss), award.id))
    assert outcome.assigned == 2
    assert outcome.skipped == [
        jury.Refusal(colleague, one, jury.ConflictKind.email_domain),
        jury.Refusal(colleague, two, jury.ConflictKind.competitor),
    ]
    again = run(jury.assign_everyone(principal(boss), award.id))
    assert again.assigned == 0
    table = {row["id"]: row for row in run(jury.assignment_table(award.id))}
    assert [k["kind"] for k in table[one]["kept_off"]] == ["email_domain"]
    assert [k["kind"] for k in table[two]["kept_off"]] == ["competitor"]
    assert len(table[two]["assigned"]) == 1


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
    set_state(award.id, EditionState.judging)
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
    set_state(award.id, EditionState.judging)
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
    csrf = {"_csrf_token": factories.csrf_token(client)}  # a login renews the CSRF cookie
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
    assert re.search(r'class="rank\b[^"]*">1<', ranking.text)  # rank 1 in the rank cell


def test_a_candidate_and_their_colleagues_are_not_appointed_to_the_jury(client):
    """A member with a candidacy was seated (201) and scored a competitor 0."""
    boss = organiser()
    award = edition(boss)
    kevin = candidate()
    candidacy(kevin, award)  # a draft counts: it competes until withdrawn
    colleague = factories.account(
        Role.member, member_id=factories.member(kevin.organisation_id, email="k@gmail.com")
    )
    jurors = f"/api/awards/editions/{award.id}/jurors"
    for who, why in ((kevin.login, "this person has"), (colleague, "this person's organisation")):
        answer = client.post(jurors, json={"account_id": who.account_id}, headers=boss.headers)
        assert answer.status_code == 409, answer.text
        assert why in answer.text and "Samen naar nul fouten" in answer.text
    assert run(Juror.count()) == 0


def test_a_withdrawn_candidacy_no_longer_keeps_its_organisation_off_the_jury():
    boss = organiser()
    award = edition(boss)
    kevin = candidate()
    run(candidacies.withdraw_candidacy(principal(kevin.login), candidacy(kevin, award)))
    assert run(jury.appoint_juror(principal(boss), award.id, kevin.login.account_id)) > 0


def test_a_juror_whose_organisation_starts_a_candidacy_judges_no_competitor(client):
    """Assignments made before are dropped; every assignment after is refused."""
    boss = organiser()
    award = edition(boss)
    rival = submitted_candidacy(candidate(), award, title="Rivaal")
    kevin = candidate()
    juror_login = kevin.login
    _, seat = _bound(award.id, boss, juror_login)
    run(jury.assign(principal(boss), award.id, seat, rival))
    colleague = candidate(kevin.organisation_id, kevin.domain)
    own = submitted_candidacy(colleague, award, title="Eigen")
    assert run(Assignment.count().where(Assignment.juror == seat)) == 0
    outcome = run(jury.assign_everyone(principal(boss), award.id))
    assert {(r.candidacy_id, r.kind) for r in outcome.skipped if r.juror_id == seat} == {
        (rival, jury.ConflictKind.competitor),
        (own, jury.ConflictKind.organisation),
    }
    answer = client.post(
        f"/api/awards/editions/{award.id}/assignments",
        json={"juror_id": seat, "candidacy_id": rival},
        headers=boss.headers,
    )
    assert answer.status_code == 409 and "has a candidacy in this edition" in answer.text
    set_state(award.id, EditionState.judging)
    dossier = f"/api/awards/jury/{award.id}/candidacies/{rival}"
    assert client.get(dossier, headers=juror_login.headers).status_code == 404


def test_moving_to_judging_ends_assignments_a_conflict_now_forbids():
    boss = organiser()
    award = edition(boss)
    rival = submitted_candidacy(candidate(), award)
    kevin = candidate()
    _, seat = _bound(award.id, boss, kevin.login)
    run(jury.assign(principal(boss), award.id, seat, rival))
    # The candidacy written straight into the table, as no domain function would skip the drop.
    run(
        Candidacy.insert(
            Candidacy(
                edition=award.id,
                member=kevin.member_id,
                organisation=kevin.organisation_id,
                title="Later",
            )
        )
    )
    run(editions.advance_edition(principal(boss), award.id, "judging"))
    assert run(Assignment.count().where(Assignment.juror == seat)) == 0


def test_jurors_read_no_dossier_while_the_edition_is_open(client):
    """While candidacies still change, a juror read them (and their files) early."""
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    base = f"/api/awards/jury/{award.id}"
    assert client.get(base, headers=login.headers).json()["dossiers"] == []
    for path in (
        f"{base}/candidacies/{candidacy_id}",
        f"{base}/candidacies/{candidacy_id}/attachments/1",
    ):
        answer = client.get(path, headers=login.headers)
        assert answer.status_code == 409 and "once judging starts" in answer.text
    assert run(audit_entries(actor=login.account_id)) == []
    factories.log_in(client, login.email)
    page = client.get(f"/awards/jury/{award.id}", headers={"accept-language": "nl"})
    assert 'id="dossiers-closed"' in page.text and "Samen naar nul" not in page.text
    set_state(award.id, EditionState.judging)
    assert (
        client.get(f"{base}/candidacies/{candidacy_id}", headers=login.headers).status_code == 200
    )


def test_a_seat_with_a_declared_conflict_stays_so_the_conflict_stays(client):
    """Removing the seat deleted the declaration; appointed again, the juror could judge."""
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    set_state(award.id, EditionState.judging)
    run(jury.declare_conflict(principal(login), award.id, candidacy_id, "Mijn zus werkt er."))
    api = f"/api/awards/editions/{award.id}"
    answer = client.delete(f"{api}/jurors/{seat}", headers=boss.headers)
    assert answer.status_code == 409 and "declared a conflict of interest" in answer.text
    assert [c["juror_id"] for c in client.get(f"{api}/conflicts", headers=boss.headers).json()] == [
        seat
    ]
    with pytest.raises(Refused):
        run(jury.assign(principal(boss), award.id, seat, candidacy_id))


def test_removing_a_seat_is_audited():
    boss = organiser()
    award = edition(boss)
    member_id = factories.member(factories.organisation())
    _, seat = _juror(award.id, boss, factories.account(Role.member, member_id=member_id))
    run(jury.remove_juror(principal(boss), award.id, seat))
    entries = run(audit_entries(actor=boss.account_id, table="award_juror"))
    assert [(e["member"], e["action"]) for e in entries] == [(member_id, Action.changed)]


@pytest.mark.parametrize(
    "state", [EditionState.deliberation, EditionState.decided, EditionState.archived]
)
def test_the_jury_is_fixed_once_judging_has_ended(client, state):
    """In deliberation a juror was removed: their scores went and the ranking changed."""
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    set_state(award.id, EditionState.judging)
    entry = scoring.Entry(award.criterion_ids[0], 7, "")
    run(scoring.save_scores(principal(login), award.id, candidacy_id, [entry]))
    set_state(award.id, state)
    api = f"/api/awards/editions/{award.id}"
    removed = client.delete(f"{api}/jurors/{seat}", headers=boss.headers)
    assert removed.status_code == 409, removed.text
    label = state.value
    assert f"judging has ended (the edition's state is {label})" in removed.text
    other = factories.account(Role.member)
    added = client.post(
        f"{api}/jurors", json={"account_id": other.account_id}, headers=boss.headers
    )
    assert added.status_code == 409
    assert run(Score.count().where(Score.juror == seat)) == 1


def test_the_refusal_names_the_state_in_dutch_on_the_page(client):
    boss = organiser()
    award = edition(boss)
    _, seat = _juror(award.id, boss)
    set_state(award.id, EditionState.deliberation)
    factories.log_in(client, boss.email)
    csrf = {"_csrf_token": factories.csrf_token(client)}
    answer = client.post(
        f"/awards/editions/{award.id}/jury/{seat}/remove",
        data=csrf,
        headers={"accept-language": "nl"},
    )
    assert answer.status_code == 400
    assert "de beoordeling is voorbij (de editie heeft status ‘deliberatie’)" in answer.text


def test_award_404s_say_the_same_thing(client):
    boss = organiser()
    award = edition(boss)
    login, _ = _bound(award.id, boss)
    set_state(award.id, EditionState.judging)
    mine = client.get(f"/api/awards/jury/{award.id}/candidacies/8", headers=login.headers)
    theirs = client.get("/api/awards/candidacies/8", headers=boss.headers)
    assert mine.status_code == theirs.status_code == 404
    assert "no candidacy 8" in mine.text and "no candidacy 8" in theirs.text
    gone = client.get("/api/awards/editions/999999/jurors", headers=boss.headers)
    assert gone.status_code == 404 and "no award edition 999999" in gone.text


def test_a_conflict_declared_five_times_at_once_is_recorded_once():
    """Each declaration checked the assignment before its transaction, so five at once made
    five rows; the assignment is now taken inside it, and a repeat is a 409 saying why."""
    boss = organiser()
    award = edition(boss)
    candidacy_id = submitted_candidacy(candidate(), award)
    login, seat = _bound(award.id, boss)
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    declare = jury.declare_conflict

    async def five() -> list[object]:
        asked = (declare(principal(login), award.id, candidacy_id, "Mijn zus.") for _ in range(5))
        return await asyncio.gather(*asked, return_exceptions=True)

    at_once = run(five())
    assert sum(outcome is None for outcome in at_once) == 1
    assert all(isinstance(o, Refused) for o in at_once if o is not None), at_once
    assert run(Conflict.count().where(Conflict.candidacy == candidacy_id)) == 1
    with pytest.raises(Refused, match="already declared"):
        run(declare(principal(login), award.id, candidacy_id, "Nog eens."))
