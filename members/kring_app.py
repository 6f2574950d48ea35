"""The members app as the composition root sees it: sign-in, profiles, records, the directory,
API tokens and the import of a CRM export."""

from kring.apps import DomainApp
from members import surfaces
from members.api.members import MemberController, me
from members.api.organisations import OrganisationController
from members.api.records import ChallengeController, ExpertiseController
from members.api.tokens import TokenController
from members.importing import api as importing_api
from members.importing import pages as importing_pages
from members.importing.cli import importing as import_commands
from members.pages import auth, directory, home, profile, records, tokens

KRING_APP = DomainApp(
    name="members",
    routes=[
        me,
        MemberController,
        OrganisationController,
        ChallengeController,
        ExpertiseController,
        TokenController,
        *auth.ROUTES,
        *home.ROUTES,
        *profile.ROUTES,
        *records.ROUTES,
        *directory.ROUTES,
        *tokens.ROUTES,
        *importing_api.ROUTES,
        *importing_pages.ROUTES,
    ],
    commands=[import_commands],
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
