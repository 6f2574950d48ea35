"""Piccolo's configuration: the engine named by KRING_DATABASE_URL and the Piccolo apps of the
installed apps (`assembly.apps`), then Piccolo's own user and session apps that the admin uses."""

from piccolo.conf.apps import AppRegistry

from assembly.apps import APPS
from kring.database import engine_for
from kring.settings import get_settings

DB = engine_for(get_settings().database_url)

APP_REGISTRY = AppRegistry(
    apps=[
        *(app.piccolo_app for app in APPS if app.piccolo_app),
        "piccolo.apps.user.piccolo_app",
        "piccolo_api.session_auth.piccolo_app",
    ]
)
