"""The privacy module as the composition root sees it: the rights desk's pages and API, the
`kring privacy` commands and its timed jobs. It shows nobody to anyone else, so it declares no
surface; the surfaces are the other apps'."""

from kring.apps import DomainApp
from kring.choices import Role
from kring.menu import EVERYONE, PRIVACY_OFFICERS, Group, MenuEntry
from kring.vocabulary import N_
from privacy import (
    api,
    home_panels,
    jobs,
    member_sections,
    mentions_web,
    pages,
    rights_web,
    surfaces,
)
from privacy.cli import privacy as privacy_commands

STAFF = frozenset({Role.organiser, Role.privacy_officer})
"""Staff accounts (and admins, who see every entry) without a member profile: their own data.
One with a profile finds it in "My data & privacy" (a second entry only led there)."""

KRING_APP = DomainApp(
    name="privacy",
    piccolo_app="privacy.piccolo_app",
    menu=[
        *(
            MenuEntry(label, path, PRIVACY_OFFICERS, order=order, group=Group.manage)
            for order, (label, path) in enumerate(
                [
                    (N_("Privacy desk"), "/privacy/desk"),
                    (N_("Processing register"), "/privacy/desk/register"),
                    (N_("Processors"), "/privacy/desk/processors"),
                    (N_("Rights and notices"), "/privacy/desk/rights"),
                    (N_("Audit trail"), "/privacy/desk/audit"),
                ],
                start=10,
            )
        ),
        MenuEntry(N_("My data & privacy"), "/privacy", EVERYONE, True, 20, Group.account),
        MenuEntry(
            N_("My account data"),
            "/privacy/account-data",
            STAFF,
            order=21,
            group=Group.account,
            without_profile=True,
        ),
    ],
    home_panels=home_panels.PANELS,
    member_sections=member_sections.SECTIONS,
    routes=[*api.ROUTES, *pages.ROUTES, *rights_web.ROUTES, *mentions_web.ROUTES],
    commands=[privacy_commands],
    jobs=jobs.JOBS,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
