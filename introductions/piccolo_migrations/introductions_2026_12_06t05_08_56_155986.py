from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "2026-12-06T05:08:56:155986"
VERSION = "1.38.0"
DESCRIPTION = "an introduction can be withdrawn (its challenge closed, or a side left matching)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="introductions", description=DESCRIPTION)

    manager.alter_column(
        table_class_name="Introduction",
        tablename="introduction",
        column_name="state",
        db_column_name="state",
        params={
            "choices": Enum(
                "IntroductionState",
                {
                    "proposed": "proposed",
                    "requested": "requested",
                    "accepted": "accepted",
                    "declined": "declined",
                    "expired": "expired",
                    "withdrawn": "withdrawn",
                    "completed": "completed",
                },
            )
        },
        old_params={
            "choices": Enum(
                "IntroductionState",
                {
                    "proposed": "proposed",
                    "requested": "requested",
                    "accepted": "accepted",
                    "declined": "declined",
                    "expired": "expired",
                    "completed": "completed",
                },
            )
        },
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
