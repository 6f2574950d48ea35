"""The links mailed to reset a forgotten password (kring.tables.PasswordReset)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class Account(Table, tablename="account", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


ID = "2026-12-06T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Password reset links"


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
    manager.add_table(
        class_name="PasswordReset", tablename="password_reset", schema=None, columns=None
    )
    columns = [
        (
            "account",
            "ForeignKey",
            ForeignKey,
            _params(
                references=Account,
                on_delete=OnDelete.cascade,
                on_update=OnUpdate.cascade,
                target_column=None,
                null=True,
                index=True,
            ),
        ),
        ("token_hash", "Varchar", Varchar, _params(length=64, default="", unique=True)),
        ("created_at", "Timestamptz", Timestamptz, _params(default=TimestamptzNow())),
        ("expires_at", "Timestamptz", Timestamptz, _params(default=TimestamptzNow(), index=True)),
        ("used_at", "Timestamptz", Timestamptz, _params(default=None, null=True)),
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
