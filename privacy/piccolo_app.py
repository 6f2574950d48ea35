"""The privacy module as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

APP_CONFIG = AppConfig(
    app_name="privacy",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=table_finder(["privacy.tables"], exclude_imported=True),
    migration_dependencies=["kring.piccolo_app"],
    commands=[],
)
