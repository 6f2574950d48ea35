"""The organisers' pages after composing: choose the audience (count and sample), confirm and
queue, follow the progress (it refreshes itself), cancel, and the "interested in" list."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.response import Redirect, Template

from kring.choices import Role
from kring.errors import Conflict, DomainError, Forbidden, NotFound
from kring.pages.forms import (
    KEEPS_TYPED,
    RefusedForm,
    form_data,
    keeps_typed_search,
    query_data,
    see_other,
)
from kring.seen import EditedMeanwhile, again, sent
from kring.validation import FieldError, only_digits
from kring.vocabulary import N_
from kring.web.auth import current, requires
from kring.web.params import PathId, QueryId
from kring.web.templating import page
from mailings import interests, outbox
from mailings.audience import (
    AudienceSpec,
    audience_summary,
    audience_to_save,
    check_exists,
    check_may_choose,
    chosen,
    parse_audience,
    seen_audience,
    stored_audience,
)
from mailings.audience_choices import CHOICES_SHOWN, audience_choices
from mailings.choices import AUDIENCE_LABELS, AudienceKind, MailingState
from mailings.sending import per_minute
from mailings.tables import Mailing
from privacy.recipients import ProcessorRefused, processor_for_sending

organisers = requires(Role.organiser)


async def _audience_page(
    request: Request,
    mailing: dict[str, Any],
    spec: AudienceSpec,
    status_code: int = 200,
    error: Exception | None = None,
    find: str = "",
    seen: str | None = None,
) -> Template:
    """The form carries the audience it shows (`_seen`), or what a refused one carried."""
    stored = stored_audience(mailing)
    summary = None
    if error is None:
        try:
            await check_exists(spec)
            summary = await audience_summary(spec, current(request))
        except NotFound as gone:
            error = gone
    choices = await audience_choices(current(request), spec, find if error is None else "")
    return page(
        request,
        "mailings/audience.html",
        status_code=status_code,
        mailing=mailing,
        spec=spec,
        chosen=await chosen(spec),
        summary=summary,
        error=error,
        audience_labels=AUDIENCE_LABELS,
        kinds=list(AudienceKind),
        choices=choices,
        shown=CHOICES_SHOWN,
        find=find,
        seen=seen or seen_audience(stored),
        stored=stored if isinstance(error, EditedMeanwhile) else None,
        chosen_stored=await chosen(stored) if isinstance(error, EditedMeanwhile) else None,
    )


@get("/mailings/{mailing_id:int}/audience", guards=[organisers], opt=keeps_typed_search("q"))
async def audience_page(request: Request, mailing_id: PathId) -> Template:
    """`q` narrows the events and organisations offered (beyond the first 500); refused
    (a control character), it is shown again with why beside it."""
    mailing = await outbox.load_mailing(mailing_id)
    spec = stored_audience(mailing)
    try:
        find = query_data(request, ["q"])["q"][:200]
    except RefusedForm as refused:
        return await _audience_page(request, mailing, spec, 400, refused, refused.data["q"])
    return await _audience_page(request, mailing, spec, find=find)


def _params(data: dict[str, Any]) -> dict[str, Any]:
    organisations = data.get("organisations", [])
    return {
        "event": data.get("event", ""),
        "organisations": organisations if isinstance(organisations, list) else [organisations],
        "tags": str(data.get("tags", "")),
    }


def _as_typed(data: dict[str, Any]) -> AudienceSpec:
    """The audience as the form sent it, shown again beside a refusal: the tags as typed, the
    event and organisations still chosen, nothing checked or looked up."""
    kind = data.get("audience_kind")
    event = str(data.get("event", ""))
    chosen = [str(one) for one in _params(data)["organisations"]]
    return AudienceSpec(
        AudienceKind(kind) if kind in list(AudienceKind) else AudienceKind.all_members,
        event=int(event) if only_digits(event) and len(event) < 10 else None,
        organisations=tuple(int(one) for one in chosen if only_digits(one) and len(one) < 10),
        tags=tuple(tag.strip() for tag in str(data.get("tags", "")).split(",") if tag.strip()),
    )


@post("/mailings/{mailing_id:int}/audience", guards=[organisers], opt=KEEPS_TYPED)
async def save_audience_page(request: Request, mailing_id: PathId) -> Template | Redirect:
    """An audience another organiser saved since the form was opened is not overwritten
    without a word (`audience_to_save`): refused, the form comes back with the person's
    choice, the one saved meanwhile beside it."""
    mailing = await outbox.load_mailing(mailing_id)
    if mailing["state"] != MailingState.draft:
        raise Conflict(N_("the audience of a queued mailing is fixed"), field="audience_kind")
    data: dict[str, Any] = {}
    seen: str | None = None
    try:
        data = await form_data(request, lists=("organisations",))
        seen = sent(data)
        spec = parse_audience(data.get("audience_kind"), _params(data))
        await check_exists(spec)
        await check_may_choose(current(request), spec)
        changed = audience_to_save(spec, seen, stored_audience(mailing))
    except (FieldError, NotFound, Forbidden) as error:
        data = error.data if isinstance(error, RefusedForm) else data
        seen = sent(data) if isinstance(error, RefusedForm) else seen
        status, seen = again(error, seen)
        status = error.status_code if isinstance(error, NotFound | Forbidden) else status
        typed = _as_typed(data)
        return await _audience_page(request, mailing, typed, status, error, seen=seen)
    if changed:
        await Mailing.update(
            {Mailing.audience_kind: spec.kind, Mailing.audience: spec.as_json()}
        ).where((Mailing.id == mailing_id) & (Mailing.state == MailingState.draft))
    return see_other(f"/mailings/{mailing_id}/audience#summary", N_("The audience was saved."))


async def _relay_problem() -> str | None:
    try:
        await processor_for_sending("smtp")
    except ProcessorRefused:
        return N_(
            "the mail relay has no signed data-processing agreement on the processor register: "
            "nothing is sent until the privacy officer records one; what is queued waits"
        )
    return None


async def _send_page(
    request: Request,
    mailing: dict[str, Any],
    status_code: int = 200,
    error: Exception | None = None,
) -> Template:
    spec = stored_audience(mailing)
    summary = None
    # What the draft still lacks is shown as steps to take, each a link to where it is done,
    # not as an error of this page's form.
    problems = await outbox.unready(mailing)
    if problems:
        error = None
    else:
        try:
            await check_exists(spec)
            summary = await audience_summary(spec, current(request))
        except DomainError as problem:
            error = error or problem
    return page(
        request,
        "mailings/send.html",
        status_code=status_code,
        mailing=mailing,
        spec=spec,
        chosen=await chosen(spec),
        summary=summary,
        error=error,
        problems=problems,
        relay_problem=await _relay_problem(),
        per_minute=per_minute(),
        audience_labels=AUDIENCE_LABELS,
        confirm_again=isinstance(error, outbox.AudienceChanged),
    )


@get("/mailings/{mailing_id:int}/send", guards=[organisers])
async def send_page(request: Request, mailing_id: PathId) -> Template | Redirect:
    mailing = await outbox.load_mailing(mailing_id)
    if mailing["state"] != MailingState.draft:
        return see_other(f"/mailings/{mailing_id}/progress")
    return await _send_page(request, mailing)


def _confirmed_count(data: dict[str, Any]) -> int:
    """The number of recipients the button showed (the form carries it back)."""
    text = str(data.get("expected_count", "")).strip()
    if not only_digits(text) or len(text) > 9:
        raise FieldError("expected_count", N_("the number of recipients you confirmed is missing"))
    return int(text)


@post("/mailings/{mailing_id:int}/send", guards=[organisers])
async def queue_page(request: Request, mailing_id: PathId) -> Template | Redirect:
    """Queues only what the organiser saw: the count and the audience the page showed."""
    try:
        data = await form_data(request)
        await outbox.queue_mailing(
            mailing_id, _confirmed_count(data), str(data.get("audience", ""))[:40]
        )
    except (DomainError, FieldError) as error:
        mailing = await outbox.load_mailing(mailing_id)
        status = error.status_code if isinstance(error, DomainError) else 400
        if mailing["state"] != MailingState.draft:  # a second click: it went already
            return await _progress_page(request, mailing, status, error)
        return await _send_page(request, mailing, status, error)
    return see_other(
        f"/mailings/{mailing_id}/progress",
        N_("The mailing was queued and goes out in the background."),
    )


@get("/mailings/{mailing_id:int}/progress", guards=[organisers])
async def progress_page(request: Request, mailing_id: PathId) -> Template:
    return await _progress_page(request, await outbox.load_mailing(mailing_id))


async def _progress_page(
    request: Request,
    mailing: dict[str, Any],
    status_code: int = 200,
    error: Exception | None = None,
) -> Template:
    return page(
        request,
        "mailings/progress.html",
        status_code=status_code,
        mailing=mailing,
        progress=await outbox.progress(mailing["id"]),
        relay_problem=await _relay_problem(),
        problem_texts=outbox.PROBLEM_TEXTS,
        error=error,
    )


@post("/mailings/{mailing_id:int}/cancel", guards=[organisers])
async def cancel_page(request: Request, mailing_id: PathId) -> Template | Redirect:
    try:
        await outbox.cancel_mailing(mailing_id)
    except Conflict as error:  # a second click: it was stopped, or it went, already
        return await _progress_page(request, await outbox.load_mailing(mailing_id), 409, error)
    return see_other(
        f"/mailings/{mailing_id}/progress",
        N_("The mailing was cancelled; what was sent stays sent."),
    )


@get("/mailings/interests", guards=[organisers], opt=keeps_typed_search("tag"))
async def interests_page(
    request: Request, article: QueryId = None, mailing: QueryId = None
) -> Template:
    """A refused tag filter (longer than a tag may be, a control character) shows the list's
    page with the filter as typed and why beside it, not an error page."""
    tag = ""
    try:
        tag = query_data(request, ["tag"])["tag"]
        wanted = interests.parse_filter(tag, article, mailing)
    except FieldError as error:
        tag = error.data["tag"] if isinstance(error, RefusedForm) else tag
        typed = interests.InterestFilter(tag[:200], article, mailing)
        return await _interests(request, typed, [], 400, error)
    return await _interests(request, wanted, await interests.interest_list(wanted))


async def _interests(
    request: Request,
    wanted: interests.InterestFilter,
    rows: list[dict[str, Any]],
    status_code: int = 200,
    error: FieldError | None = None,
) -> Template:
    return page(
        request,
        "mailings/interests.html",
        status_code,
        rows=rows,
        wanted=wanted,
        shown=interests.SHOWN,
        error=error,
        **await interests.filter_choices(),
    )


ROUTES = [
    audience_page,
    save_audience_page,
    send_page,
    queue_page,
    progress_page,
    cancel_page,
    interests_page,
]
