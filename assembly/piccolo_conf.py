"""Piccolo's configuration: the engine named by KRING_DATABASE_URL and the Piccolo apps of the
installed apps (`assembly.apps`), then Piccolo's own user and session apps that the admin uses."""

from piccolo.conf.apps import AppRegistry

from assembly import refuse
from assembly.apps import APPS
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
        *(app.piccolo_app for app in APPS if app.piccolo_app),
        "piccolo.apps.user.piccolo_app",
        "piccolo_api.session_auth.piccolo_app",
    ]
)
