"""The privacy module as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

APP_CONFIG = AppConfig(
    app_name="privacy",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=table_finder(["privacy.tables"], exclude_imported=True),
    # The award dossiers once kept here moved to the awards app: its migrations copy them
    # before this app's migration drops the old tables (a string, not an import: only the
    # order of migrations depends on it).
    migration_dependencies=["kring.piccolo_app", "awards.piccolo_app"],
    commands=[],
)
