"""A mailing's mail the relay did not take at any attempt is failed as given up
(`Problem.given_up`), so its page no longer says it is tried again: a new choice of
`mailing_recipient.problem` only. The column stays a varchar(16) without a check, so nothing
changes in the database on SQLite or PostgreSQL; Piccolo's record of the column does."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "2026-12-06T21:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "a mailing's mail can be given up after its last attempt"

BEFORE = {
    "none": "",
    "no_agreement": "no_agreement",
    "relay": "relay",
    "refused": "refused",
    "opted_out": "opted_out",
    "inactive": "inactive",
    "restricted": "restricted",
    "no_address": "no_address",
    "cancelled": "cancelled",
}
AFTER = {**BEFORE, "given_up": "given_up"}


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
