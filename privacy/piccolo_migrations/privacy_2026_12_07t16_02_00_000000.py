"""A privacy notice the mail relay did not take was offered again at every round of the worker
(each minute) for as long as the relay was down: `notice_attempts` and `notice_due_at` on both
request tables space the tries out (`kring.mail_retries`)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T16:02:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "privacy notices tried again after growing waits"

COMMON = {
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
            column_name="notice_attempts",
            db_column_name="notice_attempts",
            column_class_name="Integer",
            column_class=Integer,
            params={"default": 0, "null": False, **COMMON},
            schema=None,
        )
        manager.add_column(
            table_class_name=table_class_name,
            tablename=tablename,
            column_name="notice_due_at",
            db_column_name="notice_due_at",
            column_class_name="Timestamptz",
            column_class=Timestamptz,
            params={"default": None, "null": True, **COMMON},
            schema=None,
        )
    return manager
