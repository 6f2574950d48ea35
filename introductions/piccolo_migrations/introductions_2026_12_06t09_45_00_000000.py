from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T09:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "when a round of stale proposals last started, per runner (worker, serve)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="introductions", description=DESCRIPTION)

    manager.add_table(
        class_name="MatchingRound",
        tablename="matching_round",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="MatchingRound",
        tablename="matching_round",
        column_name="runner",
        db_column_name="runner",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="MatchingRound",
        tablename="matching_round",
        column_name="started_at",
        db_column_name="started_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
            "null": False,
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
