"""An export reads back as it was: `kring import export members` escapes the cells a
spreadsheet would run as formulas with a leading apostrophe, and `kring import members` takes
exactly that apostrophe off again (`kring.spreadsheets.unescaped_cell`); it kept it, so
`=HYPERLINK(…)` came back as `'=HYPERLINK(…)`. A name that really starts with an apostrophe
(`'t Hof`) stays. The import flags as formulas the cells the export escapes (= + - @), a phone
number or a name with a hyphen aside; it flagged only `=`."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from assembly.cli import main
from kring.schema import delete_all_rows
from kring.tables import Member
from members.importing.rows import read_file
from tests import factories
from tests.conftest import run

HEADER = ["Voornaam", "Achternaam", "E-mail", "Telefoon", "Bedrijf", "Functie", "Adres"]
HOSTILE = [
    ['=HYPERLINK("http://evil")', "Peeters", "an@peeters.be", "+32 9 264 12 34", "+cmd|calc",
     "@SUM(1)", "@Gent"],
    ["-2+3", "'t Hof", "jan@hof.be", "", "'t Hofje", "Jean-Pierre's rechterhand", ""],
]  # fmt: skip
# A text that starts with an apostrophe and a formula character (`'=1`) leaves as `''=1`.
STORED = {
    "an@peeters.be": ('=HYPERLINK("http://evil")', "Peeters", "+3292641234", "+cmd|calc",
                      "@SUM(1)", "@Gent"),
    "jan@hof.be": ("-2+3", "'t Hof", "", "'t Hofje", "Jean-Pierre's rechterhand", ""),
    "els@smet.be": ("'=1", "Smet", "+3292641234", None, "kwaliteitsmanager", "'+Kerkstraat 1"),
}  # fmt: skip


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _members() -> dict[str, tuple[str, ...]]:
    rows = run(
        Member.select(
            Member.email,
            Member.first_name,
            Member.last_name,
            Member.phone,
            Member.organisation.name.as_alias("organisation"),
            Member.job_title,
            Member.address,
        )
    )
    return {row.pop("email"): tuple(row.values()) for row in rows}


def _import(path: str) -> str:
    answer = CliRunner().invoke(main, ["import", "members", path])
    assert answer.exit_code == 0, answer.output
    return answer.output


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_formula_cells_imports_back_unchanged(tmp_path, fmt):
    source = tmp_path / "crm.csv"
    source.write_bytes(_csv([HEADER, *HOSTILE]))
    _import(str(source))
    factories.member(None, first_name="'=1", last_name="Smet", email="els@smet.be",
                     address="'+Kerkstraat 1")  # fmt: skip
    assert _members() == STORED
    exported = tmp_path / f"exp.{fmt}"
    answer = CliRunner().invoke(main, ["import", "export", "members", "-o", str(exported)])
    assert answer.exit_code == 0, answer.output
    if fmt == "csv":  # the file is escaped for spreadsheets
        assert "'=HYPERLINK" in exported.read_text(encoding="utf-8-sig")
    run(delete_all_rows())  # a fresh database
    _import(str(exported))
    assert _members() == STORED


def test_only_the_exports_apostrophe_is_taken_off():
    rows = [
        ["Voornaam", "Achternaam", "Bedrijf", "E-mail"],
        ["'=1", "'t Hof", "''+x", "an@hof.be"],
        ["'Jan", "O'Brien", "'", "jan@hof.be"],
    ]
    table = read_file(_csv(rows))
    assert [list(row.values()) for _, row in table.rows] == [
        ["=1", "'t Hof", "'+x", "an@hof.be"],
        ["'Jan", "O'Brien", "'", "jan@hof.be"],
    ]


def test_cells_a_spreadsheet_would_run_are_flagged_and_phone_numbers_are_not():
    rows = [
        ["Naam", "Telefoon", "Bedrijf", "Functie"],
        ['=HYPERLINK("http://evil")', "+32 9 264 12 34", "+cmd|calc", "@SUM(1)"],
        ["Jean-Pierre Peeters", "-2+3", "'t Hof", "-"],
        ["An Peeters", "+32 (0)9 123.45.67", "-5", "- hoofd -"],
    ]
    table = read_file(_csv(rows))
    assert table.formulas == [
        (2, "Naam"),
        (2, "Bedrijf"),
        (2, "Functie"),
        (3, "Telefoon"),
        (4, "Functie"),
    ]
