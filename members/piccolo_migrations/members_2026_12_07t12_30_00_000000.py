"""The page's preview runs in the background as the import does: an import run is a preview
or an import (`kind`), and an import names the preview it was started from (`source`)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T12:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Import runs: previews too"


def _params(**params):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    } | params


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="members", description=DESCRIPTION)
    columns = [
        ("kind", "Varchar", Varchar, _params(length=10, default="run")),
        ("source", "Integer", Integer, _params(default=None, null=True)),
    ]
    for name, class_name, column_class, params in columns:
        manager.add_column(
            table_class_name="ImportRun",
            tablename="import_run",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
