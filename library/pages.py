"""Library pages: search and filters, an item with its file or link, "for you", and the
organisers' forms (publish, edit, attach a file, retire, republish)."""

from __future__ import annotations

from contextlib import suppress
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import Conflict, TooLarge
from kring.pages.forms import (
    KEEPS_TYPED,
    RefusedForm,
    form_data,
    keeps_typed_search,
    query_data,
    see_other,
)
from kring.seen import again, sent
from kring.uploads import upload_too_large
from kring.validation import FieldError
from kring.vocabulary import N_
from kring.web.auth import current, member_profile, requires, signed_in
from kring.web.params import PathId
from kring.web.templating import page
from kring.web.uploads import UPLOAD_BODY_BYTES, download, read_upload
from library import items
from library.analysis import MAX_QUERY_WORDS
from library.choices import FORMAT_LABELS, KIND_LABELS, LANGUAGE_LABELS, BodyFormat, ItemKind
from library.contributors import nameable_contributors
from library.for_you import for_you
from library.params import parse_search
from library.rendering import body_html
from library.search import Results, search_items

organiser_only = requires(Role.organiser)
LABELS = {"kinds": KIND_LABELS, "languages": LANGUAGE_LABELS, "formats": FORMAT_LABELS}
WORDS = {"word_limit": MAX_QUERY_WORDS}


def _item_path(item_id: int) -> str:
    return f"/library/{item_id}"


SEARCH_FIELDS = ("q", "kind", "language", "tag", "page")


@get("/library", guards=[signed_in], name="library", opt=keeps_typed_search(*SEARCH_FIELDS))
async def library_page(request: Request) -> Template | Redirect:
    """A refused search shows this page again, its words kept and the message at the field."""
    viewer = current(request)
    raw: dict[str, str] = {}
    try:
        raw = query_data(request, SEARCH_FIELDS)
        asked = parse_search(raw, include_retired=items.is_organiser(viewer))
    except FieldError as error:
        raw = error.data if isinstance(error, RefusedForm) else raw
        empty = Results([], 0, 1, 20)
        return page(
            request,
            "library/list.html",
            400,
            results=empty,
            asked=raw,
            error=error,
            **LABELS,
            **WORDS,
        )
    results = await search_items(asked.text, asked.filters, asked.page)
    if asked.page > results.pages:
        return _last_page(raw, results.pages)
    return page(
        request, "library/list.html", results=results, asked=raw, error=None, **LABELS, **WORDS
    )


def _last_page(raw: dict[str, str], pages: int) -> Redirect:
    """A page past the last one (a bookmark, items retired since) goes to the last page: it
    would show the count above 'the library is still empty' and 'page 3 of 2'."""
    kept = {field: raw[field] for field in SEARCH_FIELDS if raw.get(field) and field != "page"}
    return Redirect(f"/library?{urlencode({**kept, 'page': pages})}")


@get("/library/for-you", guards=[signed_in, member_profile])
async def for_you_page(request: Request) -> Template:
    found = await for_you(current(request))
    return page(request, "library/for_you.html", found=found, **LABELS)


@get("/library/{item_id:int}", guards=[signed_in])
async def item_page(request: Request, item_id: PathId) -> Template:
    return await _item(request, item_id)


async def _item(request: Request, item_id: int, status_code: int = 200, **extra: Any) -> Template:
    viewer = current(request)
    item = await items.load_item(viewer, item_id)
    named = await nameable_contributors([item["contributor"]])
    return page(
        request,
        "library/item.html",
        status_code,
        item=item,
        body=body_html(item["body"], item["body_format"]),
        contributor=named.get(item["contributor"]) if item["contributor"] else None,
        may_manage=items.is_organiser(viewer),
        **LABELS,
        **extra,
    )


@get("/library/{item_id:int}/file", guards=[signed_in])
async def file_page(request: Request, item_id: PathId) -> Response:
    row = await items.load_attachment(current(request), item_id)
    return download(row["filename"], row["content_type"], row["content"])


# --- organisers' forms ------------------------------------------------------------------------

FORM_FIELDS = (*items.FIELDS, "contributor")


def _draft(data: dict[str, Any]) -> dict[str, str]:
    return {field: str(data.get(field, "")) for field in FORM_FIELDS}


def _form(
    request: Request, item: dict | None, draft: dict, status_code: int = 200, **extra: Any
) -> Template:
    return page(
        request,
        "library/form.html",
        status_code,
        item=item,
        draft=draft,
        kind_options=[(kind.value, KIND_LABELS[kind]) for kind in ItemKind],
        language_options=list(LANGUAGE_LABELS.items()),
        format_options=[(f.value, FORMAT_LABELS[f]) for f in BodyFormat],
        **extra,
    )


def _status(error: FieldError | Conflict) -> int:
    return getattr(error, "status_code", 400)  # a Conflict's, or 409 edited meanwhile


@get("/library/new", guards=[organiser_only])
async def new_item_page(request: Request) -> Template:
    draft = {"kind": ItemKind.article.value, "language": "nl", "body_format": "markdown"}
    return _form(request, None, draft, error=None)


@post("/library/new", guards=[organiser_only], opt=KEEPS_TYPED)
async def create_item_page(request: Request) -> Template | Redirect:
    try:
        draft = _draft(await form_data(request))
    except RefusedForm as refused:
        return _form(request, None, _draft(refused.data), 400, error=refused)
    try:
        contributor = await items.checked_contributor(draft)
        item_id = await items.create_item(current(request), draft, contributor)
    except (FieldError, Conflict) as error:
        return _form(request, None, draft, _status(error), error=error)
    return see_other(_item_path(item_id), N_("The item was published in the library."))


async def _seen(item: dict[str, Any]) -> str:
    return items.seen_item(item, await items.contributor_email(item["contributor"]))


@get("/library/{item_id:int}/edit", guards=[organiser_only])
async def edit_item_page(request: Request, item_id: PathId) -> Template:
    item = await items.load_item(current(request), item_id)
    draft = await _shown(item)
    seen = items.seen_item(item, draft["contributor"])
    return _form(request, item, draft, error=None, seen=seen)


async def _shown(item: dict[str, Any]) -> dict[str, Any]:
    """The item as its form shows it."""
    draft = {field: str(item[field] or "") for field in items.FIELDS}
    draft["tags"] = ", ".join(item["tags"])
    draft["contributor"] = await items.contributor_email(item["contributor"])
    return draft


@post("/library/{item_id:int}/edit", guards=[organiser_only], opt=KEEPS_TYPED)
async def update_item_page(request: Request, item_id: PathId) -> Template | Redirect:
    """The form carries the item as it showed it (`_seen`): a refused form keeps it, so its
    next save still writes only what its organiser changed."""
    viewer = current(request)
    try:
        data = await form_data(request)
    except RefusedForm as refused:
        item = await items.load_item(viewer, item_id)
        seen = sent(refused.data) or await _seen(item)
        return _form(request, item, _draft(refused.data), 400, error=refused, seen=seen)
    draft, seen = _draft(data), sent(data)
    try:
        contributor: int | items.Keep | None = items.KEEP
        if not items.contributor_untouched(draft, seen):
            now_named = await items.named_contributor(item_id)
            await items.check_contributor_meanwhile(draft, seen, now_named)
            contributor = await items.checked_contributor(draft, now_named)
        await items.update_item(viewer, item_id, draft, contributor, seen)
    except (FieldError, Conflict) as error:
        item = await items.load_item(viewer, item_id)
        seen = again(error, seen)[1] or await _seen(item)
        theirs = await _shown(item)
        return _form(request, item, draft, _status(error), error=error, seen=seen, theirs=theirs)
    return see_other(_item_path(item_id), N_("The item was saved."))


@post("/library/{item_id:int}/retire", guards=[organiser_only])
async def retire_page(request: Request, item_id: PathId) -> Redirect:
    await items.set_retired(current(request), item_id, True)
    return see_other(_item_path(item_id), N_("The item was retired: members no longer see it."))


@post("/library/{item_id:int}/republish", guards=[organiser_only])
async def republish_page(request: Request, item_id: PathId) -> Redirect:
    await items.set_retired(current(request), item_id, False)
    return see_other(_item_path(item_id), N_("The item is in the library again."))


def _file_above_body_limit(request: Request, _: RequestEntityTooLarge) -> Redirect:
    """A body above the upload limit is refused before the handler runs (the CSRF check reads
    the form first): back to the item, the limit named, nothing stored. The generic 'too
    large' page lost the organiser's place."""
    limit = upload_too_large().params["limit"]
    return see_other(
        _item_path(int(request.path_params["item_id"])),
        N_(
            "The file was not attached: it is larger than the limit of %(limit)s MB. Send a"
            " smaller file."
        ),
        refused=True,
        values={"limit": limit},
    )


@post(
    "/library/{item_id:int}/file",
    guards=[organiser_only],
    request_max_body_size=UPLOAD_BODY_BYTES,
    exception_handlers={RequestEntityTooLarge: _file_above_body_limit},
)
async def upload_page(request: Request, item_id: PathId) -> Template | Redirect:
    viewer = current(request)
    await items.load_item(viewer, item_id)
    try:
        checked, _ = await read_upload(request)
        await items.attach_file(viewer, item_id, checked)
    except (FieldError, TooLarge) as error:
        status = 413 if isinstance(error, TooLarge) else 400
        return await _item(request, item_id, status, error=error)
    return see_other(_item_path(item_id), N_("The file was attached to the item."))


@post("/library/{item_id:int}/file/delete", guards=[organiser_only])
async def remove_file_page(request: Request, item_id: PathId) -> Redirect:
    """Sent again (a double click), the file is already gone: the organiser has what they
    asked for, so they see the item and the same message, not a 404."""
    with suppress(items.NoFile):
        await items.remove_file(current(request), item_id)
    return see_other(_item_path(item_id), N_("The file was removed from the item."))


ROUTES = [
    library_page,
    for_you_page,
    item_page,
    file_page,
    new_item_page,
    create_item_page,
    edit_item_page,
    update_item_page,
    retire_page,
    republish_page,
    upload_page,
    remove_file_page,
]
