"""Where the introductions app shows a person to someone else: anonymous proposals (their
expertise), introductions and their mails (see privacy.surfaces)."""

from __future__ import annotations

from privacy.opt_outs import OptOut
from privacy.surfaces import Hides, Scene, Surface


async def _introductions(scene: Scene) -> str:
    from introductions.workflow import list_introductions

    return repr(await list_introductions(scene.requester, None, None, None, 100, 0))


async def _introduction_mails(scene: Scene) -> str:
    from introductions.mails import _facts, render
    from introductions.tables import Introduction

    texts = []
    for row in await Introduction.select(Introduction.id).where(
        Introduction.requester == scene.requester.member_id
    ):
        facts = await _facts(row["id"])
        if facts is None:
            continue
        requester, expert = facts["requester"], facts["expert"]
        texts.extend(
            render("mail_accepted.txt", "nl", recipient=requester, other=expert, intro=facts)
        )
    return "\n".join(texts)


INTRODUCTIONS_EXEMPT = (
    "an accepted introduction shared both names with both people's consent; an opt-out or a "
    "restriction stops new matching (see the proposals) and the acceptance of a request made "
    "before it (introductions.workflow.accept withdraws it), not an introduction accepted "
    "earlier. Erasure deletes it."
)

SURFACES: tuple[Surface, ...] = (
    Surface(
        "proposals API (anonymous: their expertise shows)",
        (OptOut.sharing,),
        path="/api/challenges/{challenge}/proposals",
        fmt="json",
    ),
    Surface(
        "introductions (pages and API)",
        (),
        render=_introductions,
        hides=(Hides.erasure,),
        exempt=INTRODUCTIONS_EXEMPT,
        templates=("introductions/_card.html", "home/accepted.html"),
        api=(
            "/api/introductions",
            "/api/introductions/{introduction_id}",
            "/api/introductions/{introduction_id}/accept",
            "/api/introductions/{introduction_id}/complete",
            "/api/introductions/{introduction_id}/decline",
            "/api/introductions/{introduction_id}/feedback",
        ),
    ),
    Surface(
        "introduction mails",
        (),
        render=_introduction_mails,
        hides=(Hides.erasure,),
        exempt=INTRODUCTIONS_EXEMPT
        + " A mail naming a restricted member is not sent (privacy.mail).",
        templates=("introductions/mail_accepted.txt",),
    ),
)


NOT_A_SURFACE = {
    "introductions/mail_request.txt": "to the expert: names only them (the asker is anonymous)",
    "introductions/mail_reminder.txt": "addressed to the expert: names only them",
    "introductions/mail_expired.txt": "addressed to the requester: names only them",
}
