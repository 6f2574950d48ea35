"""The award's landing page and a member's candidacy: start it, write it, attach files,
submit or withdraw it. Organisers read every candidacy here; jurors read on the jury's pages."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar import get as get_route
from litestar import post as post_route
from litestar.response import Redirect, Template

from awards import candidacies, editions
from awards.choices import EditionState
from awards.jury import my_jury_seats
from kring.choices import Role
from kring.errors import DomainError, TooLarge
from kring.messages import N_
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.seen import again, sent
from kring.validation import FieldError, only_digits
from kring.web.auth import current, member_profile, signed_in
from kring.web.params import PathId
from kring.web.templating import page
from kring.web.uploads import UPLOAD_BODY_BYTES, download, read_upload

TEXT_FIELD = "text_"
"""The form names each criterion's text `text_<criterion id>`."""


@get_route("/awards", guards=[signed_in], name="awards")
async def awards_page(request: Request) -> Template:
    viewer = current(request)
    organiser = viewer.has_role(Role.organiser)
    open_editions = await editions.list_editions([EditionState.open])
    for edition in open_editions:
        edition["accepts"] = editions.accepts_candidacies(edition)
        edition["mine"] = await candidacies.organisation_candidacy(viewer, edition["id"])
    return page(
        request,
        "awards.html",
        open_editions=open_editions,
        mine=await candidacies.my_candidacies(viewer),
        seats=await my_jury_seats(viewer),
        organiser=organiser,
        all_editions=await editions.list_editions() if organiser else [],
    )


def submitted_candidacy(data: dict[str, Any]) -> dict[str, Any]:
    """The form as the domain reads it: the texts by criterion id."""
    values: dict[str, Any] = {
        field: str(data.get(field, "")) for field in ("title", "summary", "category")
    }
    values["texts"] = {
        key.removeprefix(TEXT_FIELD): str(value)
        for key, value in data.items()
        if key.startswith(TEXT_FIELD)
    }
    return values


async def _kept(request: Request, error: Exception, typed: dict[str, Any]) -> dict[str, Any]:
    """What the form shows again: as typed, also when the edge refused it (`RefusedForm`) or
    refused a field sent twice before anything was read (then the first of its values)."""
    if isinstance(error, RefusedForm):
        return submitted_candidacy(error.data)
    if typed:
        return typed
    form = await Request.form(request)
    return submitted_candidacy({key: str(form.getall(key)[0]) for key in form})


def _draft(candidacy: dict[str, Any] | None, typed: dict[str, Any] | None = None) -> dict:
    """What the form shows: what was typed, else what is stored."""
    if typed is not None:
        texts = {int(k): v for k, v in typed["texts"].items() if only_digits(k)}
        return {**typed, "texts": texts}
    if candidacy is None:
        return {"title": "", "summary": "", "category": "", "texts": {}}
    return {
        "title": candidacy["title"],
        "summary": candidacy["summary"],
        "category": str(candidacy["category"] or ""),
        "texts": {entry["criterion"]["id"]: entry["text"] for entry in candidacy["texts"]},
    }


@get_route("/awards/editions/{edition_id:int}/candidacies/new", guards=[member_profile])
async def new_candidacy_page(request: Request, edition_id: PathId) -> Template | Redirect:
    viewer = current(request)
    edition = await editions.get_edition(edition_id)
    mine = await candidacies.organisation_candidacy(viewer, edition_id)
    if mine is not None:
        return see_other(f"/awards/candidacies/{mine}/edit")
    problem: DomainError | None = None
    try:
        await candidacies.organisation_of(viewer)
        candidacies.refuse_when_closed(edition)
    except DomainError as error:
        problem = error
    return page(
        request,
        "awards/candidacy_form.html",
        status_code=409 if problem else 200,
        edition=edition,
        candidacy=None,
        draft=_draft(None),
        refused=problem is not None,
        error=problem,
    )


@post_route(
    "/awards/editions/{edition_id:int}/candidacies/new", guards=[member_profile], opt=KEEPS_TYPED
)
async def create_candidacy_page(request: Request, edition_id: PathId) -> Template | Redirect:
    typed: dict[str, Any] = {}
    try:
        typed = submitted_candidacy(await form_data(request))
        candidacy_id = await candidacies.start_candidacy(current(request), edition_id, typed)
    except (FieldError, DomainError) as error:
        typed = await _kept(request, error, typed)
        edition = await editions.get_edition(edition_id)
        return page(
            request,
            "awards/candidacy_form.html",
            status_code=getattr(error, "status_code", 400),
            edition=edition,
            candidacy=None,
            draft=_draft(None, typed),
            error=error,
            refused=False,
        )
    return see_other(
        f"/awards/candidacies/{candidacy_id}",
        N_("Your candidacy was saved as a draft. Submit it before the deadline."),
    )


@get_route("/awards/candidacies/{candidacy_id:int}", guards=[signed_in])
async def candidacy_page(request: Request, candidacy_id: PathId) -> Template:
    return await _candidacy(request, candidacy_id)


async def _candidacy(
    request: Request, candidacy_id: int, status_code: int = 200, **extra: Any
) -> Template:
    found = await candidacies.get_candidacy(current(request), candidacy_id)
    return page(
        request,
        "awards/candidacy.html",
        status_code,
        candidacy=found,
        edition=found["edition"],
        **extra,
    )


@get_route("/awards/candidacies/{candidacy_id:int}/edit", guards=[member_profile])
async def edit_candidacy_page(request: Request, candidacy_id: PathId) -> Template | Redirect:
    found = await candidacies.get_candidacy(current(request), candidacy_id)
    if not found["changeable"]:
        return await _candidacy(
            request, candidacy_id, status_code=409, error=_closed(found["edition"])
        )
    return page(
        request,
        "awards/candidacy_form.html",
        edition=found["edition"],
        candidacy=found,
        draft=_draft(found),
        refused=False,
        seen=candidacies.seen_candidacy(found),
    )


def _closed(edition: dict[str, Any]) -> DomainError:
    try:
        candidacies.refuse_when_closed(edition)
    except DomainError as error:
        return error
    return DomainError(N_("this candidacy can no longer change"))


@post_route("/awards/candidacies/{candidacy_id:int}/edit", guards=[member_profile], opt=KEEPS_TYPED)
async def update_candidacy_page(request: Request, candidacy_id: PathId) -> Template | Redirect:
    """The form carries the candidacy as it showed it (`_seen`): a refused form keeps it, so
    its next save still writes only what was changed in it."""
    viewer = current(request)
    typed: dict[str, Any] = {}
    seen: str | None = None
    try:
        data = await form_data(request)
        typed, seen = submitted_candidacy(data), sent(data)
        await candidacies.update_candidacy(viewer, candidacy_id, typed, seen)
    except (FieldError, DomainError) as error:
        typed = await _kept(request, error, typed)
        seen = sent(error.data) if isinstance(error, RefusedForm) else again(error, seen)[1]
        found = await candidacies.get_candidacy(viewer, candidacy_id)
        return page(
            request,
            "awards/candidacy_form.html",
            status_code=getattr(error, "status_code", 400),
            edition=found["edition"],
            candidacy=found,
            draft=_draft(found, typed),
            error=error,
            refused=False,
            seen=seen or candidacies.seen_candidacy(found),
            theirs=_draft(found),
        )
    return see_other(f"/awards/candidacies/{candidacy_id}", N_("Your candidacy was saved."))


@post_route("/awards/candidacies/{candidacy_id:int}/submit", guards=[member_profile])
async def submit_candidacy_page(request: Request, candidacy_id: PathId) -> Template | Redirect:
    try:
        await candidacies.submit_candidacy(current(request), candidacy_id)
    except candidacies.Incomplete as error:
        return await _candidacy(request, candidacy_id, status_code=422, incomplete=error.missing)
    except DomainError as error:
        return await _candidacy(request, candidacy_id, status_code=error.status_code, error=error)
    return see_other(
        f"/awards/candidacies/{candidacy_id}",
        N_("Your candidacy was submitted. You can still change it until the deadline."),
    )


@post_route("/awards/candidacies/{candidacy_id:int}/withdraw", guards=[member_profile])
async def withdraw_candidacy_page(request: Request, candidacy_id: PathId) -> Template | Redirect:
    try:
        await candidacies.withdraw_candidacy(current(request), candidacy_id)
    except DomainError as error:
        return await _candidacy(request, candidacy_id, status_code=error.status_code, error=error)
    return see_other(f"/awards/candidacies/{candidacy_id}", N_("Your candidacy was withdrawn."))


@post_route(
    "/awards/candidacies/{candidacy_id:int}/attachments",
    guards=[member_profile],
    request_max_body_size=UPLOAD_BODY_BYTES,
)
async def upload_page(request: Request, candidacy_id: PathId) -> Template | Redirect:
    viewer = current(request)
    try:
        await candidacies.check_changeable(viewer, candidacy_id)
        checked, _ = await read_upload(request)
        await candidacies.add_attachment(viewer, candidacy_id, checked)
    except (FieldError, DomainError) as error:
        status = 413 if isinstance(error, TooLarge) else getattr(error, "status_code", 400)
        return await _candidacy(request, candidacy_id, status_code=status, error=error)
    return see_other(
        f"/awards/candidacies/{candidacy_id}#attachments", N_("The attachment was added.")
    )


@get_route(
    "/awards/candidacies/{candidacy_id:int}/attachments/{attachment_id:int}", guards=[signed_in]
)
async def download_page(
    request: Request, candidacy_id: PathId, attachment_id: PathId
) -> Response[bytes]:
    row = await candidacies.attachment_file(current(request), candidacy_id, attachment_id)
    return download(row["filename"], row["content_type"], row["content"])


@post_route(
    "/awards/candidacies/{candidacy_id:int}/attachments/{attachment_id:int}/delete",
    guards=[member_profile],
)
async def remove_attachment_page(
    request: Request, candidacy_id: PathId, attachment_id: PathId
) -> Template | Redirect:
    try:
        await candidacies.remove_attachment(current(request), candidacy_id, attachment_id)
    except DomainError as error:
        if error.status_code == 404:
            raise
        return await _candidacy(request, candidacy_id, status_code=error.status_code, error=error)
    return see_other(
        f"/awards/candidacies/{candidacy_id}#attachments", N_("The attachment was removed.")
    )


ROUTES = [
    awards_page,
    new_candidacy_page,
    create_candidacy_page,
    candidacy_page,
    edit_candidacy_page,
    update_candidacy_page,
    submit_candidacy_page,
    withdraw_candidacy_page,
    upload_page,
    download_page,
    remove_attachment_page,
]
