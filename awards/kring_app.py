"""The awards app as the composition root sees it."""

from awards import (  # confidentiality: imported for its rule at the desk (privacy.withheld)
    api_candidacies,
    api_editions,
    api_jury,
    confidentiality,  # noqa: F401
    member_sections,
    pages_candidacies,
    pages_editions,
    pages_jury,
    surfaces,
)
from awards.jury import end_every_conflicting_assignment
from kring.apps import DomainApp
from kring.menu import EVERYONE, MenuEntry
from kring.vocabulary import N_

KRING_APP = DomainApp(
    name="awards",
    piccolo_app="awards.piccolo_app",
    routes=[
        *api_jury.ROUTES,
        *api_editions.ROUTES,
        *api_candidacies.ROUTES,
        *pages_candidacies.ROUTES,
        *pages_editions.ROUTES,
        *pages_jury.ROUTES,
    ],
    menu=[MenuEntry(N_("Award"), "/awards", EVERYONE, order=60)],
    member_sections=member_sections.SECTIONS,
    home_panels=[pages_jury.JURY_PANEL],
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
    jobs={"award assignments a conflict now forbids": end_every_conflicting_assignment},
)
