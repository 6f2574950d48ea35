"""The privacy module as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from privacy.tables import Consent, LoginMonth, OptOutEvent

APP_CONFIG = AppConfig(
    app_name="privacy",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[OptOutEvent, Consent, LoginMonth],
    migration_dependencies=["kring.piccolo_app"],
    commands=[],
)
