"""The award dossiers the privacy module kept before the awards app are carried into it by
the awards migration: one decided edition per award name, dossiers as submitted candidacies,
juror agreements as jurors who agreed. Runs the migration's step on old tables made here."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime

from piccolo.engine import engine_finder
from piccolo.querystring import QueryString

from awards.tables import Candidacy, Edition, Juror
from kring.choices import Role
from tests import factories
from tests.conftest import ON_POSTGRES, run

MIGRATION = importlib.import_module("awards.piccolo_migrations.awards_2026_12_03t16_59_00_000000")
SERIAL = "SERIAL PRIMARY KEY" if ON_POSTGRES else "INTEGER PRIMARY KEY AUTOINCREMENT"
MOMENT = "TIMESTAMPTZ"


async def _sql(sql: str, *values) -> None:
    await engine_finder().run_querystring(QueryString(sql, *values))


async def _old_tables(member_id: int, loose_member_id: int, account_id: int) -> None:
    await _sql(
        f"CREATE TABLE award_dossier (id {SERIAL}, member INTEGER, award VARCHAR(100), "
        f"title VARCHAR(200), body TEXT, submitted_at {MOMENT})"
    )
    await _sql(
        f"CREATE TABLE juror_agreement (id {SERIAL}, account INTEGER, award VARCHAR(100), "
        f"signed_at {MOMENT})"
    )
    first, last = datetime(2019, 3, 1, 10, tzinfo=UTC), datetime(2019, 4, 2, 10, tzinfo=UTC)
    await _sql(
        "INSERT INTO award_dossier (member, award, title, body, submitted_at) "
        "VALUES ({}, 'K2 2019', 'Veilig werken', 'Ons verhaal', {}), "
        "({}, 'K2 2019', 'Zonder organisatie', 'x', {})",
        member_id,
        first,
        loose_member_id,
        last,
    )
    await _sql(
        "INSERT INTO juror_agreement (account, award, signed_at) VALUES ({}, 'K2 2019', {})",
        account_id,
        last,
    )


def test_old_dossiers_become_a_decided_edition_with_candidacies_and_jurors():
    organisation = factories.organisation()
    member_id = factories.member(organisation)
    loose_member_id = factories.member(None)
    juror = factories.account(Role.member)
    run(_old_tables(member_id, loose_member_id, juror.account_id))
    try:
        run(MIGRATION.carry_over())
    finally:
        run(_sql("DROP TABLE award_dossier"))
        run(_sql("DROP TABLE juror_agreement"))
    (edition,) = run(Edition.select())
    assert (edition["name"], edition["year"], edition["state"]) == ("K2 2019", 2019, "decided")
    assert edition["decided_at"] == datetime(2019, 4, 2, 10, tzinfo=UTC)
    rows = run(Candidacy.select().order_by(Candidacy.id))
    assert [
        (r["member"], r["organisation"], r["title"], r["summary"], r["state"]) for r in rows
    ] == [
        (member_id, organisation, "Veilig werken", "Ons verhaal", "submitted"),
        (loose_member_id, None, "Zonder organisatie", "x", "submitted"),
    ]
    (seat,) = run(Juror.select())
    assert seat["account"] == juror.account_id and seat["agreed_at"] is not None


def test_a_new_database_has_nothing_to_carry():
    run(MIGRATION.carry_over())
    assert run(Edition.count()) == 0
