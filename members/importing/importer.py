"""Importing members row by row with the API's validation rules; re-running changes nothing.

Existing members are matched by e-mail, then by name and organisation, and only their empty
fields are filled in: what a member or an organiser typed since is never overwritten by an old
CRM export. Notes have no place on a member (Interactions are held meetings and calls, not
remarks), so a notes column is read but not imported and the report says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kring.choices import MetVia
from kring.messages import N_, Message, Moment
from kring.search import with_member_search
from kring.spreadsheets import looks_like_formula
from kring.validation import FieldError
from members.importing.companies import OrganisationIndex, employer_domain, web_domain
from members.importing.names import met_via, split_name, tidy_name
from members.importing.people import MemberIndex
from members.importing.report import ImportReport, Outcome, Problem, RowResult
from members.importing.rows import WorkbookDate
from members.importing.writing import Plan, write_plan
from members.organisations import clean_organisation
from members.profiles import clean_member

Progress = Callable[[int, int], None]
Finish = Callable[["ImportReport"], Awaitable[None]]
"""Runs inside the import's write transaction once every row has its real id: a background
run records its end there, so the members and the run's end are written together or not."""
YIELD_EVERY = 200
"""Rows decided between two turns of the event loop: a run in the server's process leaves the
other requests (its progress page among them) their turn."""
IMPORTED = "member (import)"
"""How an import run is named in the audit trail (the home page lists the last ones)."""
MEMBER_FIELDS = ("first_name", "last_name", "email", "phone", "job_title", "address")
FILLABLE = (*MEMBER_FIELDS[2:], "organisation")
NAME_FIELDS = ("name", "first_name", "last_name")
COMPANY_FIELDS = {"company": "name", "enterprise_number": "enterprise_number", "website": "website"}


@dataclass
class CleanRow:
    member: dict[str, Any]
    company: dict[str, Any]
    problems: list[Problem]
    notices: list[Problem]


def _names(values: Mapping[str, str]) -> tuple[str, str]:
    first, last, name = (values.get(k, "") for k in ("first_name", "last_name", "name"))
    if name and not last:
        if first:  # a file with `Voornaam` and `Naam`: `Naam` is the surname
            last = tidy_name(name)
        else:
            first, last = split_name(name)
    return first, last


def _date_for_a_name(number: int, field: str, cell: WorkbookDate) -> Problem:
    return Problem(
        number,
        field,
        N_(
            "%(value)s is a date in the workbook, not a name: Excel turned what was typed into "
            "a date; format the column as text, type the name again and save the file"
        ),
        {"value": Moment(cell.moment)},
    )


def clean_row(number: int, values: Mapping[str, str], extra_cells: Sequence[str] = ()) -> CleanRow:
    """Each field is validated on its own, so a row reports every problem at once."""
    result = CleanRow({}, {}, [], [])
    if extra_cells:  # a stray separator may have shifted every value: nothing is guessed
        result.problems.append(
            Problem(
                number,
                "file",
                N_(
                    "cells to the right of the last named column: %(cells)s; name their "
                    "columns in the first line or remove them"
                ),
                {"cells": ", ".join(repr(cell[:40]) for cell in extra_cells)},
            )
        )
    for field, value in values.items():
        if looks_like_formula(value):
            result.notices.append(
                Problem(
                    number,
                    field,
                    N_("%(value)r looks like an Excel formula; read as text, never calculated"),
                    {"value": value[:60]},
                )
            )
    for field in NAME_FIELDS:
        if isinstance(values.get(field), WorkbookDate):
            result.problems.append(_date_for_a_name(number, field, values[field]))
    first, last = _names(values)
    raw = {"first_name": first, "last_name": last} | {
        f: values[f] for f in MEMBER_FIELDS[2:] if values.get(f)
    }
    for field, value in raw.items():
        try:
            result.member.update(clean_member({field: value}))
        except FieldError as error:
            # A name split from the `name` column is reported there; one of its own column
            # (`Voornaam`) under its own field.
            reported = (
                "name" if field in ("first_name", "last_name") and not values.get(field) else field
            )
            problem = Problem.of(number, reported, error)
            if str(problem) not in map(str, result.problems):  # both halves of one empty name
                result.problems.append(problem)
    if values.get("met_via"):
        result.member["met_via"] = met_via(values["met_via"])
    for field, key in COMPANY_FIELDS.items():
        if values.get(field):
            try:
                result.company.update(clean_organisation({key: values[field]}))
            except FieldError as error:
                result.problems.append(Problem.of(number, field, error))
    return result


class Importer:
    """One run over a file's rows, decided row by row against indexes loaded once and written
    at the end in one transaction (`writing`); with `dry_run` nothing is written and ids stay
    provisional."""

    def __init__(
        self, dry_run: bool, actor: int | None, extra_cells: Mapping[int, Sequence[str]]
    ) -> None:
        self.dry_run = dry_run
        self.actor = actor
        self.extra_cells = extra_cells
        self.organisations: OrganisationIndex
        self.members: MemberIndex
        self._provisional = 0
        self.organisations_created = 0
        self.plan = Plan()
        self.first_rows: dict[int, int] = {}
        """The row that first reached each member of this run (created or matched): a later
        row for the same member is reported against it, in a dry run and a real one alike."""

    def _next_provisional(self) -> int:
        self._provisional -= 1
        return self._provisional

    async def run(
        self,
        rows: list[tuple[int, dict[str, str]]],
        mapping: dict[str, str],
        progress: Progress | None = None,
        finish: Finish | None = None,
    ) -> ImportReport:
        report = ImportReport(dry_run=self.dry_run, mapping=dict(mapping))
        if "notes" in mapping.values():
            column = next(c for c, f in mapping.items() if f == "notes")
            report.notices.append(
                Message(
                    N_(
                        "column %(column)r (notes) is not imported: a member has no place for "
                        "free remarks; keep the source file"
                    ),
                    {"column": column},
                )
            )
        self.organisations = await OrganisationIndex.load()
        self.members = await MemberIndex.load()
        for done, (number, row) in enumerate(rows, start=1):
            values = {field: row.get(column, "") for column, field in mapping.items()}
            result = await self.row(number, values)
            report.rows.append(result)
            if progress:
                progress(done, len(rows))
            if done % YIELD_EVERY == 0:
                await asyncio.sleep(0)
        report.organisations_created = self.organisations_created

        async def written(ids: dict[int, int]) -> None:
            for result in report.rows:
                result.member_id = _written(ids, result.member_id)
                result.organisation_id = _written(ids, result.organisation_id)
            if finish is not None:
                await finish(report)

        if not self.dry_run and self.plan:
            await write_plan(self.plan, self.actor, IMPORTED, then=written)
        elif finish is not None:
            await finish(report)
        return report

    async def row(self, number: int, values: dict[str, str]) -> RowResult:
        clean = clean_row(number, values, self.extra_cells.get(number, ()))
        member = clean.member
        name = f"{member.get('first_name', '')} {member.get('last_name', '')}".strip()
        result = RowResult(row=number, outcome=Outcome.rejected, name=name, notices=clean.notices)
        email = member.get("email") or values.get("email", "")
        if email and self.members.is_suppressed(email):
            result.reasons.append(
                Problem(
                    number,
                    "email",
                    N_(
                        "belongs to a person who asked to be erased; "
                        "erased people are never imported again"
                    ),
                )
            )
            return result
        if clean.problems:
            result.reasons = clean.problems
            return result
        if not email and self.members.is_erased_name(member["first_name"], member["last_name"]):
            result.reasons.append(
                Problem(
                    number,
                    "name",
                    N_(
                        "same name as an erased person and no e-mail to tell them apart; "
                        "not imported"
                    ),
                )
            )
            return result
        org_id, _ = self._organisation(clean.company, member.get("email"))
        result.organisation_id = org_id
        if org_id is not None:
            member["organisation"] = org_id
        found, _how = self.members.find(
            member["first_name"], member["last_name"], member.get("email"), org_id
        )
        if found is None:
            result.member_id = self._create(member)
            result.outcome = Outcome.created
            self.first_rows[result.member_id] = number
            return result
        result.member_id = found
        earlier = self.first_rows.setdefault(found, number)
        if earlier != number:
            return _same_person(result, earlier, member)
        return self._fill(result, found, member)

    def _organisation(self, company: dict[str, Any], email: str | None) -> tuple[int | None, str]:
        name = company.get("name", "")
        number = company.get("enterprise_number")
        website = company.get("website", "")
        found, how = self.organisations.find(name, number, website, email)
        if found is not None or not (name or number):
            return found, how
        data = {"name": name or f"Onderneming {number}", **company}
        domain = employer_domain(email)
        domains = (domain,) if domain and domain == web_domain(website) else ()
        if domains and domain not in self.organisations.by_domain:
            data["email_domains"] = list(domains)
        org_id = self._next_provisional()
        self.plan.organisations[org_id] = (
            {k: v for k, v in data.items() if k != "email_domains"},
            domains if "email_domains" in data else (),
        )
        self.organisations.add(org_id, data["name"], number, website, domains)
        self.organisations_created += 1
        return org_id, "created"

    def _create(self, member: dict[str, Any]) -> int:
        member_id = self._next_provisional()
        self.plan.members[member_id] = member
        self.members.add(
            member_id,
            member["first_name"],
            member["last_name"],
            member.get("email"),
            member.get("organisation"),
        )
        return member_id

    def _fill(self, result: RowResult, member_id: int, member: dict[str, Any]) -> RowResult:
        """Only empty fields are filled in; a different value already stored is kept."""
        stored = self.members.stored[member_id]
        changes: dict[str, Any] = {}
        for field in FILLABLE:
            new, old = member.get(field), stored[field]
            if not new:
                continue
            if not old:
                changes[field] = new
            elif new != old:
                result.notices.append(
                    Problem(
                        result.row,
                        field,
                        N_("kept the stored value %(old)r; the file has %(new)r"),
                        {"old": old, "new": new},
                    )
                )
        if member.get("met_via", MetVia.unknown) != MetVia.unknown == stored["met_via"]:
            changes["met_via"] = member["met_via"]
        if "email" in changes and changes["email"].lower() in self.members.by_email:
            changes.pop("email")
        if not changes:
            result.outcome = Outcome.skipped
            result.reasons.append(Problem(result.row, "member", N_("already up to date")))
            return result
        self.plan.updates.append((member_id, with_member_search(changes, stored)))
        if "email" in changes:
            self.members.by_email[changes["email"].lower()] = member_id
        result.outcome = Outcome.updated
        return result


def _written(ids: Mapping[int, int], provisional: int | None) -> int | None:
    return provisional if provisional is None else ids.get(provisional, provisional)


def _same_person(result: RowResult, earlier: int, member: dict[str, Any]) -> RowResult:
    """A second row for a member this file already created or matched is skipped, naming the
    first: a real run would otherwise fill the new member's empty fields from it, where the
    dry run, which creates nobody, could not."""
    result.outcome = Outcome.skipped
    result.reasons.append(
        Problem(
            result.row,
            "email" if member.get("email") else "name",
            N_("the same person as row %(row)s of this file"),
            {"row": earlier},
        )
    )
    return result


async def import_rows(
    rows: list[tuple[int, dict[str, str]]],
    mapping: dict[str, str],
    *,
    dry_run: bool = False,
    actor: int | None = None,
    progress: Progress | None = None,
    extra_cells: Mapping[int, Sequence[str]] | None = None,
    notices: Sequence[Message] = (),
    finish: Finish | None = None,
) -> ImportReport:
    """`extra_cells`: a file's filled cells beyond its named columns, by row (`Table`); such
    a row is rejected. `notices`: what the report says of the file as a whole (`Table`).
    `finish`: see `Finish`; without rows to write it runs on its own."""

    async def finished(report: ImportReport) -> None:
        report.notices[:0] = notices
        if finish is not None:
            await finish(report)

    report = await Importer(dry_run, actor, extra_cells or {}).run(
        rows, mapping, progress, finished
    )
    return report
