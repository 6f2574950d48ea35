"""An event mail given up at once (an address no mail can be written to, or one the relay
refused for good) went without a word to anyone: `refusal` on `event_mail` keeps why, so the
organisers and the person see it, and the mail goes again once the address is corrected."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T16:01:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "why an event mail was not delivered"

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
        table_class_name="EventMail",
        tablename="event_mail",
        column_name="refusal",
        db_column_name="refusal",
        column_class_name="Varchar",
        column_class=Varchar,
        params={"length": 20, "default": None, "null": True, **COMMON},
        schema=None,
    )
    return manager
