"""Piccolo Admin's own user and session tables hold data about staff: declared here.

Imported by the core's Piccolo app, so the declarations exist wherever the tables do.
"""

from piccolo.apps.user.tables import BaseUser
from piccolo_api.session_auth.tables import SessionsBase

from kring.declarations import Erase, LegalBasis, declare
from kring.vocabulary import N_

declare(
    BaseUser,
    subject="id",
    columns={"username": Erase.delete_row, "email": Erase.delete_row},
    category=N_("account"),
    purpose=N_("mirror of a Kring admin so Piccolo Admin accepts their session"),
    legal_basis=LegalBasis.contract,
    retention=N_("while the admin has access"),
    notes="staff only; never a member; holds the account id, never the admin's e-mail address "
    "(kring.admin_site.mirror_email)",
)
declare(
    SessionsBase,
    subject="user_id",
    columns={"token": Erase.delete_row},
    category=N_("account"),
    purpose=N_("Piccolo Admin session of a Kring admin"),
    legal_basis=LegalBasis.contract,
    retention=N_("until expiry"),
)
