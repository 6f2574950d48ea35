"""Events as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

import events.departures  # declares what an erasure or merge does to seats
import events.password_change  # noqa: F401  (a new password turns off the calendar address)
from events.tables import (
    CalendarFeed,
    Event,
    EventMail,
    EventOrganiser,
    ExportLog,
    Registration,
    WhoToMeetMail,
)

APP_CONFIG = AppConfig(
    app_name="events",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[
        Event,
        EventOrganiser,
        Registration,
        CalendarFeed,
        ExportLog,
        WhoToMeetMail,
        EventMail,
    ],
    migration_dependencies=["kring.piccolo_app"],
    commands=[],
)
