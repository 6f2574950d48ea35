"""Bring a database up to date with every app's migrations, on SQLite or PostgreSQL."""

from __future__ import annotations

from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.engine import engine_finder

from kring.database import is_postgres

RENAMED_APPS = {"matching": "introductions"}
"""Apps whose migrations moved to a package of another name (old → new). Piccolo keeps which
migrations ran by app name, so a database made before the move would otherwise run them again
and fail on tables it already has."""


class MigrationError(RuntimeError):
    """A migration did not apply; the database is left at the last migration that did."""


async def rename_apps() -> None:
    if not await Migration.table_exists():
        return
    for old, new in RENAMED_APPS.items():
        await Migration.update({Migration.app_name: new}).where(Migration.app_name == old)


async def migrate() -> None:
    engine = engine_finder()
    if engine is not None and not is_postgres(engine):
        # WAL lets readers go on while one writer commits; app and worker share the file.
        await engine.run_ddl("PRAGMA journal_mode=WAL;")
    await rename_apps()
    result = await run_forwards(app_name="all")
    if not result.success:
        raise MigrationError(result.message)


async def pending_migrations() -> list[str]:
    """Every migration of every app that this database has not applied (`app:id`), read from
    Piccolo's migration table without creating it: `kring serve` and `kring worker` refuse to
    start on such a database, whose queries would fail on a missing table or column."""
    finder = BaseMigrationManager()
    applied: set[tuple[str, str]] = set()
    if await Migration.table_exists():
        rows = await Migration.select(Migration.app_name, Migration.name)
        applied = {(row["app_name"], row["name"]) for row in rows}
    pending = []
    for module in finder.get_app_modules():
        config = module.APP_CONFIG
        modules = finder.get_migration_modules(config.resolved_migrations_folder_path)
        pending += [
            f"{config.app_name}:{migration_id}"
            for migration_id in finder.get_migration_ids(modules)
            if (config.app_name, migration_id) not in applied
        ]
    return pending
