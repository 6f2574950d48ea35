"""Piccolo's configuration: the engine named by KRING_DATABASE_URL and the Piccolo apps of the
installed packages (`assembly.packages`), then Piccolo's own user and session apps that the
admin uses."""

from piccolo.conf.apps import AppRegistry

from assembly import refuse
from assembly.packages import piccolo_apps
from kring.database import engine_for
from kring.settings import SettingsError, get_settings

try:
    # Its first connection: a PostgreSQL database that does not exist or cannot be reached,
    # a file that is no SQLite database, is one line naming KRING_DATABASE_URL.
    DB = engine_for(get_settings().database_url)
except SettingsError as error:
    refuse(error)

APP_REGISTRY = AppRegistry(
    apps=[
        *piccolo_apps(),
        "piccolo.apps.user.piccolo_app",
        "piccolo_api.session_auth.piccolo_app",
    ]
)
