"""`refusal` on `event_mail` holds a `privacy.mail.Refusal` code, and says so (`choices`): the test
that every choice fits its column then covers it, as it did not when 'bad_address' did not fit
(90e6620). Nothing changes in the database."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "2026-12-07T19:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "a mail's refusal names its codes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="events", description=DESCRIPTION)
    manager.alter_column(
        table_class_name="EventMail",
        tablename="event_mail",
        column_name="refusal",
        db_column_name="refusal",
        params={"choices": Enum("Refusal", {"bad_address": "bad_address", "refused": "refused"})},
        old_params={"choices": None},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )
    return manager
