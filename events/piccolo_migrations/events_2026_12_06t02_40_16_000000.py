"""One owed mail per registration and kind while it is unsent: the index that makes owing it
twice impossible (a partial index, so the same kind can be owed again after it went).

Piccolo runs raw steps before the tables a migration adds, hence a migration of its own.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T02:40:16:000000"
VERSION = "1.38.0"
DESCRIPTION = "one unsent mail per registration and kind"

INDEXES = {
    "event_mail_unsent_unique": "ON event_mail (registration, kind) WHERE done_at IS NULL",
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="events", description=DESCRIPTION)

    async def create_indexes():
        for name, target in INDEXES.items():
            await engine_finder().run_ddl(f"CREATE UNIQUE INDEX IF NOT EXISTS {name} {target}")

    async def drop_indexes():
        for name in INDEXES:
            await engine_finder().run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
