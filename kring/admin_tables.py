"""Piccolo Admin's own user and session tables hold data about staff: declared here.

Imported by the core's Piccolo app, so the declarations exist wherever the tables do.
"""

from piccolo.apps.user.tables import BaseUser
from piccolo_api.session_auth.tables import SessionsBase

from kring.declarations import Erase, LegalBasis, declare

declare(
    BaseUser,
    subject="id",
    columns={"username": Erase.delete_row, "email": Erase.delete_row},
    category="account",
    purpose="mirror of a Kring admin so Piccolo Admin accepts their session",
    legal_basis=LegalBasis.contract,
    retention="while the admin has access",
    notes="staff only; never a member; holds the account id, never the admin's e-mail address "
    "(kring.admin_site.mirror_email)",
)
declare(
    SessionsBase,
    subject="user_id",
    columns={"token": Erase.delete_row},
    category="account",
    purpose="Piccolo Admin session of a Kring admin",
    legal_basis=LegalBasis.contract,
    retention="until expiry",
)
