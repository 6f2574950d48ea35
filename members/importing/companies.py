"""Finding a row's organisation: enterprise number, then web or e-mail domain, then fuzzy name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from kring.tables import Organisation, OrganisationDomain
from matching.eligibility import PUBLIC_MAIL_DOMAINS
from members.importing.names import organisation_key

# Mailboxes of providers say nothing about an employer.
FUZZY_THRESHOLD = 92
NUMBERS = re.compile(r"\d+")


def web_domain(website: str) -> str:
    host = (urlsplit(website).hostname or "") if website else ""
    return host.removeprefix("www.")


def employer_domain(email: str | None) -> str:
    domain = email.rsplit("@", 1)[-1].lower() if email and "@" in email else ""
    return "" if domain in PUBLIC_MAIL_DOMAINS else domain


@dataclass
class OrganisationIndex:
    """Every organisation, loaded once per import and kept up to date as rows create more."""

    by_number: dict[str, int] = field(default_factory=dict)
    by_domain: dict[str, int] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    numbers: dict[int, str | None] = field(default_factory=dict)

    @classmethod
    async def load(cls) -> OrganisationIndex:
        index = cls()
        columns = (Organisation.id, Organisation.name, Organisation.enterprise_number)
        for row in await Organisation.select(*columns, Organisation.website):
            index.add(row["id"], row["name"], row["enterprise_number"], row["website"])
        for row in await OrganisationDomain.select():
            index.by_domain.setdefault(row["domain"], row["organisation"])
        return index

    def add(
        self, org_id: int, name: str, number: str | None, website: str, domains: tuple = ()
    ) -> None:
        self.numbers[org_id] = number
        if number:
            self.by_number[number] = org_id
        for domain in (web_domain(website), *domains):
            if domain:
                self.by_domain.setdefault(domain, org_id)
        self.by_key.setdefault(organisation_key(name), org_id)

    def find(
        self, name: str, number: str | None, website: str, email: str | None
    ) -> tuple[int | None, str]:
        """The organisation and the signal that found it ('' when none did)."""
        if number and number in self.by_number:
            return self.by_number[number], "enterprise number"
        for domain, signal in (
            (web_domain(website), "website"),
            (employer_domain(email), "e-mail"),
        ):
            found = self.by_domain.get(domain) if domain else None
            if found is not None and self._compatible(found, number):
                return found, f"{signal} domain"
        key = organisation_key(name)
        if key:
            found = self.by_key.get(key)
            if found is None:
                found = self._like(key)
            if found is not None and self._compatible(found, number):
                return found, "name"
        return None, ""

    def _like(self, key: str) -> int | None:
        """The organisation whose name is most like `key` (a typo, a word more or less), but
        never one whose name holds other numbers: 'scholengroep 2' is 93 % like
        'scholengroep 1' and another school group."""
        numbers = NUMBERS.findall(key)
        for other, _score, _ in process.extract(
            key, self.by_key.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=20
        ):
            if NUMBERS.findall(other) == numbers:
                return self.by_key[other]
        return None

    def _compatible(self, org_id: int, number: str | None) -> bool:
        """Two different enterprise numbers are two different organisations, whatever the name."""
        known = self.numbers.get(org_id)
        return not (number and known and known != number)
