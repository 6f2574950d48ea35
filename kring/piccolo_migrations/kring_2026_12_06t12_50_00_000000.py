"""Why a password reset link was spent (kring.tables.PasswordReset.spent_because): its page says
whether it was used, another link set the password, or the password was changed."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T12:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Why a password reset link was spent"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="kring", description=DESCRIPTION)
    manager.add_column(
        table_class_name="PasswordReset",
        tablename="password_reset",
        column_name="spent_because",
        db_column_name="spent_because",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 12,
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    return manager
