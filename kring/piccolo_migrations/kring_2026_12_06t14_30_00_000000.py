"""A password reset mail the relay did not take is tried again (members.reset_mails): the row of
the link keeps the language it was asked in and its mail's tries."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T14:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Password reset mails are retried"


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
    manager = MigrationManager(migration_id=ID, app_name="kring", description=DESCRIPTION)
    columns = [
        ("language", "Varchar", Varchar, _params(length=2, default="")),
        ("mail_due_at", "Timestamptz", Timestamptz, _params(default=None, null=True)),
        ("mail_attempts", "Integer", Integer, _params(default=0)),
        ("mail_claimed_until", "Timestamptz", Timestamptz, _params(default=None, null=True)),
        ("mail_sent_at", "Timestamptz", Timestamptz, _params(default=None, null=True)),
    ]
    for name, class_name, column_class, params in columns:
        manager.add_column(
            table_class_name="PasswordReset",
            tablename="password_reset",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
