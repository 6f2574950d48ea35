"""The organisers' pages for composing a mailing: the list, a mailing with its articles, their
forms, the preview and the test mail. Choosing the audience and sending are
`mailings.send_pages`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from litestar import Request, Response, get, post
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import NotFound
from kring.i18n import LANGUAGES, gettext_for
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, see_other
from kring.seen import again, sent
from kring.validation import FieldError
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.params import PathId
from kring.web.templating import language_of, page
from mailings import compose, proofs
from mailings.choices import MailingState

organisers = requires(Role.organiser)

SENT_OR_SENDING = (MailingState.queued, MailingState.sending, MailingState.sent)
PREVIEW_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; "
    "frame-ancestors 'self'; base-uri 'none'; sandbox"
)
"""The HTML part shown as is: its own inline styles, nothing else, no script, only inside our
own preview page."""


def _mailing_path(mailing_id: int, anchor: str = "") -> str:
    return f"/mailings/{mailing_id}" + (f"#{anchor}" if anchor else "")


def _draft_of(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: str(data.get(field, "")) for field in fields}


def _kept(error: Exception, draft: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """What the form shows again: as typed, also when the edge refused it (`RefusedForm`)."""
    return _draft_of(error.data, fields) if isinstance(error, RefusedForm) else draft


@get("/mailings", guards=[organisers], name="mailings")
async def mailings_page(request: Request) -> Template:
    return page(request, "mailings/index.html", mailings=await compose.list_mailings())


@get("/mailings/{mailing_id:int}", guards=[organisers])
async def mailing_page(request: Request, mailing_id: PathId) -> Template:
    mailing = await compose.load_mailing(current(request), mailing_id)
    articles = await compose.load_articles(mailing_id)
    return page(
        request,
        "mailings/compose.html",
        mailing=mailing,
        articles=articles,
        draft=mailing["state"] == MailingState.draft,
        problems=compose.problems_before_sending(mailing, articles),
        in_progress=mailing["state"] in SENT_OR_SENDING,
    )


# --- the mailing's own fields -----------------------------------------------------------------


def _mailing_form(
    request: Request, mailing: dict | None, draft: dict, status_code: int = 200, **extra: Any
) -> Template:
    return page(
        request,
        "mailings/compose_form.html",
        status_code=status_code,
        mailing=mailing,
        draft=draft,
        **extra,
    )


@get("/mailings/new", guards=[organisers])
async def new_mailing_page(request: Request) -> Template:
    return _mailing_form(request, None, {}, error=None)


@post("/mailings/new", guards=[organisers], opt=KEEPS_TYPED)
async def create_mailing_page(request: Request) -> Template | Redirect:
    draft: dict[str, Any] = {}
    try:
        draft = _draft_of(await form_data(request), compose.MAILING_FIELDS)
        mailing_id = await compose.create_mailing(current(request), draft)
    except FieldError as error:
        draft = _kept(error, draft, compose.MAILING_FIELDS)
        return _mailing_form(request, None, draft, status_code=400, error=error)
    return see_other(
        _mailing_path(mailing_id), N_("The mailing was created. Now add its articles.")
    )


@get("/mailings/{mailing_id:int}/edit", guards=[organisers])
async def edit_mailing_page(request: Request, mailing_id: PathId) -> Template:
    mailing = await compose.load_draft(current(request), mailing_id)
    draft = {field: mailing[field] for field in compose.MAILING_FIELDS}
    seen = compose.seen_fields(mailing, compose.MAILING_FIELDS)
    return _mailing_form(request, mailing, draft, error=None, seen=seen)


@post("/mailings/{mailing_id:int}/edit", guards=[organisers], opt=KEEPS_TYPED)
async def update_mailing_page(request: Request, mailing_id: PathId) -> Template | Redirect:
    """The form carries the mailing as it showed it (`_seen`): a refused form keeps it, so its
    next save still writes only what its organiser changed."""
    viewer = current(request)
    draft: dict[str, Any] = {}
    seen: str | None = None
    try:
        data = await form_data(request)
        draft, seen = _draft_of(data, compose.MAILING_FIELDS), sent(data)
        await compose.update_mailing(viewer, mailing_id, draft, seen)
    except FieldError as error:
        draft = _kept(error, draft, compose.MAILING_FIELDS)
        seen = sent(error.data) if isinstance(error, RefusedForm) else seen
        mailing = await compose.load_draft(viewer, mailing_id)  # a queued one: 409, no form
        status, seen = again(error, seen)
        seen = seen or compose.seen_fields(mailing, compose.MAILING_FIELDS)
        theirs = {field: mailing[field] for field in compose.MAILING_FIELDS}
        return _mailing_form(
            request, mailing, draft, status_code=status, error=error, seen=seen, theirs=theirs
        )
    return see_other(_mailing_path(mailing_id), N_("The mailing was saved."))


@contextmanager
def _back_after_a_second_click(path: str, label: str) -> Iterator[None]:
    """What a double click deleted already is a 404 that leads back to where the organiser
    works, not to the start page."""
    try:
        yield
    except NotFound as error:
        error.back_to = (path, label)
        raise


@post("/mailings/{mailing_id:int}/delete", guards=[organisers])
async def delete_mailing_page(request: Request, mailing_id: PathId) -> Redirect:
    with _back_after_a_second_click("/mailings", N_("All mailings")):
        await compose.delete_mailing(current(request), mailing_id)
    return see_other("/mailings", N_("The mailing was deleted."))


@post("/mailings/{mailing_id:int}/copy", guards=[organisers])
async def copy_mailing_page(request: Request, mailing_id: PathId) -> Redirect:
    viewer = current(request)
    mailing = await compose.load_mailing(viewer, mailing_id)
    _ = gettext_for(language_of(request))
    name = _("Copy of “%(name)s”") % {"name": mailing["name"]}
    copy_id = await compose.copy_mailing(viewer, mailing_id, name)
    return see_other(
        _mailing_path(copy_id),
        N_("The copy is a new draft: change what you need, then choose the audience."),
    )


# --- articles ---------------------------------------------------------------------------------


def _article_form(
    request: Request,
    mailing: dict,
    article: dict | None,
    draft: dict,
    status_code: int = 200,
    **extra: Any,
) -> Template:
    return page(
        request,
        "mailings/article_form.html",
        status_code=status_code,
        mailing=mailing,
        article=article,
        draft=draft,
        **extra,
    )


@get("/mailings/{mailing_id:int}/articles/new", guards=[organisers])
async def new_article_page(request: Request, mailing_id: PathId) -> Template:
    mailing = await compose.load_draft(current(request), mailing_id)
    return _article_form(request, mailing, None, {}, error=None)


@post("/mailings/{mailing_id:int}/articles/new", guards=[organisers], opt=KEEPS_TYPED)
async def add_article_page(request: Request, mailing_id: PathId) -> Template | Redirect:
    viewer = current(request)
    draft: dict[str, Any] = {}
    try:
        draft = _draft_of(await form_data(request), compose.ARTICLE_FIELDS)
        await compose.add_article(viewer, mailing_id, draft)
    except (FieldError, compose.TooManyArticles) as error:
        draft = _kept(error, draft, compose.ARTICLE_FIELDS)
        mailing = await compose.load_draft(viewer, mailing_id)
        return _article_form(request, mailing, None, draft, status_code=400, error=error)
    return see_other(_mailing_path(mailing_id, "articles"), N_("The article was added."))


@get("/mailings/{mailing_id:int}/articles/{article_id:int}/edit", guards=[organisers])
async def edit_article_page(request: Request, mailing_id: PathId, article_id: PathId) -> Template:
    viewer = current(request)
    mailing = await compose.load_draft(viewer, mailing_id)
    article = await compose.load_article(viewer, mailing_id, article_id)
    seen = compose.seen_fields(article, compose.ARTICLE_FIELDS)
    return _article_form(request, mailing, article, _article_shown(article), error=None, seen=seen)


def _article_shown(article: dict[str, Any]) -> dict[str, Any]:
    """The article as its form shows it."""
    draft = {field: article[field] for field in compose.ARTICLE_FIELDS}
    draft["tags"] = ", ".join(article["tags"] or [])
    return draft


@post(
    "/mailings/{mailing_id:int}/articles/{article_id:int}/edit",
    guards=[organisers],
    opt=KEEPS_TYPED,
)
async def update_article_page(
    request: Request, mailing_id: PathId, article_id: PathId
) -> Template | Redirect:
    """The form carries the article as it showed it (`_seen`), as the mailing's form does."""
    viewer = current(request)
    draft: dict[str, Any] = {}
    seen: str | None = None
    try:
        data = await form_data(request)
        draft, seen = _draft_of(data, compose.ARTICLE_FIELDS), sent(data)
        await compose.update_article(viewer, mailing_id, article_id, draft, seen)
    except FieldError as error:
        draft = _kept(error, draft, compose.ARTICLE_FIELDS)
        seen = sent(error.data) if isinstance(error, RefusedForm) else seen
        mailing = await compose.load_draft(viewer, mailing_id)
        article = await compose.load_article(viewer, mailing_id, article_id)
        status, seen = again(error, seen)
        seen = seen or compose.seen_fields(article, compose.ARTICLE_FIELDS)
        return _article_form(
            request,
            mailing,
            article,
            draft,
            status_code=status,
            error=error,
            seen=seen,
            theirs=_article_shown(article),
        )
    return see_other(_mailing_path(mailing_id, "articles"), N_("The article was saved."))


@post("/mailings/{mailing_id:int}/articles/{article_id:int}/move", guards=[organisers])
async def move_article_page(request: Request, mailing_id: PathId, article_id: PathId) -> Redirect:
    direction = (await form_data(request)).get("direction")
    if direction not in ("up", "down"):
        raise FieldError("direction", N_("say whether the article moves up or down"))
    moved = await compose.move_article(current(request), mailing_id, article_id, direction == "up")
    message = N_("The article was moved.") if moved else N_("The article is already there.")
    return see_other(_mailing_path(mailing_id, "articles"), message)


@post("/mailings/{mailing_id:int}/articles/{article_id:int}/delete", guards=[organisers])
async def delete_article_page(request: Request, mailing_id: PathId, article_id: PathId) -> Redirect:
    with _back_after_a_second_click(
        _mailing_path(mailing_id, "articles"), N_("Back to the mailing")
    ):
        await compose.delete_article(current(request), mailing_id, article_id)
    return see_other(_mailing_path(mailing_id, "articles"), N_("The article was deleted."))


# --- preview and test mail --------------------------------------------------------------------


def _asked_language(asked: list[str], fallback: str) -> str:
    """The mail's language: the one asked for (once, and one the mailings have), else
    `fallback`; anything else is refused naming the field, as the API does."""
    if len(asked) > 1:
        raise FieldError("language", N_("was sent more than once; send one value"))
    if asked and asked[0] not in LANGUAGES:
        raise FieldError("language", N_("choose nl (Dutch) or en (English)"))
    return proofs.language_or_default(asked[0] if asked else fallback)


def _language(request: Request) -> str:
    """The preview's language: the one asked for, else the page's."""
    return _asked_language(request.query_params.getall("language", []), language_of(request))


@get("/mailings/{mailing_id:int}/preview", guards=[organisers])
async def preview_page(request: Request, mailing_id: PathId) -> Template:
    viewer = current(request)
    language = _language(request)
    mailing = await compose.load_mailing(viewer, mailing_id)
    rendered = await proofs.preview(viewer, mailing_id, language)
    return page(
        request,
        "mailings/preview.html",
        mailing=mailing,
        rendered=rendered,
        language=language,
        draft=mailing["state"] == MailingState.draft,
    )


@get("/mailings/{mailing_id:int}/preview/mail.html", guards=[organisers])
async def preview_html(request: Request, mailing_id: PathId) -> Response[str]:
    """The HTML part exactly as sent, for the preview page's sandboxed frame."""
    rendered = await proofs.preview(current(request), mailing_id, _language(request))
    return Response(
        rendered.html,
        media_type="text/html",
        headers={
            "content-security-policy": PREVIEW_POLICY,
            "x-frame-options": "SAMEORIGIN",
            "cache-control": "no-store",
        },
    )


@post("/mailings/{mailing_id:int}/test-mail", guards=[organisers])
async def test_mail_page(request: Request, mailing_id: PathId) -> Redirect:
    asked = (await form_data(request)).get("language")
    language = _asked_language([] if asked is None else [asked], "")
    back = f"/mailings/{mailing_id}/preview?language={language}"
    try:
        await proofs.send_test_mail(current(request), mailing_id, language)
    except proofs.RelayRefused:
        return see_other(
            back,
            N_(
                "The test mail was not sent: the mail relay has no signed processing "
                "agreement on the register. The privacy officer can record it."
            ),
            refused=True,
        )
    except proofs.RelayUnavailable:
        return see_other(
            back,
            N_("The test mail could not be sent: the mail server did not answer."),
            refused=True,
        )
    except proofs.UnsendableTestMail:
        return see_other(
            back,
            N_(
                "The test mail was not sent: your account's address cannot receive mail (it "
                "holds “=?”, which mail programs misread). Trying again will not help: have an "
                "administrator correct the address."
            ),
            refused=True,
        )
    except proofs.NotSentRestricted:
        return see_other(
            back,
            N_("The test mail was not sent: the processing of your own data is restricted."),
            refused=True,
        )
    return see_other(back, N_("The test mail was sent to your own address."))


ROUTES = [
    mailings_page,
    new_mailing_page,
    create_mailing_page,
    mailing_page,
    edit_mailing_page,
    update_mailing_page,
    delete_mailing_page,
    copy_mailing_page,
    new_article_page,
    add_article_page,
    edit_article_page,
    update_article_page,
    move_article_page,
    delete_article_page,
    preview_page,
    preview_html,
    test_mail_page,
]
