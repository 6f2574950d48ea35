"""The audit trail says when in words, as every page writes moments (babel's medium date to the
minute, "19 dec 2026, 07:01", in Brussels time and the reader's language), never "19/12/2026,
07:01"."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE
from privacy.audit import Action
from privacy.tables import AuditEntry
from tests import factories
from tests.conftest import run

NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def test_an_audit_entry_reads_its_moment_in_words_in_both_languages(client):
    officer = factories.account(Role.privacy_officer)
    member_id = factories.member(factories.organisation())
    at = datetime(2026, 12, 19, 6, 1, tzinfo=UTC)  # 07:01 in Brussels (winter time)
    entry = AuditEntry(
        actor=officer.account_id, member=member_id, action=Action.viewed, table_name="member", at=at
    )
    run(AuditEntry.insert(entry))
    factories.log_in(client, officer.email)
    page = client.get("/privacy/desk/audit").text
    assert "<td>19 dec 2026, 07:01</td>" in page
    assert NUMERIC_DATE.search(page) is None
    client.cookies.set(LANGUAGE_COOKIE, "en")
    page = client.get("/privacy/desk/audit").text
    assert "<td>19 Dec 2026, 07:01</td>" in page
    assert NUMERIC_DATE.search(page) is None
