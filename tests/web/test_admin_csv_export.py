"""Beheer's (Piccolo Admin's) 'Exporteren als CSV' wrote a cell as it was stored: a member
named `=HYPERLINK("http://…","klik")`, as an old CRM export brings in (the import reads it as
text), became a formula the moment a spreadsheet opened the staff's download, where Kring's own
exports put an apostrophe before it (`kring.spreadsheets.safe_cell`). Piccolo Admin builds that
file in the browser, so Kring's admin script escapes its cells by the same rule. Read back with
Python's csv module, as another program would."""

from __future__ import annotations

import csv
import io

import pytest

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import run, same_on_every_database
from tests.web.helpers import log_in

pytestmark = [pytest.mark.browser, same_on_every_database]

FORMULA = '=HYPERLINK("http://voorbeeld.invalid/?q=1","klik")'


@pytest.mark.parametrize("delimiter", ["comma", "semicolon"])
def test_beheers_csv_export_escapes_formulas(browser, live_server, delimiter):
    admin = factories.account(Role.admin)
    factories.member(first_name=FORMULA, last_name="'t Hof", job_title="@SUM(1)")
    page = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900}).new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    page.locator("[data-uitest=csv_button]").click()
    separator = ";" if delimiter == "semicolon" else ","
    page.locator("[data-uitest=csv_modal] select#delimiter").select_option(separator)
    with page.expect_download() as download:
        page.locator("[data-uitest=download_csv_button]").click()
    text = download.value.path().read_text(encoding="utf-8")
    page.context.close()

    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=separator))
    assert len(rows) == 1, text
    row = rows[0]  # its columns by their labels (`test_..._names_its_columns_as_its_pages_do`)
    assert row["Voornaam"] == "'" + FORMULA
    assert row["Functie"] == "'@SUM(1)"
    assert row["Achternaam"] == "'t Hof"  # no formula: as it is
    assert row["Telefoon"].startswith("'+")  # escaped as Kring's own exports do
    unsafe = [v for r in rows for v in r.values() if v and v[0] in "=+-@\t\r"]
    assert unsafe == [], unsafe


MEMBER_KEYS = {"id", "first_name", "last_name", "organisation", "phone", "email", "status"}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            ["Lidnummer", "Voornaam", "Achternaam", "Nummer van de organisatie (zoals getoond)"],
        ),
        ("en", ["Member number", "First name", "Last name", "Organisation number (as shown)"]),
    ],
)
def test_beheers_csv_export_names_its_columns_as_its_pages_do(
    browser, live_server, language, expected
):
    """Its file's first line named the columns by their database keys (`first_name`,
    `organisation_readable`), where the admin's pages and Kring's own exports name them by
    their labels in the reader's language."""
    admin = factories.account(Role.admin)
    organisation = factories.organisation(name="Verhaeghe NV")
    factories.member(organisation, first_name="Anke")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": live_server}])
    page = context.new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    page.locator("[data-uitest=csv_button]").click()
    with page.expect_download() as download:
        page.locator("[data-uitest=download_csv_button]").click()
    text = download.value.path().read_text(encoding="utf-8")
    context.close()

    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [name for name in expected if name not in header] == [], header
    assert [k for k in header if k in MEMBER_KEYS or k.endswith("_readable")] == [], header
    assert len(header) == len(set(header)) == len(rows[0]), text
    row = dict(zip(header, rows[0], strict=True))
    assert row[expected[1]] == "Anke"
    assert row[expected[3]] == str(organisation)  # as its list shows the reference


def _exports(actor: int) -> list[str]:
    rows = run(
        AuditEntry.select(AuditEntry.table_name).where(
            (AuditEntry.actor == actor) & (AuditEntry.action == "exported")
        )
    )
    return sorted(row["table_name"] for row in rows)


def test_beheers_csv_export_of_personal_data_is_in_the_audit_trail(browser, live_server):
    """Found by the imports probe: the README says every export is audited, but Beheer's CSV
    export of the members (private address included) left no trace. Its read of a whole
    table (pages of 1,000 rows, where its lists show at most 100) is noted as an export; a
    table without personal data, or browsing a list, is not."""
    admin = factories.account(Role.admin)
    factories.member(factories.organisation(), first_name="Anke")
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, admin.email)
    page.goto(live_server + "/admin/#/member", wait_until="networkidle")
    assert _exports(admin.account_id) == []  # a list page is no export
    for table in ("member", "organisation"):
        page = context.new_page()
        page.goto(live_server + f"/admin/#/{table}", wait_until="networkidle")
        page.locator("[data-uitest=csv_button]").click()
        with page.expect_download():
            page.locator("[data-uitest=download_csv_button]").click()
    context.close()
    assert _exports(admin.account_id) == ["member (admin)"]


def test_a_whole_table_read_through_beheers_api_is_audited_however_its_size_is_sent(client):
    """The export's read as another client would send it, a page size given twice included:
    whichever value Piccolo Admin reads, the read is noted."""
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    client.get("/admin/", headers={"accept": "text/html"})
    for query in (
        "__page_size=1000",
        "__page_size=1000&__page_size=5",
        "__page_size=1000&__page=2",
    ):
        client.get(f"/admin/api/tables/member/?{query}", headers={"accept": "application/json"})
    assert _exports(admin.account_id) == ["member (admin)", "member (admin)"]
