"""Piccolo Admin mirror users no longer keep the admin's e-mail address: earlier mirrors got the
address that names nobody (kring.admin_site.mirror_email). The user table belongs to Piccolo's
user app, which migrates after this one: on a new database it does not exist yet, and there
is nothing to rewrite."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.querystring import QueryString

from kring.database import is_postgres

ID = "2026-11-25T21:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Mirror users without the admin's e-mail"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="kring", description=DESCRIPTION)

    async def rewrite() -> None:
        engine = engine_finder()
        probe = (
            "SELECT tablename FROM pg_tables WHERE tablename = 'piccolo_user'"
            if is_postgres(engine)
            else "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'piccolo_user'"
        )
        if await engine.run_querystring(QueryString(probe)):
            await engine.run_ddl(
                "UPDATE piccolo_user SET email = username || '@mirror.kring.invalid' "
                "WHERE username LIKE 'kring-admin-%'"
            )

    manager.add_raw(rewrite)
    return manager
