from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T14:54:10:315249"
VERSION = "1.38.0"
DESCRIPTION = "one login row per member and month"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="privacy", description=DESCRIPTION)

    async def unique_login_month():
        await engine_finder().run_ddl(
            "CREATE UNIQUE INDEX IF NOT EXISTS login_month_member_month "
            "ON login_month (member, month)"
        )

    manager.add_raw(unique_login_month)

    return manager
