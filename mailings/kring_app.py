"""The mailings app as the composition root sees it."""

from kring.apps import DomainApp
from kring.menu import ORGANISERS, Group, MenuEntry
from kring.vocabulary import N_
from mailings import (
    api,
    cli,
    jobs,
    member_sections,
    pages,
    public,
    send_api,
    send_pages,
    surfaces,
)

KRING_APP = DomainApp(
    name="mailings",
    piccolo_app="mailings.piccolo_app",
    menu=[MenuEntry(N_("Mailings"), "/mailings", ORGANISERS, order=55, group=Group.manage)],
    routes=[*pages.ROUTES, *api.ROUTES, *send_pages.ROUTES, *send_api.ROUTES, *public.ROUTES],
    commands=cli.COMMANDS,
    jobs=jobs.JOBS,
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
    member_sections=member_sections.SECTIONS,
)
