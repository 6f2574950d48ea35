"""Edition pages: an edition with its criteria (everyone signed in), and for organisers the
form to make or change one, its candidacies and the step to its next state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Request
from litestar import get as get_route
from litestar import post as post_route
from litestar.response import Redirect, Template

from awards import candidacies, editions
from awards.choices import NEXT_STATE, EditionState
from kring.choices import Role
from kring.errors import Conflict, DomainError
from kring.messages import N_
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.seen import again, sent
from kring.validation import FieldError, briefly, whole_number
from kring.web.auth import current, requires, signed_in
from kring.web.params import PathId
from kring.web.templating import page

organiser_only = requires(Role.organiser)

NEW_CATEGORY_LINES = 3
NEW_CRITERION_LINES = 9
"""A new edition offers nine criterion lines: the nine criteria of a business-excellence
model fit without adding lines."""
MORE_LINES = 2

MOVED = {
    EditionState.judging: N_("The edition is now in judging: candidacies can no longer change."),
    EditionState.deliberation: N_("The edition is now in deliberation."),
    EditionState.decided: N_("The edition is decided. Its five years of retention have started."),
    EditionState.archived: N_("The edition is archived."),
}


def local_input(value: datetime | None) -> str:
    """A stored UTC time as a datetime-local value in Brussels time."""
    return value.astimezone(editions.ZONE).strftime("%Y-%m-%dT%H:%M") if value else ""


LINES = (
    "category_id",
    "category_name",
    "criterion_id",
    "criterion_name",
    "criterion_description",
    "criterion_weight",
    "criterion_position",
)
"""The fields each line of categories and criteria repeats."""


async def form_lists(request: Request) -> dict[str, list[str]]:
    """Every field of a form as the list of its values (lines of categories and criteria
    repeat their fields), each stripped and bounded. A form refused at the edge raises
    `RefusedForm` with its data as lists too, to be shown again as typed."""
    try:
        return _as_lists(await form_data(request, lists=LINES))
    except RefusedForm as refused:
        refused.data = _as_lists(refused.data)
        raise


def _as_lists(data: dict[str, Any]) -> dict[str, list[str]]:
    return {
        key: [str(item).strip() for item in (value if isinstance(value, list) else [value])]
        for key, value in data.items()
    }


def _column(form: dict[str, list[str]], key: str, length: int) -> list[str]:
    values = form.get(key, [])
    return values + [""] * (length - len(values))


ORDERS = range(1, 100)
"""A criterion line's order number, as its field allows (min 1, max 99)."""


def criterion_order(raw: str, line: int) -> int:
    """The order number typed on criterion line `line` (its own number when left empty): a
    whole number in the digits 0-9, 1 to 99. `float()` read `nan`, `inf`, `1e3` and `2.5`,
    and anything it could not read silently became the line's own number."""
    if raw == "":
        return line
    number = whole_number(raw)
    if number is None or number not in ORDERS:
        raise FieldError(
            "criteria",
            N_(
                "criterion %(number)s: the order must be a whole number from 1 to 99, not %(value)r"
            ),
            number=line,
            value=briefly(raw),
        )
    return number


def submitted_edition(form: dict[str, list[str]], typed: bool = False) -> dict[str, Any]:
    """The form as the domain reads it; blank lines are left out, a line whose name was
    cleared removes its category or criterion, lines are taken in their order numbers. A
    refused form shown again as `typed` keeps a line whose order number was refused in place."""
    first = {key: values[0] if values else "" for key, values in form.items()}
    names = form.get("category_name", [])
    ids = _column(form, "category_id", len(names))
    categories = [{"id": ids[i], "name": names[i]} for i in range(len(names)) if names[i]]
    criterion_names = form.get("criterion_name", [])
    count = len(criterion_names)
    c_ids = _column(form, "criterion_id", count)
    descriptions = _column(form, "criterion_description", count)
    weights = _column(form, "criterion_weight", count)
    positions = _column(form, "criterion_position", count)
    lines = []
    for i in range(count):
        if not criterion_names[i] and not descriptions[i]:
            continue
        try:
            position = criterion_order(positions[i], i + 1)
        except FieldError:
            if not typed:
                raise
            position = i + 1
        lines.append(
            (
                position,
                i,
                {
                    "id": c_ids[i],
                    "name": criterion_names[i],
                    "description": descriptions[i],
                    "weight": weights[i],
                },
            )
        )
    criteria = [line for _, _, line in sorted(lines, key=lambda item: (item[0], item[1]))]
    return {
        "name": first.get("name", ""),
        "year": first.get("year", ""),
        "submission_deadline": first.get("submission_deadline", ""),
        "jury_deadline": first.get("jury_deadline", ""),
        "categories": categories,
        "criteria": criteria,
    }


def draft_of(edition: dict[str, Any] | None) -> dict[str, Any]:
    """What the form shows: the edition's values, with empty lines to add more."""
    if edition is None:
        return {
            "name": "",
            "year": str(datetime.now(editions.ZONE).year),
            "submission_deadline": "",
            "jury_deadline": "",
            "categories": [{"id": "", "name": ""} for _ in range(NEW_CATEGORY_LINES)],
            "criteria": [
                {"id": "", "name": "", "description": "", "weight": 1}
                for _ in range(NEW_CRITERION_LINES)
            ],
        }
    return {
        "name": edition["name"],
        "year": edition["year"],
        "submission_deadline": local_input(edition["submission_deadline"]),
        "jury_deadline": local_input(edition["jury_deadline"]),
        "categories": [
            *({"id": c["id"], "name": c["name"]} for c in edition["categories"]),
            *({"id": "", "name": ""} for _ in range(MORE_LINES)),
        ],
        "criteria": [
            *(
                {
                    "id": c["id"],
                    "name": c["name"],
                    "description": c["description"],
                    "weight": c["weight"],
                }
                for c in edition["criteria"]
            ),
            *({"id": "", "name": "", "description": "", "weight": 1} for _ in range(MORE_LINES)),
        ],
    }


def redraft(data: dict[str, Any]) -> dict[str, Any]:
    """A refused submission shown again as typed, with a blank line to add one more."""
    return {
        **data,
        "categories": [*data["categories"], {"id": "", "name": ""}],
        "criteria": [*data["criteria"], {"id": "", "name": "", "description": "", "weight": 1}],
    }


@get_route("/awards/editions/new", guards=[organiser_only])
async def new_edition_page(request: Request) -> Template:
    return page(request, "awards/edition_form.html", edition=None, draft=draft_of(None))


@post_route("/awards/editions/new", guards=[organiser_only], opt=KEEPS_TYPED)
async def create_edition_page(request: Request) -> Template | Redirect:
    form: dict[str, list[str]] = {}
    try:
        form = await form_lists(request)
        edition_id = await editions.create_edition(current(request), submitted_edition(form))
    except (FieldError, Conflict) as error:
        data = submitted_edition(error.data if isinstance(error, RefusedForm) else form, typed=True)
        return page(
            request,
            "awards/edition_form.html",
            status_code=400,
            edition=None,
            draft=redraft(data),
            error=error,
        )
    return see_other(
        f"/awards/editions/{edition_id}",
        N_("The edition “%(edition)s” (%(year)s) was created."),
        values=_named(await editions.get_edition(edition_id)),
    )


@get_route("/awards/editions/{edition_id:int}/edit", guards=[organiser_only])
async def edit_edition_page(request: Request, edition_id: PathId) -> Template:
    """A decided or archived edition offers no form (its page links to none): the address
    typed or kept in a tab shows the edition, saying why it cannot change."""
    edition = await editions.get_edition(edition_id)
    try:
        editions.require_editable(edition)
    except Conflict as error:
        return await _edition(request, edition_id, status_code=409, error=error)
    seen = editions.seen_edition(edition)
    return page(
        request, "awards/edition_form.html", edition=edition, draft=draft_of(edition), seen=seen
    )


@post_route("/awards/editions/{edition_id:int}/edit", guards=[organiser_only], opt=KEEPS_TYPED)
async def update_edition_page(request: Request, edition_id: PathId) -> Template | Redirect:
    """The form carries the edition as it showed it (`_seen`): a refused form keeps it, so its
    next save still writes only what its organiser changed."""
    edition = await editions.get_edition(edition_id)
    form: dict[str, list[str]] = {}
    try:
        form = await form_lists(request)
        data = submitted_edition(form)
    except FieldError as refused:
        sent_form = refused.data if isinstance(refused, RefusedForm) else form
        typed = submitted_edition(sent_form, True)
        shown = redraft({**draft_of(edition), **_unfixed(edition, typed)})
        seen = _seen_of(sent_form) or editions.seen_edition(edition)
        return page(
            request,
            "awards/edition_form.html",
            400,
            edition=edition,
            draft=shown,
            error=refused,
            seen=seen,
        )
    data = _unfixed(edition, data)
    seen = _seen_of(form)
    try:
        await editions.update_edition(current(request), edition_id, data, seen)
    except (FieldError, Conflict) as error:
        shown = redraft({**draft_of(edition), **data})
        status, seen = again(error, seen)
        return page(
            request,
            "awards/edition_form.html",
            status_code=409 if isinstance(error, Conflict) else status,
            edition=edition,
            draft=shown,
            error=error,
            seen=seen or editions.seen_edition(edition),
            theirs=draft_of(edition),
        )
    return see_other(
        f"/awards/editions/{edition_id}",
        N_("The edition “%(edition)s” (%(year)s) was saved."),
        values=_named(await editions.get_edition(edition_id)),
    )


def _named(edition: dict[str, Any]) -> dict[str, str]:
    """An edition's name and year, for the message after it was created or saved: the
    organisers keep several editions of one award."""
    return {"edition": str(edition["name"]), "year": str(edition["year"])}


def _seen_of(form: dict[str, Any]) -> str | None:
    """The `_seen` of a form read as lists (or of a refused one, as sent)."""
    return sent(form)


def _unfixed(edition: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """Once judging starts the deadline, categories and criteria are fixed: the form shows
    them read-only and does not send them."""
    if edition["state"] == EditionState.open:
        return data
    fixed = ("submission_deadline", "categories", "criteria")
    return {key: value for key, value in data.items() if key not in fixed}


@get_route("/awards/editions/{edition_id:int}", guards=[signed_in])
async def edition_page(request: Request, edition_id: PathId) -> Template:
    return await _edition(request, edition_id)


async def _edition(
    request: Request, edition_id: int, status_code: int = 200, **extra: Any
) -> Template:
    viewer = current(request)
    edition = await editions.get_edition(edition_id)
    organiser = viewer.has_role(Role.organiser)
    return page(
        request,
        "awards/edition.html",
        status_code,
        edition=edition,
        organiser=organiser,
        accepts=editions.accepts_candidacies(edition),
        next_state=NEXT_STATE.get(EditionState(edition["state"])),
        mine=await candidacies.organisation_candidacy(viewer, edition_id),
        rows=await candidacies.edition_candidacies(viewer, edition_id) if organiser else [],
        **extra,
    )


@post_route("/awards/editions/{edition_id:int}/state", guards=[organiser_only])
async def advance_edition_page(request: Request, edition_id: PathId) -> Template | Redirect:
    try:
        form = await form_lists(request)
        wanted = (form.get("to") or [""])[0]
        moved = await editions.advance_edition(current(request), edition_id, wanted)
    except FieldError as error:  # a state that does not exist: bad input, not a clash
        return await _edition(request, edition_id, status_code=400, error=error)
    except DomainError as error:
        return await _edition(request, edition_id, status_code=409, error=error)
    return see_other(f"/awards/editions/{edition_id}", MOVED[moved])


ROUTES = [
    new_edition_page,
    create_edition_page,
    edit_edition_page,
    update_edition_page,
    edition_page,
    advance_edition_page,
]
