"""The events app as the composition root sees it."""

from events import api, home_panels, jobs, member_sections, pages, surfaces
from events.cli import events as events_commands
from kring.apps import DomainApp
from kring.menu import EVERYONE, MenuEntry
from kring.vocabulary import N_

KRING_APP = DomainApp(
    name="events",
    piccolo_app="events.piccolo_app",
    menu=[
        MenuEntry(N_("Events"), "/events", EVERYONE, order=40),
    ],
    home_panels=home_panels.PANELS,
    member_sections=member_sections.SECTIONS,
    routes=[*api.ROUTES, *pages.ROUTES],
    commands=[events_commands],
    jobs=jobs.JOBS,
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
