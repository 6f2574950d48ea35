"""The jury report: CONFIDENTIAL, the ranking with its numbers and every juror's scores, read
back from the XLSX (openpyxl) and the PDF (its text); only organisers get it; exports audited."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from awards import jury, scoring
from awards.choices import EditionState
from kring.choices import Role
from privacy.audit import Action, audit_entries
from tests import factories
from tests.awards.helpers import candidate, edition, organiser, principal, set_state
from tests.awards.helpers import submitted_candidacy as submitted
from tests.conftest import run
from tests.privacy.canary import pdf_text


def _scored_edition(name: str | None = None):
    boss = organiser()
    award = edition(boss, name=name)
    who = candidate()
    candidacy_id = submitted(who, award, title="Nul fouten")
    login = factories.account(Role.member)
    seat = run(jury.appoint_juror(principal(boss), award.id, login.account_id))
    run(jury.agree(principal(login), award.id))
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    set_state(award.id, EditionState.judging)
    entries = [scoring.Entry(c, 8, "=SUM(A1)") for c in award.criterion_ids]
    run(scoring.save_scores(principal(login), award.id, candidacy_id, entries))
    return boss, award, who, login


def test_the_xlsx_report_is_confidential_and_holds_ranking_and_scores(client):
    boss, award, who, _ = _scored_edition()
    answer = client.get(f"/api/awards/editions/{award.id}/jury-report/xlsx", headers=boss.headers)
    assert answer.status_code == 200
    assert "CONFIDENTIAL" in answer.headers["content-disposition"]
    book = load_workbook(io.BytesIO(answer.content), read_only=True)
    ranking, scores = ([list(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets)
    assert "VERTROUWELIJK" in ranking[0][0] or "CONFIDENTIAL" in ranking[0][0]
    row = next(r for r in ranking if len(r) > 2 and r[2] == "Nul fouten")
    assert row[1] == 1 and row[5] == 8 and row[8] == 0
    assert sum(1 for r in scores if r[0] == "Nul fouten") == 3
    assert all(r[4] == "=SUM(A1)" for r in scores if r[0] == "Nul fouten")
    exported = run(audit_entries(actor=boss.account_id, action=Action.exported))
    assert [e["member"] for e in exported] == [who.member_id]


def test_the_pdf_report_reads_back(client):
    boss, award, _, _ = _scored_edition()
    factories.log_in(client, boss.email)
    answer = client.get(f"/awards/editions/{award.id}/jury/report/pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    text = pdf_text(answer.content)
    assert "VERTROUWELIJK" in text or "CONFIDENTIAL" in text
    assert "Nul fouten" in text and "Leiderschap" in text


def test_only_organisers_get_the_report(client):
    _, award, who, login = _scored_edition()
    for viewer in (login, who.login):
        path = f"/api/awards/editions/{award.id}/jury-report/pdf"
        assert client.get(path, headers=viewer.headers).status_code == 403
    boss = organiser()
    bad = client.get(f"/api/awards/editions/{award.id}/jury-report/csv", headers=boss.headers)
    assert bad.status_code == 400
    missing = client.get("/api/awards/editions/999999/jury-report/pdf", headers=boss.headers)
    assert missing.status_code == 404


def test_an_edition_name_like_a_formula_is_text_and_the_dutch_title_is_dutch(client):
    """The title row held the edition's name as written: "=HYPERLINK(…)" became a formula
    cell; and "jury report" sat in an f-string, which the message extractor skips."""
    boss, award, _, _ = _scored_edition(name='=HYPERLINK("http://e","Prijs")')
    answer = client.get(
        f"/api/awards/editions/{award.id}/jury-report/xlsx",
        headers=boss.headers | {"accept-language": "nl"},
    )
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.content))
    for sheet in book.worksheets:
        title = sheet["A2"]
        assert title.data_type == "s", title.value
        assert title.value.startswith("=HYPERLINK(") and title.value.endswith(": juryrapport")


def test_a_head_of_the_jury_report_audits_nothing(client):
    boss, award, _, _ = _scored_edition()
    head = client.head(f"/api/awards/editions/{award.id}/jury-report/pdf", headers=boss.headers)
    assert head.status_code == 200 and head.content == b""
    factories.log_in(client, boss.email)
    assert client.head(f"/awards/editions/{award.id}/jury/report/xlsx").status_code == 200
    assert run(audit_entries(actor=boss.account_id, action=Action.exported)) == []


def test_the_xlsx_report_keeps_numbers_as_numbers_and_comments_as_text(client):
    """Ranks, means and scores were text ('6,33', '9'): organisers could not sort or sum them."""
    boss, award, _, login = _scored_edition()
    candidacy_id = run(jury.my_dossiers(principal(login), award.id))[0]["id"]
    uneven = [
        scoring.Entry(c, v, "=1+1") for c, v in zip(award.criterion_ids, (9, 3, 7), strict=True)
    ]
    run(scoring.save_scores(principal(login), award.id, candidacy_id, uneven))
    answer = client.get(f"/api/awards/editions/{award.id}/jury-report/xlsx", headers=boss.headers)
    ranking, scores = load_workbook(io.BytesIO(answer.content)).worksheets
    row = next(r for r in ranking.iter_rows() if r[2].value == "Nul fouten")
    rank, mean, spread, jurors = row[1], row[5], row[6], row[7]
    assert (rank.data_type, rank.value, jurors.value) == ("n", 1, 1)
    assert mean.data_type == "n" and round(mean.value, 4) == 6.8  # (3·9 + 2·3 + 5·7) / 10
    assert mean.number_format == "0.00" and spread.value is None
    marks = [r for r in scores.iter_rows() if r[0].value == "Nul fouten"]
    assert sorted(r[3].value for r in marks) == [3, 7, 9]
    assert all(r[3].data_type == "n" for r in marks)
    assert all(r[4].data_type == "s" and r[4].value == "=1+1" for r in marks)


def test_the_format_is_read_in_any_case_and_a_wrong_one_is_named_fmt(client):
    """A wrong format was refused naming `format`, while the path's parameter is `fmt` (found by
    the outside probe). Both routes take the format in any case (`PDF`, `Xlsx`) and name `fmt`."""
    boss, award, _, _ = _scored_edition()
    factories.log_in(client, boss.email)
    api = f"/api/awards/editions/{award.id}/jury-report"
    page = f"/awards/editions/{award.id}/jury/report"
    for base in (api, page):
        for fmt, start in (("PDF", b"%PDF"), ("Xlsx", b"PK")):
            answer = client.get(f"{base}/{fmt}", headers=boss.headers)
            assert answer.status_code == 200, (base, fmt, answer.text)
            assert answer.content.startswith(start)
            assert f'CONFIDENTIAL.{fmt.lower()}"' in answer.headers["content-disposition"]
    wrong = client.get(f"{api}/doc", headers=boss.headers)
    assert wrong.status_code == 400
    assert [e["field"] for e in wrong.json()["errors"]] == ["fmt"]
    assert "'doc' is not one of pdf, xlsx" in wrong.json()["errors"][0]["message"]
