"""The introductions app as the composition root sees it."""

from introductions import jobs, pages, surfaces
from introductions.api import IntroductionController
from introductions.proposals_api import ProposalController
from kring.apps import DomainApp

KRING_APP = DomainApp(
    name="introductions",
    piccolo_app="introductions.piccolo_app",
    routes=[ProposalController, IntroductionController, *pages.ROUTES],
    jobs=jobs.JOBS,
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
