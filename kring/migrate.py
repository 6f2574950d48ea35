"""Bring a database up to date with every app's migrations, on SQLite or PostgreSQL."""

from __future__ import annotations

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.engine import engine_finder

from kring.database import is_postgres


class MigrationError(RuntimeError):
    """A migration did not apply; the database is left at the last migration that did."""


async def migrate() -> None:
    engine = engine_finder()
    if engine is not None and not is_postgres(engine):
        # WAL lets readers go on while one writer commits; app and worker share the file.
        await engine.run_ddl("PRAGMA journal_mode=WAL;")
    result = await run_forwards(app_name="all")
    if not result.success:
        raise MigrationError(result.message)
