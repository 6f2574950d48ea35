"""The members package's own table: the web import's background runs (its other tables are
the core's, `kring.tables`)."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from members.importing.tables import ImportRun

APP_CONFIG = AppConfig(
    app_name="members",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[ImportRun],
    migration_dependencies=["kring.piccolo_app"],
    commands=[],
)
