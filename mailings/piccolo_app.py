"""Mailings as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

# Imported for what they declare beside the tables: the retention rules and what withdrawing
# the interest consent removes.
from mailings import clicks, retention  # noqa: F401
from mailings.delivery_tables import InterestClick, MailingRecipient
from mailings.tables import Article, Mailing

APP_CONFIG = AppConfig(
    app_name="mailings",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Mailing, Article, MailingRecipient, InterestClick],
    migration_dependencies=["kring.piccolo_app", "events.piccolo_app"],
    commands=[],
)
