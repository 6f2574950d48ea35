"""A processor's key is unique: an index, since SQLite cannot add a UNIQUE column (and Piccolo
runs raw steps before the added columns, hence a migration of its own)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T17:30:05:000000"
VERSION = "1.38.0"
DESCRIPTION = "Unique processor keys"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="privacy", description=DESCRIPTION)

    async def create() -> None:
        await engine_finder().run_ddl(
            "CREATE UNIQUE INDEX processor_key_unique ON processor (key)"
        )

    async def drop() -> None:
        await engine_finder().run_ddl("DROP INDEX processor_key_unique")

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
