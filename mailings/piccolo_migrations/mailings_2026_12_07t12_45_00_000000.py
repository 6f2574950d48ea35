"""A mailing's mail to an address no mail can be written to (one holding `=?`, stored before
such addresses were refused) fails as `Problem.bad_address`, so its page names the address, not
the relay: a new choice of `mailing_recipient.problem` only. The column stays a varchar(16)
without a check, so nothing changes in the database on SQLite or PostgreSQL; Piccolo's record
of the column does."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "2026-12-07T12:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "a mailing's mail can fail on an address no mail can be written to"

BEFORE = {
    "none": "",
    "no_agreement": "no_agreement",
    "relay": "relay",
    "refused": "refused",
    "given_up": "given_up",
    "opted_out": "opted_out",
    "inactive": "inactive",
    "restricted": "restricted",
    "no_address": "no_address",
    "cancelled": "cancelled",
}
AFTER = {**BEFORE, "bad_address": "bad_address"}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="mailings", description=DESCRIPTION)

    manager.alter_column(
        table_class_name="MailingRecipient",
        tablename="mailing_recipient",
        column_name="problem",
        db_column_name="problem",
        params={"choices": Enum("Problem", AFTER)},
        old_params={"choices": Enum("Problem", BEFORE)},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
