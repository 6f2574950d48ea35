"""The canary scan with controls (issue #10): before erasure every canary of a person is found
(in the database, exports of every format, generated files, logs) — which proves the scanner
looks in the right places; after erasure and the retention job none is found except what the
allow-list names, and another member's canaries are all still there. Runs on both databases."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from kring.choices import Role
from kring.declarations import REGISTER, Erase
from privacy.erasure import erase_member
from privacy.retention import apply as retention_job
from tests import factories
from tests.conftest import ON_POSTGRES, run
from tests.events.helpers import principal
from tests.privacy.canary import (
    LogCapture,
    canary_person,
    haystacks,
    schema_linked_tables,
    where_found,
)
from tests.privacy.people import FACTORIES, MADE_BY_ERASURE, SCHEMA_LINKED_FACTORIES

ALLOWED = {
    ("member", "first_name"): "erasure keeps the names, marked erased (declared Erase.keep)",
    ("member", "last_name"): "erasure keeps the names, marked erased (declared Erase.keep)",
    ("suppression", "first_name"): "the suppression record: never contact or import them again",
    ("suppression", "last_name"): "the suppression record: never contact or import them again",
}
"""(table, column): reason. Only these may hold an erased person's canary in the database."""

SHOWS_KEPT_DATA = {
    "file:sqlite": "the database file holds the allowed columns above",
    "access:{id}.json": "the access export shows what is kept of the person",
    "access:{id}.html": "the officer's page of that export",
}
"""Outputs where an allowed value (only those) may still appear after erasure."""


@pytest.fixture
def logs() -> Iterator[LogCapture]:
    capture = LogCapture()
    root = logging.getLogger()
    level = root.level
    root.addHandler(capture)
    root.setLevel(logging.INFO)
    try:
        yield capture
    finally:
        root.removeHandler(capture)
        root.setLevel(level)


def test_every_member_linked_table_in_the_schema_has_a_factory():
    linked = schema_linked_tables()
    assert {"member", "registration", "who_to_meet_mail", "export_log"} <= linked
    factories = set(FACTORIES) | set(SCHEMA_LINKED_FACTORIES)
    assert linked - factories - set(MADE_BY_ERASURE) == set()


def test_the_allow_list_only_names_columns_erasure_declares_kept():
    for table, column in ALLOWED:
        assert REGISTER.personal[table].columns[column] in (Erase.keep, Erase.legal_hold)


def _allowed(source: str, label: str, member_id: int, allowed_labels: set[str]) -> bool:
    if source.startswith("db:"):
        table, column = source[3:].split(".", 1)
        return (table, column) in ALLOWED
    kept = {s.format(id=member_id) for s in SHOWS_KEPT_DATA}
    return source in kept and label in allowed_labels


def test_canaries_are_found_before_and_only_allowed_ones_survive_erasure(client, logs):
    person = run(canary_person())
    other = run(canary_person())
    admin = principal(factories.account(Role.admin))
    officer = factories.account(Role.privacy_officer)
    factories.log_in(client, officer.email)
    members = [person.member_id, other.member_id]

    before = where_found(person.canaries, run(haystacks(admin, members, client, logs)))
    assert {label for label, sources in before.items() if not sources} == set()
    # Each kind of output was really read: it shows the person before erasure.
    sources = set().union(*before.values())
    for kind in (
        f"access:{person.member_id}.json",
        f"access:{person.member_id}.html",
        "members.csv",
        "members.xlsx",
    ):
        assert kind in sources, kind
    for fmt in ("csv", "xlsx", "pdf", "html"):
        assert any(s.startswith("event:") and s.endswith(f".full.{fmt}") for s in sources), fmt
    assert "file:sqlite" in sources or ON_POSTGRES
    hashed = where_found(person.hashed, run(haystacks(admin, members, client, logs)))
    assert hashed and not any(hashed.values())

    run(erase_member(person.member_id))
    run(retention_job())

    after = where_found(person.canaries, run(haystacks(admin, members, client, logs)))
    allowed_labels = {
        label for label, found in after.items() if any(_allowed(s, label, 0, set()) for s in found)
    }
    leaks = {
        label: sorted(s for s in found if not _allowed(s, label, person.member_id, allowed_labels))
        for label, found in after.items()
    }
    assert {label: s for label, s in leaks.items() if s} == {}
    assert allowed_labels == {"first_name", "last_name"}

    still = where_found(other.canaries, run(haystacks(admin, members, client, logs)))
    assert {label for label, found in still.items() if not found} == set()
    assert {s for found in still.values() for s in found} >= {"members.csv", "members.xlsx"}
