"""The privacy pages: a member's own data and choices, and the privacy officer's desk."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from kring.accounts import (
    WrongPassword,
    principal_for_api_token,
    reauthenticate_session,
    reauthenticated_within,
)
from kring.choices import Role
from kring.clock import today
from kring.errors import (
    Conflict,
    DomainError,
    NotFound,
    NotLoggedIn,
    TooManyAttempts,
)
from kring.i18n import gettext_for
from kring.messages import Term, Terms
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, safe_next, see_other
from kring.principal import Principal
from kring.seen import EditedMeanwhile, sent
from kring.settings import get_settings
from kring.table_labels import NOT_ON_THE_PAGE, TABLE_LABELS, column_label, table_label
from kring.tables import Member
from kring.typed_dates import read_day
from kring.validation import Checks, FieldError, briefly, only_digits, read_id
from kring.vocabulary import N_
from kring.web.auth import (
    SESSION_COOKIE,
    bearer_token,
    current,
    member_profile,
    public,
    requires,
    signed_in,
)
from kring.web.head import is_head
from kring.web.params import PathId
from kring.web.templating import language_of, page
from privacy import (
    config,
    consents,
    download_links,
    processors,
    register,
    requests,
    retention,
    verification,
)
from privacy.access import OTHERS_WITHHELD
from privacy.account_data import account_export, for_the_page
from privacy.account_names import account_names
from privacy.answer_names import reference_names
from privacy.audit import (
    Action,
    audit_day,
    audit_entries,
    audit_table,
    record_audit,
    refuse_unknown_filters,
)
from privacy.living import require_living_member
from privacy.mails import MailNotSent
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.person_file import person_file
from privacy.person_search import (
    PEOPLE_SHOWN,
    PICKER_SHOWN,
    audit_filter_ids,
    find_accounts,
    find_people,
    how_it_was_read,
    people_to_pick,
    pick_person,
    picked,
    picked_accounts,
)
from privacy.requests import Kind, RequestChannel
from privacy.serialise import WITHHELD
from privacy.status import member_privacy

Officer = requires(Role.privacy_officer)


def _id(data: dict[str, Any], field: str, required: bool = True) -> int | None:
    """A member's or an account's number: one beyond any row is refused at its field."""
    raw = str(data.get(field, "")).strip()
    if not raw:
        if required:
            raise FieldError(field, N_("is required"))
        return None
    return read_id(raw, field)


def _integer(data: dict[str, Any], field: str, required: bool = True) -> int | None:
    raw = str(data.get(field, "")).strip()
    if not raw:
        if required:
            raise FieldError(field, N_("is required"))
        return None
    if not only_digits(raw) or int(raw) < 1:
        raise FieldError(field, N_("%(value)r is not a positive whole number"), value=briefly(raw))
    return int(raw)


def _choice(enum: type, data: dict[str, Any], field: str, allowed: tuple[Any, ...] = ()) -> Any:
    """One of `enum` (of `allowed` only, when given); a refusal names the choices, which a
    page shows by their labels (`Terms`), never by key."""
    choices = allowed or tuple(enum)
    try:
        chosen = enum(data.get(field, ""))
    except ValueError:
        chosen = None
    if chosen not in choices:
        values = Terms(choice.value for choice in choices)
        raise FieldError(field, N_("must be one of %(choices)s"), choices=values)
    return chosen


DESK_CHANNELS = (RequestChannel.email, RequestChannel.phone, RequestChannel.paper)
"""How a request reaches the officer, as the desk's form offers them (the web and the API are
the member's own ways)."""


@contextmanager
def _from_the_desk() -> Iterator[None]:
    """A desk page that cannot be shown (a request closed already: refused, withdrawn,
    erased) leads back to the desk, where the officer works, not to the start page."""
    try:
        yield
    except DomainError as error:
        error.back_to = ("/privacy/desk", N_("Back to the privacy desk"))
        raise


def _flag(data: dict[str, Any], field: str) -> bool:
    value = data.get(field, "")
    if value not in ("", "on", "1", "true", "0", "false"):
        raise FieldError(field, N_("must be on or off"))
    return value in ("on", "1", "true")


def _labels(request: Request) -> dict[str, Any]:
    """Tables and columns by their labels in the reader's language, for the pages that show
    the declared tables (the access answer, the audit trail)."""
    gettext = gettext_for(language_of(request))
    return {
        "table_label": partial(table_label, gettext=gettext),
        "column_label": partial(column_label, gettext=gettext),
    }


def _export_page(request: Request, export: dict[str, Any], **officer: Any) -> Template:
    """A member's own copy (`mine`: its request), or (`answering`, `names`) the officer's
    answer to deliver; a long table cut to its newest rows, as on a staff account's copy (a
    staff member with a profile finds their years of audit entries in it)."""
    return page(
        request,
        "privacy/export.html",
        export=export,
        shortened=for_the_page(export),
        answering=officer.get("answering"),
        mine=officer.get("mine"),
        names=officer.get("names", {}),
        hidden_columns=NOT_ON_THE_PAGE,
        withheld={"others": OTHERS_WITHHELD, "credential": WITHHELD},
        **_labels(request),
    )


# A member's own page


async def _mine(
    request: Request, status_code: int = 200, error: Exception | None = None
) -> Template:
    viewer = current(request)
    state = await member_privacy(viewer.member_id)
    mine = {kind: await requests.list_requests(kind, member_id=viewer.member_id) for kind in Kind}
    asked = requests.newest_first(mine)
    # One history, newest first: opt-outs and consents interleaved as they happened.
    history = [{"opt_out": e, "at": e["recorded_at"]} for e in state["opt_out_history"]]
    history += [{"consent": c, "at": c["given_at"]} for c in state["consent_history"]]
    history.sort(key=lambda entry: entry["at"], reverse=True)
    return page(
        request,
        "privacy/mine.html",
        status_code=status_code,
        state=state,
        interest_signals=await consents.has_consent(
            viewer.member_id, consents.Purpose.interest_signals
        ),
        requests=mine,
        asked=asked,
        history=history,
        error=error,
    )


@get("/privacy", guards=[signed_in], name="my-privacy")
async def mine(request: Request) -> Template | Redirect:
    """A staff account without a member profile has no such page: its own data is on 'My
    account data', where this leads it (it was a bare 403)."""
    if current(request).member_id is None:
        return see_other(ACCOUNT_DATA)
    return await _mine(request)


async def _save_opt_outs(request: Request, data: dict[str, Any]) -> None:
    viewer = current(request)
    chosen = {kind: _flag(data, kind.value) for kind in OptOut}  # all read before any is saved
    for kind, active in chosen.items():
        await set_opt_out(viewer.member_id, kind, active, Channel.web, viewer.account_id)


WITHDRAWABLE_ON_PAGE = (consents.Purpose.private_contact, consents.Purpose.interest_signals)
"""The consents a member gives and withdraws with the checkboxes of their privacy page."""


async def _save_consents(request: Request, data: dict[str, Any]) -> None:
    member_id = current(request).member_id
    chosen = {purpose: _flag(data, purpose.value) for purpose in WITHDRAWABLE_ON_PAGE}
    for purpose, given in chosen.items():
        if given:
            await consents.give_consent(member_id, purpose, "web")
        else:
            await consents.withdraw_consent(member_id, purpose)


CHOICES_FORM = "choices_form"
"""The hidden field the choices form always sends: an unticked box sends nothing, so only a
post that carries it may read a missing box as "off"."""


def _whole_form(data: dict[str, Any]) -> bool:
    return data.get(CHOICES_FORM) == "1"


def _not_whole() -> DomainError:
    return DomainError(
        N_("nothing was changed: the form did not arrive whole; tick your choices and save again")
    )


@post("/privacy/choices", guards=[member_profile])
async def save_choices(request: Request) -> Template | Redirect:
    """Opt-outs and consents in one form with one button: with a button each, a box ticked in
    one part was silently lost when the other part's button was pressed. Both steps only record
    what changed, so saving everything records nothing twice. A post without the form's marker
    (crafted or cut off) would have switched everything off: it changes nothing."""
    data = await form_data(request)
    if not _whole_form(data):
        return await _mine(request, 400, _not_whole())
    try:  # every box read before anything is saved: a refused one saves none of the others
        for field in (*OptOut, *WITHDRAWABLE_ON_PAGE):
            _flag(data, field.value)
    except FieldError as refused:
        return await _mine(request, 400, refused)
    await _save_opt_outs(request, data)
    await _save_consents(request, data)
    return see_other("/privacy", N_("Your choices were saved."))


@post("/privacy/opt-outs", guards=[member_profile])
async def save_opt_outs(request: Request) -> Template | Redirect:
    data = await form_data(request)
    if not _whole_form(data):
        return await _mine(request, 400, _not_whole())
    await _save_opt_outs(request, data)
    return see_other("/privacy", N_("Your choices were saved."))


@post("/privacy/consents", guards=[member_profile])
async def save_consent(request: Request) -> Template | Redirect:
    data = await form_data(request)
    if not _whole_form(data):
        return await _mine(request, 400, _not_whole())
    await _save_consents(request, data)
    return see_other("/privacy", N_("Your choices were saved."))


@post("/privacy/adult", guards=[member_profile])
async def confirm_adult(request: Request) -> Template | Redirect:
    data = await form_data(request)
    try:
        ticked = _flag(data, "confirmed")
    except FieldError as refused:  # a value the box never sends: the page again, as unticked
        return await _mine(request, 400, refused)
    if not ticked:
        refused = FieldError("confirmed", N_("tick the box to confirm you are an adult"))
        return await _mine(request, 400, refused)
    await consents.confirm_adult(current(request).member_id, "web")
    return see_other("/privacy", N_("Your choices were saved."))


# Re-authentication: export and erasure ask for the password again; the moment is kept in the
# session row (kring.accounts), so it holds across processes and ends with the session.

CONFIRMABLE = ("/privacy/my-data", "/privacy")
ANSWER_PAGE = re.compile(r"/privacy/my-data/[1-9][0-9]{0,9}")
"""Where the password confirmation may lead: those pages, and the answer to one's request."""
ACCOUNT_DATA = "/privacy/account-data"
"""A staff account without a member profile has this one page to confirm for."""


def _confirmable(target: str, viewer: Principal) -> str:
    if viewer.member_id is None:
        return ACCOUNT_DATA
    return target if target in CONFIRMABLE or ANSWER_PAGE.fullmatch(target) else "/privacy"


def _session_token(request: Request) -> str:
    return request.cookies.get(SESSION_COOKIE, "")


async def _recently_confirmed(request: Request) -> bool:
    token = _session_token(request)
    return bool(token) and await reauthenticated_within(token, config.reauth_window())


def _confirm_first(target: str) -> Redirect:
    return see_other(f"/privacy/confirm?next={target}")


async def _check_password(request: Request, password: str) -> None:
    client = request.client.host if request.client else "unknown"
    await reauthenticate_session(
        get_settings().secret_key,
        _session_token(request),
        current(request).account_id,
        password,
        client,
    )


@get("/privacy/confirm", guards=[signed_in])
async def confirm_form(request: Request, next: FromQuery[str] = "/privacy") -> Template:
    target = _confirmable(next, current(request))
    return page(request, "privacy/confirm.html", next=target, error=None)


@post("/privacy/confirm", guards=[signed_in], opt=KEEPS_TYPED)
async def confirm(request: Request) -> Template | Redirect:
    try:
        data = await form_data(request)
    except RefusedForm as refused:  # a password over 20,000 characters, a NUL: at its field
        target = _confirmable(
            safe_next(str(refused.data.get("next", "")), "/privacy"), current(request)
        )
        return page(request, "privacy/confirm.html", 400, next=target, error=refused)
    target = safe_next(str(data.get("next", "")), "/privacy")
    target = _confirmable(target, current(request))
    password = str(data.get("password", ""))
    if not password:  # sent too soon: said at the field, not counted as a wrong password
        missing = FieldError("password", N_("is required"))
        return page(request, "privacy/confirm.html", 400, next=target, error=missing)
    try:
        await _check_password(request, password)
    except TooManyAttempts as error:
        return page(
            request,
            "privacy/confirm.html",
            status_code=429,
            headers={"Retry-After": str(error.retry_after)},
            next=target,
            error="throttled",
        )
    except WrongPassword as error:  # at its field, as on the erasure form
        return page(request, "privacy/confirm.html", 403, next=target, error=error)
    return see_other(target)


@post("/privacy/erasure", guards=[member_profile], opt=KEEPS_TYPED)
async def ask_erasure(request: Request) -> Template | Redirect:
    viewer = current(request)
    try:
        data = await form_data(request)
    except RefusedForm as refused:  # a password over 20,000 characters, a NUL: at its field
        return await _mine(request, 400, refused)
    password = str(data.get("password", ""))
    try:
        if password:
            await _check_password(request, password)
        elif not await _recently_confirmed(request):
            raise FieldError("password", N_("confirm the erasure with your password"))
    except (FieldError, WrongPassword) as error:
        return await _mine(request, 403 if isinstance(error, WrongPassword) else 400, error)
    await requests.record_request(
        Kind.erasure, viewer.member_id, RequestChannel.web, viewer.account_id
    )
    return see_other("/privacy", N_("Your erasure request was received."))


@post("/privacy/requests/{kind:str}/{request_id:int}/withdrawal", guards=[member_profile])
async def withdraw_mine(request: Request, kind: FromPath[str], request_id: PathId) -> Redirect:
    """A member takes back their own request; anyone else's id is a 404 (`get_request`)."""
    kind = _choice(Kind, {"kind": kind}, "kind")
    try:
        await requests.withdraw_request(current(request), kind, request_id)
    except DomainError as error:  # a second click: it was withdrawn already
        error.back_to = ("/privacy", N_("Back to my data and privacy"))
        raise
    return see_other("/privacy", N_("Your request was withdrawn."))


async def _own_request(request: Request) -> int:
    viewer = current(request)
    return await requests.record_request(
        Kind.access, viewer.member_id, RequestChannel.web, viewer.account_id
    )


def _handed_out_nothing(media_type: str) -> Response:
    """The answer to a HEAD (a link checker, a prefetch): no data leaves, so nothing is
    audited as exported."""
    return Response("", media_type=media_type, headers={"Cache-Control": "no-store"})


@get("/privacy/my-data", guards=[member_profile])
async def my_data(request: Request) -> Template | Redirect:
    """The form that asks for a copy of one's data: showing it records nothing (a GET that
    recorded and answered a request did so for every prefetch and reload)."""
    if not await _recently_confirmed(request):
        return _confirm_first("/privacy/my-data")
    return page(request, "privacy/my_data.html")


@post("/privacy/my-data", guards=[member_profile])
async def ask_my_data(request: Request) -> Redirect:
    """Asking records an access request (the member's open one when there is one) and answers
    it at once: the copy is handed out, shown by the page this leads to."""
    if not await _recently_confirmed(request):
        return _confirm_first("/privacy/my-data")
    request_id = await _own_request(request)
    await requests.mark_answered(current(request), request_id)
    return see_other(
        f"/privacy/my-data/{request_id}",
        N_("Your access request is recorded and answered: this is everything held about you."),
    )


async def _own_answer(request: Request, request_id: int) -> dict[str, Any]:
    """The member's own answered access request; anyone else's, or one not answered yet, is
    not found (an officer reads answers on the desk)."""
    viewer = current(request)
    row = await requests.get_request(viewer, Kind.access, request_id)
    if not viewer.owns(row["member"]) or row["status"] != "fulfilled":
        raise NotFound(
            N_("you have no answered access request %(request_id)s"), request_id=request_id
        )
    return row


@get("/privacy/my-data/{request_id:int}", guards=[member_profile])
async def my_answer(request: Request, request_id: PathId) -> Template | Redirect | Response:
    """The answer to the member's own request, to read, print or download (audited as
    exported); reading it changes no request. A HEAD audits nothing."""
    if not await _recently_confirmed(request):
        return _confirm_first(f"/privacy/my-data/{request_id}")
    await _own_answer(request, request_id)
    if is_head(request.scope):
        return _handed_out_nothing("text/html")
    export = await requests.access_answer(current(request), request_id)
    return _export_page(request, export, mine=request_id)


@get("/privacy/my-data/{request_id:int}/answer.json", guards=[member_profile])
async def my_answer_download(request: Request, request_id: PathId) -> Redirect | Response:
    """The same answer as the JSON file (kring-access/1); downloading it changes no request."""
    if not await _recently_confirmed(request):
        return _confirm_first(f"/privacy/my-data/{request_id}")
    await _own_answer(request, request_id)
    if is_head(request.scope):
        return _handed_out_nothing("application/json")
    export = await requests.access_answer(current(request), request_id)
    return Response(
        json.dumps(export, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="kring-my-data.json"',
            "Cache-Control": "no-store",
        },
    )


async def _link_user(request: Request) -> Principal | None:
    """Who follows a download link: the page session, or the API token the link was fetched
    with (a program that asked for the link through the API)."""
    viewer = request.scope.get("user")
    if viewer is None and (token := bearer_token(request)):
        viewer = await principal_for_api_token(token)
    return viewer


@get("/privacy/downloads/{request_id:int}/{token:str}", guards=[public])
async def download(request: Request, request_id: PathId, token: FromPath[str]) -> Response:
    """A link is handed to whoever asked for it (the API's answer), never mailed, so it works
    only for the person whose data it holds, logged in (or with their API token): a link that
    leaked through a shared screen, a proxy log or a browser history gives no one else the
    data. The token is checked too: it names one request, expires and works once. A HEAD (a
    link checker) is answered as the GET would be but spends nothing."""
    viewer = await _link_user(request)
    if viewer is None:
        raise NotLoggedIn(
            N_("log in first: a download link works only for the person whose data it holds")
        )
    await download_links.require_owner(viewer, request_id)
    if is_head(request.scope):
        await download_links.check(request_id, token[:200])
        body = ""
    else:
        body = json.dumps(
            await download_links.redeem(request_id, token[:200]), ensure_ascii=False, indent=2
        )
    return Response(
        body,
        media_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="kring-my-data.json"',
            "Cache-Control": "no-store",
        },
    )


# A staff account without a member profile: its own data (privacy.account_data)


async def _account_copy(request: Request) -> dict[str, Any] | Redirect | None:
    """The viewer's account data, audited as exported; a member is sent to their own copy,
    which holds their account too, and anyone to the password first. A HEAD gets the same
    redirects, then None: no copy is made, nothing audited."""
    viewer = current(request)
    if viewer.member_id is not None:
        return see_other("/privacy/my-data")
    if not await _recently_confirmed(request):
        return _confirm_first(ACCOUNT_DATA)
    if is_head(request.scope):
        return None
    export = await account_export(viewer.account_id, language_of(request))
    await record_audit(viewer.account_id, None, Action.exported, "account")
    return export


@get(ACCOUNT_DATA, guards=[signed_in])
async def account_data(request: Request) -> Template | Redirect | Response:
    """Everything held about the viewer's staff account, to read, print or download. A HEAD
    audits nothing."""
    export = await _account_copy(request)
    if export is None:
        return _handed_out_nothing("text/html")
    if isinstance(export, Redirect):
        return export
    return page(
        request,
        "privacy/export.html",
        export=export,
        answering=None,
        mine=None,
        account_copy=True,
        shortened=for_the_page(export),
        names={},
        hidden_columns=NOT_ON_THE_PAGE,
        withheld={"others": OTHERS_WITHHELD, "credential": WITHHELD},
        **_labels(request),
    )


@get(ACCOUNT_DATA + ".json", guards=[signed_in])
async def account_data_download(request: Request) -> Redirect | Response:
    """The same copy as a JSON file (kring-access/1)."""
    export = await _account_copy(request)
    if export is None:
        return _handed_out_nothing("application/json")
    if isinstance(export, Redirect):
        return export
    return Response(
        json.dumps(export, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="kring-my-account-data.json"',
            "Cache-Control": "no-store",
        },
    )


# E-mailed requests: the person enters the mailed code (no login needed)


@get("/privacy/verify/{kind:str}/{request_id:int}", guards=[public])
async def verify_form(request: Request, kind: FromPath[str], request_id: PathId) -> Template:
    kind = _choice(Kind, {"kind": kind}, "kind")
    return page(
        request, "privacy/verify.html", kind=kind, request_id=request_id, error=None, done=False
    )


@post("/privacy/verify/{kind:str}/{request_id:int}", guards=[public], opt=KEEPS_TYPED)
async def verify(request: Request, kind: FromPath[str], request_id: PathId) -> Template:
    kind = _choice(Kind, {"kind": kind}, "kind")
    code = ""
    try:
        data = await form_data(request)
        code = str(data.get("code", ""))
        client = request.client.host if request.client else "unknown"
        await verification.verify(kind, request_id, code, client)
    except (DomainError, FieldError) as error:  # a wrong code is a FieldError
        code = str(error.data.get("code", "")) if isinstance(error, RefusedForm) else code
        return page(
            request,
            "privacy/verify.html",
            status_code=400 if isinstance(error, FieldError) else error.status_code,
            kind=kind,
            request_id=request_id,
            error=error,
            done=False,
            code=code[:40],
        )
    return page(
        request, "privacy/verify.html", kind=kind, request_id=request_id, error=None, done=True
    )


# The privacy officer's desk


async def _desk(
    request: Request,
    status_code: int = 200,
    error: Exception | None = None,
    mailed: str = "",
    draft: dict[str, Any] | None = None,
) -> Template:
    open_requests = {
        kind: [r for r in await requests.list_requests(kind) if r["status"] in requests.ON_THE_DESK]
        for kind in Kind
    }
    return page(
        request,
        "privacy/desk.html",
        status_code=status_code,
        open_requests=open_requests,
        codes_not_sent={kind: await verification.codes_not_sent(kind) for kind in Kind},
        notices=await requests.notices_not_mailed(),
        today=today(),
        error=error,
        two_officers=config.erasure_needs_second_officer(),
        viewer_id=current(request).account_id,
        mailed=mailed if mailed in ("sent", "queued", "refused") else "",
        draft=draft or {},
    )


@get("/privacy/desk", guards=[Officer], name="privacy-desk")
async def desk(
    request: Request, mailed: FromQuery[str] = "", member: FromQuery[str] = ""
) -> Template:
    known = member if only_digits(member) and len(member) < 10 else ""
    return await _desk(request, mailed=mailed, draft={"member_id": known})


def _typed(error: Exception, data: dict[str, Any]) -> dict[str, Any]:
    """What a form shows again: as typed, also when the edge refused it (`RefusedForm`)."""
    return error.data if isinstance(error, RefusedForm) else data


@post("/privacy/desk/emailed", guards=[Officer], opt=KEEPS_TYPED)
async def record_emailed(request: Request) -> Template | Redirect:
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        kind = _choice(Kind, data, "kind")
        recorded = await verification.record_emailed_request(
            kind, str(data.get("email", ""))[:254], current(request).account_id
        )
    # Conflict: an erased person's address; MailNotSent: the relay has no agreement.
    except (FieldError, NotFound, Conflict, MailNotSent) as error:
        status = getattr(error, "status_code", 400)
        return await _desk(request, status, error, draft={"emailed": _typed(error, data)})
    return see_other(f"/privacy/desk?mailed={recorded['code']}")


def _row_draft(action: str, kind: str, request_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """A request row's refused form (an extension, a refusal), opened again as typed."""
    row = {"action": action, "kind": str(kind), "id": request_id}
    return {"row": row | {field: str(data.get(field, "")) for field in ("months", "reason")}}


_NOT_MAILED = {
    "extension": N_(
        "The deadline was extended, but the person could not be mailed why yet: see "
        "‘Notices not mailed’ below."
    ),
    "refusal": N_(
        "The request was refused, but the person could not be mailed why yet: see "
        "‘Notices not mailed’ below."
    ),
}
"""What the desk says after a change whose notice did not go at once (the list says why)."""


@post("/privacy/desk/extension/{kind:str}/{request_id:int}", guards=[Officer], opt=KEEPS_TYPED)
async def extend(request: Request, kind: FromPath[str], request_id: PathId) -> Template | Redirect:
    kind = _choice(Kind, {"kind": kind}, "kind")
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        months = _integer(data, "months")
        extended = await requests.extend_request(
            current(request), kind, request_id, months, str(data.get("reason", ""))
        )
    except (FieldError, Conflict) as error:
        # A late or second extension (the page was opened before the first month ended, or
        # another officer extended it meanwhile) is refused at the row's form, reason kept.
        draft = _row_draft("extension", kind, request_id, _typed(error, data))
        status = error.status_code if isinstance(error, Conflict) else 400
        return await _desk(request, status, error, draft=draft)
    if "notice_not_mailed" in extended:
        return see_other("/privacy/desk", _NOT_MAILED["extension"], refused=True)
    return see_other("/privacy/desk", N_("The deadline was extended; the person is told why."))


@post("/privacy/desk/refusal/{kind:str}/{request_id:int}", guards=[Officer], opt=KEEPS_TYPED)
async def refuse(request: Request, kind: FromPath[str], request_id: PathId) -> Template | Redirect:
    kind = _choice(Kind, {"kind": kind}, "kind")
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        with _from_the_desk():
            refused = await requests.refuse_request(
                current(request), kind, request_id, str(data.get("reason", ""))
            )
    except FieldError as error:
        draft = _row_draft("refusal", kind, request_id, _typed(error, data))
        return await _desk(request, 400, error, draft=draft)
    if "notice_not_mailed" in refused:
        return see_other("/privacy/desk", _NOT_MAILED["refusal"], refused=True)
    return see_other("/privacy/desk", N_("The request was refused; the person is mailed why."))


@post("/privacy/desk/withdrawal/{kind:str}/{request_id:int}", guards=[Officer])
async def withdraw_for(request: Request, kind: FromPath[str], request_id: PathId) -> Redirect:
    """The person withdrew by phone or letter; the officer records it."""
    kind = _choice(Kind, {"kind": kind}, "kind")
    with _from_the_desk():
        await requests.withdraw_request(current(request), kind, request_id)
    return see_other("/privacy/desk", N_("The request is recorded as withdrawn."))


RECORDED_AT_THE_DESK = {
    Kind.access: N_(
        "The access request was recorded; it is listed under the open access requests."
    ),
    Kind.erasure: N_(
        "The erasure request was recorded; it is listed under the open erasure requests."
    ),
}
"""Which request was recorded and where the officer finds it: a bare "The request was
recorded." said neither, on a desk with two lists."""


@post("/privacy/desk/requests", guards=[Officer], opt=KEEPS_TYPED)
async def record_request(request: Request) -> Template | Redirect:
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        checks = Checks()  # every refused field at once, each beside its field
        kind, member_id, channel = Kind.access, 0, RequestChannel.email
        with checks:
            kind = _choice(Kind, data, "kind")
        with checks:
            member_id = await pick_person(str(data.get("member_id", "")), "member_id")
        with checks:
            channel = _choice(RequestChannel, data, "channel", DESK_CHANNELS)
        if not _flag(data, "identity_checked"):
            checks.add(FieldError("identity_checked", N_("check the requester's identity first")))
        checks.done()
        await requests.record_request(kind, member_id, channel, current(request).account_id)
    except (FieldError, NotFound, Conflict) as error:
        status = 400 if isinstance(error, FieldError) else error.status_code
        draft = _typed(error, data) | {"people": people_to_pick(error)}
        return await _desk(request, status, error, draft=draft)
    return see_other("/privacy/desk", RECORDED_AT_THE_DESK[kind])


@post("/privacy/desk/erasure/{request_id:int}", guards=[Officer])
async def run_erasure(request: Request, request_id: PathId) -> Redirect:
    with _from_the_desk():
        outcome = await requests.run_erasure(current(request), request_id)
    if outcome.get("status") == "approval":
        return see_other(
            "/privacy/desk", N_("The erasure is started; a second privacy officer approves it.")
        )
    return see_other(f"/privacy/desk/erasure/{request_id}")


@post("/privacy/desk/erasure/{request_id:int}/approve", guards=[Officer])
async def approve_erasure(request: Request, request_id: PathId) -> Redirect:
    with _from_the_desk():
        await requests.approve_erasure(current(request), request_id)
    return see_other(f"/privacy/desk/erasure/{request_id}")


@get("/privacy/desk/erasure/{request_id:int}", guards=[Officer])
async def erasure_outcome(request: Request, request_id: PathId) -> Template:
    """What an erasure did, as stored with its request, tables and columns by their labels
    (the API keeps the keys): its own address, so a reload repeats nothing."""
    with _from_the_desk():
        row = await requests.get_request(current(request), Kind.erasure, request_id)
        if row["status"] != "done" or not row.get("outcome"):
            raise Conflict(
                N_("%(kind)s request %(id)s is %(status)s"),
                "request_id",
                kind=Term(Kind.erasure),
                id=request_id,
                status=Term(row["status"]),
            )
    return page(
        request,
        "privacy/erased.html",
        outcome=json.loads(row["outcome"]),
        request_id=request_id,
        **_labels(request),
    )


@get("/privacy/desk/access/{request_id:int}", guards=[Officer])
async def answer_access(request: Request, request_id: PathId) -> Template | Response:
    """The answer to look at, download or print (audited as exported); it is marked answered
    only by the POST below, so opening it changes nothing. A HEAD (a link checker) audits
    nothing either."""
    viewer = current(request)
    with _from_the_desk():
        if is_head(request.scope):  # the same refusals as the GET, then nothing
            await requests.answerable_access_request(viewer, request_id)
            return _handed_out_nothing("text/html")
        export = await requests.access_answer(viewer, request_id)
    return _export_page(
        request,
        export,
        answering=await requests.get_request(viewer, Kind.access, request_id),
        names=await reference_names(export["tables"], gettext_for(language_of(request))),
    )


@get("/privacy/desk/access/{request_id:int}/answer.json", guards=[Officer])
async def answer_download(request: Request, request_id: PathId) -> Response:
    """The answer as the JSON file the person is given; downloading it answers nothing yet."""
    export = await requests.access_answer(current(request), request_id)
    return Response(
        json.dumps(export, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="kring-access-{request_id}.json"',
            "Cache-Control": "no-store",
        },
    )


@post("/privacy/desk/access/{request_id:int}/answered", guards=[Officer])
async def mark_answered(request: Request, request_id: PathId) -> Redirect:
    """The officer delivered the answer: the request leaves the desk. Sent again (a double
    click, or another officer had done it), the answer says it was answered already."""
    with _from_the_desk():
        if not await requests.mark_answered(current(request), request_id):
            return see_other(
                "/privacy/desk", N_("This access request was answered already; nothing changed.")
            )
    return see_other("/privacy/desk", N_("The access request is marked answered."))


@get("/privacy/desk/members/{member_id:int}", guards=[Officer])
async def member_desk(request: Request, member_id: PathId) -> Template | Response:
    """What handling this person's rights needs, on one page (`privacy.person_file`): read
    whole, then audited as a view of everything; a HEAD views nothing."""
    viewer = current(request)
    if not await Member.exists().where(Member.id == member_id):
        raise NotFound(N_("member %(member_id)s not found"), field="member_id", member_id=member_id)
    if is_head(request.scope):  # nothing is shown, so nothing is viewed
        return _handed_out_nothing("text/html")
    person = await person_file(member_id)
    await record_audit(viewer.account_id, member_id, Action.viewed, "*")
    return page(
        request,
        "privacy/member.html",
        **person,
        two_officers=config.erasure_needs_second_officer(),
        **_labels(request),
    )


@get("/privacy/desk/people", guards=[Officer])
async def people(request: Request, q: FromQuery[str] = "") -> Template:
    """The person a request is about, found by name, e-mail or member number."""
    q = q.strip()[:254]
    found = await find_people(q, limit=PEOPLE_SHOWN + 1) if q else None  # one more: are there more?
    people = found[:PEOPLE_SHOWN] if found is not None else None
    for person in people or ():
        if person["private_email"]:  # shown in the list: a read of private data, audited
            await record_audit(current(request).account_id, person["id"], Action.viewed, "member")
    more = found is not None and len(found) > PEOPLE_SHOWN
    return page(
        request,
        "privacy/people.html",
        q=q,
        people=people,
        more=more,
        shown=PEOPLE_SHOWN,
        **how_it_was_read(q),
    )


@get("/privacy/desk/people.json", guards=[Officer])
async def people_picker(request: Request, q: FromQuery[str] = "") -> Response:
    """The desk forms' person picker: the people a name, an e-mail address or a number finds,
    as the number the form takes with a name and a work address to recognise them by."""
    q = q.strip()[:254]
    # One character narrows nothing, except a member number: members 1 to 9 are found too.
    wanted = len(q) >= 2 or only_digits(q.removeprefix("#"))
    found = await find_people(q, limit=PICKER_SHOWN) if wanted else []
    return Response(
        [picked(person) for person in found],
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


@get("/privacy/desk/accounts.json", guards=[Officer])
async def account_picker(request: Request, q: FromQuery[str] = "") -> Response:
    """The audit trail's "done by" picker: the accounts a name, an e-mail address or a number
    finds, as the number the filter takes with the name and role the trail shows."""
    q = q.strip()[:254]
    wanted = len(q) >= 2 or only_digits(q.removeprefix("#"))
    found = await find_accounts(q) if wanted else []
    return Response(
        await picked_accounts(found, gettext_for(language_of(request))),
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


RECORDED_ON_BEHALF = {
    (OptOut.sharing, True): N_("Recorded: their name is no longer shared for matching."),
    (OptOut.sharing, False): N_("Recorded: their name is shared for matching again."),
    (OptOut.listing, True): N_("Recorded: they are never listed on participant lists."),
    (OptOut.listing, False): N_("Recorded: they may be listed on participant lists again."),
    (OptOut.mailings, True): N_("Recorded: they get no more mailings."),
    (OptOut.mailings, False): N_("Recorded: they get mailings again."),
    (OptOut.list_job_title, True): N_("Recorded: their job title is left off participant lists."),
    (OptOut.list_job_title, False): N_(
        "Recorded: their job title is shown on participant lists again."
    ),
    (OptOut.list_company, True): N_("Recorded: their organisation is left off participant lists."),
    (OptOut.list_company, False): N_(
        "Recorded: their organisation is shown on participant lists again."
    ),
}
"""What the officer reads after recording an opt-out for someone: which wish, now which way
(a bare "Saved." said neither, and the form holds five wishes, each on or off)."""


@post("/privacy/desk/members/{member_id:int}/opt-outs", guards=[Officer])
async def opt_out_on_behalf(request: Request, member_id: PathId) -> Redirect:
    viewer = current(request)
    data = await form_data(request)
    kind = _choice(OptOut, data, "kind")
    try:
        channel = _choice(Channel, data, "channel", (Channel.phone, Channel.email, Channel.paper))
    except FieldError:
        raise FieldError("channel", N_("must be phone, email or paper")) from None
    await require_living_member(member_id)
    active = _flag(data, "active")
    if not await set_opt_out(member_id, kind, active, channel, viewer.account_id):
        return see_other(
            f"/privacy/desk/members/{member_id}",
            N_("Nothing changed: this was already recorded so."),
        )
    await record_audit(viewer.account_id, member_id, Action.changed, "opt_out_event")
    return see_other(f"/privacy/desk/members/{member_id}", RECORDED_ON_BEHALF[kind, active])


@get("/privacy/desk/register", guards=[Officer])
async def register_page(request: Request) -> Template:
    return page(
        request,
        "privacy/register.html",
        register=register.processing_register(),
        **_labels(request),
    )


@get("/privacy/desk/register.json", guards=[Officer])
async def register_download(request: Request) -> Response:
    """The register as the API gives it, for the officer's browser session (the API asks for
    a token)."""
    return Response(
        json.dumps(register.processing_register(), ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="kring-register.json"',
            "Cache-Control": "no-store",
        },
    )


async def _processors(
    request: Request, status_code: int = 200, error: Exception | None = None, **draft: Any
) -> Template:
    return page(
        request,
        "privacy/processors.html",
        status_code=status_code,
        processors=await processors.list_processors(),
        retention=await retention.plan(),
        minimum={
            category: retention.minimum_months(category) for category in retention.default_months()
        },
        pending=[c for c in await retention.changes() if c["status"] == "pending"],
        held_back=await retention.held_back(),
        two_officers=config.erasure_needs_second_officer(),
        viewer_id=current(request).account_id,
        error=error,
        draft=draft,
    )


@get("/privacy/desk/processors", guards=[Officer])
async def processors_page(request: Request) -> Template:
    return await _processors(request)


def _agreement_date(data: dict[str, Any]) -> date | None:
    signed = str(data.get("dpa_signed_on", "")).strip()
    try:
        return read_day(signed) if signed else None
    except ValueError:
        raise FieldError("dpa_signed_on", N_("must be a date like 2025-03-01")) from None


async def _add_processor(data: dict[str, Any]) -> None:
    signed_on = _agreement_date(data)
    await processors.add_processor(
        str(data.get("name", "")),
        str(data.get("service", "")),
        str(data.get("data_categories", "")),
        signed_on,
        key=str(data.get("key", "")),
    )


PROCESSOR_FIELDS = ("name", "service", "data_categories", "dpa_signed_on", "key")


@post("/privacy/desk/processors", guards=[Officer], opt=KEEPS_TYPED)
async def add_processor(request: Request) -> Template | Redirect:
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        await _add_processor(data)
    except (FieldError, Conflict) as error:
        status = 409 if isinstance(error, Conflict) else 400
        typed = _typed(error, data)  # only the form's own fields: any other key is no draft
        draft = {field: str(typed.get(field, "")) for field in PROCESSOR_FIELDS}
        return await _processors(request, status, error, **draft)
    return see_other("/privacy/desk/processors", N_("The processor was saved."))


@post("/privacy/desk/processors/{processor_id:int}/agreement", guards=[Officer])
async def record_agreement(request: Request, processor_id: PathId) -> Template | Redirect:
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        signed_on = _agreement_date(data)
        if signed_on is None:
            raise FieldError("dpa_signed_on", N_("is required"))
        await processors.record_agreement(processor_id, signed_on, sent(data))
    except EditedMeanwhile as meanwhile:  # another officer recorded another date meanwhile
        again = {"id": processor_id, "seen": meanwhile.seen, "typed": data["dpa_signed_on"]}
        return await _processors(request, 409, meanwhile, agreement_again=again)
    except FieldError as error:  # an empty or wrong date: at the row's field, as typed
        typed = error.data if isinstance(error, RefusedForm) else data
        again = {
            "id": processor_id,
            "seen": str(typed.get("_seen", "")),
            "typed": str(typed.get("dpa_signed_on", "")),
        }
        return await _processors(request, 400, error, agreement_again=again)
    return see_other("/privacy/desk/processors", N_("The signed agreement was recorded."))


@post("/privacy/desk/retention/{category:str}", guards=[Officer], opt=KEEPS_TYPED)
async def change_retention(request: Request, category: FromPath[str]) -> Template | Redirect:
    try:
        data = await form_data(request)
    except RefusedForm as refused:  # a control character, 20,000 characters: the page again
        return await _processors(request, 400, refused)
    try:
        months = _integer(data, "months")
        viewer = current(request).account_id
        change = await retention.change_rule(category, months, viewer, sent(data))
    except EditedMeanwhile as meanwhile:  # another officer changed the period meanwhile
        again = {"category": category, "seen": meanwhile.seen, "typed": data["months"]}
        return await _processors(request, 409, meanwhile, retention_again=again)
    except FieldError as error:  # an empty or wrong period: at the row's field, as typed
        typed = str(data.get("months", ""))
        again = {"category": category, "seen": str(data.get("_seen", "")), "typed": typed}
        return await _processors(request, 400, error, retention_again=again)
    if change["status"] == "pending":
        return see_other(
            "/privacy/desk/processors#retention-changes",
            N_("The shorter period waits for another privacy officer's approval."),
        )
    return see_other("/privacy/desk/processors#retention", N_("The retention period was changed."))


@post("/privacy/desk/retention/changes/{change_id:int}/approve", guards=[Officer])
async def approve_retention(request: Request, change_id: PathId) -> Redirect:
    await retention.approve_change(change_id, current(request).account_id)
    return see_other(
        "/privacy/desk/processors#retention", N_("The shorter retention period now applies.")
    )


AUDIT_SHOWN = 100
"""The audit page lists the latest entries that match; it says so when there are more."""


@get("/privacy/desk/audit", guards=[Officer])
async def audit_page(request: Request) -> Template:
    """Every filter is checked: a value that cannot filter is refused naming the filter,
    never ignored (a full log that looks filtered misleads); the page shows the refusal at its
    filter, as typed. The person filter and the "done by" filter take a name or an e-mail
    address too."""
    query = dict(request.query_params)
    refuse_unknown_filters(query)  # no field on the page to show it at: the error page names it
    entries: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []
    accounts: list[dict[str, Any]] = []
    gettext = gettext_for(language_of(request))
    try:
        action = query.get("action") or None
        if action is not None:
            action = _choice(Action, query, "action")
        member, actor = await audit_filter_ids(query.get("member"), query.get("actor"), gettext)
        entries = await audit_entries(
            member=member,
            actor=actor,
            action=action,
            table=audit_table(query.get("table")),
            since=audit_day(query.get("since"), "since"),
            until=audit_day(query.get("until"), "until"),
            limit=AUDIT_SHOWN + 1,  # one more: whether older entries are left out
        )
    except FieldError as error:
        people = getattr(error, "people", [])
        accounts = getattr(error, "accounts", [])
        refused: FieldError | None = error
    else:
        refused = None
    labels = _labels(request)
    return page(
        request,
        "privacy/audit.html",
        status_code=400 if refused else 200,
        error=refused,
        people=people,
        accounts=accounts,
        entries=entries[:AUDIT_SHOWN],
        shown=AUDIT_SHOWN,
        cut=len(entries) > AUDIT_SHOWN,
        actors=await account_names((e["actor"] for e in entries), gettext),
        query=query,
        tables=sorted(TABLE_LABELS, key=labels["table_label"]),
        **labels,
    )


ROUTES = [
    mine,
    save_choices,
    save_opt_outs,
    save_consent,
    confirm_adult,
    confirm_form,
    confirm,
    ask_erasure,
    withdraw_mine,
    my_data,
    ask_my_data,
    my_answer,
    my_answer_download,
    download,
    verify_form,
    verify,
    account_data,
    account_data_download,
    desk,
    record_emailed,
    extend,
    refuse,
    withdraw_for,
    record_request,
    run_erasure,
    approve_erasure,
    erasure_outcome,
    answer_access,
    answer_download,
    mark_answered,
    member_desk,
    people,
    people_picker,
    account_picker,
    opt_out_on_behalf,
    register_page,
    register_download,
    processors_page,
    add_processor,
    record_agreement,
    change_retention,
    approve_retention,
    audit_page,
]
