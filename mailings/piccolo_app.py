"""Mailings as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from mailings.tables import Article, Mailing

APP_CONFIG = AppConfig(
    app_name="mailings",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Mailing, Article],
    migration_dependencies=["kring.piccolo_app", "events.piccolo_app"],
    commands=[],
)
