"""Who is asking: the account behind a request, as the web layer and domain functions see it."""

from __future__ import annotations

from dataclasses import dataclass

from kring.choices import Role


@dataclass(frozen=True)
class Principal:
    account_id: int
    role: Role
    member_id: int | None
    email: str
    display_name: str
    via: str  # "session" or "token"

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.organiser, Role.privacy_officer, Role.admin)

    def has_role(self, *roles: Role) -> bool:
        """Admins may do everything; other roles only what is granted to them by name."""
        return self.role == Role.admin or self.role in roles

    def owns(self, member_id: int | None) -> bool:
        return member_id is not None and self.member_id == member_id
