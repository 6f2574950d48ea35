from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "2026-12-04T19:40:51:996381"
VERSION = "1.38.0"
DESCRIPTION = "room for the sentence model's key in matching_run.scorer and embedding.model"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="introductions", description=DESCRIPTION
    )

    manager.alter_column(
        table_class_name="Embedding",
        tablename="embedding",
        column_name="model",
        db_column_name="model",
        params={"length": 120},
        old_params={"length": 60},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    manager.alter_column(
        table_class_name="MatchingRun",
        tablename="matching_run",
        column_name="scorer",
        db_column_name="scorer",
        params={"length": 120},
        old_params={"length": 60},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
