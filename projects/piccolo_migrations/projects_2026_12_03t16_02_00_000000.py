"""One participation per member and project: the unique index two invitations race on.

A raw index works the same on SQLite and PostgreSQL (as events' who-to-meet index).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T16:02:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "one participation per member and project"

INDEXES = {
    "project_participant_member_unique": "ON project_participant (project, member)",
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="projects", description=DESCRIPTION)

    async def create_indexes():
        for name, target in INDEXES.items():
            await engine_finder().run_ddl(f"CREATE UNIQUE INDEX IF NOT EXISTS {name} {target}")

    async def drop_indexes():
        for name in INDEXES:
            await engine_finder().run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
