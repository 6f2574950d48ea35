"""An import run no longer records the language its organiser started it in: its report is kept
in Dutch and in English and read in the reader's language, so nothing read that column."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Import runs without the organiser's language"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="members", description=DESCRIPTION)
    manager.drop_column(
        table_class_name="ImportRun",
        tablename="import_run",
        column_name="language",
        db_column_name="language",
        schema=None,
    )
    return manager
