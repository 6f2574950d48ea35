"""An admin (an organiser by role) who sits on an edition's jury read every fellow juror's
scores and comments before the deliberation in the organisers' jury report (PDF, XLSX): jurors
see each other's scores only from the deliberation on, and a staff role grants a juror no more
than the seat does. While the edition is open or in judging their report leaves the fellow
jurors' scores out and says why, and its weighted means, spreads and ranking are of their own
scores alone: with one fellow juror, the mean of both and one's own total give the fellow's total
(the report once showed the mean of 3 and 9 to the juror who gave 9). The missing scores still
count every juror. From the deliberation on, and for an organiser who sits on no jury, the report
is whole. Over HTTP, against the real app and database."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from awards import jury, scoring
from awards.choices import EditionState
from kring.choices import Role
from tests import factories
from tests.awards.helpers import candidate, edition, organiser, principal, set_state
from tests.awards.helpers import submitted_candidacy as submitted
from tests.conftest import run
from tests.privacy.canary import pdf_text

THEIRS = "Sterk dossier, maar de cijfers overtuigen niet"
MINE = "Mijn eigen oordeel over dit dossier"


def _judging_with_an_admin_juror():
    boss = organiser()
    award = edition(boss)
    judged = submitted(candidate(), award, title="Nul fouten")
    set_state(award.id, EditionState.judging)
    fellow = factories.account(Role.member)
    admin = factories.account(Role.admin)
    for juror in (fellow, admin):
        seat = run(jury.appoint_juror(principal(boss), award.id, juror.account_id))
        run(jury.agree(principal(juror), award.id))
        run(jury.assign(principal(boss), award.id, seat, judged))
    fellows = [scoring.Entry(c, 3, THEIRS) for c in award.criterion_ids]
    run(scoring.save_scores(principal(fellow), award.id, judged, fellows))
    mine = [scoring.Entry(c, 9, MINE) for c in award.criterion_ids]
    run(scoring.save_scores(principal(admin), award.id, judged, mine))
    return boss, award, admin


def _sheets(client, login, edition_id: int) -> tuple[list[list], list[list]]:
    answer = client.get(
        f"/api/awards/editions/{edition_id}/jury-report/xlsx", headers=login.headers
    )
    assert answer.status_code == 200, answer.text
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    ranking, scores = ([list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets)
    return ranking, scores


def _comments(scores: list[list]) -> list:
    return [r[4] for r in scores if r and r[0] == "Nul fouten"]


def test_an_admin_juror_reads_only_their_own_scores_in_the_report_before_deliberation(client):
    boss, award, admin = _judging_with_an_admin_juror()
    ranking, scores = _sheets(client, admin, award.id)
    assert _comments(scores) == [MINE] * 3
    assert not any(THEIRS in str(cell) for row in scores for cell in row)
    said = " ".join(str(cell) for row in scores for cell in row if cell)
    assert "alleen je eigen scores" in said
    row = next(r for r in ranking if len(r) > 2 and r[2] == "Nul fouten")
    assert row[5] == 9 and row[6] is None  # own scores' mean, no spread: the fellow's 3 untold
    assert row[8] == 0  # missing counts every juror
    assert "rangschikking alleen uit jouw scores" in said

    factories.log_in(client, admin.email)
    pdf = client.get(f"/awards/editions/{award.id}/jury/report/pdf")
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert MINE in text and THEIRS not in text

    ranking, scores = _sheets(client, boss, award.id)  # an organiser on no jury
    assert sorted(_comments(scores)) == sorted([MINE] * 3 + [THEIRS] * 3)
    row = next(r for r in ranking if len(r) > 2 and r[2] == "Nul fouten")
    assert row[5] == 6 and row[6] == 6  # the mean of 3 and 9, their spread


def test_the_admin_jurors_results_page_and_api_tell_no_fellow_total(client):
    boss, award, admin = _judging_with_an_admin_juror()
    answer = client.get(f"/api/awards/editions/{award.id}/results", headers=admin.headers)
    assert answer.status_code == 200, answer.text
    [result] = answer.json()
    assert (result["weighted_mean"], result["spread"], result["own_scores_only"]) == (9, None, True)
    whole = client.get(f"/api/awards/editions/{award.id}/results", headers=boss.headers).json()
    assert (whole[0]["weighted_mean"], whole[0]["own_scores_only"]) == (6, False)

    factories.log_in(client, admin.email)
    page = client.get(f"/awards/editions/{award.id}/jury")
    assert page.status_code == 200
    assert 'id="own-scores-only"' in page.text
    assert "alleen uit jouw eigen scores" in page.text
    set_state(award.id, EditionState.deliberation)
    page = client.get(f"/awards/editions/{award.id}/jury")
    assert 'id="own-scores-only"' not in page.text


def test_from_the_deliberation_on_the_admin_juror_reads_every_score(client):
    _boss, award, admin = _judging_with_an_admin_juror()
    set_state(award.id, EditionState.deliberation)
    _ranking, scores = _sheets(client, admin, award.id)
    assert sorted(_comments(scores)) == sorted([MINE] * 3 + [THEIRS] * 3)
