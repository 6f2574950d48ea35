"""One "who to meet" mail per registration: the unique index workers race on.

Piccolo's ON CONFLICT needs a unique index to conflict with; a raw index works the same on
SQLite and PostgreSQL.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T16:12:50:000000"
VERSION = "1.38.0"
DESCRIPTION = "one who-to-meet mail per registration"

INDEXES = {"who_to_meet_mail_registration_unique": "ON who_to_meet_mail (registration)"}


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
