"""One row per owed introduction mail: the unique index that makes owing it twice impossible.

Piccolo runs raw steps before the tables a migration adds, hence a migration of its own.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T21:20:40:000000"
VERSION = "1.38.0"
DESCRIPTION = "one owed mail per introduction and kind"

INDEXES = {"introduction_mail_unique": "ON introduction_mail (introduction, kind)"}


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
