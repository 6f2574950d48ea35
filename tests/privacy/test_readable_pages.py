"""The privacy pages read as sentences in the reader's language: tables and columns by their
labels, placeholders translated, retention said in years; the JSON keeps every key.

Found from outside: "Mijn gegevens" showed ~90 raw column names (opt_out_sharing,
password_hash), table names as captions, English placeholders and
"KRING_ACCOUNTING_RETENTION_YEARS na de factuurdatum"; the audit trail showed `*` and raw table
names and ignored filters it could not read; the register's JSON link answered 401.
"""

import json
from datetime import date

from babel.messages.pofile import read_po

from kring.choices import Role
from kring.declarations import REGISTER
from kring.i18n import gettext_for
from kring.settings import get_settings
from kring.table_labels import (
    COLUMN_LABELS,
    NOT_ON_THE_PAGE,
    TABLE_COLUMN_LABELS,
    TABLE_LABELS,
    table_label,
)
from kring.tables import Invoice
from privacy.access import OTHERS_WITHHELD
from privacy.serialise import WITHHELD
from tests import factories
from tests.conftest import run
from tests.privacy.test_access_answer import _other_member, _printable, _shared_history

DUTCH = {"accept": "text/html", "accept-language": "nl"}


def test_every_column_of_every_declared_table_has_a_label_in_dutch():
    """A new column (or table) cannot appear raw on the access page or the audit trail."""
    unlabelled = sorted(
        f"{name}.{column._meta.name}"
        for name, declaration in REGISTER.personal.items()
        for column in declaration.table._meta.columns
        if column._meta.name not in NOT_ON_THE_PAGE
        and (name, column._meta.name) not in TABLE_COLUMN_LABELS
        and column._meta.name not in COLUMN_LABELS
    )
    assert len(REGISTER.personal) > 30  # the declarations are loaded
    assert unlabelled == []
    declared = {*REGISTER.personal, *REGISTER.not_personal}
    assert sorted(declared - TABLE_LABELS.keys()) == []
    with open("kring/locale/nl/LC_MESSAGES/messages.po", "rb") as handle:
        dutch = {m.id: m.string for m in read_po(handle, locale="nl") if m.string}
    labels = {*TABLE_LABELS.values(), *COLUMN_LABELS.values(), *TABLE_COLUMN_LABELS.values()}
    assert sorted(label for label in labels if label not in dutch) == []


def test_the_audit_trail_keeps_a_notes_after_the_label():
    dutch = gettext_for("nl")
    assert table_label("member (import)", dutch) == "Profiel (import)"
    assert table_label("member (merged #12)", dutch) == "Profiel (samengevoegd met lid 12)"
    assert table_label("*", dutch) == "Alle gegevens"


def test_my_data_page_reads_in_dutch_and_the_json_keeps_every_field(client):
    alice = factories.account(Role.member)
    bea = _other_member()
    _shared_history(alice.member_id, bea)
    run(Invoice.insert(Invoice(number="2026-001", member=alice.member_id, amount=120)))
    page = _printable(client, alice.email)
    for raw in (
        "opt_out_sharing",
        "password_hash",
        "search_name",
        "idempotency_key",
        "created_at",
        "<th>member</th>",
        "<dt>member</dt>",
        "KRING_",
        "[withheld",
    ):
        assert raw not in page, raw
    assert "<h2>Profiel</h2>" in page and "<h2>Introducties</h2>" in page
    assert "<dt>Mijn naam niet delen voor introducties</dt>" in page  # one row: a summary list
    assert "<dt>Wachtwoord (onleesbaar bewaard)</dt>" in page
    assert "<th>Lidnummer</th>" in page  # several rows: a table
    assert "[niet getoond: een wachtwoord of sleutel]" in page
    assert "[niet getoond: gegevens van iemand anders]" in page
    years = get_settings().accounting_retention_years
    assert f"{years} jaar na de factuurdatum" in page
    # The machine-readable answer keeps every column, its keys and English placeholders.
    export = client.post(
        "/api/privacy/me/export", json={"password": factories.PASSWORD}, headers=alice.headers
    ).json()
    tables = export["tables"]
    (profile,) = tables["member"]["rows"]
    assert {"search_name", "opt_out_sharing", "created_at"} <= profile.keys()
    assert tables["account"]["rows"][0]["password_hash"] == WITHHELD
    assert "idempotency_key" in tables["introduction"]["rows"][0]
    assert tables["introduction"]["rows"][0]["decline_reason"] == OTHERS_WITHHELD
    assert tables["invoice"]["retention"] == f"{years} years after the invoice date"
    for name, declaration in REGISTER.personal.items():
        for row in tables.get(name, {}).get("rows", []):
            assert set(row) == {c._meta.name for c in declaration.table._meta.columns}, name


def test_the_officers_answer_page_is_labelled_too(client):
    officer = factories.account(Role.privacy_officer)
    alice = factories.account(Role.member)
    recorded = client.post(
        "/api/privacy/access-requests",
        json={"member_id": alice.member_id, "channel": "email", "identity_checked": True},
        headers=officer.headers,
    )
    assert recorded.status_code == 201, recorded.text
    factories.log_in(client, officer.email)
    page = client.get(f"/privacy/desk/access/{recorded.json()['id']}", headers=DUTCH)
    assert page.status_code == 200, page.text
    assert "<h2>Profiel</h2>" in page.text and "opt_out_sharing" not in page.text


def test_the_audit_trail_shows_labels_and_refuses_filters_it_cannot_read(client):
    officer = factories.account(Role.privacy_officer)
    alice = factories.account(Role.member)
    factories.log_in(client, officer.email)
    assert client.get(f"/privacy/desk/members/{alice.member_id}").status_code == 200  # audits *
    page = client.get("/privacy/desk/audit", headers=DUTCH)
    assert page.status_code == 200
    table_cell = '<td class="cell-line" data-label="Tabel">'  # its label shows on a phone
    assert f"{table_cell}Alle gegevens</td>" in page.text and f"{table_cell}*</td>" not in page.text
    for query, named in [
        ("account=abc", "Onbekende parameter «account»"),  # no filter of the trail
        ("since=bogus", "Sinds"),
        ("until=2026-13-01", "Voor"),  # each named as its label on the page names it
        ("table=nope", "Tabel"),
        ("member=-1", "Persoon"),
        ("actor=abc", "Gedaan door"),
    ]:
        refused = client.get(f"/privacy/desk/audit?{query}", headers=DUTCH)
        assert refused.status_code == 400, query
        assert f"{named}:" in refused.text, (query, refused.text[-1500:])
    today = date.today().isoformat()
    found = client.get(f"/privacy/desk/audit?since={today}&table=*", headers=DUTCH)
    assert found.status_code == 200 and f"{table_cell}Alle gegevens</td>" in found.text
    later = client.get("/privacy/desk/audit?since=2999-01-01", headers=DUTCH)
    assert later.status_code == 200 and "Alle gegevens</td>" not in later.text


def test_the_officer_downloads_the_register_from_the_page(client):
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/register", headers=DUTCH)
    assert 'href="/privacy/desk/register.json"' in page.text
    assert "/api/privacy/register" not in page.text
    download = client.get("/privacy/desk/register.json")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    api = client.get("/api/privacy/register", headers=officer.headers).json()
    assert json.loads(download.text) == api
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    assert client.get("/privacy/desk/register.json").status_code == 403


def test_the_officers_desk_pages_name_no_table_by_its_key(client):
    """Found from outside: the register showed access_request, api_token… beside the labels on
    the Dutch page. The JSON download keeps the keys; the pages show the labels only."""
    import re

    from tests.web.language import visible_text

    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    keys = sorted((k for k in TABLE_LABELS if "_" in k), key=len, reverse=True)
    key = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, keys)) + r")(?![\w-])")
    for path in ("register", "processors", "rights", "audit"):
        page = client.get(f"/privacy/desk/{path}", headers=DUTCH)
        assert page.status_code == 200
        assert key.findall(visible_text(page.text)) == [], path
    register = client.get("/privacy/desk/register", headers=DUTCH).text
    named = table_label("access_request", gettext_for("nl"))
    assert f'<td data-label="Tabel">{named}</td>' in register
