import csv
import io

import pytest
from openpyxl import load_workbook

from kring.choices import Role
from kring.tables import Member
from privacy.audit import audit_entries
from tests import factories
from tests.conftest import run
from tests.importing.helpers import DATA


def _upload(client, login, name, **form):
    with (DATA / name).open("rb") as handle:
        return client.post(
            "/api/import/members",
            files={"file": (name, handle.read())},
            data=form,
            headers=login.headers,
        )


def test_upload_dry_run_previews_and_writes_nothing(client):
    organiser = factories.account(Role.organiser)
    answer = _upload(client, organiser, "crm_export_cp1252.csv", dry_run="true")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["dry_run"] is True
    assert body["counts"]["created"] == 5
    assert run(Member.count()) == 0
    rejected = [r for r in body["rows"] if r["outcome"] == "rejected"]
    assert {k: rejected[1]["reasons"][0][k] for k in ("row", "field")} == {
        "row": 9,
        "field": "email",
    }


def test_upload_with_an_explicit_map_imports(client):
    organiser = factories.account(Role.organiser)
    answer = _upload(client, organiser, "leden.xlsx", map="Opmerkingen=")
    assert answer.status_code == 201
    assert answer.json()["counts"]["created"] == 3
    assert "notes" not in answer.json()["mapping"].values()


JSON = "application/json"


def test_json_rows_are_imported_with_the_same_rules(client):
    organiser = factories.account(Role.organiser)
    rows = [
        {"first_name": "An", "last_name": "Peeters", "email": "an@peeters.be"},
        {"first_name": "Bram", "last_name": "Claes", "enterprise_number": "0417.497.107"},
    ]
    answer = client.post("/api/import/members", json={"rows": rows}, headers=organiser.headers)
    assert answer.status_code == 201
    second = answer.json()["rows"][1]
    assert second["outcome"] == "rejected"
    assert second["reasons"][0]["field"] == "enterprise_number"
    assert "mod-97" in second["reasons"][0]["message"]


def test_a_bad_file_answers_400_naming_the_problem(client):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/import/members",
        files={"file": ("leden.xlsx", b"PK\x03\x04broken")},
        headers=organiser.headers,
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "file"


def test_bad_json_and_unknown_mapping_answer_400(client):
    organiser = factories.account(Role.organiser)
    answer = client.post("/api/import/members", json={"rows": []}, headers=organiser.headers)
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "rows"
    answer = client.post(
        "/api/import/members",
        json={"rows": [{"Naam": "x"}], "mapping": {"Naam": "password"}},
        headers=organiser.headers,
    )
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "map"
    answer = client.post(
        "/api/import/members",
        content=b"hello",
        headers=organiser.headers | {"content-type": "text/plain"},
    )
    assert answer.status_code == 415  # the type is wrong, not the body
    assert answer.json()["errors"][0]["field"] == "Content-Type"
    empty = client.post(
        "/api/import/members", content=b"", headers=organiser.headers | {"content-type": JSON}
    )
    assert empty.status_code == 400
    assert empty.json()["errors"] == [{"field": "body", "message": "is empty: send a JSON object"}]


def test_members_may_not_import_dedupe_merge_or_export(client):
    member = factories.account(Role.member)
    for method, path in (
        ("post", "/api/import/members"),
        ("get", "/api/members/duplicates"),
        ("post", "/api/members/merge"),
        ("get", "/api/export/members.csv"),
    ):
        answer = client.request(method.upper(), path, headers=member.headers, json={})
        assert answer.status_code == 403, path


def test_duplicates_and_merge_through_the_api(client):
    organiser = factories.account(Role.organiser)
    org = factories.organisation()
    first = factories.member(org, first_name="Jan", last_name="Janssens")
    second = factories.member(org, first_name="JANSSENS", last_name="Jan", phone="+32475123456")
    pairs = client.get("/api/members/duplicates", headers=organiser.headers).json()
    assert pairs[0]["left"]["id"] == first and pairs[0]["right"]["id"] == second
    answer = client.post(
        "/api/members/merge",
        json={"survivor": first, "loser": second, "fields": {"phone": "loser"}},
        headers=organiser.headers,
    )
    assert answer.status_code == 200, answer.text
    assert run(Member.select(Member.phone).where(Member.id == first).first()) == {
        "phone": "+32475123456"
    }
    answer = client.post(
        "/api/members/merge",
        json={"survivor": first, "loser": second},
        headers=organiser.headers,
    )
    assert answer.status_code == 404 and answer.json()["errors"][0]["field"] == "loser"


def test_csv_export_escapes_formulas_and_leaves_out_erased_and_unlisted(client):
    organiser = factories.account(Role.organiser)
    factories.member(None, last_name='=HYPERLINK("http://x","y")', email="f@x.be")
    unlisted = factories.member(None, last_name="Verborgen")
    erased = factories.member(None, last_name="Gewist")
    run(Member.update({Member.opt_out_listing: True}).where(Member.id == unlisted))
    run(Member.update({Member.status: "erased"}).where(Member.id == erased))
    answer = client.get("/api/export/members.csv", headers=organiser.headers)
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    names = [row["last_name"] for row in rows]
    assert '\'=HYPERLINK("http://x","y")' in names
    assert "Verborgen" not in names and "Gewist" not in names
    assert all(not row["phone"] or row["phone"].startswith("'+") for row in rows)
    assert run(audit_entries(actor=organiser.account_id, action="exported"))


def test_xlsx_export_has_no_formula_cells_and_keeps_the_text_as_typed(client):
    organiser = factories.account(Role.organiser)
    factories.member(None, first_name="+1+1", last_name="=1+1")
    answer = client.get("/api/export/members.xlsx", headers=organiser.headers)
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    for typed in ("=1+1", "+1+1"):
        assert cells[typed].data_type == "s" and cells[typed].quotePrefix
    assert not any(str(value).startswith("'") for value in cells)


def test_unknown_export_answers_404(client):
    organiser = factories.account(Role.organiser)
    assert client.get("/api/export/members.pdf", headers=organiser.headers).status_code == 404


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("members", "choose a format: members.csv or members.xlsx"),
        ("members.", "choose a format: members.csv or members.xlsx"),
        ("organisations", "choose a format: organisations.csv or organisations.xlsx"),
        (".csv", "name what to export: members.csv, members.xlsx, organisations.csv"),
        ("x.csv", "no export of x; choose members.csv, members.xlsx, organisations.csv"),
        ("members.pdf", "no pdf export; choose members.csv or members.xlsx"),
    ],
)
def test_an_export_404_says_what_is_missing(client, name, says):
    """Found from outside: `/api/export/members` said "no  export; choose csv or xlsx" and
    `/api/export/.csv` "no export of ", with the missing piece left blank."""
    organiser = factories.account(Role.organiser)
    answer = client.get(f"/api/export/{name}", headers=organiser.headers)
    assert answer.status_code == 404
    assert says in answer.json()["detail"], answer.json()
    assert "  " not in answer.json()["detail"] and not answer.json()["detail"].endswith(" ")


def test_a_utf16_tab_separated_export_is_read(client):
    """Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab-separated. It was
    refused as "not a text file"."""
    organiser = factories.account(Role.organiser)
    text = "Voornaam\tAchternaam\tE-mail\r\nÉlodie\tD'Hondt\telodie@dhondt.be\r\n"
    answer = client.post(
        "/api/import/members",
        files={"file": ("leden.txt", text.encode("utf-16"))},
        data={"dry_run": "true"},
        headers=organiser.headers,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["counts"]["created"] == 1
    (row,) = body["rows"]
    assert row["outcome"] == "created", row


def test_a_head_of_an_export_is_not_audited_as_one(client):
    """Found from outside: `HEAD /api/export/members.csv` added an `exported` entry, though no
    data left; the organiser's page route is the same."""
    organiser = factories.account(Role.organiser)
    factories.member(None, last_name="Hoofdloos")
    for path in ("/api/export/members.csv", "/api/export/members.xlsx"):
        head = client.head(path, headers=organiser.headers)
        assert head.status_code == 200 and head.content == b"", path
    factories.log_in(client, organiser.email)
    assert client.head("/import/export/members.csv").status_code == 200
    assert run(audit_entries(actor=organiser.account_id, action="exported")) == []
    assert client.get("/api/export/members.csv", headers=organiser.headers).status_code == 200
    assert len(run(audit_entries(actor=organiser.account_id, action="exported"))) == 1
