"""Awards as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

import awards.retention  # noqa: F401  (declares how long dossiers are kept)
from awards.tables import (
    Assignment,
    Attachment,
    AwardCategory,
    Candidacy,
    CandidacyText,
    Conflict,
    Criterion,
    Edition,
    Juror,
    Score,
)

APP_CONFIG = AppConfig(
    app_name="awards",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[
        Edition,
        AwardCategory,
        Criterion,
        Candidacy,
        CandidacyText,
        Attachment,
        Juror,
        Assignment,
        Conflict,
        Score,
    ],
    migration_dependencies=["kring.piccolo_app"],
    commands=[],
)
