"""What Piccolo Admin writes to members, organisations and their records: checked like Kring's
own forms and API, and noted in the audit trail.

Piccolo Admin writes rows directly (`kring.admin_site`). Without these hooks a phone number
"abc", an address that is none and a name holding U+202E were stored as typed, and the member's
page answered 500. Each hook runs the app's own validation on the fields that change, refuses a
bad value with a 400 naming the field, and notes who changed whose data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from piccolo.columns import Column
from piccolo.columns.defaults.base import Default
from piccolo.table import Table
from piccolo_api.crud.hooks import Hook, HookType
from starlette.exceptions import HTTPException
from starlette.requests import Request

from kring.admin_queries import LOWEST, out_of_range_error
from kring.admin_site import admin_principal, note_refusal
from kring.choices import InteractionKind, MemberStatus, Role
from kring.clock import home_today
from kring.declarations import REGISTER
from kring.errors import Conflict, DomainError
from kring.messages import N_, Quantity
from kring.search import with_member_search, with_organisation_search
from kring.tables import (
    Account,
    Activity,
    Challenge,
    Expertise,
    Interaction,
    Member,
    Organisation,
    OrganisationDomain,
)
from kring.validation import (
    MAX_ID,
    Checks,
    FieldError,
    FieldErrors,
    normalise_domain,
    require_line,
    require_plausible_year,
    require_text,
)
from members import organisations, profiles, records
from privacy.audit import Action, record_audit
from privacy.living import require_living_member
from privacy.recipients import notify_rectification

# Kept by Piccolo or by Kring itself: an admin's value for them is left out, never written.
SYSTEM_COLUMNS = frozenset({"id", "created_at", "updated_at", "search_name"})

Row = dict[str, Any]


async def _accept(clean: Row, stored: Row | None) -> None:
    return None


def _as_given(clean: Row, stored: Row | None) -> Row:
    return clean


@dataclass(frozen=True)
class AdminRules:
    """How one table's rows are checked when the admin writes them."""

    table: type[Table]
    editable: tuple[str, ...]
    clean: Callable[[Mapping[str, Any]], Row]
    """The app's own validation: normalised values, or a FieldError naming the field."""
    check: Callable[[Row, Row | None], Awaitable[None]] = _accept
    """What needs the database (references, uniqueness, consent); `stored` is None on create."""
    derive: Callable[[Row, Row | None], Row] = _as_given
    """The values to write, with what follows from them (the search text)."""
    required: tuple[str, ...] = ()
    """References a row cannot be without, though the column takes a null (Piccolo's
    ForeignKey does unless told otherwise): a domain's organisation, a record's member."""
    deletable: bool = True
    in_use: Callable[[int], Awaitable[DomainError | None]] | None = None
    """Why a row cannot be deleted yet (what still refers to it), or None: the admin hears it
    instead of the database's refusal."""


def _refused(error: FieldError | DomainError, request: Request) -> HTTPException:
    """The hook's answer, in English as the API's; the admin's page shows it in the reader's
    language (`kring.admin_site.note_refusal`)."""
    note_refusal(request, error)
    if isinstance(error, FieldErrors):  # every refused field, as Kring's own forms name them
        return HTTPException(400, str(error))
    status = getattr(error, "status_code", 400)
    return HTTPException(
        status, f"{error.field}: {error.message}" if error.field else error.message
    )


def _name(key: Column | str) -> str:
    return key._meta.name if isinstance(key, Column) else key


def _default(column: Column) -> Any:
    """The value a new row gets; "today" and "now" as the day and time they stand for."""
    default = column.get_default_value()
    return default.python() if isinstance(default, Default) else default


def _actor(request: Request) -> int | None:
    principal = admin_principal(request)
    return None if principal is None else principal.account_id


async def _audit(rules: AdminRules, request: Request, row: Row, what: str) -> None:
    """Changes to a table with personal data are noted against the member they are about."""
    declared = REGISTER.personal.get(rules.table._meta.tablename)
    if declared is None:
        return
    member = row.get(declared.subject) if declared.subject != "id" else row.get("id")
    await record_audit(
        _actor(request), member, Action.changed, f"{rules.table._meta.tablename} ({what})"
    )


def _refuse_unstorable(rules: AdminRules, name: str, value: Any) -> None:
    """A null where the row needs a value, or a number no column holds: refused naming the
    field, never stored (an app's own check would read it as text or an id and say something
    else, or the database would refuse the query naming nothing)."""
    if isinstance(value, int) and not isinstance(value, bool) and not LOWEST <= value <= MAX_ID:
        raise out_of_range_error(name, str(value))
    if value is not None or name in SYSTEM_COLUMNS:
        return
    column = rules.table._meta.get_column_by_name(name)
    if name in rules.required or not column._meta.null:
        raise FieldError(name, N_("must have a value, not null"))


def hooks_for(rules: AdminRules) -> list[Hook]:
    table = rules.table

    async def created(row: Table, request: Request) -> Table:
        given: Row = {}
        try:
            for column in table._meta.columns:
                name, value = column._meta.name, getattr(row, column._meta.name)
                if name in SYSTEM_COLUMNS:
                    if name != "id":  # Kring's own, whatever was sent (Piccolo ignores an id)
                        setattr(row, name, _default(column))
                    continue
                if name in rules.required or value is not None:
                    _refuse_unstorable(rules, name, value)
                if value is None and not column._meta.null:  # left out
                    value = _default(column)
                    setattr(row, name, value)
                if name in rules.editable or value != _default(column):
                    given[name] = value  # other columns only when set (an opt-out, say)
            clean = rules.clean(given)
            await rules.check(clean, None)
        except (FieldError, DomainError) as error:
            raise _refused(error, request) from None
        for name, value in rules.derive(clean, None).items():
            setattr(row, name, value)
        await _audit(rules, request, clean, "admin")
        return row

    async def patched(row_id: int, values: dict[Any, Any], request: Request) -> Row:
        stored = await table.select().where(table._meta.primary_key == row_id).first()
        given = {_name(key): value for key, value in values.items()}
        if stored is None:  # Piccolo's update then changes nothing
            return {name: value for name, value in given.items() if name not in SYSTEM_COLUMNS}
        # The admin's form sends the whole row: only what differs from the stored row changes.
        changes = {
            name: value
            for name, value in given.items()
            if name not in SYSTEM_COLUMNS and stored.get(name) != value
        }
        try:
            for name, value in changes.items():
                _refuse_unstorable(rules, name, value)
            clean = rules.clean(changes)
            await rules.check(clean, stored)
        except (FieldError, DomainError) as error:
            raise _refused(error, request) from None
        written = rules.derive(clean, stored) if clean else {}
        if clean:
            await _audit(rules, request, {**stored, **clean}, "admin")
        # A column Kring keeps is never written: an id sent would move the row to another id.
        unchanged = {
            name: value
            for name, value in given.items()
            if name not in changes and name not in SYSTEM_COLUMNS
        }
        if not (written or unchanged):
            if kept := [name for name in given if name in SYSTEM_COLUMNS]:
                raise _refused(
                    DomainError(
                        N_(
                            "body: holds only %(kept)s, which Kring keeps itself; send a field "
                            "to change"
                        ),
                        kept=", ".join(kept),
                    ),
                    request,
                )
            raise _refused(DomainError(N_("body: is empty: send a JSON object")), request)
        return unchanged | written

    async def deleted(row_id: int, request: Request) -> None:
        stored = await table.select().where(table._meta.primary_key == row_id).first()
        if stored is None:
            return
        if not rules.deletable:
            raise _refused(Conflict(N_("erasure goes through a privacy erasure request")), request)
        if rules.in_use is not None and (refusal := await rules.in_use(row_id)):
            raise _refused(refusal, request)
        await _audit(rules, request, stored, "admin, deleted")

    return [
        Hook(HookType.pre_save, created),
        Hook(HookType.pre_patch, patched),
        Hook(HookType.pre_delete, deleted),
    ]


async def _check_member(clean: Row, stored: Row | None) -> None:
    member_id = None if stored is None else stored["id"]
    if stored is not None and stored["status"] == MemberStatus.erased:
        raise Conflict(N_("this member was erased; the profile can no longer change"))
    checks = Checks()
    await profiles._check_references(clean, member_id, checks)
    await profiles._check_private_consent(clean, member_id, checks)
    checks.done()
    if stored is not None:
        await notify_rectification(stored["id"], stored, clean)  # GDPR art. 19


async def _check_organisation(clean: Row, stored: Row | None) -> None:
    checks = Checks()
    await organisations._check_unique(clean, None if stored is None else stored["id"], checks)
    checks.done()


async def _check_owner(clean: Row, stored: Row | None) -> None:
    """Nothing is recorded about an erased member (as `members.interactions` says)."""
    if "member" in clean:
        await require_living_member(clean["member"], "member")


async def _check_interaction(clean: Row, stored: Row | None) -> None:
    """Who held it is a staff account, as when staff record it themselves: not a member's
    login, nor an id of no account (the database's own refusal named no field)."""
    await _check_owner(clean, stored)
    staff = clean.get("staff")
    if staff is not None and not await Account.exists().where(
        (Account.id == staff) & (Account.role != Role.member)
    ):
        raise FieldError("staff", N_("no staff account with id %(id)s"), id=staff)


async def _check_domain(clean: Row, stored: Row | None) -> None:
    organisation = clean.get("organisation")
    if organisation is not None and not await Organisation.exists().where(
        Organisation.id == organisation
    ):
        raise FieldError("organisation", N_("no organisation with id %(id)s"), id=organisation)


def _clean_record(data: Mapping[str, Any]) -> Row:
    clean = records.clean_record({k: v for k, v in data.items() if k != "member"})
    if "member" in data:
        clean["member"] = data["member"]
    return clean


def _date(data: Mapping[str, Any], field: str, clean: Row) -> None:
    if field in data:
        value = data[field]
        if not isinstance(value, date):
            raise FieldError(field, N_("must be a date like 2024-03-01"))
        require_plausible_year(value, field)
        clean[field] = value


def _clean_interaction(data: Mapping[str, Any]) -> Row:
    clean = {name: data[name] for name in ("member", "staff") if name in data}
    if "kind" in data:
        clean["kind"] = profiles._choice(InteractionKind, data["kind"], "kind")
    _date(data, "occurred_on", clean)
    if clean.get("occurred_on", date.min) > home_today():
        raise FieldError("occurred_on", N_("an interaction that was held cannot be in the future"))
    if "note" in data:
        clean["note"] = require_text(data["note"] or "", "note", 500, required=False)
    return clean


def _clean_activity(data: Mapping[str, Any]) -> Row:
    clean = {name: data[name] for name in ("member",) if name in data}
    if "title" in data:
        clean["title"] = require_line(data["title"] or "", "title", 200)
    if "source" in data:
        clean["source"] = require_line(data["source"] or "", "source", 50, required=False)
    _date(data, "occurred_on", clean)
    return clean


async def _organisation_in_use(organisation_id: int) -> DomainError | None:
    """A member's organisation cannot go (the reference restricts it): say how many work there."""
    count = await Member.count().where(Member.organisation == organisation_id)
    if not count:
        return None
    # One message per number: a refusal is translated where it is shown, without ngettext.
    if count == 1:
        return Conflict(
            N_("organisation %(id)s still has 1 member; move them to another organisation first"),
            id=organisation_id,
        )
    return Conflict(
        N_(
            "organisation %(id)s still has %(count)s members; move them to another "
            "organisation first"
        ),
        id=organisation_id,
        count=Quantity(count),
    )


def _clean_domain(data: Mapping[str, Any]) -> Row:
    clean = {name: data[name] for name in ("organisation",) if name in data}
    if "domain" in data:
        clean["domain"] = normalise_domain(data["domain"] or "", "domain")
    return clean


RULES = (
    AdminRules(
        Member,
        profiles.EDITABLE,
        profiles.clean_member,
        _check_member,
        with_member_search,
        deletable=False,  # erasure keeps what the law keeps and notes it; a delete would not
    ),
    AdminRules(
        Organisation,
        tuple(name for name in organisations.EDITABLE if name != "email_domains"),
        organisations.clean_organisation,
        _check_organisation,
        with_organisation_search,
        in_use=_organisation_in_use,
    ),
    AdminRules(
        OrganisationDomain,
        ("organisation", "domain"),
        _clean_domain,
        _check_domain,
        required=("organisation",),
    ),
    AdminRules(
        Challenge,
        (*records.EDITABLE, "member"),
        _clean_record,
        _check_owner,
        required=("member",),
    ),
    AdminRules(
        Expertise,
        (*records.EDITABLE, "member"),
        _clean_record,
        _check_owner,
        required=("member",),
    ),
    AdminRules(
        Interaction,
        ("member", "kind", "occurred_on", "note", "staff"),
        _clean_interaction,
        _check_interaction,
        required=("member",),
    ),
    AdminRules(
        Activity,
        ("member", "title", "occurred_on", "source"),
        _clean_activity,
        _check_owner,
        required=("member",),
    ),
)

HOOKS: dict[type[Table], list[Hook]] = {rules.table: hooks_for(rules) for rules in RULES}


def _export_noted(table: type[Table]) -> Callable[[int], Awaitable[None]]:
    async def note(actor: int) -> None:
        await record_audit(actor, None, Action.exported, f"{table._meta.tablename} (admin)")

    return note


EXPORTS: dict[type[Table], Callable[[int], Awaitable[None]]] = {
    rules.table: _export_noted(rules.table)
    for rules in RULES
    if rules.table._meta.tablename in REGISTER.personal
}
"""The audit of an admin's CSV export from Piccolo Admin, for the tables with personal data
(as every other export of personal data is audited)."""
