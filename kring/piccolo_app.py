"""The platform core as a Piccolo app."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

import kring.admin_tables  # noqa: F401 - declares Piccolo Admin's tables to the privacy module
from kring.tables import (
    Account,
    Activity,
    ApiToken,
    Challenge,
    Expertise,
    Interaction,
    Invoice,
    LoginThrottle,
    Member,
    Organisation,
    OrganisationDomain,
    PasswordReset,
    UserSession,
)

APP_CONFIG = AppConfig(
    app_name="kring",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[
        Organisation,
        OrganisationDomain,
        Member,
        Account,
        UserSession,
        ApiToken,
        PasswordReset,
        LoginThrottle,
        Interaction,
        Activity,
        Challenge,
        Expertise,
        Invoice,
    ],
    migration_dependencies=[],
    commands=[],
)
