from pathlib import Path

from click.testing import CliRunner

from assembly.cli import main
from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import run
from tests.importing.helpers import DATA


def test_cli_imports_reports_and_is_idempotent():
    runner = CliRunner()
    path = str(DATA / "crm_export_cp1252.csv")
    first = runner.invoke(main, ["import", "members", path, "--map", "Opmerkingen="])
    assert first.exit_code == 1, first.output  # rows were rejected; the others imported
    assert "5 created, 0 updated, 1 skipped, 2 rejected" in first.output
    assert "rejected row 9: email:" in first.output
    again = runner.invoke(main, ["import", "members", path])
    assert "0 created, 0 updated, 6 skipped, 2 rejected" in again.output
    assert run(Member.count()) == 5


def test_cli_refuses_an_unknown_column_in_map():
    result = CliRunner().invoke(
        main, ["import", "members", str(DATA / "leden.xlsx"), "--map", "Fax=phone"]
    )
    assert result.exit_code == 2 and "map: the file has no column 'Fax'" in result.output


def test_cli_export_to_a_file_or_to_standard_output(tmp_path):
    factories.member(factories.organisation(), last_name="Uitvoer")
    target = tmp_path / "leden.csv"
    to_file = CliRunner().invoke(main, ["import", "export", "members", "-o", str(target)])
    assert to_file.exit_code == 0 and "Uitvoer" in target.read_text(encoding="utf-8-sig")
    to_stdout = CliRunner().invoke(main, ["import", "export", "members", "-o", "-"])
    assert to_stdout.exit_code == 0 and "Uitvoer" in to_stdout.output
    assert not Path("-").exists()  # not a file named "-" where the command ran


def test_cli_duplicates_and_merge():
    org = factories.organisation()
    first = factories.member(org, first_name="Jan", last_name="Janssens")
    second = factories.member(org, first_name="JANSSENS", last_name="Jan")
    listed = CliRunner().invoke(main, ["import", "duplicates"])
    assert f"member {first} ~ {second}" in listed.output
    merged = CliRunner().invoke(main, ["import", "merge", str(first), str(second)])
    assert merged.exit_code == 0, merged.output
    assert run(Member.count()) == 1


def test_import_page_is_for_organisers_only(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    assert client.get("/import").status_code == 403


def test_import_page_answers_400_naming_a_bad_file(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("leden.xlsx", b"PK\x03\x04broken")},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 400
    # Dutch by default: the message beside the file field, which is marked invalid.
    assert '<p class="field-error" id="field-file-error">' in answer.text
    assert "Geen leesbare Excel-werkmap" in answer.text
    assert 'aria-invalid="true" aria-describedby="field-file-error"' in answer.text
    assert "file: not a readable Excel workbook" not in answer.text
    client.get("/language/en?next=/import")
    again = client.post(
        "/import/preview",
        files={"file": ("leden.xlsx", b"PK\x03\x04broken")},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert again.status_code == 400
    assert "Not a readable Excel workbook" in again.text
    assert '<a href="#field-file">File: not a readable Excel workbook' in again.text
    assert "zip" not in answer.text + again.text


def _import(tmp_path, content: bytes, *args: str):
    path = tmp_path / "leden.csv"
    path.write_bytes(content)
    return CliRunner().invoke(main, ["import", "members", str(path), *args])


def test_cli_refuses_a_file_with_two_encodings_naming_the_line(tmp_path):
    data = "Voornaam;Naam;E-mail\nÉlise;Dû;x@probe.be\n".encode() + (
        "Zoë;Müller;y@probe.be\n".encode("cp1252")
    )
    result = _import(tmp_path, data)
    assert result.exit_code == 2
    assert "line 3 is not UTF-8" in result.output
    assert run(Member.count()) == 0


def test_cli_exits_1_when_rows_were_rejected_and_0_when_none_were(tmp_path):
    rejected = _import(tmp_path, b"Naam;E-mail\nAn Peeters;an@x.be\nJef Claes;geen-adres\n")
    assert rejected.exit_code == 1 and "1 created" in rejected.output
    clean = _import(tmp_path, b"Naam;E-mail\nAn Peeters;an@x.be\n")
    assert clean.exit_code == 0 and "1 skipped" in clean.output


def test_cli_refuses_a_file_whose_columns_are_all_unrecognised(tmp_path):
    result = _import(tmp_path, b"Foo;Bar\n1;2\n")
    assert result.exit_code == 2 and "no column was recognised" in result.output
    assert "'Foo', 'Bar'" in result.output


def test_cli_show_must_not_be_negative_and_counts_one_more_rejection(tmp_path):
    data = b"Naam;E-mail\nAn Peeters;fout\nJef Claes;ook-fout\n"
    assert _import(tmp_path, data, "--show", "-1").exit_code == 2
    shown = _import(tmp_path, data, "--show", "1")
    assert "and 1 more rejection\n" in shown.output


def test_import_page_says_an_uploaded_empty_file_is_empty(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("leeg.csv", b"")},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 400 and "Het bestand is leeg" in answer.text
    assert "Kies een CSV- of XLSX-bestand" not in answer.text


def test_import_page_names_an_endless_cell_in_dutch(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    data = b'Naam,Voornaam\nA,B\n"C,D\n' + b"x" * 140_000 + b"\n"
    answer = client.post(
        "/import/preview",
        files={"file": ("open.csv", data)},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 400
    assert "regel 3" in answer.text and "aanhalingsteken" in answer.text
    assert "field limit" not in answer.text


def test_import_preview_shows_fields_reasons_and_notices_in_dutch(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("crm.csv", (DATA / "crm_export_cp1252.csv").read_bytes())},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 200
    page = answer.text
    assert '<option value="met_via" selected>Ontmoet via</option>' in page
    assert '<option value="phone" selected>Telefoon</option>' in page
    assert "E-mailadres: “an.janssens@voorbeeld” is geen e-mailadres" in page
    assert "E-mailadres: dezelfde persoon als rij 2 van dit bestand" in page
    assert "lijkt op een Excel-formule" in page
    assert "(notities) wordt niet geïmporteerd" in page
    for raw in ("met_via", "job_title", "is not", "of this file", ">rejected<"):
        assert raw not in page.replace('value="met_via"', "").replace('value="job_title"', "")


def test_merge_page_names_fields_and_values_in_dutch(client):
    from kring.i18n import gettext_for
    from kring.vocabulary import label

    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    org = factories.organisation()
    first = factories.member(org, first_name="Jan", last_name="Janssens", met_via="in_person")
    second = factories.member(org, first_name="JANSSENS", last_name="Jan")
    duplicates = client.get("/import/duplicates").text
    assert "voor- en achternaam omgewisseld" in duplicates
    assert "first and last name swapped" not in duplicates
    page = client.get(f"/import/merge?survivor={first}&loser={second}").text
    assert '<th scope="row">Ontmoet via</th>' in page
    assert '<th scope="row">Functie</th>' in page
    assert label("in_person", gettext_for("nl")) in page
    assert "in_person" not in page and "job_title" not in page.replace("take-job_title", "")


def test_a_refused_merge_names_the_field_in_the_summary_without_a_dead_link(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    member = factories.member(factories.organisation())
    answer = client.post(
        "/import/merge",
        data={
            "survivor": str(member),
            "loser": str(member),
            "_csrf_token": factories.csrf_token(client),
        },
    )
    assert answer.status_code == 400
    assert "<li>Tweede lid: een lid kan niet met zichzelf samengevoegd worden</li>" in answer.text
    assert 'href="#field-loser"' not in answer.text


def test_a_merge_choice_other_than_survivor_or_loser_is_a_400_naming_the_field(client):
    """Building this message raised a TypeError (its placeholder was called `field`, as the
    error's own first argument): a 500 for a tampered radio value."""
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    org = factories.organisation()
    first = factories.member(org, first_name="Jan", last_name="Janssens")
    second = factories.member(org, first_name="Jan", last_name="Jansens")
    answer = client.post(
        "/import/merge",
        data={
            "survivor": str(first),
            "loser": str(second),
            "take-first_name": "xyz",
            "_csrf_token": factories.csrf_token(client),
        },
    )
    assert answer.status_code == 400, answer.text
    refused = "‘Voornaam’: “xyz” moet &#39;survivor&#39; of &#39;loser&#39; zijn"
    assert refused in answer.text


def test_the_merge_page_offers_no_form_for_a_pair_that_cannot_be_merged(client):
    """Found from outside: the same member twice, or an erased one, got a full merge form."""
    from privacy.erasure import erase_member

    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    member = factories.member(factories.organisation())
    gone = factories.member(factories.organisation())
    run(erase_member(gone))
    html = {"accept": "text/html"}
    itself = client.get(f"/import/merge?survivor={member}&loser={member}", headers=html)
    assert itself.status_code == 400 and "niet met zichzelf" in itself.text
    erased = client.get(f"/import/merge?survivor={member}&loser={gone}", headers=html)
    assert erased.status_code == 409 and 'name="take-' not in erased.text


def test_import_page_refuses_a_file_with_two_encodings_in_dutch(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    data = "Voornaam;Naam;E-mail\nÉlise;Dû;x@probe.be\n".encode() + (
        "Zoë;Müller;y@probe.be\n".encode("cp1252")
    )
    answer = client.post(
        "/import/preview",
        files={"file": ("gemengd.csv", data)},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 400
    assert "regel 3 is geen UTF-8" in answer.text and "Ã" not in answer.text


def test_import_preview_rejects_a_row_with_extra_cells_in_dutch(client):
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    answer = client.post(
        "/import/preview",
        files={"file": ("extra.csv", b"Naam,Voornaam,E-mail\nC,D,c@x.be,extra,more\n")},
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert answer.status_code == 200
    assert "cellen rechts van de laatste benoemde kolom: &#39;extra&#39;, &#39;more&#39;" in (
        answer.text
    )


def test_a_row_without_a_name_is_one_problem_not_two(tmp_path):
    """With no name column at all, the first and the last name were each refused under
    `name`: "rejected row 2: name: is required" twice, in the dry run and the real one."""
    path = tmp_path / "zonder-naam.csv"
    path.write_text(",,E-mail\nA,B,eh@probe-bv.be\n", encoding="utf-8")
    for dry in (["--dry-run"], []):
        result = CliRunner().invoke(main, ["import", "members", str(path), *dry])
        assert result.exit_code == 1, result.output
        rejected = [line for line in result.output.splitlines() if line.startswith("rejected")]
        assert rejected == ["rejected row 2: name: is required"], result.output
    assert run(Member.count()) == 0
