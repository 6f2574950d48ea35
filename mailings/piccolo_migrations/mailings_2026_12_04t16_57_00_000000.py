"""One outbox row per mailing and member, one interest signal per member and article: the
unique indexes that queueing twice and two clicks at once race on.

A raw index works the same on SQLite and PostgreSQL (as projects' participation index).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T16:57:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "one outbox row per mailing and member, one click per member and article"

INDEXES = {
    "mailing_recipient_unique": "ON mailing_recipient (mailing, member)",
    "interest_click_unique": "ON interest_click (member, article)",
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="mailings", description=DESCRIPTION)

    async def create_indexes():
        for name, target in INDEXES.items():
            await engine_finder().run_ddl(f"CREATE UNIQUE INDEX IF NOT EXISTS {name} {target}")

    async def drop_indexes():
        for name in INDEXES:
            await engine_finder().run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
