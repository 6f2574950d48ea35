"""Jury pages: the organisers' page of an edition's jury (jurors, assignments, results, the
report) and a juror's own pages (the agreement, their dossiers, a dossier with its score form)."""

from __future__ import annotations

from collections.abc import Awaitable
from functools import partial
from typing import Any

from litestar import Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.params import FromPath
from litestar.response import Redirect, Template

from awards import jury, jury_report, scoring
from awards.choices import EditionState
from kring.audience import EVERYONE
from kring.choices import Role
from kring.errors import Conflict as Refused
from kring.errors import Forbidden
from kring.home import HomePanel
from kring.pages.forms import (
    KEEPS_TYPED,
    RefusedForm,
    form_data,
    keeps_typed_search,
    see_other,
    typed_search,
)
from kring.principal import Principal
from kring.search import part_of_an_address, search_words, signs_left_out_of_names
from kring.seen import again, sent
from kring.validation import FieldError, is_id, refuse_beyond_ids
from kring.vocabulary import N_
from kring.web.auth import current, signed_in
from kring.web.flash_names import LookUp, named_flash
from kring.web.head import is_head
from kring.web.params import PathId
from kring.web.templating import language_of, page
from kring.web.uploads import download


async def organiser_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """The organisers' jury pages. A refusal says why, in the reader's language (the core guard's
    English reason has none), and tells a juror of the edition, a staff member who is no
    organiser perhaps, where their own jury work is."""
    viewer = current(connection)
    if viewer.has_role(Role.organiser):
        return
    edition_id = connection.path_params.get("edition_id")
    if isinstance(edition_id, int) and await jury.sits_on(viewer, edition_id):
        raise Forbidden(JUROR_NOT_ORGANISER, edition_id=edition_id)
    raise Forbidden(jury.ORGANISERS_ONLY)


JUROR_NOT_ORGANISER = N_(
    "only organisers manage the jury; you sit on it as a juror: your own jury work for this "
    "edition is at /awards/jury/%(edition_id)s"
)


def _form_id(data: dict[str, Any], field: str) -> int:
    raw = str(data.get(field, "")).strip()
    refuse_beyond_ids(raw, field)
    if not is_id(raw):
        raise FieldError(field, N_("choose one from the list"))
    return int(raw)


# --- Organisers --------------------------------------------------------------------------------


async def _jury_page(
    request: Request, edition_id: int, status_code: int = 200, search: str = "", **extra: Any
) -> Template:
    """`search` is the account search as typed; a refused one (`error`) finds nobody."""
    viewer = current(request)
    edition = await jury.load_edition(edition_id)
    searching = bool(search.strip()) and "error" not in extra
    words = search[:200]
    found = await jury.find_accounts(words) if searching else []
    seats = await jury.jurors(edition_id)
    seated = {seat["account_id"] for seat in seats}
    found_results = await scoring.results(viewer, edition_id)
    return page(
        request,
        "awards/jury_edition.html",
        status_code,
        edition=edition,
        jurors=seats,
        search=search,
        found=[a for a in found if a["id"] not in seated],
        searched=searching,
        unsearchable=searching and not search_words(words),
        left_out=signs_left_out_of_names(words) if searching else "",
        searched_words=search_words(words),
        typed=words.strip() if part_of_an_address(words) else "",
        table=await jury.assignment_table(edition_id),
        conflicts=await jury.declared_conflicts(edition_id),
        ranking=found_results["ranking"],
        own_scores_only=found_results["fellow_scores_withheld"],
        may_assign=edition["state"] in jury.ASSIGNING,
        may_appoint=edition["state"] in jury.APPOINTING,
        conflict_labels=jury.CONFLICT_LABELS,
        shown=scoring.shown,
        **(await named_flash(request, _names(edition_id)) | extra),
    )


JUROR, CANDIDACY = "juror_account", "candidacy"
"""The message parameters that name, by their numbers, the juror's account and the candidacy an
organiser's action concerned: the jury page looks their names up (`kring.web.flash_names`)."""


def _names(edition_id: int) -> dict[str, tuple[str, LookUp]]:
    title = partial(jury.candidacy_title, edition_id)
    return {JUROR: ("juror", jury.account_name), CANDIDACY: ("candidacy", title)}


def _about(account_id: int, candidacy_id: int | None = None) -> dict[str, str]:
    return {JUROR: str(account_id)} | ({CANDIDACY: str(candidacy_id)} if candidacy_id else {})


@get(
    "/awards/editions/{edition_id:int}/jury",
    guards=[organiser_only],
    opt=keeps_typed_search("q"),
)
async def jury_page(request: Request, edition_id: PathId) -> Template:
    """A refused account search shows the page again, its words kept, the message at the field."""
    try:
        search = typed_search(request)
    except RefusedForm as refused:
        return await _jury_page(request, edition_id, 400, refused.data["q"], error=refused)
    return await _jury_page(request, edition_id, search=search)


async def _act(
    request: Request, edition_id: int, action: Awaitable[dict[str, str]], done: str
) -> Template | Redirect:
    """Run an organiser's action, which gives the message's numbers (`_about`); a refusal
    shows the page again with the reason."""
    try:
        about = await action
    except (FieldError, Refused) as error:
        return await _jury_page(request, edition_id, 400, error=error)
    return see_other(f"/awards/editions/{edition_id}/jury", done, values=about)


@post("/awards/editions/{edition_id:int}/jury/appoint", guards=[organiser_only])
async def appoint_page(request: Request, edition_id: PathId) -> Template | Redirect:
    viewer = current(request)

    async def act() -> dict[str, str]:  # a refused form, too, shows the jury page with the reason
        account_id = _form_id(await form_data(request), "account_id")
        await jury.appoint_juror(viewer, edition_id, account_id)
        return _about(account_id)

    return await _act(request, edition_id, act(), N_("%(juror)s was appointed to the jury."))


@post("/awards/editions/{edition_id:int}/jury/{juror_id:int}/remove", guards=[organiser_only])
async def remove_page(
    request: Request, edition_id: PathId, juror_id: PathId
) -> Template | Redirect:
    async def act() -> dict[str, str]:
        return _about(await jury.remove_juror(current(request), edition_id, juror_id))

    return await _act(request, edition_id, act(), N_("%(juror)s was removed from the jury."))


@post("/awards/editions/{edition_id:int}/jury/assign", guards=[organiser_only])
async def assign_page(request: Request, edition_id: PathId) -> Template | Redirect:
    viewer = current(request)

    async def act() -> dict[str, str]:  # a refused form, too, shows the jury page with the reason
        data = await form_data(request)
        juror_id, candidacy_id = _form_id(data, "juror_id"), _form_id(data, "candidacy_id")
        await jury.assign(viewer, edition_id, juror_id, candidacy_id)
        return _about(await jury.seat_account(edition_id, juror_id), candidacy_id)

    return await _act(request, edition_id, act(), N_("“%(candidacy)s” was assigned to %(juror)s."))


@post("/awards/editions/{edition_id:int}/jury/assign-all", guards=[organiser_only])
async def assign_all_page(request: Request, edition_id: PathId) -> Template | Redirect:
    try:
        outcome = await jury.assign_everyone(current(request), edition_id)
    except Refused as error:
        return await _jury_page(request, edition_id, 400, error=error)
    if outcome.skipped:
        done = N_("Every eligible juror was assigned; conflicts of interest were skipped.")
    else:
        done = N_("Every juror was assigned to every submitted candidacy.")
    return see_other(f"/awards/editions/{edition_id}/jury#assignments", done)


@post(
    "/awards/editions/{edition_id:int}/jury/assignments/{assignment_id:int}/remove",
    guards=[organiser_only],
)
async def unassign_page(
    request: Request, edition_id: PathId, assignment_id: PathId
) -> Template | Redirect:
    async def act() -> dict[str, str]:
        ended = await jury.unassign(current(request), edition_id, assignment_id)
        return _about(await jury.seat_account(edition_id, ended["juror"]), ended["candidacy"])

    return await _act(request, edition_id, act(), ASSIGNMENT_ENDED)


ASSIGNMENT_ENDED = N_("The assignment was ended: %(juror)s no longer judges “%(candidacy)s”.")


@get("/awards/editions/{edition_id:int}/jury/report/{fmt:str}", guards=[organiser_only])
async def report_page(request: Request, edition_id: PathId, fmt: FromPath[str]) -> Response:
    return await report_download(request, edition_id, fmt)


# --- Jurors ------------------------------------------------------------------------------------


@get("/awards/jury/{edition_id:int}", guards=[signed_in])
async def my_jury_page(request: Request, edition_id: PathId) -> Template:
    return await _jury_work_page(request, edition_id)


async def _jury_work_page(
    request: Request, edition_id: int, status_code: int = 200, **extra: Any
) -> Template:
    viewer = current(request)
    seat = await jury.my_seat(viewer, edition_id)
    edition = await jury.load_edition(edition_id)
    agreed = seat["agreed_at"] is not None
    return page(
        request,
        "awards/jury_work.html",
        status_code,
        edition=edition,
        agreed=agreed,
        dossiers=await jury.my_dossiers(viewer, edition_id) if agreed else [],
        to_check=await jury.organisations_to_check(viewer, edition_id) if agreed else [],
        **extra,
    )


@post("/awards/jury/{edition_id:int}/agree", guards=[signed_in])
async def agree_page(request: Request, edition_id: PathId) -> Redirect:
    await jury.agree(current(request), edition_id)
    return see_other(
        f"/awards/jury/{edition_id}", N_("Your confidentiality agreement is recorded.")
    )


async def _dossier_page(
    request: Request, edition_id: int, candidacy_id: int, status_code: int = 200, **extra: Any
) -> Template:
    viewer = current(request)
    dossier = await jury.read_dossier(viewer, edition_id, candidacy_id)
    scores = await scoring.jury_scores(viewer, edition_id, candidacy_id)
    criteria = [c["id"] for c in dossier["criteria"]]
    theirs = {  # as stored: what a save refused as edited meanwhile shows beside the typed
        f"{kind}_{c}": (scores["mine"].get(c) or {}).get(kind)
        for c in criteria
        for kind in ("score", "comment")
    }
    return page(
        request,
        "awards/jury_dossier.html",
        status_code,
        edition=await jury.load_edition(edition_id),
        dossier=dossier,
        scores=scores,
        shown=scoring.shown,
        theirs=theirs,
        seen=extra.pop("seen", None) or scoring.seen_scores(scores["mine"], criteria),
        **extra,
    )


@get("/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}", guards=[signed_in])
async def dossier_page(request: Request, edition_id: PathId, candidacy_id: PathId) -> Template:
    return await _dossier_page(request, edition_id, candidacy_id)


@post(
    "/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/scores",
    guards=[signed_in],
    opt=KEEPS_TYPED,
)
async def scores_page(
    request: Request, edition_id: PathId, candidacy_id: PathId
) -> Template | Redirect:
    viewer = current(request)
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        criteria = await scoring.criteria_of(edition_id)
        _refuse_other_criteria(data, {c["id"] for c in criteria})
        entries = [
            scoring.Entry(
                c["id"],
                scoring.parse_score(data.get(f"score_{c['id']}"), f"score_{c['id']}"),
                str(data.get(f"comment_{c['id']}", "")),
            )
            for c in criteria
        ]
        await scoring.save_scores(viewer, edition_id, candidacy_id, entries, sent(data))
    except FieldError as error:
        data = error.data if isinstance(error, RefusedForm) else data
        status, seen = again(error, sent(data))
        return await _dossier_page(
            request, edition_id, candidacy_id, status, error=error, typed=data, seen=seen
        )
    return see_other(
        f"/awards/jury/{edition_id}/candidacies/{candidacy_id}", N_("Your scores were saved.")
    )


def _refuse_other_criteria(data: dict[str, Any], known: set[int]) -> None:
    """The form names each criterion it scores (`score_<id>`, `comment_<id>`); one of no
    criterion of this edition is a crafted or stale form, named rather than silently dropped
    under "your scores were saved"."""
    for key in data:
        kind, _, number = key.partition("_")
        if kind in ("score", "comment") and not (
            number.isascii() and number.isdigit() and int(number) in known
        ):
            raise FieldError(
                key,
                N_("criterion %(criterion_id)s is not one of this edition's"),
                criterion_id=number,
            )


@post(
    "/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/conflict",
    guards=[signed_in],
    opt=KEEPS_TYPED,
)
async def conflict_page(
    request: Request, edition_id: PathId, candidacy_id: PathId
) -> Template | Redirect:
    reason = ""
    try:
        reason = str((await form_data(request)).get("reason", ""))
        await jury.declare_conflict(current(request), edition_id, candidacy_id, reason)
    except FieldError as error:
        reason = str(error.data.get("reason", "")) if isinstance(error, RefusedForm) else reason
        if (await jury.load_edition(edition_id))["state"] == EditionState.open:
            # No dossier is read while open: the form was on the jury work page.
            return await _jury_work_page(
                request,
                edition_id,
                400,
                error=error,
                conflict_for=candidacy_id,
                conflict_reason=reason,
            )
        return await _dossier_page(
            request, edition_id, candidacy_id, 400, error=error, conflict_reason=reason
        )
    return see_other(
        f"/awards/jury/{edition_id}",
        N_("Your conflict of interest is recorded; the candidacy is no longer yours to judge."),
    )


@get(
    "/awards/jury/{edition_id:int}/candidacies/{candidacy_id:int}/attachments/{attachment_id:int}",
    guards=[signed_in],
)
async def attachment_page(
    request: Request, edition_id: PathId, candidacy_id: PathId, attachment_id: PathId
) -> Response[bytes]:
    found = await jury.read_attachment(current(request), edition_id, candidacy_id, attachment_id)
    return download(found["filename"], found["content_type"], found["content"])


ROUTES = [
    jury_page,
    appoint_page,
    remove_page,
    assign_page,
    assign_all_page,
    unassign_page,
    report_page,
    my_jury_page,
    agree_page,
    dossier_page,
    scores_page,
    conflict_page,
    attachment_page,
]


async def _jury_panel(viewer: Principal) -> dict[str, Any] | None:
    seats = await jury.my_jury_seats(viewer)
    return {"seats": seats} if seats else None


JURY_PANEL = HomePanel("awards/jury_home.html", _jury_panel, EVERYONE, order=15)
"""On anyone's home who sits on a jury: the editions, the agreement still to sign or the
number of candidacies to judge."""


async def report_download(request: Request, edition_id: int, fmt: str) -> Response[bytes]:
    """The jury report as a download, for the page and the API alike: made in the reader's
    language, its dossiers audited as exported unless the request is a HEAD."""
    kind = jury_report.parse_format(fmt)
    content = await jury_report.report(
        current(request),
        edition_id,
        kind,
        language_of(request),
        audited=not is_head(request.scope),
    )
    return download(jury_report.filename(edition_id, kind), jury_report.MEDIA_TYPES[kind], content)
