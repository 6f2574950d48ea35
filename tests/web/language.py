"""What a page must not show in the language it is read in: the other language's sentences
(message ids or translations straight from the catalogue) and raw vocabulary keys.

A catalogue text counts when it is at least three words long and the two languages differ: a
shorter one ("Status", "open", "e-mail") is often the same word in both, or an ordinary word
the other text happens to hold. Parameters (`%(name)s`) split a text into pieces; each piece of
three words or more is looked for on its own. A raw key is a value of a shown vocabulary with
an underscore (`not_useful`, `legal_obligation`): such a value is never a word of either
language, so it shows only where a page forgot its label.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from babel.messages.pofile import read_po

from events import registration
from events.tables import Registration
from introductions.tables import Introduction, IntroductionState
from kring.clock import utc_now
from kring.i18n import LOCALE_DIR
from privacy import consents, restriction
from privacy.audit import Action, record_audit
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.requests import record_request
from tests import factories
from tests.conftest import run
from tests.factories import Login
from tests.kring.test_i18n import SHOWN

MIN_WORDS = 3
_PARAMETER = re.compile(r"%\(\w+\)[sdr]")


def _pieces(text: str) -> list[str]:
    return [
        piece.strip(" .,:;") for piece in _PARAMETER.split(text) if len(piece.split()) >= MIN_WORDS
    ]


@cache
def foreign_texts(language: str) -> tuple[str, ...]:
    """What a page in `language` must not show: for Dutch the English ids, for English the
    Dutch translations, of every entry whose two languages differ."""
    with (LOCALE_DIR / "nl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    found: set[str] = set()
    for entry in catalog:
        if not entry.id or not entry.string:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        dutch = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for english, translated in zip(ids, dutch, strict=False):
            if not translated or english == translated:
                continue
            shown, other = (english, translated) if language == "nl" else (translated, english)
            found |= {piece for piece in _pieces(shown) if piece not in other}
    return tuple(sorted(found, key=len, reverse=True))


@cache
def raw_keys() -> re.Pattern[str]:
    keys = sorted({value.value for enum in SHOWN for value in enum if "_" in value.value})
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, keys)) + r")(?![\w-])")


def mistakes(text: str, language: str) -> list[str]:
    """The other language's texts and the raw keys in a page's visible text."""
    flat = " ".join(text.split())
    found = [
        f"{'English' if language == 'nl' else 'Dutch'}: {t!r}"
        for t in foreign_texts(language)
        if t in flat
    ]
    found += [f"raw key: {key}" for key in sorted(set(raw_keys().findall(flat)))]
    return found


class _Visible(HTMLParser):
    """The text a reader sees in a page's body: no scripts, styles or attribute values."""

    HIDDEN = {"script", "style", "template", "head"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def privacy_and_feedback(
    member: Login, officer: Login, peer: int, event_id: int, challenge: int
) -> None:
    """What makes the language check mean something: a privacy history, consents, an audit
    trail, open requests of both kinds, a restriction, registrations of several states, and
    introductions with feedback (`not_useful`) and without."""
    now = utc_now()
    for who in (member.member_id, peer):
        run(set_opt_out(who, OptOut.listing, True, Channel.web, member.account_id))
        run(set_opt_out(who, OptOut.list_job_title, True, Channel.phone, officer.account_id))
        run(consents.give_consent(who, consents.Purpose.private_contact, "web"))
        run(consents.confirm_adult(who, "web"))
    run(record_audit(officer.account_id, peer, Action.viewed, "member"))
    run(record_audit(officer.account_id, peer, Action.exported, "*"))
    run(record_request("erasure", peer, "phone", officer.account_id))
    other = factories.member(None, last_name="Wouters")
    run(restriction.restrict(other, "Wouters zelf", "betwist de juistheid", officer.account_id))
    run(registration.register(event_id, member_id=member.member_id))
    run(registration.register(event_id, member_id=peer))
    run(Registration.update({Registration.status: "no_show"}).where(Registration.member == peer))
    run(
        Introduction.insert(
            Introduction(
                challenge=challenge,
                expert=peer,
                requester=member.member_id,
                state=IntroductionState.completed,
                requester_feedback="not_useful",
                created_at=now,
            ),
            Introduction(
                challenge=challenge,
                expert=other,
                requester=member.member_id,
                state=IntroductionState.accepted,
                created_at=now,
            ),
        )
    )
