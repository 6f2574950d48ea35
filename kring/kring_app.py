"""The core's own offer to the composition root: the admin and the upkeep of sessions and
login throttles."""

from kring.accounts import purge_expired_sessions
from kring.admin_site import admin
from kring.apps import DomainApp
from kring.choices import Role
from kring.menu import Group, MenuEntry
from kring.pages import home
from kring.throttle import purge_expired
from kring.vocabulary import N_
from kring.web.docs import redoc_script

KRING_APP = DomainApp(
    name="kring",
    piccolo_app="kring.piccolo_app",
    menu=[
        MenuEntry(N_("Admin"), "/admin/", frozenset({Role.admin}), order=90, group=Group.manage),
    ],
    routes=[*home.ROUTES, admin, redoc_script],
    jobs={
        "expired sessions": purge_expired_sessions,
        "expired login throttles": purge_expired,
    },
)
