from kring.choices import MetVia
from kring.tables import Member, Organisation
from members.importing.columns import detect_mapping
from members.importing.export import export_file
from members.importing.importer import import_rows
from members.importing.report import Outcome
from members.importing.rows import read_file
from privacy.suppression import suppress
from tests import factories
from tests.conftest import run
from tests.importing.helpers import csv_bytes, import_file


def _member(email: str) -> dict:
    return run(Member.select(*Member.all_columns(), Member.organisation.name)
               .where(Member.email == email).first())  # fmt: skip


def _row(report, number: int):
    return next(r for r in report.rows if r.row == number)


def test_messy_cp1252_export_is_imported_with_a_reason_for_every_rejection():
    report = import_file("crm_export_cp1252.csv")
    assert report.counts == {"created": 5, "updated": 0, "skipped": 1, "rejected": 2}
    frederic = _member("frederic.vandeweghe@bouwpeeters.be")
    assert (frederic["first_name"], frederic["last_name"]) == ("Frédéric", "Vandeweghe")
    assert frederic["phone"] == "+32475123456"
    assert frederic["met_via"] == MetVia.event
    rejected = {
        (p.row, p.field) for p in report.problems if _row(report, p.row).outcome == "rejected"
    }
    assert rejected == {(8, "email"), (8, "phone"), (8, "enterprise_number"), (9, "email")}


def test_enterprise_numbers_with_and_without_dots_or_be_find_one_organisation():
    import_file("crm_export_cp1252.csv")
    peeters = run(Organisation.select().where(Organisation.enterprise_number == "0204.219.147"))
    assert len(peeters) == 1
    colleagues = run(Member.count().where(Member.organisation == peeters[0]["id"]))
    # `BE 0204.219.147`, `204219147`, and a gmail user found by the fuzzy name
    assert colleagues == 3


def test_reimporting_the_same_file_changes_nothing():
    import_file("crm_export_cp1252.csv")
    before = run(Member.select().order_by(Member.id))
    organisations = run(Organisation.count())
    again = import_file("crm_export_cp1252.csv")
    assert again.count(Outcome.created) == again.count(Outcome.updated) == 0
    assert run(Member.select().order_by(Member.id)) == before
    assert run(Organisation.count()) == organisations


def test_a_dry_run_writes_nothing_but_reports_the_same():
    preview = import_file("crm_export_cp1252.csv", dry_run=True)
    assert run(Member.count()) == 0 and run(Organisation.count()) == 0
    assert preview.counts == import_file("crm_export_cp1252.csv").counts


def test_existing_members_are_matched_by_email_and_only_empty_fields_filled():
    factories.member(None, email="helene.dubois@zorgnet.be", first_name="Hélène",
                     last_name="Dubois", phone="", address="Oud adres 1, Gent")  # fmt: skip
    report = import_file("crm_export_cp1252.csv")
    row = _row(report, 3)
    assert row.outcome == Outcome.updated
    helene = _member("helene.dubois@zorgnet.be")
    assert helene["phone"] == "+3292641234"
    assert helene["address"] == "Oud adres 1, Gent"
    assert any(n.field == "address" for n in row.notices)


def test_members_without_email_are_matched_by_name_and_organisation():
    rows = [(2, {"Naam": "JANSSENS Jan", "Bedrijf": "Metaal De Smet"})]
    mapping = {"Naam": "name", "Bedrijf": "company"}
    run(import_rows(rows, mapping))
    again = run(
        import_rows([(2, {"Naam": "Jan Janssens", "Bedrijf": "Metaal De Smet BV"})], mapping)
    )
    assert again.rows[0].outcome == Outcome.skipped
    assert run(Member.count()) == 1


def test_a_suppressed_email_is_refused_with_a_reason():
    erased = factories.member(None, email="helene.dubois@zorgnet.be")
    row = run(Member.select().where(Member.id == erased).first())
    run(suppress(row, None))
    run(Member.update({Member.email: None, Member.status: "erased"}).where(Member.id == erased))
    report = import_file("crm_export_cp1252.csv")
    refused = _row(report, 3)
    assert refused.outcome == Outcome.rejected
    assert refused.reasons[0].field == "email" and "erased" in refused.reasons[0].message
    assert run(Member.count().where(Member.email == "helene.dubois@zorgnet.be")) == 0


def test_formula_cells_are_stored_as_text_and_flagged():
    report = import_file("leden.xlsx")
    piet = _member("piet@stad.gent")
    assert piet["last_name"] == '=CONCAT("a","b")'
    assert any(p.row == 5 and p.field == "last_name" for p in report.flagged)


def test_notes_are_reported_as_not_imported():
    report = import_file("contacts_bom_comma.csv")
    assert any("Notes" in notice for notice in report.notices)
    assert report.count(Outcome.created) == 3


def test_a_single_name_column_with_capitals_gives_first_and_last_name():
    import_file("contacts_bom_comma.csv")
    jan = _member("jan.janssens@metaaldesmet.be")
    assert (jan["first_name"], jan["last_name"]) == ("Jan", "Janssens")
    sofie = _member("sofie@vdbroeck-advies.be")
    assert (sofie["first_name"], sofie["last_name"]) == ("Sofie", "Van den Broeck")


def test_the_same_person_twice_in_one_file_is_created_once():
    for dry_run in (True, False):
        report = import_file("crm_export_cp1252.csv", dry_run=dry_run)
        assert _row(report, 10).outcome == Outcome.skipped
        assert _row(report, 10).reasons[0].message == "the same person as row 2 of this file"


def test_a_control_character_in_the_first_name_column_names_the_first_name():
    mapping = {"Voornaam": "first_name", "Naam": "name", "E-mail": "email"}
    row = {"Voornaam": "\u202eAn", "Naam": "Peeters", "E-mail": "an@x.be"}
    report = run(import_rows([(2, row)], mapping))
    assert [p.field for p in report.problems] == ["first_name"]


def test_a_row_with_cells_beyond_the_named_columns_is_rejected_naming_them():
    table = read_file(csv_bytes("Naam,Voornaam,E-mail", "C,D,c@x.be,extra,more", "E,F,e@x.be"))
    report = run(
        import_rows(table.rows, detect_mapping(table.headers), extra_cells=table.extra_cells)
    )
    assert report.counts["rejected"] == 1 and report.counts["created"] == 1
    (problem,) = report.problems
    assert problem.row == 2 and "'extra', 'more'" in problem.message
    assert run(Member.count()) == 1


def test_kring_s_own_export_is_read_back_unchanged():
    org = factories.organisation()
    factories.member(org, email="terug@x.be", met_via=MetVia.in_person)
    factories.member(org, email="onbekend@x.be")  # met_via unknown
    table = read_file(run(export_file("members", "csv", None)))
    report = run(import_rows(table.rows, detect_mapping(table.headers)))
    assert report.counts == {"created": 0, "updated": 0, "skipped": 2, "rejected": 0}
    assert _member("terug@x.be")["met_via"] == MetVia.in_person


def test_a_stored_met_via_value_is_read_as_that_value():
    mapping = {"first_name": "first_name", "last_name": "last_name", "met_via": "met_via"}
    row = {"first_name": "An", "last_name": "Peeters", "met_via": "in_person"}
    run(import_rows([(2, row)], mapping))
    assert run(Member.select(Member.met_via).first())["met_via"] == MetVia.in_person
