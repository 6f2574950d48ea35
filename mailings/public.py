"""The two addresses in a mailing that work without a login: the one-click unsubscribe
(RFC 8058) and an article link of a member who consents to interest signals."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from kring.web.auth import public
from kring.web.head import is_head
from kring.web.templating import page
from mailings.clicks import follow
from mailings.unsubscribe import (
    erased,
    member_for_token,
    recipient_language,
    unsubscribe,
    unsubscribed,
)

MAX_TOKEN = 80
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@get("/mailings/unsubscribe/{token:str}", guards=[public])
async def unsubscribe_page(request: Request, token: FromPath[str]) -> Template:
    """Only a question and a button: mail scanners follow links, so GET changes nothing. It
    speaks the recipient's language, as their mailing did."""
    member_id = member_for_token(token[:MAX_TOKEN])
    return await _unsubscribe_page(request, member_id, token, await unsubscribed(member_id))


@post(
    "/mailings/unsubscribe/{token:str}",
    guards=[public],
    status_code=200,
    opt={
        "kring_csrf_exempt_because": "RFC 8058 one-click unsubscribe: the mail client posts "
        "without cookie or token; the signed token is the credential and only switches its "
        "own member's mailings off"
    },
)
async def unsubscribe_now(request: Request, token: FromPath[str]) -> Template:
    """The mail client's one-click POST (body `List-Unsubscribe=One-Click`) or the page's
    button: mailings are off at once, in the opt-out history."""
    member_id = await unsubscribe(token[:MAX_TOKEN])
    return await _unsubscribe_page(request, member_id, token, True)


async def _unsubscribe_page(request: Request, member_id: int, token: str, done: bool) -> Template:
    """The page in the recipient's language, asking (``done`` False) or confirming."""
    return page(
        request,
        "mailings/unsubscribe.html",
        headers=NO_STORE,
        reader_language=await recipient_language(member_id),
        token=token,
        done=done,
        erased=await erased(member_id),
    )


@get("/mailings/r/{token:str}", guards=[public])
async def follow_link(request: Request, token: FromPath[str]) -> Redirect:
    """Records the interest (with consent) and goes on to the article's link; a HEAD (a mail
    scanner checking the link) only goes on. `to` is read here, not declared: given twice, the
    link was altered and is not valid like any other altered link (declared, it was refused
    under the label another route gives `to`)."""
    targets = request.query_params.getall("to", [])
    to = targets[0] if len(targets) == 1 else ""
    target = await follow(token[:MAX_TOKEN], to[:2000], record=not is_head(request.scope))
    return Redirect(target, status_code=302, headers=NO_STORE)


ROUTES = [unsubscribe_page, unsubscribe_now, follow_link]
