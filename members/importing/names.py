"""Names as people type them: accents, capitals, order and legal forms, made comparable."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kring.choices import MetVia

_NOT_WORD = re.compile(r"[^a-z0-9]+")
LEGAL_FORMS = {
    "nv",
    "bv",
    "bvba",
    "sa",
    "srl",
    "sprl",
    "vzw",
    "asbl",
    "cv",
    "cvba",
    "comm",
    "v",
    "ltd",
    "inc",
    "gmbh",
    "bvba's",
    "plc",
    "llc",
    "vof",
    "esv",
}
_SPACES = re.compile("[\t\u0020\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
"""What separates the words of a name: spaces, a tab, a non-breaking space. Not what
`str.split` also takes for a space (a line break, U+2028, control characters): a name holding
one is refused by the member's checks, naming it, as in any other column, not changed."""
PARTICLES = {"van", "de", "der", "den", "vande", "vander", "le", "la", "du", "d", "t", "ten", "ter"}


def fold(text: str) -> str:
    """Lower case, accents removed, punctuation collapsed to single spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_WORD.sub(" ", ascii_text.lower()).strip()


def person_key(first_name: str, last_name: str) -> str:
    """Order-free: `Jan Janssens` and `JANSSENS Jan` give the same key."""
    return " ".join(sorted(fold(f"{first_name} {last_name}").split()))


def organisation_key(name: str) -> str:
    """`Bouwbedrijf Peeters NV` and `bouwbedrijf peeters` compare equal."""
    return " ".join(t for t in fold(name).split() if t not in LEGAL_FORMS)


def _tidy(word: str) -> str:
    """All-capitals (a CRM's way to mark the surname) become title case; mixed case stays."""
    return word.title() if word.isupper() and len(word) > 1 else word


def _words(text: str) -> list[str]:
    return [word for word in _SPACES.split(text) if word]


def split_name(full: str) -> tuple[str, str]:
    """One `Naam` column: `JANSSENS Jan` (capitals mark the surname), `Janssens, Jan`, or
    `Jan Van den Broeck` (first word is the first name)."""
    text = " ".join(_words(full))
    if "," in text:
        last, _, first = text.partition(",")
        return " ".join(map(_tidy, _words(first))), " ".join(map(_tidy, _words(last)))
    words = text.split(" ")
    upper = [w for w in words if w.isupper() and len(w) > 1]
    if upper and len(upper) < len(words):
        last = " ".join(_tidy(w) for w in words if w in upper)
        first = " ".join(w for w in words if w not in upper)
        return first, last
    if len(words) == 1:
        return "", _tidy(words[0])
    return _tidy(words[0]), " ".join(_tidy(w) for w in words[1:])


def tidy_name(text: str) -> str:
    return " ".join(_tidy(w) for w in _words(text))


_MET_VIA = (
    (
        ("event", "evenement", "beurs", "seminarie", "congres", "netwerkavond", "workshop"),
        MetVia.event,
    ),
    (
        ("linkedin", "twitter", "facebook", "instagram", "social", "sociale media"),
        MetVia.social_media,
    ),
    (("telefoon", "gebeld", "phone", "call", "tel"), MetVia.phone),
    (("mail", "e-mail", "email", "nieuwsbrief"), MetVia.email),
    (
        ("persoonlijk", "bezoek", "in person", "face", "via via", "aanbeveling", "kantoor"),
        MetVia.in_person,
    ),
)


@lru_cache(maxsize=1024)
def met_via(text: str) -> MetVia:
    """A CRM's free text ("Beurs Kortrijk 2009") read as the closest known channel; a stored
    value (`in_person`, as Kring's own export writes it) is that value. Kept per text: a file
    of 50,000 rows repeats its few channels."""
    if text.strip() in {channel.value for channel in MetVia}:
        return MetVia(text.strip())
    folded = fold(text)
    for words, channel in _MET_VIA:
        if any(re.search(rf"\b{re.escape(fold(w))}", folded) for w in words):
            return channel
    return MetVia.unknown
