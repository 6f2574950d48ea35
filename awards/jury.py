"""The jury of an edition: organisers appoint jurors and assign candidacies; a juror records the
confidentiality agreement, reads the dossiers assigned to them (every read audited) and may
declare a conflict of interest.

Until a juror has agreed, their edition's dossiers do not exist for them: every read answers
404, so not even a title or a count leaks. While the edition is open (candidacies still change)
no dossier is read at all. Conflicts of interest are refused automatically with the matching
engine's own rule (`matching.eligibility.same_organisation`): no juror works at the candidate's
organisation, recognised by the organisation itself or by an e-mail domain. A candidate judges no
competitor: a person who (or whose organisation) has a candidacy in the edition is not appointed,
and one whose organisation starts a candidacy after the appointment loses their assignments and
is kept off every candidacy. A juror who moves (organisation or e-mail) to a candidate's side
while the jury still changes loses the assignments the rules now forbid, with their scores, as
soon as anything reads them (and the worker checks every minute); each ending is audited.

A declared conflict stays on record: a seat with declarations cannot be removed (its
assignments can be ended instead), and every seat removed is audited.

A candidacy is the organisation's dossier: a restriction of processing of the member who
submitted it (GDPR art. 18) keeps the dossier readable and scorable by the jury, but their name
is left off everything the jury and the report show while it lasts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from awards.choices import CandidacyState, EditionState
from awards.tables import (
    Assignment,
    Attachment,
    Candidacy,
    CandidacyText,
    Conflict,
    Criterion,
    Edition,
    Juror,
    Score,
)
from kring.choices import MemberStatus, Role
from kring.clock import utc_now
from kring.database import row_locked, write_transaction
from kring.errors import Conflict as Refused
from kring.errors import Forbidden, NotFound
from kring.messages import N_, Moment, Term
from kring.principal import Principal
from kring.queries import contains
from kring.search import members_with_every_word, part_of_an_address, search_words
from kring.tables import Account, Member, OrganisationDomain
from kring.validation import require_text
from matching.eligibility import EligibilityFacts, MemberFacts, OrganisationFacts, same_organisation
from privacy.audit import Action, record_audit
from privacy.restriction import restricted_ids

DOSSIER_TABLE = Candidacy._meta.tablename
ATTACHMENT_TABLE = Attachment._meta.tablename
JUROR_TABLE = Juror._meta.tablename
ASSIGNMENT_TABLE = Assignment._meta.tablename
REASON_LIMIT = 2000
SEARCH_LIMIT = 20
JURY_CHANGES = (EditionState.open, EditionState.judging)
"""The jury (its seats and their assignments) changes until judging ends: from the deliberation
on, taking a juror off would take their scores out of a ranking the jury is discussing."""
APPOINTING = JURY_CHANGES
ASSIGNING = JURY_CHANGES
JURY_FIXED = N_(
    "the jury can no longer change: judging has ended (the edition's state is %(state)s)"
)
DOSSIERS_CLOSED = N_(
    "dossiers can be read once judging starts; while the edition is open, candidacies still change"
)
WORKING = (EditionState.open, EditionState.judging, EditionState.deliberation)
"""The jury works on the edition (the home panel and the award page list the seat)."""
DECLARING = JURY_CHANGES
"""A juror may declare a conflict while the jury changes: declaring one removes their scores of
the candidacy, which from the deliberation on would change the ranking the jury discusses."""
DELIBERATING = N_(
    "the jury deliberates: the scores are fixed, so a conflict of interest can no longer be "
    "declared here (it would remove your scores); raise it with the organisers in the jury "
    "meeting"
)


PAST_THE_DEADLINE = N_(
    "the jury deadline (%(deadline)s, Brussels time) has passed: the scores are fixed, so a "
    "conflict of interest can no longer be declared here (it would remove your scores); raise "
    "it with the organisers"
)


def deadline_passed(edition: Mapping[str, Any], now: datetime | None = None) -> bool:
    """Whether the edition's jury deadline (if it has one) lies behind us: from then on the
    scores are fixed."""
    deadline = edition.get("jury_deadline")
    return deadline is not None and (now or utc_now()) >= deadline


class ConflictKind(StrEnum):
    """Why a juror may not judge a candidacy."""

    organisation = "organisation"
    """The juror's member profile belongs to the candidate's organisation."""
    email_domain = "email_domain"
    """The juror's e-mail shares a domain with the candidate or their organisation."""
    declared = "declared"
    """The juror declared a conflict of interest."""
    competitor = "competitor"
    """The juror, or their organisation, has a candidacy of their own in this edition."""


CONFLICT_LABELS = {
    ConflictKind.organisation: N_("works at the candidate's organisation"),
    ConflictKind.email_domain: N_("e-mail domain of the candidate's organisation"),
    ConflictKind.declared: N_("declared a conflict of interest"),
    ConflictKind.competitor: N_("has a candidacy in this edition (or their organisation has)"),
}
REFUSALS = {
    ConflictKind.organisation: N_("this juror works at the candidate's organisation"),
    ConflictKind.email_domain: N_(
        "this juror's e-mail domain belongs to the candidate's organisation"
    ),
    ConflictKind.declared: N_("this juror declared a conflict of interest for this candidacy"),
    ConflictKind.competitor: N_(
        "this juror, or their organisation, has a candidacy in this edition: a candidate judges "
        "no competitor"
    ),
}


# --- Who may -----------------------------------------------------------------------------------


ORGANISERS_ONLY = N_("only organisers manage the jury")


def require_organiser(viewer: Principal) -> None:
    if not viewer.has_role(Role.organiser):
        raise Forbidden(ORGANISERS_ONLY)


async def load_edition(edition_id: int) -> dict[str, Any]:
    row = (
        await Edition.select(
            Edition.id, Edition.name, Edition.year, Edition.state, Edition.jury_deadline
        )
        .where(Edition.id == edition_id)
        .first()
    )
    if row is None:
        raise NotFound(N_("no award edition %(id)s"), field="edition_id", id=edition_id)
    return row


def _require_state(
    edition: dict[str, Any], allowed: Iterable[EditionState], refusal: str = JURY_FIXED
) -> None:
    if edition["state"] not in tuple(allowed):
        raise Refused(refusal, field="state", state=Term(edition["state"]))


def person_name(first_name: str | None, last_name: str | None, fallback: str = "") -> str:
    return " ".join(part for part in (first_name, last_name) if part) or fallback


# --- Appointing jurors -------------------------------------------------------------------------


async def find_accounts(query: str, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Active accounts an organiser may appoint: by a member's name or organisation (folded, as
    the directory finds them), or by an e-mail address (part of it)."""
    text = require_text(query, "search", 200, required=False)
    words = search_words(text)
    if not words:
        return []
    found: dict[int, dict[str, Any]] = {}
    if part_of_an_address(text):
        by_mail = await _accounts(contains(Account.email, text), limit)
        found.update((row["id"], row) for row in by_mail)
    matches = members_with_every_word(words)
    if matches is not None and len(found) < limit:
        members = Member.select(Member.id).where(matches)
        by_name = await _accounts(Account.member.is_in(members), limit)
        found.update((row["id"], row) for row in by_name)
    return sorted(found.values(), key=lambda row: (row["name"].casefold(), row["id"]))[:limit]


async def _accounts(where: Any, limit: int) -> list[dict[str, Any]]:
    rows = (
        await Account.select(
            Account.id,
            Account.email,
            Account.display_name,
            Account.role,
            Account.member.first_name,
            Account.member.last_name,
            Account.member.organisation.name,
        )
        .where(where & Account.active.eq(True))
        .order_by(Account.id)
        .limit(limit)
    )
    return [
        {
            "id": row["id"],
            "email": row["email"],
            "role": row["role"],
            "name": person_name(
                row["member.first_name"], row["member.last_name"], row["display_name"]
            )
            or row["email"],
            "organisation": row["member.organisation.name"] or "",
        }
        for row in rows
    ]


async def appoint_juror(viewer: Principal, edition_id: int, account_id: int) -> int:
    """Seat an account on the jury; refused (409, with why) for a candidate in this edition."""
    require_organiser(viewer)
    edition = await load_edition(edition_id)
    _require_state(edition, APPOINTING)
    account = (
        await Account.select(
            Account.id,
            Account.email,
            Account.member,
            Account.member.organisation,
            Account.member.email,
        )
        .where((Account.id == account_id) & Account.active.eq(True))
        .first()
    )
    if account is None:
        raise NotFound(
            N_("no active account %(account_id)s"), field="account_id", account_id=account_id
        )
    await _refuse_candidate(edition_id, _person(account, "", "member"))
    # The edition's row is locked: an account appointed twice at once (a double click) would
    # otherwise find no seat in both and sit twice.
    async with row_locked(Edition, edition_id):
        seated = await Juror.exists().where(
            (Juror.edition == edition_id) & (Juror.account == account_id)
        )
        if seated:
            raise Refused(N_("this account is already on the jury"), field="account_id")
        rows = await Juror.insert(
            Juror(edition=edition_id, account=account_id, appointed_at=utc_now())
        ).returning(Juror.id)
    return rows[0]["id"]


async def _refuse_candidate(edition_id: int, person: _Person) -> None:
    """A person who has a candidacy in the edition, or whose organisation has, judges none."""
    candidacies, facts = await _candidacy_facts(edition_id, [person])
    own = _competing_candidacy(person, candidacies, facts)
    if own is None:
        return
    if person.member_id is not None and own["member"] == person.member_id:
        message = N_("this person has a candidacy in this edition (%(title)s) and cannot judge it")
    else:
        message = N_(
            "this person's organisation has a candidacy in this edition (%(title)s); its people "
            "cannot judge it"
        )
    raise Refused(message, field="account_id", title=own["title"])


async def remove_juror(viewer: Principal, edition_id: int, juror_id: int) -> int:
    """Their assignments and scores go with the seat, until judging ends. A seat with declared
    conflicts stays: removing it would erase the declaration, and appointing the account again
    would let it judge that candidacy. The removal is audited. The seat's account."""
    require_organiser(viewer)
    edition = await load_edition(edition_id)
    _require_state(edition, APPOINTING)
    seat = await _juror(edition_id, juror_id)
    declared = await Conflict.count().where(Conflict.juror == juror_id)
    if declared:
        raise Refused(
            N_(
                "this juror declared a conflict of interest; the declaration stays on record, "
                "so the seat cannot be removed: end their assignments instead"
            ),
            field="juror_id",
        )
    member = (
        await Account.select(Account.member).where(Account.id == seat["account"]).first()
    ) or {"member": None}
    async with write_transaction():
        await Juror.delete().where(Juror.id == juror_id)
        await record_audit(viewer.account_id, member["member"], Action.changed, JUROR_TABLE)
    return seat["account"]


async def _juror(edition_id: int, juror_id: int) -> dict[str, Any]:
    row = await Juror.select().where((Juror.id == juror_id) & (Juror.edition == edition_id)).first()
    if row is None:
        raise NotFound(
            N_("no juror %(juror_id)s in this edition"), field="juror_id", juror_id=juror_id
        )
    return row


async def jurors(edition_id: int) -> list[dict[str, Any]]:
    """The jury as organisers see it: names, agreement, assignments and declared conflicts."""
    rows = (
        await Juror.select(
            Juror.id,
            Juror.account,
            Juror.appointed_at,
            Juror.agreed_at,
            Juror.account.email,
            Juror.account.display_name,
            Juror.account.member,
            Juror.account.member.first_name,
            Juror.account.member.last_name,
            Juror.account.member.organisation.name,
        )
        .where(Juror.edition == edition_id)
        .order_by(Juror.id)
    )
    ids = [row["id"] for row in rows]
    assigned: dict[int, int] = defaultdict(int)
    declared: dict[int, int] = defaultdict(int)
    if ids:
        for row in await Assignment.select(Assignment.juror).where(Assignment.juror.is_in(ids)):
            assigned[row["juror"]] += 1
        for row in await Conflict.select(Conflict.juror).where(Conflict.juror.is_in(ids)):
            declared[row["juror"]] += 1
    return [
        {
            "id": row["id"],
            "account_id": row["account"],
            "member_id": row["account.member"],
            "name": juror_name(row),
            "email": row["account.email"],
            "organisation": row["account.member.organisation.name"] or "",
            "appointed_at": row["appointed_at"],
            "agreed_at": row["agreed_at"],
            "assigned": assigned[row["id"]],
            "conflicts": declared[row["id"]],
        }
        for row in rows
    ]


async def seat_account(edition_id: int, juror_id: int) -> int:
    """The account sitting in a seat of this edition's jury."""
    return (await _juror(edition_id, juror_id))["account"]


async def account_name(account_id: int) -> str:
    """An account's name as the jury page shows its jurors, for the message after an
    organiser's action (a removed juror's seat is gone, their account stays)."""
    row = (
        await Account.select(
            Account.email, Account.display_name, Account.member.first_name, Account.member.last_name
        )
        .where(Account.id == account_id)
        .first()
    )
    if row is None:
        return ""
    first_name, last_name = row["member.first_name"], row["member.last_name"]
    return person_name(first_name, last_name, row["display_name"] or "") or row["email"]


async def candidacy_title(edition_id: int, candidacy_id: int) -> str:
    """A candidacy's title as the jury page's assignments show it."""
    row = (
        await Candidacy.select(Candidacy.title)
        .where((Candidacy.id == candidacy_id) & (Candidacy.edition == edition_id))
        .first()
    )
    return "" if row is None else row["title"]


def juror_name(row: dict[str, Any]) -> str:
    """A juror's member name, else their account's display name or e-mail."""
    return person_name(
        row.get("account.member.first_name"),
        row.get("account.member.last_name"),
        row.get("account.display_name") or "",
    ) or str(row.get("account.email") or "")


# --- The agreement -----------------------------------------------------------------------------


async def my_seat(viewer: Principal, edition_id: int) -> dict[str, Any]:
    """The viewer's seat on this edition's jury; 404 for anyone else (organisers included: the
    jury pages are the jurors' own)."""
    await load_edition(edition_id)
    row = (
        await Juror.select()
        .where((Juror.edition == edition_id) & (Juror.account == viewer.account_id))
        .first()
    )
    if row is None:
        raise NotFound(N_("no jury work for you in edition %(edition_id)s"), edition_id=edition_id)
    return row


async def sits_on(viewer: Principal, edition_id: int) -> bool:
    """Whether the viewer has a seat on this edition's jury (agreed or not)."""
    return await Juror.exists().where(
        (Juror.edition == edition_id) & (Juror.account == viewer.account_id)
    )


async def agree(viewer: Principal, edition_id: int) -> None:
    """Record the confidentiality agreement (once; agreeing again changes nothing)."""
    seat = await my_seat(viewer, edition_id)
    if seat["agreed_at"] is None:
        await Juror.update({Juror.agreed_at: utc_now()}).where(Juror.id == seat["id"])


async def bound_seat(viewer: Principal, edition_id: int) -> dict[str, Any]:
    """The viewer's seat once they agreed; before that nothing of the edition exists for them."""
    seat = await my_seat(viewer, edition_id)
    if seat["agreed_at"] is None:
        raise NotFound(N_("no jury work for you in edition %(edition_id)s"), edition_id=edition_id)
    return seat


async def my_jury_seats(viewer: Principal) -> list[dict[str, Any]]:
    """Every edition the viewer sits on (for the home and the award page): the edition and
    whether they agreed; the number of dossiers only once they did."""
    rows = (
        await Juror.select(
            Juror.id,
            Juror.agreed_at,
            Juror.edition,
            Juror.edition.name,
            Juror.edition.year,
            Juror.edition.state,
        )
        .where(
            (Juror.account == viewer.account_id)
            & Juror.edition.state.is_in([*WORKING, EditionState.decided])
        )
        .order_by(Juror.edition.year, ascending=False)
    )
    seats = []
    for row in rows:
        count = None
        if row["agreed_at"] is not None:
            count = await Assignment.count().where(
                (Assignment.juror == row["id"])
                & (Assignment.candidacy.state == CandidacyState.submitted)
            )
        seats.append(
            {
                "edition_id": row["edition"],
                "name": row["edition.name"],
                "year": row["edition.year"],
                "state": row["edition.state"],
                "agreed": row["agreed_at"] is not None,
                "dossiers": count,
            }
        )
    return seats


# --- Conflicts of interest ---------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    juror_id: int
    candidacy_id: int
    kind: ConflictKind


@dataclass(frozen=True)
class _Person:
    """A juror (or an account about to be appointed) as the conflict rules see them."""

    key: int
    """The seat's id; the account's before the appointment."""
    member_id: int | None
    organisation_id: int | None
    emails: tuple[str | None, ...]


def _person(row: dict[str, Any], prefix: str, member: str) -> _Person:
    """From a row of an account (`prefix` "") or of a seat (`prefix` "account.")."""
    organisation = row[f"{prefix}{member}.organisation"]
    return _Person(
        key=row["id"],
        member_id=row[f"{prefix}{member}"],
        organisation_id=organisation,
        emails=(row[f"{prefix}email"], row[f"{prefix}{member}.email"]),
    )


def _domain(email: str | None) -> str | None:
    return email.rsplit("@", 1)[-1].strip().lower() if email and "@" in email else None


async def _candidacy_facts(
    edition_id: int, people: list[_Person]
) -> tuple[list[dict[str, Any]], EligibilityFacts]:
    """The edition's candidacies (any state) and the organisations' mail domains."""
    candidacies = await Candidacy.select(
        Candidacy.id,
        Candidacy.title,
        Candidacy.state,
        Candidacy.organisation,
        Candidacy.member,
        Candidacy.member.email,
    ).where(Candidacy.edition == edition_id)
    organisation_ids = {p.organisation_id for p in people} | {
        row["organisation"] for row in candidacies
    }
    domains: dict[str, set[str]] = defaultdict(set)
    wanted = sorted(o for o in organisation_ids if o is not None)
    if wanted and people and candidacies:
        for row in await OrganisationDomain.select(
            OrganisationDomain.organisation, OrganisationDomain.domain
        ).where(OrganisationDomain.organisation.is_in(wanted)):
            domains[str(row["organisation"])].add(row["domain"])
    facts = EligibilityFacts(
        members={},
        today=utc_now().date(),
        organisations={key: OrganisationFacts(key, frozenset(v)) for key, v in domains.items()},
    )
    return candidacies, facts


def _colleague(
    person: _Person, candidacy: dict[str, Any], facts: EligibilityFacts
) -> ConflictKind | None:
    """Why the engine's colleague rule keeps the person off this candidacy, if it does."""
    candidate = MemberFacts(
        member_id=f"candidacy-{candidacy['id']}",
        organisation_id=str(candidacy["organisation"]) if candidacy["organisation"] else None,
        email_domain=_domain(candidacy["member.email"]),
    )
    organisation = str(person.organisation_id) if person.organisation_id else None
    juror_facts = [
        MemberFacts(f"juror-{person.key}", organisation, _domain(email)) for email in person.emails
    ]
    if not any(same_organisation(j, candidate, facts) for j in juror_facts):
        return None
    same = (
        person.organisation_id is not None and person.organisation_id == candidacy["organisation"]
    )
    return ConflictKind.organisation if same else ConflictKind.email_domain


def _competing_candidacy(
    person: _Person, candidacies: list[dict[str, Any]], facts: EligibilityFacts
) -> dict[str, Any] | None:
    """The candidacy (not withdrawn) that makes the person a competitor in the edition: their
    own, or their organisation's."""
    for candidacy in candidacies:
        if candidacy["state"] == CandidacyState.withdrawn:
            continue
        own = person.member_id is not None and candidacy["member"] == person.member_id
        if own or _colleague(person, candidacy, facts) is not None:
            return candidacy
    return None


async def automatic_conflicts(
    edition_id: int, juror_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], ConflictKind]:
    """(juror, candidacy) pairs the rules forbid, with why, for every candidacy of the edition:
    the engine's colleague rule (juror facts: their account's and member's e-mail domains and
    their member's organisation; candidate facts: the candidacy's organisation and the
    submitter's e-mail), and every candidacy for a juror who competes in the edition."""
    seats = Juror.select(
        Juror.id,
        Juror.account.email,
        Juror.account.member,
        Juror.account.member.organisation,
        Juror.account.member.email,
    ).where(Juror.edition == edition_id)
    if juror_ids is not None:
        seats = seats.where(Juror.id.is_in(list(juror_ids) or [0]))
    people = [_person(row, "account.", "member") for row in await seats]
    if not people:
        return {}
    candidacies, facts = await _candidacy_facts(edition_id, people)
    found: dict[tuple[int, int], ConflictKind] = {}
    for person in people:
        competes = _competing_candidacy(person, candidacies, facts) is not None
        for candidacy in candidacies:
            kind = _colleague(person, candidacy, facts)
            if kind is None and competes:
                kind = ConflictKind.competitor
            if kind is not None:
                found[(person.key, candidacy["id"])] = kind
    return found


async def _conflicting_assignments(edition_id: int) -> list[dict[str, Any]]:
    """The edition's assignments a rule now forbids, with the juror's member."""
    conflicts = await automatic_conflicts(edition_id)
    if not conflicts:
        return []
    assigned = await Assignment.select(
        Assignment.juror, Assignment.candidacy, Assignment.juror.account.member.as_alias("member")
    ).where(Assignment.juror.edition == edition_id)
    return [row for row in assigned if (row["juror"], row["candidacy"]) in conflicts]


async def drop_conflicting_assignments(edition_id: int) -> int:
    """End every assignment a rule now forbids (with the juror's scores for it), say after a
    juror's organisation started a candidacy of its own or a juror moved to a candidate's
    organisation; how many ended. Each ending is audited (by the system: no one chose it).
    Call it inside the caller's write transaction."""
    ending = await _conflicting_assignments(edition_id)
    for row in ending:
        await _drop(row["juror"], row["candidacy"])
        await record_audit(None, row["member"], Action.changed, ASSIGNMENT_TABLE)
    return len(ending)


async def end_conflicting_assignments(edition: dict[str, Any]) -> int:
    """While the jury changes (open, judging), end the assignments a conflict rule now forbids,
    whatever changed: a juror's organisation or e-mail (a profile edit, an import, a merge, the
    admin), an organisation's domains. Reads first and writes only when something ends, so the
    juror's reads, the organisers' results and the worker may all call it."""
    if edition["state"] not in JURY_CHANGES:
        return 0
    if not await _conflicting_assignments(edition["id"]):
        return 0
    async with write_transaction():
        return await drop_conflicting_assignments(edition["id"])


async def end_every_conflicting_assignment() -> int:
    """Worker job: the same for every edition whose jury still changes."""
    ended = 0
    for edition in await Edition.select(Edition.id, Edition.state).where(
        Edition.state.is_in(list(JURY_CHANGES))
    ):
        ended += await end_conflicting_assignments(edition)
    return ended


async def declared_conflicts(edition_id: int) -> list[dict[str, Any]]:
    """The conflicts jurors declared, for the organisers."""
    rows = (
        await Conflict.select(
            Conflict.id,
            Conflict.juror,
            Conflict.candidacy,
            Conflict.candidacy.title,
            Conflict.reason,
            Conflict.declared_at,
            Conflict.juror.account.email,
            Conflict.juror.account.display_name,
            Conflict.juror.account.member.first_name,
            Conflict.juror.account.member.last_name,
        )
        .where(Conflict.juror.edition == edition_id)
        .order_by(Conflict.declared_at)
    )
    return [
        {
            "id": row["id"],
            "juror_id": row["juror"],
            "juror": juror_name({k.removeprefix("juror."): v for k, v in row.items()}),
            "candidacy_id": row["candidacy"],
            "title": row["candidacy.title"],
            "reason": row["reason"],
            "declared_at": row["declared_at"],
        }
        for row in rows
    ]


async def _declared_pairs(edition_id: int) -> set[tuple[int, int]]:
    rows = await Conflict.select(Conflict.juror, Conflict.candidacy).where(
        Conflict.juror.edition == edition_id
    )
    return {(row["juror"], row["candidacy"]) for row in rows}


# --- Assignments -------------------------------------------------------------------------------


async def _submitted_candidacy(edition_id: int, candidacy_id: int) -> dict[str, Any]:
    row = (
        await Candidacy.select(Candidacy.id, Candidacy.title, Candidacy.state)
        .where((Candidacy.id == candidacy_id) & (Candidacy.edition == edition_id))
        .first()
    )
    if row is None or row["state"] != CandidacyState.submitted:
        raise NotFound(
            N_("no submitted candidacy %(candidacy_id)s in this edition"),
            field="candidacy_id",
            candidacy_id=candidacy_id,
        )
    return row


async def assign(viewer: Principal, edition_id: int, juror_id: int, candidacy_id: int) -> int:
    """Assign one submitted candidacy to one juror; refused (409, with why) for a conflict."""
    require_organiser(viewer)
    edition = await load_edition(edition_id)
    _require_state(edition, ASSIGNING)
    await _juror(edition_id, juror_id)
    await _submitted_candidacy(edition_id, candidacy_id)
    kind = (await automatic_conflicts(edition_id, [juror_id])).get((juror_id, candidacy_id))
    if kind is None and (juror_id, candidacy_id) in await _declared_pairs(edition_id):
        kind = ConflictKind.declared
    if kind is not None:
        raise Refused(REFUSALS[kind], field="juror_id")
    async with row_locked(Edition, edition_id):  # sent twice at once, it assigns once
        existing = (
            await Assignment.select(Assignment.id)
            .where((Assignment.juror == juror_id) & (Assignment.candidacy == candidacy_id))
            .first()
        )
        if existing is not None:
            return existing["id"]
        rows = await Assignment.insert(
            Assignment(juror=juror_id, candidacy=candidacy_id, assigned_at=utc_now())
        ).returning(Assignment.id)
    return rows[0]["id"]


@dataclass(frozen=True)
class AssignOutcome:
    assigned: int
    skipped: list[Refusal]


async def assign_everyone(viewer: Principal, edition_id: int) -> AssignOutcome:
    """Every juror to every submitted candidacy, skipping the pairs a conflict forbids."""
    require_organiser(viewer)
    edition = await load_edition(edition_id)
    _require_state(edition, ASSIGNING)
    seat_ids = [r["id"] for r in await Juror.select(Juror.id).where(Juror.edition == edition_id)]
    candidacy_ids = [
        r["id"]
        for r in await Candidacy.select(Candidacy.id).where(
            (Candidacy.edition == edition_id) & (Candidacy.state == CandidacyState.submitted)
        )
    ]
    automatic = await automatic_conflicts(edition_id)
    declared = await _declared_pairs(edition_id)
    skipped: list[Refusal] = []
    assigned = 0
    async with row_locked(Edition, edition_id):  # clicked twice at once, it assigns once
        existing = {
            (r["juror"], r["candidacy"])
            for r in await Assignment.select(Assignment.juror, Assignment.candidacy).where(
                Assignment.juror.edition == edition_id
            )
        }
        new = []
        for juror_id in seat_ids:
            for candidacy_id in candidacy_ids:
                pair = (juror_id, candidacy_id)
                kind = automatic.get(pair) or (ConflictKind.declared if pair in declared else None)
                if kind is not None:
                    skipped.append(Refusal(juror_id, candidacy_id, kind))
                elif pair not in existing:
                    new.append(
                        Assignment(juror=juror_id, candidacy=candidacy_id, assigned_at=utc_now())
                    )
        if new:
            await Assignment.insert(*new)
            assigned = len(new)
    return AssignOutcome(assigned, skipped)


async def unassign(viewer: Principal, edition_id: int, assignment_id: int) -> dict[str, int]:
    """Take a candidacy from a juror; their scores for it go with the assignment. The seat
    (`juror`) and the `candidacy` it joined."""
    require_organiser(viewer)
    edition = await load_edition(edition_id)
    _require_state(edition, ASSIGNING)
    row = (
        await Assignment.select(Assignment.juror, Assignment.candidacy)
        .where((Assignment.id == assignment_id) & (Assignment.juror.edition == edition_id))
        .first()
    )
    if row is None:
        raise NotFound(
            N_("no assignment %(assignment_id)s in this edition"), assignment_id=assignment_id
        )
    async with write_transaction():
        await _drop(row["juror"], row["candidacy"])
    return row


async def _drop(juror_id: int, candidacy_id: int) -> None:
    await Assignment.delete().where(
        (Assignment.juror == juror_id) & (Assignment.candidacy == candidacy_id)
    )
    await Score.delete().where((Score.juror == juror_id) & (Score.candidacy == candidacy_id))


async def assignment_table(edition_id: int) -> list[dict[str, Any]]:
    """Per submitted candidacy: its assigned jurors, the jurors a conflict keeps off it (with
    why) and the jurors still free to assign."""
    candidacies = (
        await Candidacy.select(
            Candidacy.id,
            Candidacy.title,
            Candidacy.organisation.name,
            Candidacy.category.name,
        )
        .where((Candidacy.edition == edition_id) & (Candidacy.state == CandidacyState.submitted))
        .order_by(Candidacy.title)
        .order_by(Candidacy.id)
    )
    await end_conflicting_assignments(await load_edition(edition_id))
    seats = await jurors(edition_id)
    names = {seat["id"]: seat["name"] for seat in seats}
    automatic = await automatic_conflicts(edition_id)
    declared = await _declared_pairs(edition_id)
    assignments = await Assignment.select(
        Assignment.id, Assignment.juror, Assignment.candidacy
    ).where(Assignment.juror.edition == edition_id)
    by_candidacy: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in assignments:
        by_candidacy[row["candidacy"]].append(
            {"id": row["id"], "juror_id": row["juror"], "juror": names.get(row["juror"], "")}
        )
    table = []
    for candidacy in candidacies:
        assigned = by_candidacy[candidacy["id"]]
        taken = {a["juror_id"] for a in assigned}
        kept_off = []
        free = []
        for seat in seats:
            pair = (seat["id"], candidacy["id"])
            kind = automatic.get(pair) or (ConflictKind.declared if pair in declared else None)
            if kind is not None:
                kept_off.append({"juror_id": seat["id"], "juror": seat["name"], "kind": kind})
            elif seat["id"] not in taken:
                free.append({"juror_id": seat["id"], "juror": seat["name"]})
        table.append(
            {
                "id": candidacy["id"],
                "title": candidacy["title"],
                "organisation": candidacy["organisation.name"] or "",
                "category": candidacy["category.name"] or "",
                "assigned": sorted(assigned, key=lambda a: a["juror"].casefold()),
                "kept_off": kept_off,
                "free": free,
            }
        )
    return table


# --- A juror's dossiers ------------------------------------------------------------------------


async def _assigned_ids(juror_id: int) -> list[int]:
    rows = await Assignment.select(Assignment.candidacy).where(Assignment.juror == juror_id)
    return [row["candidacy"] for row in rows]


async def submitter_names(rows: Iterable[dict[str, Any]]) -> dict[int, str]:
    """The name of who submitted each candidacy as the jury and the report show it: empty when
    they were erased (unlinked, or marked erased) or are restricted now (the dossier stays)."""
    rows = list(rows)
    restricted = await restricted_ids(row["member"] for row in rows)
    return {
        row["id"]: ""
        if row["member"] is None
        or row["member"] in restricted
        or row.get("member.status") == MemberStatus.erased
        else person_name(row["member.first_name"], row["member.last_name"])
        for row in rows
    }


CANDIDACY_COLUMNS = (
    Candidacy.id,
    Candidacy.title,
    Candidacy.summary,
    Candidacy.member,
    Candidacy.member.first_name,
    Candidacy.member.last_name,
    Candidacy.member.status,
    Candidacy.organisation.name,
    Candidacy.category,
    Candidacy.category.name,
    Candidacy.submitted_at,
)


async def my_dossiers(viewer: Principal, edition_id: int) -> list[dict[str, Any]]:
    """The submitted candidacies assigned to the viewer, once they agreed and judging started
    (none while the edition is open); each listed one is a read of its dossier's title, so it
    is audited."""
    seat = await bound_seat(viewer, edition_id)
    edition = await load_edition(edition_id)
    if edition["state"] == EditionState.open:
        return []
    await end_conflicting_assignments(edition)
    ids = await _assigned_ids(seat["id"])
    if not ids:
        return []
    rows = (
        await Candidacy.select(*CANDIDACY_COLUMNS)
        .where(Candidacy.id.is_in(ids) & (Candidacy.state == CandidacyState.submitted))
        .order_by(Candidacy.title)
        .order_by(Candidacy.id)
    )
    criteria = await Criterion.count().where(Criterion.edition == edition_id)
    mine: dict[int, int] = defaultdict(int)
    for row in await Score.select(Score.candidacy).where(Score.juror == seat["id"]):
        mine[row["candidacy"]] += 1
    names = await submitter_names(rows)
    dossiers = []
    for row in rows:
        await record_audit(viewer.account_id, row["member"], Action.viewed, DOSSIER_TABLE)
        dossiers.append(
            {
                "id": row["id"],
                "title": row["title"],
                "organisation": row["organisation.name"] or "",
                "category": row["category.name"] or "",
                "submitter": names[row["id"]],
                "scored": mine[row["id"]],
                "criteria": criteria,
            }
        )
    return dossiers


async def assigned_candidacy(
    viewer: Principal, edition_id: int, candidacy_id: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The viewer's seat and the candidacy, when they agreed and it is assigned to them and
    submitted; 404 otherwise, and 409 for every candidacy while the edition is open (its
    candidacies still change). Reads nothing of the dossier itself (no audit)."""
    seat = await bound_seat(viewer, edition_id)
    edition = await load_edition(edition_id)
    if edition["state"] == EditionState.open:
        raise Refused(DOSSIERS_CLOSED, field="state")
    await end_conflicting_assignments(edition)
    return seat, await _assigned_row(seat, edition_id, candidacy_id)


async def _assigned_row(seat: dict[str, Any], edition_id: int, candidacy_id: int) -> dict[str, Any]:
    """The candidacy when it is assigned to the seat and submitted; 404 otherwise."""
    assigned = await Assignment.exists().where(
        (Assignment.juror == seat["id"]) & (Assignment.candidacy == candidacy_id)
    )
    row = (
        await Candidacy.select(*CANDIDACY_COLUMNS, Candidacy.state)
        .where((Candidacy.id == candidacy_id) & (Candidacy.edition == edition_id))
        .first()
    )
    if not assigned or row is None or row["state"] != CandidacyState.submitted:
        raise NotFound(N_("no candidacy %(id)s"), field="candidacy_id", id=candidacy_id)
    return row


async def organisations_to_check(viewer: Principal, edition_id: int) -> list[dict[str, Any]]:
    """While the edition is open: the submitted candidacies assigned to the viewer by their
    organisation's name alone (no title, text or submitter: those may still change), so that
    the juror can declare a conflict of interest before judging starts. Empty in any other
    state (the dossiers are listed then) and before the agreement (404)."""
    seat = await bound_seat(viewer, edition_id)
    if (await load_edition(edition_id))["state"] != EditionState.open:
        return []
    rows = (
        await Candidacy.select(Candidacy.id, Candidacy.organisation.name)
        .where(
            Candidacy.id.is_in(await _assigned_ids(seat["id"]) or [0])
            & (Candidacy.state == CandidacyState.submitted)
        )
        .order_by(Candidacy.organisation.name)
        .order_by(Candidacy.id)
    )
    return [{"id": row["id"], "organisation": row["organisation.name"] or ""} for row in rows]


async def read_dossier(
    viewer: Principal, edition_id: int, candidacy_id: int, *, audited: bool = True
) -> dict[str, Any]:
    """The whole dossier for its juror: texts per criterion and the attachments' names; the
    read is audited, unless nothing of it is shown (a HEAD, the read that checks an
    `If-Match`: `audited=False`)."""
    seat, row = await assigned_candidacy(viewer, edition_id, candidacy_id)
    criteria = (
        await Criterion.select(
            Criterion.id, Criterion.name, Criterion.description, Criterion.weight
        )
        .where(Criterion.edition == edition_id)
        .order_by(Criterion.position)
        .order_by(Criterion.id)
    )
    texts = {
        r["criterion"]: r["text"]
        for r in await CandidacyText.select(CandidacyText.criterion, CandidacyText.text).where(
            CandidacyText.candidacy == candidacy_id
        )
    }
    attachments = (
        await Attachment.select(
            Attachment.id, Attachment.filename, Attachment.content_type, Attachment.size
        )
        .where(Attachment.candidacy == candidacy_id)
        .order_by(Attachment.id)
    )
    names = await submitter_names([row])
    if audited:
        await record_audit(viewer.account_id, row["member"], Action.viewed, DOSSIER_TABLE)
    return {
        "juror_id": seat["id"],
        "id": row["id"],
        "title": row["title"],
        "summary": row["summary"],
        "organisation": row["organisation.name"] or "",
        "category": row["category.name"] or "",
        "submitter": names[row["id"]],
        "submitted_at": row["submitted_at"],
        "criteria": [{**c, "text": texts.get(c["id"], "")} for c in criteria],
        "attachments": attachments,
    }


async def read_attachment(
    viewer: Principal, edition_id: int, candidacy_id: int, attachment_id: int
) -> dict[str, Any]:
    """One file of an assigned dossier, for its juror; the download is audited."""
    _, row = await assigned_candidacy(viewer, edition_id, candidacy_id)
    found = (
        await Attachment.select(Attachment.filename, Attachment.content_type, Attachment.content)
        .where((Attachment.id == attachment_id) & (Attachment.candidacy == candidacy_id))
        .first()
    )
    if found is None:
        raise NotFound(N_("no attachment %(id)s"), id=attachment_id)
    await record_audit(viewer.account_id, row["member"], Action.viewed, ATTACHMENT_TABLE)
    return found


async def declare_conflict(
    viewer: Principal, edition_id: int, candidacy_id: int, reason: str
) -> None:
    """The juror steps aside: the conflict is recorded, the assignment ends and their scores
    for the candidacy are removed. Possible from the agreement on, while the edition is open
    too (no dossier is read for it), until judging ends: from the deliberation on the scores
    are fixed, and the juror tells the organisers instead."""
    reason = require_text(reason, "reason", REASON_LIMIT)
    seat = await bound_seat(viewer, edition_id)
    edition = await load_edition(edition_id)
    if edition["state"] == EditionState.deliberation:
        raise Refused(DELIBERATING, field="state")
    if edition["state"] == EditionState.judging and deadline_passed(edition):
        raise Refused(
            PAST_THE_DEADLINE, field="jury_deadline", deadline=Moment(edition["jury_deadline"])
        )
    _require_state(
        edition,
        DECLARING,
        N_("a conflict of interest can no longer be declared: the edition's state is %(state)s"),
    )
    if await _declared(seat["id"], candidacy_id):
        raise Refused(ALREADY_DECLARED)
    try:
        await _assigned_row(seat, edition_id, candidacy_id)
    except NotFound:
        # A declaration sent at the same moment took the assignment after the check above; it
        # recorded its conflict in the same transaction, so that is what this one hears.
        if await _declared(seat["id"], candidacy_id):
            raise Refused(ALREADY_DECLARED) from None
        raise
    async with write_transaction():
        # The assignment is taken by deleting it: of declarations sent at once, one finds it.
        taken = (
            await Assignment.delete()
            .where((Assignment.juror == seat["id"]) & (Assignment.candidacy == candidacy_id))
            .returning(Assignment.id)
        )
        if taken:
            await Conflict.insert(
                Conflict(
                    juror=seat["id"], candidacy=candidacy_id, reason=reason, declared_at=utc_now()
                )
            )
            await _drop(seat["id"], candidacy_id)
    if not taken:
        raise Refused(ALREADY_DECLARED)


ALREADY_DECLARED = N_("a conflict of interest with this candidacy was already declared")


async def _declared(juror_id: int, candidacy_id: int) -> bool:
    return await Conflict.exists().where(
        (Conflict.juror == juror_id) & (Conflict.candidacy == candidacy_id)
    )
