"""A retried request never makes a second introduction: one idempotency key per requester.

A partial unique index (Piccolo can declare neither the WHERE clause nor, on SQLite, the
constraint); both SQLite and PostgreSQL accept the statement as written.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T15:16:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "One idempotency key per requester"

INDEXES = {
    "introduction_idempotency_key_unique": (
        "ON introduction (requester, idempotency_key) WHERE idempotency_key IS NOT NULL"
    ),
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="introductions", description=DESCRIPTION)

    async def create_indexes():
        for name, target in INDEXES.items():
            await engine_finder().run_ddl(f"CREATE UNIQUE INDEX IF NOT EXISTS {name} {target}")

    async def drop_indexes():
        for name in INDEXES:
            await engine_finder().run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
