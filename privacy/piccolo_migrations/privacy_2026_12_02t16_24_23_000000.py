"""Codes of requests recorded before the queue were mailed when they were recorded.

Piccolo runs a migration's raw steps before its new columns, so this backfill of the column
added just before is a migration of its own.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-02T16:24:23:000000"
VERSION = "1.38.0"
DESCRIPTION = "codes recorded before the queue count as sent"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="privacy", description=DESCRIPTION)

    async def codes_already_sent():
        await engine_finder().run_ddl(
            "UPDATE request_verification SET code_sent_at = created_at WHERE code_sent_at IS NULL"
        )

    manager.add_raw(codes_already_sent)
    return manager
