"""Projects as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

import projects.departures
import projects.retention  # noqa: F401  (declares what the retention job removes of a workspace)
from projects.tables import (
    Milestone,
    Project,
    ProjectDocument,
    ProjectNote,
    ProjectParticipant,
)

APP_CONFIG = AppConfig(
    app_name="projects",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Project, ProjectParticipant, ProjectDocument, ProjectNote, Milestone],
    migration_dependencies=["kring.piccolo_app"],
    commands=[],
)
