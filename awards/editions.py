"""Award editions as organisers make them: name, year, deadlines, categories and weighted
criteria, and the steps from open to archived.

Categories and criteria are fixed once judging starts (scores refer to them); a decided or
archived edition is not changed at all, because its outcome must stay explainable.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from awards.choices import NEXT_STATE, EditionState
from awards.jury import drop_conflicting_assignments
from awards.tables import AwardCategory, Candidacy, CandidacyText, Criterion, Edition
from kring.choices import Role
from kring.clock import utc_now
from kring.database import is_postgres, write_transaction
from kring.errors import Conflict, Forbidden, NotFound
from kring.messages import N_, FieldName, Term, Terms
from kring.principal import Principal
from kring.seen import check_meanwhile, snapshot, untouched
from kring.typed_dates import read_moment
from kring.validation import (
    MAX_ID,
    Checks,
    FieldError,
    briefly,
    require_line,
    require_plausible_year,
    require_text,
    whole_number,
)
from kring.zones import wall_clock

ZONE = ZoneInfo("Europe/Brussels")
"""Deadlines are typed and shown in the network's time zone and stored in UTC."""

NAME_LIMIT = 200
DESCRIPTION_LIMIT = 2000
MAX_CATEGORIES = 10
MAX_CRITERIA = 20
WEIGHTS = range(1, 101)
YEARS = range(2000, 2101)

EDITABLE_STATES = (EditionState.open, EditionState.judging, EditionState.deliberation)
"""States in which an edition's name, year and jury deadline may still change."""


def require_organiser(viewer: Principal) -> None:
    if not viewer.has_role(Role.organiser):
        raise Forbidden(N_("only organisers manage award editions"))


@asynccontextmanager
async def edition_locked(edition_id: int) -> AsyncIterator[None]:
    """A transaction in which the edition's state and deadlines cannot change under a check:
    PostgreSQL locks the edition's row; SQLite's BEGIN IMMEDIATE takes its one write lock."""
    engine = Edition._meta.db
    async with write_transaction(engine):
        query = Edition.select(Edition.id).where(Edition.id == edition_id)
        if is_postgres(engine):
            query = query.lock_rows("UPDATE")
        if await query.first() is None:
            raise NotFound(N_("no award edition %(id)s"), field="edition_id", id=edition_id)
        yield


# --- Reading and checking input ---------------------------------------------------------------


def parse_deadline(raw: Any, field: str, stored: datetime | None = None) -> datetime | None:
    """An aware datetime as it is; a naive one (a form's datetime-local) is Brussels time, where
    a skipped or repeated hour is refused as on events unless it is the `stored` deadline sent
    back as the edit form shows it (`kring.zones.wall_clock`)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        value = raw
    else:
        text = str(raw).strip()
        try:
            value = read_moment(text)
        except ValueError:
            raise FieldError(
                field,
                N_("%(value)r is not a date and time like 2026-05-04T18:30"),
                value=briefly(text),
            ) from None
    require_plausible_year(value, field)
    return wall_clock(value, ZONE.key, field, stored)


def _year(raw: Any) -> int:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise FieldError("year", N_("is required"))  # not "“” is not a whole number"
    year = whole_number(raw)
    if year is None:
        raise FieldError("year", N_("%(value)r is not a whole number"), value=briefly(str(raw)))
    if year not in YEARS:
        raise FieldError("year", N_("must be between %(low)s and %(high)s"), low=2000, high=2100)
    return year


def _weight(raw: Any, field: str, number: int) -> int:
    """A criterion's weight; 1 when a caller gives none. A form's field left empty is refused:
    it counts in every weighted mean, so clearing it must not quietly make it 1."""
    weight = whole_number(raw) if raw is not None else 1
    if weight is None or weight not in WEIGHTS:
        raise FieldError(
            field,
            N_("criterion %(number)s: the weight must be a whole number from 1 to 100"),
            number=number,
        )
    return weight


def _item_id(raw: Any, field: str) -> int | None:
    if raw in (None, ""):
        return None
    value = whole_number(raw)
    if value is None or not 0 < value <= MAX_ID:
        raise FieldError(field, N_("%(value)r is not a known id"), value=briefly(str(raw)))
    return value


def clean_categories(raw: Any) -> list[dict[str, Any]]:
    """[{id?, name}] in their order; plain names are accepted too."""
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise FieldError("categories", N_("give a list of categories"))
    found: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        field = f"categories[{index}]"
        entry = {"name": item} if isinstance(item, str) else dict(item)
        name = require_line(str(entry.get("name") or ""), field, NAME_LIMIT)
        found.append({"id": _item_id(entry.get("id"), field), "name": name})
    if not found:
        raise FieldError("categories", N_("give at least one category"))
    if len(found) > MAX_CATEGORIES:
        raise FieldError("categories", N_("at most %(limit)s allowed"), limit=MAX_CATEGORIES)
    _refuse_repeats(found, "categories")
    return found


def clean_criteria(raw: Any) -> list[dict[str, Any]]:
    """[{id?, name, description, weight}] in their order (the order jurors score them in)."""
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise FieldError("criteria", N_("give a list of criteria"))
    found: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        field = f"criteria[{index}]"
        entry = dict(item) if isinstance(item, Mapping) else {"name": item}
        found.append(
            {
                "id": _item_id(entry.get("id"), field),
                "name": require_line(str(entry.get("name") or ""), field + ".name", NAME_LIMIT),
                "description": require_text(
                    str(entry.get("description") or ""),
                    field + ".description",
                    DESCRIPTION_LIMIT,
                    required=False,
                ),
                "weight": _weight(entry.get("weight"), field + ".weight", index + 1),
            }
        )
    if not found:
        raise FieldError("criteria", N_("give at least one criterion"))
    if len(found) > MAX_CRITERIA:
        raise FieldError("criteria", N_("at most %(limit)s allowed"), limit=MAX_CRITERIA)
    _refuse_repeats(found, "criteria")
    return found


def _refuse_repeats(items: list[dict[str, Any]], field: str) -> None:
    names = [item["name"].casefold() for item in items]
    for name, item in zip(names, items, strict=True):
        if names.count(name) > 1:
            raise FieldError(
                field, N_("%(name)r appears twice; give each a name of its own"), name=item["name"]
            )
    ids = [item["id"] for item in items if item["id"] is not None]
    if len(ids) != len(set(ids)):
        raise FieldError(field, N_("the same id appears twice"))


def clean_edition(
    data: Mapping[str, Any],
    current: Mapping[str, Any] | None = None,
    submission_after: datetime | None = None,
) -> dict[str, Any]:
    """The validated fields present in `data`, the deadlines checked against each other (and a
    new edition's submission deadline against `submission_after`). Every refused field is
    reported at once (`Checks`)."""
    clean: dict[str, Any] = {}
    checks = Checks()
    if "name" in data:
        with checks:
            clean["name"] = require_line(str(data["name"] or ""), "name", NAME_LIMIT)
    if "year" in data:
        with checks:
            clean["year"] = _year(data["year"])
    for field in ("submission_deadline", "jury_deadline"):
        if field in data:
            with checks:
                clean[field] = parse_deadline(data[field], field, (current or {}).get(field))
    if "categories" in data:
        with checks:
            clean["categories"] = clean_categories(data["categories"])
    if "criteria" in data:
        with checks:
            clean["criteria"] = clean_criteria(data["criteria"])
    merged = {**(current or {}), **clean}
    for field in ("name", "year", "submission_deadline", "jury_deadline"):
        if merged.get(field) in (None, "") and not checks.refused(field):
            checks.add(FieldError(field, N_("is required")))
    if current is None:
        for field in ("categories", "criteria"):
            if field not in clean and not checks.refused(field):
                checks.add(FieldError(field, N_("is required")))
    submission = merged.get("submission_deadline")
    if submission_after and submission and submission <= submission_after:
        checks.add(FieldError("submission_deadline", N_("must lie in the future")))
    _check_jury_deadline(checks, clean, merged, current)
    checks.done()
    return clean


def _check_jury_deadline(
    checks: Checks,
    clean: Mapping[str, Any],
    merged: Mapping[str, Any],
    current: Mapping[str, Any] | None,
) -> None:
    """While candidacies come in, the jury deadline follows the submission deadline. Once
    judging started (perhaps before the submission deadline) that one no longer counts: a moved
    jury deadline must then lie ahead, and from the deliberation on it is a record only."""
    if current is None or current["state"] == EditionState.open:
        checks.in_order(merged, "submission_deadline", "jury_deadline")
        return
    moved = clean.get("jury_deadline")
    if (
        current["state"] == EditionState.judging
        and moved
        and moved != current["jury_deadline"]
        and moved <= utc_now()
        and not checks.refused("jury_deadline")
    ):
        checks.add(FieldError("jury_deadline", N_("must lie in the future")))


# --- Reading ----------------------------------------------------------------------------------


async def get_edition(edition_id: int) -> dict[str, Any]:
    """An edition with its categories and criteria in their order; NotFound when unknown."""
    edition = await Edition.select().where(Edition.id == edition_id).first()
    if edition is None:
        raise NotFound(N_("no award edition %(id)s"), field="edition_id", id=edition_id)
    edition["categories"] = (
        await AwardCategory.select(AwardCategory.id, AwardCategory.name, AwardCategory.position)
        .where(AwardCategory.edition == edition_id)
        .order_by(AwardCategory.position)
        .order_by(AwardCategory.id)
    )
    edition["criteria"] = (
        await Criterion.select(
            Criterion.id,
            Criterion.name,
            Criterion.description,
            Criterion.weight,
            Criterion.position,
        )
        .where(Criterion.edition == edition_id)
        .order_by(Criterion.position)
        .order_by(Criterion.id)
    )
    return edition


async def list_editions(states: Sequence[EditionState] | None = None) -> list[dict[str, Any]]:
    """Editions, newest year first, with how many candidacies each has by state."""
    query = (
        Edition.select()
        .order_by(Edition.year, ascending=False)
        .order_by(Edition.id, ascending=False)
    )
    if states is not None:
        query = query.where(Edition.state.is_in(list(states)))
    editions = await query
    if not editions:
        return editions
    counts = await Candidacy.select(Candidacy.edition, Candidacy.state).where(
        Candidacy.edition.is_in([e["id"] for e in editions])
    )
    for edition in editions:
        mine = [row["state"] for row in counts if row["edition"] == edition["id"]]
        edition["submitted"] = mine.count("submitted")
        edition["drafts"] = mine.count("draft")
    return editions


def accepts_candidacies(edition: Mapping[str, Any], now: datetime | None = None) -> bool:
    """Open, and the submission deadline not yet passed."""
    now = now or utc_now()
    return edition["state"] == EditionState.open and now < edition["submission_deadline"]


# --- Changing ---------------------------------------------------------------------------------


async def create_edition(
    viewer: Principal, data: Mapping[str, Any], check_dates: bool = True
) -> int:
    """A new, open edition. Its submission deadline must lie ahead (`check_dates`: tests may
    make one whose deadline has passed)."""
    require_organiser(viewer)
    clean = clean_edition(data, submission_after=utc_now() if check_dates else None)
    async with write_transaction(Edition._meta.db):
        return await _insert_edition(clean)


async def _insert_edition(clean: Mapping[str, Any]) -> int:
    row = Edition(
        name=clean["name"],
        year=clean["year"],
        submission_deadline=clean["submission_deadline"],
        jury_deadline=clean["jury_deadline"],
        state=EditionState.open,
        created_at=utc_now(),
    )
    await row.save()
    await _save_categories(row.id, clean["categories"])
    await _save_criteria(row.id, clean["criteria"])
    return row.id


EDITION_FIELDS = ("name", "year", "submission_deadline", "jury_deadline")


def _as_shown(values: Mapping[str, Any]) -> dict[str, Any]:
    """An edition's fields as its form shows them, its categories and criteria line by line."""
    shown = {field: values[field] for field in EDITION_FIELDS if field in values}
    if "categories" in values:
        shown["categories"] = [[c["id"], c["name"]] for c in values["categories"]]
    if "criteria" in values:
        shown["criteria"] = [
            [c["id"], c["name"], c["description"], c["weight"]] for c in values["criteria"]
        ]
    return shown


def seen_edition(edition: Mapping[str, Any]) -> str:
    """The edition as its form shows it, for the form's hidden `_seen` field: a save then
    writes only what its organiser changed (`update_edition`, `kring.seen`). The form shows a
    deadline to the minute, so the snapshot holds it so."""
    return snapshot(_to_the_minute(_as_shown(edition)))


def _to_the_minute(shown: dict[str, Any]) -> dict[str, Any]:
    for field in ("submission_deadline", "jury_deadline"):
        if isinstance(shown.get(field), datetime):
            shown[field] = shown[field].replace(second=0, microsecond=0)
    return shown


def require_editable(edition: Mapping[str, Any]) -> EditionState:
    """The edition's state, if the edition may still change: a decided or archived one is
    refused (409) before its form is shown as well as when one is sent."""
    state = EditionState(edition["state"])
    if state not in EDITABLE_STATES:
        raise Conflict(
            N_("a %(state)s edition cannot be changed"), field="state", state=Term(state)
        )
    return state


async def update_edition(
    viewer: Principal, edition_id: int, data: Mapping[str, Any], seen: str | None = None
) -> None:
    """Change what may still change in the edition's state (see the module's docstring). With
    `seen` (the form's `_seen`), the fields sent back as the form showed them are left as they
    are now, and the rest is checked with them: another organiser may have changed them."""
    require_organiser(viewer)
    async with edition_locked(edition_id):
        await _update_edition(edition_id, data, seen)


async def _update_edition(edition_id: int, data: Mapping[str, Any], seen: str | None) -> None:
    current = await get_edition(edition_id)
    state = require_editable(current)
    clean = clean_edition(data, current)
    check_meanwhile(_as_shown(clean), seen, _to_the_minute(_as_shown(current)))
    same = untouched(_as_shown(clean), seen)
    if same:
        clean = clean_edition({k: v for k, v in data.items() if k not in same}, current)
    if state != EditionState.open:
        for field in ("submission_deadline", "categories", "criteria"):
            if field in clean and _changes(field, clean[field], current):
                raise Conflict(
                    N_("%(what)s cannot change once judging has started"),
                    field=field,
                    what=FieldName(field),
                )
    values = {
        getattr(Edition, field): clean[field]
        for field in ("name", "year", "submission_deadline", "jury_deadline")
        if field in clean
    }
    if values:
        await Edition.update(values).where(Edition.id == edition_id)
    if "categories" in clean and _changes("categories", clean["categories"], current):
        await _save_categories(edition_id, clean["categories"], current["categories"])
    if "criteria" in clean and _changes("criteria", clean["criteria"], current):
        await _save_criteria(edition_id, clean["criteria"], current["criteria"])


def _changes(field: str, value: Any, current: Mapping[str, Any]) -> bool:
    if field == "submission_deadline":
        return value != current["submission_deadline"]
    keys = ("name",) if field == "categories" else ("name", "description", "weight")
    before = [(item["id"], *(item[k] for k in keys)) for item in current[field]]
    after = [(item["id"], *(item[k] for k in keys)) for item in value]
    return before != after


def _unknown_ids(items: list[dict[str, Any]], existing: list[dict[str, Any]], field: str) -> None:
    known = {row["id"] for row in existing}
    for index, item in enumerate(items):
        if item["id"] is not None and item["id"] not in known:
            raise FieldError(
                f"{field}[{index}]", N_("%(value)r is not a known id"), value=item["id"]
            )


async def _save_categories(
    edition_id: int, items: list[dict[str, Any]], existing: list[dict[str, Any]] | None = None
) -> None:
    existing = existing or []
    _unknown_ids(items, existing, "categories")
    kept = {item["id"] for item in items if item["id"] is not None}
    removed = [row["id"] for row in existing if row["id"] not in kept]
    if removed:
        chosen = await Candidacy.select(Candidacy.category).where(Candidacy.category.is_in(removed))
        if chosen:
            name = next(row["name"] for row in existing if row["id"] == chosen[0]["category"])
            raise Conflict(
                N_("the category %(name)r has candidacies; it cannot be removed"),
                field="categories",
                name=name,
            )
        await AwardCategory.delete().where(AwardCategory.id.is_in(removed))
    for position, item in enumerate(items):
        if item["id"] is None:
            await AwardCategory.insert(
                AwardCategory(edition=edition_id, name=item["name"], position=position)
            )
        else:
            await AwardCategory.update(
                {AwardCategory.name: item["name"], AwardCategory.position: position}
            ).where((AwardCategory.id == item["id"]) & (AwardCategory.edition == edition_id))


async def _save_criteria(
    edition_id: int, items: list[dict[str, Any]], existing: list[dict[str, Any]] | None = None
) -> None:
    existing = existing or []
    _unknown_ids(items, existing, "criteria")
    kept = {item["id"] for item in items if item["id"] is not None}
    removed = [row["id"] for row in existing if row["id"] not in kept]
    if removed:
        written = await CandidacyText.select(CandidacyText.criterion).where(
            CandidacyText.criterion.is_in(removed) & (CandidacyText.text != "")
        )
        if written:
            name = next(row["name"] for row in existing if row["id"] == written[0]["criterion"])
            raise Conflict(
                N_("candidacies have a text for the criterion %(name)r; it cannot be removed"),
                field="criteria",
                name=name,
            )
        await Criterion.delete().where(Criterion.id.is_in(removed))
    for position, item in enumerate(items):
        values = {
            "name": item["name"],
            "description": item["description"],
            "weight": item["weight"],
            "position": position,
        }
        if item["id"] is None:
            await Criterion.insert(Criterion(edition=edition_id, **values))
        else:
            await Criterion.update(
                {getattr(Criterion, key): value for key, value in values.items()}
            ).where((Criterion.id == item["id"]) & (Criterion.edition == edition_id))


def parse_state(raw: Any, field: str) -> EditionState:
    """An unknown state is bad input (400), refused with the states there are, each in the
    reader's language on a page."""
    try:
        return EditionState(str(raw))
    except ValueError:
        raise FieldError(
            field,
            N_("%(value)r is not one of %(choices)s"),
            value=briefly(str(raw)),
            choices=Terms(EditionState),
        ) from None


async def advance_edition(viewer: Principal, edition_id: int, to: Any) -> EditionState:
    """One step along open → judging → deliberation → decided → archived. `to` names the step
    the organiser confirmed, so a repeated or stale confirmation never skips a state. Deciding
    records `decided_at`: the five years of retention start then."""
    require_organiser(viewer)
    wanted = parse_state(to, "to")
    async with edition_locked(edition_id):
        return await _advance(edition_id, wanted)


async def _advance(edition_id: int, wanted: EditionState) -> EditionState:
    current = await get_edition(edition_id)
    state = EditionState(current["state"])
    following = NEXT_STATE.get(state)
    if following is None:
        raise Conflict(N_("a %(state)s edition has no next step"), field="state", state=Term(state))
    if wanted != following:
        raise Conflict(
            N_("a %(state)s edition moves on to %(next)s only, not to %(wanted)s"),
            field="state",
            state=Term(state),
            next=Term(following),
            wanted=Term(wanted),
        )
    values: dict[Any, Any] = {Edition.state: following}
    if following == EditionState.judging:
        await drop_conflicting_assignments(edition_id)  # whatever changed while it was open
    if following == EditionState.decided:
        values[Edition.decided_at] = utc_now()
    updated = (
        await Edition.update(values)
        .where((Edition.id == edition_id) & (Edition.state == state))
        .returning(Edition.id)
    )
    if not updated:
        raise Conflict(N_("the edition changed meanwhile; look again"), field="state")
    return following
