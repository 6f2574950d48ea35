"""Finding the member a row is about: by e-mail, then by name and organisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from kring.choices import MemberStatus
from kring.tables import Member
from members.importing.names import person_key
from privacy.tables import Suppression


@dataclass
class MemberIndex:
    """Every member's e-mail and order-free name key, loaded once per import."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[tuple[str, int | None], int] = field(default_factory=dict)
    erased_names: set[str] = field(default_factory=set)

    @classmethod
    async def load(cls) -> MemberIndex:
        index = cls()
        columns = (Member.id, Member.first_name, Member.last_name, Member.email)
        for row in await Member.select(*columns, Member.organisation, Member.status):
            if row["status"] == MemberStatus.erased:
                index.erased_names.add(person_key(row["first_name"], row["last_name"]))
                continue
            index.add(
                row["id"], row["first_name"], row["last_name"], row["email"], row["organisation"]
            )
        for row in await Suppression.select(Suppression.first_name, Suppression.last_name):
            index.erased_names.add(person_key(row["first_name"], row["last_name"]))
        return index

    def add(
        self, member_id: int, first: str, last: str, email: str | None, org: int | None
    ) -> None:
        if email:
            self.by_email.setdefault(email.lower(), member_id)
        self.by_name.setdefault((person_key(first, last), org), member_id)

    def find(
        self, first: str, last: str, email: str | None, org: int | None
    ) -> tuple[int | None, str]:
        if email and email.lower() in self.by_email:
            return self.by_email[email.lower()], "e-mail"
        found = self.by_name.get((person_key(first, last), org))
        return (found, "name and organisation") if found is not None else (None, "")

    def is_erased_name(self, first: str, last: str) -> bool:
        return person_key(first, last) in self.erased_names
