"""Finding the member a row is about: by e-mail, then by name and organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kring.choices import MemberStatus
from kring.tables import Member
from members.importing.names import person_key
from privacy.suppression import email_hash
from privacy.tables import Suppression

STORED = (Member.phone, Member.job_title, Member.address, Member.met_via)
"""What a matched member's row is compared on, beside the columns the index finds by."""


@dataclass
class MemberIndex:
    """Every member's e-mail, order-free name key and fillable fields, and every erased
    person's name and e-mail hashes, loaded once per import: a row then needs no query."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_name: dict[tuple[str, int | None], int] = field(default_factory=dict)
    erased_names: set[str] = field(default_factory=set)
    erased_emails: set[str] = field(default_factory=set)
    stored: dict[int, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    async def load(cls) -> MemberIndex:
        index = cls()
        columns = (Member.id, Member.first_name, Member.last_name, Member.email)
        for row in await Member.select(*columns, Member.organisation, Member.status, *STORED):
            if row["status"] == MemberStatus.erased:
                index.erased_names.add(person_key(row["first_name"], row["last_name"]))
                continue
            index.stored[row["id"]] = row
            index.add(
                row["id"], row["first_name"], row["last_name"], row["email"], row["organisation"]
            )
        erased = (Suppression.first_name, Suppression.last_name)
        hashes = (Suppression.email_hash, Suppression.private_email_hash)
        for row in await Suppression.select(*erased, *hashes):
            index.erased_names.add(person_key(row["first_name"], row["last_name"]))
            index.erased_emails.update(row[h._meta.name] for h in hashes if row[h._meta.name])
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

    def is_suppressed(self, email: str) -> bool:
        """As `privacy.suppression.is_suppressed`, without a query per row."""
        return bool(email.strip()) and email_hash(email) in self.erased_emails
