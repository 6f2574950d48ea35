"""Introductions as a Piccolo app: proposals, the double opt-in workflow, its mails and outbox.

Its tables were the `matching` app's until the pure engine was set apart; `kring migrate`
renames the app in databases made before (assembly/migrate.py)."""

from pathlib import Path

from piccolo.conf.apps import AppConfig, table_finder

APP_CONFIG = AppConfig(
    app_name="introductions",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=table_finder(modules=["introductions.tables"], exclude_imported=True),
    migration_dependencies=["kring.piccolo_app", "privacy.piccolo_app"],
    commands=[],
)
