from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T14:57:52:451730"
VERSION = "1.38.0"
DESCRIPTION = "one registration per member and event"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="events", description=DESCRIPTION)

    async def unique_member_registration():
        # Guests have no member (NULL), and NULLs never collide in a unique index.
        await engine_finder().run_ddl(
            "CREATE UNIQUE INDEX IF NOT EXISTS registration_event_member "
            "ON registration (event, member)"
        )

    manager.add_raw(unique_member_registration)

    return manager
