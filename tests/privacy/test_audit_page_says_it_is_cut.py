"""The audit trail's page says when it shows only the latest entries.

Found from outside: the page lists at most 100 entries, newest first, and said nothing when
there were more, so an unfiltered trail, or a busy person's, looked complete while older
views, exports and erasures were out of sight.
"""

from __future__ import annotations

from kring.choices import Role
from privacy.audit import Action, record_audit
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html", "accept-language": "nl"}


def _entries(member_id: int, count: int) -> None:
    async def write() -> None:
        for _ in range(count):
            await record_audit(None, member_id, Action.viewed, "member")

    run(write())


def test_the_audit_page_says_when_older_entries_are_not_shown(client):
    officer = factories.account(Role.privacy_officer)
    busy = factories.member(factories.organisation())
    quiet = factories.member(factories.organisation())
    _entries(busy, 101)
    _entries(quiet, 100)
    factories.log_in(client, officer.email)
    cut = client.get(f"/privacy/desk/audit?member={busy}", headers=HTML)
    assert cut.status_code == 200
    table = cut.text.split('id="audit"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr><td>") == 100
    assert 'id="audit-cut"' in cut.text
    assert "Alleen de laatste 100 vermeldingen" in cut.text
    whole = client.get(f"/privacy/desk/audit?member={quiet}", headers=HTML)
    assert whole.text.split('id="audit"', 1)[1].count("<tr><td>") == 100
    assert 'id="audit-cut"' not in whole.text


def test_an_audit_filter_that_finds_nothing_says_so(client):
    """It showed the column heads over nothing at all."""
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/audit?since=2999-01-01", headers=HTML)
    assert page.status_code == 200
    assert 'id="audit-none"' in page.text
    assert "Geen vermeldingen voor deze filters." in page.text
