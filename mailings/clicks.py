"""Interest signals, only with consent: a consenting member's article links go through
`/mailings/r/TOKEN`, which records the day of the first click on that article and sends them on
to the article's own link. Everyone else gets the plain link, with no redirect at all; there is
no tracking pixel. Withdrawing the consent deletes what was recorded (`privacy.consents`).

The token signs member, article and target together (HMAC with the app's secret), so it neither
records a click for someone else nor leads anywhere but a link the article had when it was
sent: never an open redirect.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from kring.clock import today
from kring.credentials import keyed_hash
from kring.errors import NotFound
from kring.settings import Settings, get_settings
from kring.vocabulary import N_
from mailings.delivery_tables import InterestClick
from mailings.tables import Article
from privacy.consents import Purpose, has_consent, on_withdrawal
from privacy.restriction import is_restricted

TOKEN = re.compile(r"([1-9][0-9]{0,9})\.([1-9][0-9]{0,9})\.([0-9a-f]{32})")
"""The whole token (`fullmatch`): `$` also matched before a final line break."""


def _signature(member_id: int, article_id: int, url: str, settings: Settings | None = None) -> str:
    secret = (settings or get_settings()).secret_key
    return keyed_hash(secret, f"click:{member_id}:{article_id}:{url}")[:32]


def click_url(member_id: int, article_id: int, url: str, settings: Settings | None = None) -> str:
    """The recording address for `url`, a web link of the article (its own link, or one in its
    text: then named in `to`, and signed with the rest)."""
    settings = settings or get_settings()
    token = f"{member_id}.{article_id}.{_signature(member_id, article_id, url, settings)}"
    return f"{settings.base_url}/mailings/r/{token}?{urlencode({'to': url})}"


def link_maker(
    member_id: int, consented: bool, settings: Settings | None = None
) -> Callable[[int, str], str] | None:
    """What `render_mailing` gets as `link`: the recording URL for a consenting member, else
    None (plain links)."""
    if not consented:
        return None
    return lambda article_id, url: click_url(member_id, article_id, url, settings)


def safe_target(url: str) -> str | None:
    """Only an http(s) address with a host: an article link such as `javascript:` is refused."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(char) < 0x20 for char in url) or "\\" in url:
        return None
    return url


async def follow(token: str, to: str, record: bool = True) -> str:
    """Records the click when the member consents now, and returns where to send them: `to`,
    when the token was signed for it (only the links of the article as it was sent are), and
    the article still exists. Anything forged or altered is 'not found'. `record` is False for
    a HEAD: mail scanners check links that way, and no person showed interest."""
    found = TOKEN.fullmatch(token or "")
    if found is None:
        raise NotFound(N_("this link is not valid"))
    member_id, article_id = int(found.group(1)), int(found.group(2))
    if not hmac.compare_digest(found.group(3), _signature(member_id, article_id, to)):
        raise NotFound(N_("this link is not valid"))
    article = await Article.select(Article.mailing).where(Article.id == article_id).first()
    target = safe_target(to)
    if article is None or target is None:
        raise NotFound(N_("this article has no such link any more"))
    if (
        record
        and await has_consent(member_id, Purpose.interest_signals)
        and not await is_restricted(member_id)
    ):
        await InterestClick.insert(
            InterestClick(
                member=member_id, article=article_id, mailing=article["mailing"], clicked_on=today()
            )
        ).on_conflict(action="DO NOTHING")
    return target


async def forget_clicks(member_id: int) -> None:
    """The consent was withdrawn: the signals it allowed go at once."""
    await InterestClick.delete().where(InterestClick.member == member_id)


on_withdrawal(Purpose.interest_signals, forget_clicks)
