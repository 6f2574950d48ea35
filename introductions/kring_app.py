"""The introductions app as the composition root sees it."""

from introductions import home_panels, jobs, member_sections, pages, record_uses, surfaces
from introductions.api import IntroductionController
from introductions.proposals_api import ProposalController
from kring.apps import DomainApp
from kring.menu import EVERYONE, ORGANISERS, Group, MenuEntry
from kring.vocabulary import N_

KRING_APP = DomainApp(
    name="introductions",
    piccolo_app="introductions.piccolo_app",
    menu=[
        MenuEntry(N_("Introductions"), "/introductions", EVERYONE, needs_profile=True, order=10),
        MenuEntry(
            N_("Introduction feedback"),
            "/introductions/feedback",
            ORGANISERS,
            order=60,
            group=Group.manage,
        ),
    ],
    home_panels=home_panels.PANELS,
    member_sections=member_sections.SECTIONS,
    record_uses=record_uses.USES,
    record_closed=record_uses.CLOSED,
    routes=[ProposalController, IntroductionController, *pages.ROUTES],
    jobs=jobs.JOBS,
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
