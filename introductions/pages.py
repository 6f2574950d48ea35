"""The members' introduction pages: proposals to ask for, requests to answer, the history with
revealed contacts and feedback, and the settings to pause or unblock.

Thin handlers over `introductions.workflow`; what each side may see is decided there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from introductions import workflow
from introductions.service import proposal_overview
from introductions.tables import Feedback, Side
from kring.choices import RecordStatus, Role
from kring.clock import utc_now
from kring.errors import Conflict, NotFound
from kring.pages.forms import KEEPS_TYPED, RefusedForm, form_data, safe_next, see_other
from kring.tables import Challenge, Member
from kring.validation import FieldError, read_id
from kring.vocabulary import N_
from kring.web.auth import current, member_profile, requires
from kring.web.params import PathId
from kring.web.templating import page


def _int(data: dict[str, Any], field: str) -> int:
    """An id the form sends (a proposal's button): digits 0-9 only, one spelling per id
    (`kring.validation.read_id`); `int()` also read `+5` and `5_0` as 5 and 50."""
    return read_id(data.get(field, ""), field)


async def _opted_out(request: Request) -> bool:
    """Whether the viewer chose not to share their name for matching (privacy settings)."""
    row = (
        await Member.select(Member.opt_out_sharing)
        .where(Member.id == (current(request).member_id or 0))
        .first()
    )
    return bool(row and row["opt_out_sharing"])


def _back(data: dict[str, Any], message: str, default: str = "/introductions") -> Redirect:
    return see_other(safe_next(data.get("next"), default), message)


async def _already(
    request: Request, introduction_id: int, done: Callable[[dict[str, Any]], bool]
) -> dict[str, Any] | None:
    """The introduction as the viewer sees it when it already is as their action leaves it (a
    second click, a form sent again): that answer was stored, so it is said again rather than
    refused as if it had failed. None otherwise, and the refusal stands."""
    try:
        view = await workflow.get_introduction(current(request), introduction_id)
    except NotFound:
        return None
    return view if done(view) else None


def _cards(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The views as cards (introductions/_card.html): each says whether it asks how it went."""
    now = utc_now()
    for view in views:
        view["asks_feedback"] = workflow.asks_feedback(view, now)
    return views


async def _challenge_page(request: Request, challenge_id: int) -> dict[str, Any]:
    viewer = current(request)
    overview = await proposal_overview(viewer, challenge_id)
    challenge = (
        await Challenge.select(Challenge.id, Challenge.title, Challenge.status, Challenge.member)
        .where(Challenge.id == challenge_id)
        .first()
    )
    asked = _cards(
        await workflow.list_introductions(viewer, Side.requester, challenge_id=challenge_id)
    )
    # An organiser may look at another member's challenge: "you chose…" is said to its owner.
    mine = challenge is not None and viewer.owns(challenge["member"])
    return {"challenge": challenge, "overview": overview, "introductions": asked, "mine": mine}


@get("/introductions", guards=[member_profile], name="my-introductions")
async def my_introductions(request: Request) -> Template:
    views = await workflow.list_introductions(current(request), limit=200)
    views = [v for v in views if not (v["role"] == Side.expert and v["state"] == "requested")]
    waiting = await workflow.list_introductions(
        current(request), Side.expert, workflow.State.requested
    )
    return page(
        request,
        "introductions/introductions.html",
        introductions=_cards(views),
        waiting=len(waiting),
        opted_out=await _opted_out(request),
    )


@get("/introductions/requests", guards=[member_profile])
async def requests_for_me(request: Request) -> Template:
    return await _requests_page(request)


async def _requests_page(request: Request, status_code: int = 200, **extra: Any) -> Template:
    views = await workflow.list_introductions(
        current(request), Side.expert, workflow.State.requested, limit=200
    )
    return page(
        request,
        "introductions/requests.html",
        status_code,
        introductions=_cards(views),
        opted_out=await _opted_out(request),
        paused=await workflow.is_paused(current(request).member_id or 0),
        **extra,
    )


@get("/introductions/challenges", guards=[member_profile])
async def my_challenges(request: Request) -> Template:
    viewer = current(request)
    rows = (
        await Challenge.select(Challenge.id)
        .where((Challenge.member == viewer.member_id) & (Challenge.status == RecordStatus.open))
        .order_by(Challenge.id)
    )
    challenges = [await _challenge_page(request, row["id"]) for row in rows]
    return page(request, "introductions/challenges.html", challenges=challenges)


@get("/my/{kind:str}/{record_id:int}/proposals", guards=[member_profile])
async def challenge_proposals(request: Request, kind: FromPath[str], record_id: PathId) -> Template:
    """/my/challenges/{id}/proposals; spelled with the record pages' parameters so that
    /my/challenges itself stays theirs in the router."""
    if kind != "challenges":
        raise NotFound(
            N_("no page /my/%(kind)s/%(record_id)s/proposals"), kind=kind, record_id=record_id
        )
    return page(
        request, "introductions/proposals.html", **await _challenge_page(request, record_id)
    )


@post("/introductions/request", guards=[member_profile])
async def ask(request: Request) -> Redirect:
    """A button per proposal; the key makes a double click answer the same introduction."""
    data = await form_data(request)
    proposal_id = _int(data, "proposal_id")
    view, _ = await workflow.request_introduction(
        current(request), proposal_id, f"page-{proposal_id}"
    )
    return _back(
        data,
        N_("Introduction asked: the expert answers within the coming days."),
        f"/my/challenges/{view['challenge']['id']}/proposals",
    )


@post("/introductions/{introduction_id:int}/accept", guards=[member_profile])
async def accept(request: Request, introduction_id: PathId) -> Redirect:
    """To the accepted introduction itself, where the contact details now are."""
    await form_data(request)
    try:
        await workflow.accept(current(request), introduction_id)
    except Conflict:
        accepted = (workflow.State.accepted, workflow.State.completed)
        if not await _already(
            request,
            introduction_id,
            lambda view: view["role"] == Side.expert and view["state"] in accepted,
        ):
            raise
    return see_other(
        f"/introductions#intro-{introduction_id}",
        N_("Accepted: you now see each other's contact details."),
    )


@post("/introductions/{introduction_id:int}/decline", guards=[member_profile], opt=KEEPS_TYPED)
async def decline(request: Request, introduction_id: PathId) -> Template | Redirect:
    """A refused reason comes back on the requests page, in its request's form, as typed."""
    data: dict[str, Any] = {}
    try:
        data = await form_data(request)
        reason = str(data.get("reason", ""))
        if len(reason) > 500:
            raise FieldError("reason", N_("at most 500 characters"))
    except FieldError as error:
        typed = error.data if isinstance(error, RefusedForm) else data
        kept = {
            "id": introduction_id,
            "reason": str(typed.get("reason", "")),
            "block": typed.get("block") == "on",
        }
        return await _requests_page(request, 400, error=error, kept=kept)
    try:
        view = await workflow.decline(
            current(request), introduction_id, reason, block=data.get("block") == "on"
        )
    except Conflict:
        earlier = await _already(
            request,
            introduction_id,
            lambda view: view["state"] == workflow.State.declined and view["declined_by_me"],
        )
        if earlier is None:
            raise
        view = earlier
    if view["role"] == Side.requester:  # the asker withdraws their own request
        return _back(data, N_("Withdrawn: the expert no longer sees your request."))
    return _back(data, N_("Declined. The other member does not learn your reason."))


@post("/introductions/{introduction_id:int}/complete", guards=[member_profile])
async def complete(request: Request, introduction_id: PathId) -> Redirect:
    data = await form_data(request)
    try:
        view = await workflow.complete(current(request), introduction_id)
    except Conflict:
        done = workflow.State.completed
        earlier = await _already(request, introduction_id, lambda view: view["state"] == done)
        if earlier is None:
            raise
        view = earlier
    # Back at the card, which now asks how it went (unless this member said so already): the
    # message stands on it (kring.js) and points at the question.
    back = safe_next(data.get("next"), "/introductions")
    card = back if "#" in back else f"{back}#intro-{introduction_id}"
    asks = workflow.asks_feedback(view, utc_now())
    also = [N_("How did it go? Let us know below.")] if asks else []
    return see_other(card, N_("Noted: you met each other."), also=also)


@post("/introductions/{introduction_id:int}/feedback", guards=[member_profile])
async def feedback(request: Request, introduction_id: PathId) -> Redirect:
    data = await form_data(request)
    if not data.get("outcome"):  # sent before choosing: said on the page it was sent from
        return see_other(
            safe_next(data.get("next"), "/introductions"),
            N_("Choose how it went first, then send your feedback."),
            refused=True,
        )
    try:
        outcome = Feedback(str(data.get("outcome", "")))
    except ValueError:
        raise FieldError("outcome", N_("choose useful, not_useful or did_not_happen")) from None
    try:
        await workflow.give_feedback(current(request), introduction_id, outcome)
    except Conflict:
        if not await _already(
            request, introduction_id, lambda view: view["my_feedback"] == outcome
        ):
            raise
    return _back(data, N_("Thank you for your feedback."))


@post("/introductions/{introduction_id:int}/block", guards=[member_profile])
async def block(request: Request, introduction_id: PathId) -> Redirect:
    data = await form_data(request)
    try:
        before = await workflow.get_introduction(current(request), introduction_id)
    except NotFound:  # block_member says why (not theirs, or withdrawn from the expert)
        before = None
    await workflow.block_member(current(request), introduction_id)
    if before and before["role"] == Side.requester and before["state"] == workflow.State.requested:
        return _back(  # blocking withdrew the request too: say so, it cannot be undone
            data,
            N_(
                "Blocked, and your request was withdrawn: the expert no longer sees it, and you "
                "are not proposed to each other again."
            ),
        )
    return _back(data, N_("Blocked: you are not proposed to each other again."))


@get("/introductions/settings", guards=[member_profile])
async def settings(request: Request) -> Template:
    member_id = current(request).member_id or 0
    return page(
        request,
        "introductions/settings.html",
        paused=await workflow.is_paused(member_id),
        opted_out=await _opted_out(request),
        blocks=await workflow.blocks_of(member_id),
    )


@post("/introductions/settings/pause", guards=[member_profile])
async def pause(request: Request) -> Redirect:
    data = await form_data(request)
    paused = data.get("paused") == "on"
    await workflow.set_paused(current(request).member_id or 0, paused)
    said = (
        N_("Introductions paused: nobody is proposed to meet you any more.")
        if paused
        else N_("You can be proposed again to members who look for your expertise.")
    )
    return see_other("/introductions/settings", said)


@post("/introductions/settings/blocks/{block_id:int}/remove", guards=[member_profile])
async def unblock(request: Request, block_id: PathId) -> Redirect:
    """Sent again (a double click), the block is gone already: the answer says the person is
    no longer blocked, not a 404 (the browser shows only the second answer). Someone else's
    block, or an id of none, gets that same answer and is left as it is."""
    try:
        await workflow.unblock(current(request).member_id or 0, block_id)
    except NotFound:
        return see_other("/introductions/settings", N_("This person is no longer blocked."))
    return see_other("/introductions/settings", N_("Unblocked."))


@get("/introductions/feedback", guards=[requires(Role.organiser)])
async def feedback_summary(request: Request) -> Template:
    return page(request, "introductions/feedback.html", summary=await workflow.feedback_summary())


ROUTES = [
    my_introductions,
    requests_for_me,
    my_challenges,
    challenge_proposals,
    ask,
    accept,
    decline,
    complete,
    feedback,
    block,
    settings,
    pause,
    unblock,
    feedback_summary,
]
