from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-03T07:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Folded search columns of members and organisations"


def _search_name(table_class_name: str, tablename: str, index: bool) -> dict:
    return dict(
        table_class_name=table_class_name,
        tablename=tablename,
        column_name="search_name",
        db_column_name="search_name",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 300,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": index,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="kring", description=DESCRIPTION)
    manager.add_column(**_search_name("Member", "member", index=True))
    manager.add_column(**_search_name("Organisation", "organisation", index=False))
    return manager
