"""The members' library as the composition root sees it."""

from kring.apps import DomainApp
from kring.menu import EVERYONE, MenuEntry
from kring.vocabulary import N_
from library import api, home_panels, pages, surfaces

KRING_APP = DomainApp(
    name="library",
    piccolo_app="library.piccolo_app",
    menu=[MenuEntry(N_("Library"), "/library", EVERYONE, order=35)],
    home_panels=home_panels.PANELS,
    routes=[*api.ROUTES, *pages.ROUTES],
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
