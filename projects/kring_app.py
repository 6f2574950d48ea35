"""The projects app as the composition root sees it."""

from kring.apps import DomainApp
from kring.menu import EVERYONE, MenuEntry
from kring.vocabulary import N_
from projects import api, calendar, home_panels, pages, surfaces

KRING_APP = DomainApp(
    name="projects",
    piccolo_app="projects.piccolo_app",
    menu=[MenuEntry(N_("Projects"), "/projects", EVERYONE, order=45)],
    home_panels=home_panels.PANELS,
    routes=[*api.ROUTES, *pages.ROUTES],
    calendar_entries=[calendar.milestone_entries],
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
