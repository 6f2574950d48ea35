"""A who-to-meet mail the relay did not take was tried again at every round of the worker:
`attempts` and `retry_at` on `who_to_meet_mail` space the tries out (`kring.mail_retries`)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T16:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "who-to-meet mails tried after growing waits"

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
    manager = MigrationManager(migration_id=ID, app_name="events", description=DESCRIPTION)
    manager.add_column(
        table_class_name="WhoToMeetMail",
        tablename="who_to_meet_mail",
        column_name="attempts",
        db_column_name="attempts",
        column_class_name="Integer",
        column_class=Integer,
        params={"default": 0, "null": False, **COMMON},
        schema=None,
    )
    manager.add_column(
        table_class_name="WhoToMeetMail",
        tablename="who_to_meet_mail",
        column_name="retry_at",
        db_column_name="retry_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={"default": None, "null": True, **COMMON},
        schema=None,
    )
    return manager
