"""Carry the award dossiers the privacy module kept before the awards app existed into it.

Each distinct award name becomes a decided edition (decided when its last dossier or juror
agreement came in, so the five years of retention run as they did), each dossier a submitted
candidacy (title, and the text as its summary), each juror agreement a juror who agreed. The
privacy app's next migration drops the old tables; this one runs first (its dependency).
Raw SQL: the tables as they are at this point, whatever the classes become later.
"""

from datetime import datetime

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine
from piccolo.querystring import QueryString

ID = "2026-12-03T16:59:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Carry the privacy module's award dossiers into the awards app"


async def _old_tables_exist() -> bool:
    engine = engine_finder()
    if isinstance(engine, PostgresEngine):
        found = await engine.run_querystring(
            QueryString("SELECT to_regclass('award_dossier') IS NOT NULL AS found")
        )
        return bool(found[0]["found"])
    found = await engine.run_querystring(
        QueryString(
            "SELECT count(*) AS found FROM sqlite_master "
            "WHERE type = 'table' AND name = 'award_dossier'"
        )
    )
    return bool(found[0]["found"])


def _moment(value):
    """SQLite may hand back the stored text rather than a datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


async def _one(sql: str, *values):
    rows = await engine_finder().run_querystring(QueryString(sql, *values))
    return rows[0] if rows else None


async def carry_over() -> None:
    if not await _old_tables_exist():
        return  # a new database: the privacy app has not made the old tables yet
    engine = engine_finder()
    dossiers = await engine.run_querystring(
        QueryString(
            "SELECT d.id, d.member, d.award, d.title, d.body, d.submitted_at, m.organisation "
            "FROM award_dossier d LEFT JOIN member m ON m.id = d.member ORDER BY d.id"
        )
    )
    agreements = await engine.run_querystring(
        QueryString("SELECT account, award, signed_at FROM juror_agreement ORDER BY id")
    )
    moments: dict[str, list] = {}
    for row in dossiers:
        moments.setdefault(row["award"], []).append(_moment(row["submitted_at"]))
    for row in agreements:
        moments.setdefault(row["award"], []).append(_moment(row["signed_at"]))
    editions: dict[str, int] = {}
    for name, times in sorted(moments.items()):
        first, last = min(times), max(times)
        made = await _one(
            "INSERT INTO award_edition (name, year, state, submission_deadline, jury_deadline, "
            "decided_at, created_at) VALUES ({}, {}, 'decided', {}, {}, {}, {}) RETURNING id",
            name,
            first.year,
            last,
            last,
            last,
            first,
        )
        editions[name] = made["id"]
    for row in dossiers:
        await engine.run_querystring(
            QueryString(
                "INSERT INTO award_candidacy (edition, category, member, organisation, title, "
                "summary, state, created_at, updated_at, submitted_at) "
                "VALUES ({}, NULL, {}, {}, {}, {}, 'submitted', {}, {}, {})",
                editions[row["award"]],
                row["member"],
                row["organisation"],
                row["title"],
                row["body"],
                row["submitted_at"],
                row["submitted_at"],
                row["submitted_at"],
            )
        )
    for row in agreements:
        await engine.run_querystring(
            QueryString(
                "INSERT INTO award_juror (edition, account, appointed_at, agreed_at) "
                "VALUES ({}, {}, {}, {})",
                editions[row["award"]],
                row["account"],
                row["signed_at"],
                row["signed_at"],
            )
        )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="awards", description=DESCRIPTION)
    manager.add_raw(carry_over)
    return manager
