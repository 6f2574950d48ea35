"""Piccolo Admin (`/admin`, `kring.admin_site`) in the reader's language: its texts are English
phrases it looks up in a translation table per language, and it has none for Dutch. The phrases
are listed here so that they are in Kring's catalogues, translated there like every other text,
and `admin_translations` builds Piccolo Admin's table from them."""

from __future__ import annotations

from typing import Any

from kring.i18n import gettext_for
from kring.messages import N_

ADMIN_TEXTS: tuple[str, ...] = (
    N_("About"),
    N_("Add Row"),
    N_("Add"),
    N_("Apply"),
    N_("Ascending"),
    N_("Back to home page"),
    N_("Back"),
    N_("Change Password"),
    N_("Clear filters"),
    N_("Close"),
    N_("Comma"),
    N_("Create"),
    N_("Current password"),
    N_("Dark Mode"),
    N_("Days"),
    N_("Delete"),
    N_("Delimiter"),
    N_("Descending"),
    N_("Download"),
    N_("Download failed"),
    N_("Download successful"),
    N_("Edit"),
    N_("Export CSV"),
    N_("Filter"),
    N_(
        "For timestamps which are timezone aware, they will be displayed in this timezone by "
        "default."
    ),
    N_("Form submitted"),
    N_("Forms"),
    N_("Hide Filters"),
    N_("Hide referencing tables"),
    N_("Home"),
    N_("Hours"),
    N_("Light Mode"),
    N_("Links"),
    N_("Loading"),
    N_("Log Out"),
    N_("Login"),
    N_("MFA Code"),
    N_("MFA Setup"),
    N_("Minutes"),
    N_("New password confirmation"),
    N_("New password"),
    N_("New value"),
    N_("No results found"),
    N_("Note: Large data sets may take a while."),
    N_("Note: They are converted to UTC when stored in the database."),
    N_("of"),
    N_("page"),
    N_("Password"),
    N_("result(s)"),
    N_("rows"),
    N_("Save"),
    N_("Seconds"),
    N_("Select a column to update"),
    N_("Select a Column"),
    N_("Select a table in the sidebar to get started."),
    N_("selected result(s) on"),
    N_("Semicolon"),
    N_("Set Timezone"),
    N_("Show Filters"),
    N_("Show referencing tables"),
    N_("Showing"),
    N_("Sort by"),
    N_("Sort"),
    N_("Submit"),
    N_("Tables"),
    N_("Timezone"),
    N_("Thanks for using Piccolo Admin."),
    N_("Update"),
    N_("Use again"),
    N_("Username"),
    N_("Version"),
    N_("Weeks"),
    N_("Welcome to"),
    N_("with a matching"),
)
"""Every phrase of Piccolo Admin's English table (`piccolo_admin.translations.data.ENGLISH`);
a test fails when a new Piccolo Admin brings one that is not here."""

BACK_TO_KRING = N_("Back to Kring")
"""The link in Piccolo Admin's sidebar that leads back to Kring's own pages."""


def admin_translations() -> list[Any]:
    """Piccolo Admin's languages: Dutch from Kring's catalogue (a phrase it does not hold stays
    English), and Piccolo Admin's own English. Imported when the admin is first opened, as
    Piccolo Admin is (`kring.admin_site`)."""
    from piccolo_admin.translations.data import ENGLISH
    from piccolo_admin.translations.models import Translation

    dutch = gettext_for("nl")
    return [
        Translation(
            language_name="Nederlands",
            language_code="nl",
            translations={text: dutch(text) for text in ENGLISH.translations},
        ),
        ENGLISH,
    ]
