"""The library as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

import library.departures  # noqa: F401  (empties the erased contributors' words from the index)
from library.tables import LibraryAttachment, LibraryItem

APP_CONFIG = AppConfig(
    app_name="library",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[LibraryItem, LibraryAttachment],
    migration_dependencies=["kring.piccolo_app"],
    commands=[],
)
