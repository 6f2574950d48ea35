"""Piccolo's configuration: the engine named by KRING_DATABASE_URL and the apps of every domain."""

from piccolo.conf.apps import AppRegistry

from kring.database import engine_for
from kring.settings import get_settings

DB = engine_for(get_settings().database_url)

APP_REGISTRY = AppRegistry(
    apps=[
        "kring.piccolo_app",
        "privacy.piccolo_app",
        "introductions.piccolo_app",
        "events.piccolo_app",
        "piccolo.apps.user.piccolo_app",
        "piccolo_api.session_auth.piccolo_app",
    ]
)
