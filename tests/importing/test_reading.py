import io

import pytest
from openpyxl import Workbook

from kring.validation import FieldError
from members.importing.columns import detect_mapping, parse_mapping
from members.importing.rows import read_file
from tests.importing.helpers import DATA, csv_bytes


def test_cp1252_file_with_semicolons_is_read_with_its_accents():
    table = read_file((DATA / "crm_export_cp1252.csv").read_bytes())
    assert table.encoding == "cp1252"
    assert table.headers[:3] == ["Naam", "Voornaam", "E-mail"]
    assert table.rows[0][1]["Voornaam"] == "Frédéric"


def test_bom_and_commas_are_read_and_quoted_commas_kept():
    table = read_file((DATA / "contacts_bom_comma.csv").read_bytes())
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Full name"
    assert table.rows[1][1]["Full name"] == "Van den Broeck, Sofie"


def test_empty_lines_are_left_out_and_row_numbers_are_the_files():
    table = read_file(csv_bytes("Naam;Voornaam", "", "Peeters;An", ";", "Claes;Jef"))
    assert [number for number, _ in table.rows] == [3, 5]


def test_dutch_headers_are_detected():
    headers = ["Naam", "Voornaam", "E-mail", "GSM", "Bedrijf", "BTW", "Adres", "Website",
               "Hoe leerden we kennen?", "Opmerkingen"]  # fmt: skip
    assert detect_mapping(headers) == {
        "Naam": "name",
        "Voornaam": "first_name",
        "E-mail": "email",
        "GSM": "phone",
        "Bedrijf": "company",
        "BTW": "enterprise_number",
        "Adres": "address",
        "Website": "website",
        "Hoe leerden we kennen?": "met_via",
        "Opmerkingen": "notes",
    }


def test_explicit_mapping_names_an_unknown_column():
    with pytest.raises(FieldError) as error:
        parse_mapping(["Fax=phone"], ["Naam", "Tel"])
    assert error.value.field == "map" and "Fax" in error.value.message


def test_xlsx_formulas_are_read_as_their_text_and_flagged():
    table = read_file((DATA / "leden.xlsx").read_bytes(), "leden.xlsx")
    assert table.rows[0][1]["Opmerkingen"] == "=1+1"
    assert (5, "Achternaam") in table.formulas


def test_csv_formula_cells_are_flagged_not_evaluated():
    table = read_file(csv_bytes("Naam;Opmerkingen", "Peeters;=1+1"))
    assert table.rows[0][1]["Opmerkingen"] == "=1+1"
    assert table.formulas == [(2, "Opmerkingen")]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"PK\x03\x04not really a zip", "Excel"),
        (b"\xff\xfe\x00\x00binary\x00\x00", "not a text file"),
    ],
)
def test_unreadable_files_name_the_file_field(data, words):
    with pytest.raises(FieldError) as error:
        read_file(data, "upload.csv")
    assert error.value.field == "file" and words in error.value.message


def test_xlsx_numbers_become_text_without_decimals():
    workbook = Workbook()
    workbook.active.append(["Naam", "Tel"])
    workbook.active.append(["Peeters", 32478112233])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_file(buffer.getvalue()).rows[0][1]["Tel"] == "32478112233"


def test_a_utf8_file_with_a_windows_1252_line_is_refused_naming_the_line():
    data = "Voornaam;Naam;E-mail\nÉlise;Dû;x@probe.be\n".encode() + (
        "Zoë;Müller;y@probe.be\n".encode("cp1252")
    )
    with pytest.raises(FieldError) as error:
        read_file(data, "gemengd.csv")
    assert error.value.field == "file"
    assert "line 3 is not UTF-8" in error.value.message


def test_a_wholly_windows_1252_file_is_still_read():
    table = read_file(csv_bytes("Voornaam;Naam", "Élise;Dû", "Zoë;Müller", encoding="cp1252"))
    assert table.encoding == "cp1252"
    assert [row["Voornaam"] for _, row in table.rows] == ["Élise", "Zoë"]


def test_an_unterminated_quote_is_reported_with_the_line_it_opens_on():
    data = csv_bytes("Naam,Voornaam,E-mail", "A,B,a@x.be", '"C,D,c@x.be', "E,F,e@x.be")
    with pytest.raises(FieldError) as error:
        read_file(data)
    assert error.value.message == "unterminated quote starting at line 3"


def test_a_closed_quote_over_several_lines_in_the_last_row_is_read():
    table = read_file(csv_bytes("Naam,Adres", 'A,"Straat 1', '9000 Gent"'))
    assert table.rows[0][1]["Adres"] == "Straat 1\r\n9000 Gent"


def test_an_endless_cell_names_its_line_not_the_csv_modules_words():
    data = csv_bytes("Naam,Voornaam", "A,B", '"C,D', *(["x" * 1000] * 200))
    with pytest.raises(FieldError) as error:
        read_file(data)
    assert error.value.params["line"] == 3
    assert "field limit" not in error.value.message


def test_a_broken_workbook_is_described_without_the_zip_modules_words():
    with pytest.raises(FieldError) as error:
        read_file(b"PK\x03\x04broken", "leden.xlsx")
    assert "zip" not in error.value.message and not error.value.params


def test_filled_cells_beyond_the_header_are_kept_per_row_and_empty_ones_ignored():
    table = read_file(csv_bytes("Naam,Voornaam,E-mail", "C,D,c@x.be,extra,more", "E,F,e@x.be,,"))
    assert table.extra_cells == {2: ["extra", "more"]}
