"""A privacy notice the mail relay refused for good (a 5xx to the person's address) was offered
again at every round of the worker: `notice_refused_at` on both request tables records the
refusal, and no notice goes again until the person's record changes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T13:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Privacy notices refused for good by the mail relay"

PARAMS = {
    "default": None,
    "null": True,
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="privacy", description=DESCRIPTION)
    for table_class_name, tablename in (
        ("AccessRequest", "access_request"),
        ("ErasureRequest", "erasure_request"),
    ):
        manager.add_column(
            table_class_name=table_class_name,
            tablename=tablename,
            column_name="notice_refused_at",
            db_column_name="notice_refused_at",
            column_class_name="Timestamptz",
            column_class=Timestamptz,
            params=dict(PARAMS),
            schema=None,
        )
    return manager
