"""The matching module as a Piccolo app: its tables feed the pure engine in this package."""

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

APP_CONFIG = AppConfig(
    app_name="matching",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=table_finder(modules=["matching.tables"], exclude_imported=True),
    migration_dependencies=["kring.piccolo_app", "privacy.piccolo_app"],
    commands=[],
)
