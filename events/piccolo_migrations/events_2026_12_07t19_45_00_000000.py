"""A "who to meet" mail the relay refused for good, or one to an address no mail can be written
to, was given up without a word: `refusal` on `who_to_meet_mail` keeps why (a
`privacy.mail.Refusal` code), so the organisers and the member see it listed with the event
mails not delivered."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T19:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "why a who-to-meet mail was given up"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="events", description=DESCRIPTION)
    manager.add_column(
        table_class_name="WhoToMeetMail",
        tablename="who_to_meet_mail",
        column_name="refusal",
        db_column_name="refusal",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 20,
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": Enum("Refusal", {"bad_address": "bad_address", "refused": "refused"}),
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    return manager
