"""The members app as the composition root sees it: sign-in, profiles, records, the directory,
API tokens and the import of a CRM export."""

from kring.apps import DomainApp
from kring.menu import EVERYONE, ORGANISERS, Group, MenuEntry
from kring.vocabulary import N_
from members import admin_checks, home_panels, member_sections, surfaces
from members.api.members import MemberController, me
from members.api.organisations import OrganisationController
from members.api.password import change_my_password
from members.api.records import ChallengeController, ExpertiseController
from members.api.tokens import TokenController
from members.api.usage import UsageController
from members.importing import api as importing_api
from members.importing import pages as importing_pages
from members.importing.cli import importing as import_commands
from members.importing.runs import purge_finished, resume_stale
from members.pages import (
    auth,
    directory,
    password,
    profile,
    records,
    staff_forms,
    tokens,
    usage,
)
from members.passwords import purge_expired_resets
from members.reset_mails import send_due_reset_mails

KRING_APP = DomainApp(
    name="members",
    piccolo_app="members.piccolo_app",
    menu=[
        MenuEntry(N_("Home"), "/", EVERYONE, order=0),
        MenuEntry(N_("My challenges"), "/my/challenges", EVERYONE, needs_profile=True, order=20),
        MenuEntry(N_("My expertise"), "/my/expertise", EVERYONE, needs_profile=True, order=21),
        MenuEntry(N_("Members"), "/members", EVERYONE, order=30, also=("/organisations",)),
        MenuEntry(N_("Import"), "/import", ORGANISERS, order=50, group=Group.manage),
        MenuEntry(N_("Duplicates"), "/import/duplicates", ORGANISERS, order=51, group=Group.manage),
        MenuEntry(N_("Area usage"), "/usage", ORGANISERS, order=52, group=Group.manage),
        MenuEntry(N_("My profile"), "/profile", EVERYONE, True, 10, Group.account),
        MenuEntry(N_("Password"), "/password", EVERYONE, order=20, group=Group.account),
        MenuEntry(N_("API tokens"), "/tokens", EVERYONE, order=30, group=Group.account),
    ],
    home_panels=home_panels.PANELS,
    member_sections=member_sections.SECTIONS,
    routes=[
        me,
        change_my_password,
        MemberController,
        OrganisationController,
        ChallengeController,
        ExpertiseController,
        TokenController,
        UsageController,
        *auth.ROUTES,
        *password.ROUTES,
        *profile.ROUTES,
        *records.ROUTES,
        *staff_forms.ROUTES,
        *directory.ROUTES,
        *tokens.ROUTES,
        *usage.ROUTES,
        *importing_api.ROUTES,
        *importing_pages.ROUTES,
    ],
    commands=[import_commands],
    jobs={
        "expired password reset links": purge_expired_resets,
        "password reset mails to retry": send_due_reset_mails,
        "import runs left by a stopped process": resume_stale,
        "finished import runs": purge_finished,
    },
    surfaces=surfaces.SURFACES,
    not_surfaces=surfaces.NOT_A_SURFACE,
    admin_hooks=admin_checks.HOOKS,
    admin_exports=admin_checks.EXPORTS,
)
