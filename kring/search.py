"""Finding people by what users type: one folding for what is stored and what is asked.

Names and organisation names are stored a second time, folded (lower case, no accents, no
punctuation), in a search column beside them; a query is folded the same way and split into
words. Every word must occur in one of the searched columns, in any order, so `helene` finds
Hélène and `dubois kevin` finds Kevin Dubois. An enterprise number typed in any spelling
(`0123.456.749`, `BE 0123 456 749`, the old 9-digit `123456749`) becomes its ten digits, the form
the organisation's search column holds. Changing `fold` needs a migration that refolds the rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from piccolo.columns import Column
from piccolo.columns.combination import Where, WhereRaw

from kring.validation import FieldError, normalise_enterprise_number

SEARCH_LENGTH = 300
"""The search columns' length; a folded text is cut there (it only ever finds, never shows)."""

MAX_WORDS = 8
MAX_WORD = 60

_NOT_DECOMPOSED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)
_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[\W_]+")
_ENTERPRISE_NUMBER = re.compile(r"\b(?:be ?)?(\d(?: ?\d){8,9})\b")
_DIGITS = re.compile(r"\D")
_NAME_FIELDS = ("first_name", "last_name")
_BY_NAME = "SELECT s.id FROM member AS s WHERE s.search_name LIKE {}"
_BY_ORGANISATION = (
    "SELECT s.id FROM member AS s JOIN organisation AS o ON o.id = s.organisation"
    " WHERE o.search_name LIKE {}"
)
_ORGANISATION_FIELDS = ("name", "enterprise_number")
_ADDRESS_ONLY = "_%.+!"


def fold(text: str) -> str:
    """Lower case without accents; apostrophes vanish (O'Brien: obrien), other punctuation
    separates words (Jean-Pierre: jean pierre)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _APOSTROPHES.sub("", plain.translate(_NOT_DECOMPOSED))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def _folded_field(text: str) -> str:
    """A field's words, plus the words written together when there are several, so `Van den
    Berghe` is found as `vandenberghe` too."""
    folded = fold(text)
    joined = folded.replace(" ", "")
    return folded if joined == folded else f"{folded} {joined}"


def _cut(text: str) -> str:
    return text[:SEARCH_LENGTH].rstrip()


def member_search_text(first_name: str, last_name: str) -> str:
    """What `Member.search_name` holds: both names, folded."""
    return _cut(" ".join(_folded_field(name or "") for name in (first_name, last_name)).strip())


def organisation_search_text(name: str, enterprise_number: str | None) -> str:
    """What `Organisation.search_name` holds: the folded name and the number's ten digits."""
    digits = _DIGITS.sub("", enterprise_number or "")
    return _cut(f"{_folded_field(name or '')} {digits}".strip())


def with_member_search(
    values: Mapping[str, Any], stored: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """`values` to write to a member, plus the search text when they change a name.

    `stored` is the row as it is (for an update that changes one name only)."""
    written = dict(values)
    if any(field in values for field in _NAME_FIELDS):
        first, last = (values.get(f, (stored or {}).get(f, "")) for f in _NAME_FIELDS)
        written["search_name"] = member_search_text(first, last)
    return written


def with_organisation_search(
    values: Mapping[str, Any], stored: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """`values` to write to an organisation, plus the search text when they change the name or
    the number."""
    written = dict(values)
    if any(field in values for field in _ORGANISATION_FIELDS):
        name, number = (values.get(f, (stored or {}).get(f)) for f in _ORGANISATION_FIELDS)
        written["search_name"] = organisation_search_text(name or "", number)
    return written


def _enterprise_digits(found: re.Match[str]) -> str:
    try:
        number = normalise_enterprise_number(found.group(1))
    except FieldError:
        return found.group(0)
    return _DIGITS.sub("", number)


def search_words(query: str) -> list[str]:
    """The folded words of a query, enterprise numbers as their ten digits; at most
    `MAX_WORDS` words of `MAX_WORD` characters (a longer query narrows nothing more)."""
    folded = _ENTERPRISE_NUMBER.sub(_enterprise_digits, fold(query[:500]))
    words = list(dict.fromkeys(word[:MAX_WORD] for word in folded.split()))
    return words[:MAX_WORDS]


_SPELLING = frozenset("'’‘`´-.,&/()@\"")
"""Signs that belong to how names, numbers and addresses are written (O'Brien, Jean-Pierre,
BE 0123.456.749, Van Acker & Zonen): a search reads past them without saying so."""


def signs_left_out(search: str) -> str:
    """The other signs a search reads past (`+` and `#` of `c++` and `c#`, `!`, emoji), each
    once, for the page to name with the words it searched for: `c++` is a search for `c`,
    which finds far more than was asked. '' when there are none."""
    left_out = [
        char
        for char in search[:500]
        if not (char.isalnum() or char.isspace() or unicodedata.combining(char))
        and char not in _SPELLING
    ]
    return " ".join(dict.fromkeys(left_out))


def signs_left_out_of_names(search: str) -> str:
    """`signs_left_out` of a search that looks in names and in e-mail addresses: '' for one
    holding `@`, an address, which is searched as typed, signs and all. One that may be part of
    an address (`c++`, `jan_peeters`: `part_of_an_address`) is looked for in names without its
    signs and in addresses as typed: the page says both."""
    return "" if "@" in search else signs_left_out(search)


def can_find_anyone(search: str) -> bool:
    """Whether a search of members or organisations can match: one with no letter or digit
    (`🚀`, `%`, `-`) folds to no word and used to list everyone, and `_` and `%` split a word
    (`Dubo_s` found Dubois as if they were LIKE wildcards). Folded names hold neither, so such
    a query finds nothing; an empty one lists everyone."""
    if not search.strip():
        return True
    return bool(search_words(search)) and not any(char in search for char in "_%")


def part_of_an_address(search: str) -> bool:
    """Whether a search may be (part of) an e-mail address, to look for in addresses as typed:
    it holds `@`, or it is one word with a letter or digit and a character that names fold away
    but addresses keep (`jan_peeters`, `j.peeters`, `korting%50`). `_` or `%` alone is not."""
    text = search.strip()
    if "@" in text:
        return True
    one_word = bool(text) and not any(char.isspace() for char in text)
    return (
        one_word
        and any(char.isalnum() for char in text)
        and any(char in _ADDRESS_ONLY for char in text)
    )


def every_word_in(words: Iterable[str], columns: Iterable[Column]) -> Where | None:
    """Each word occurs in at least one of the folded columns; None when there are no words.

    Plain LIKE: both sides are folded, so case needs no help from the database, and the words
    hold no `%` or `_` (folding turned them into spaces)."""
    columns = list(columns)
    clause: Any = None
    for word in words:
        pattern = f"%{word}%"
        anywhere: Any = None
        for column in columns:
            match = column.like(pattern)
            anywhere = match if anywhere is None else anywhere | match
        clause = anywhere if clause is None else clause & anywhere
    return clause


def members_with_every_word(words: Iterable[str], *, organisations: bool = True) -> Any:
    """Members whose names hold every word, or (with `organisations`) whose organisation's
    name or number does; None when there are no words.

    One sub-query of member ids per word: the database reads the narrow, indexed search column
    and the organisations, then fetches only the members found, instead of reading every
    member row and joining its organisation first (benchmarks/member_search.py)."""
    clause: Any = None
    for word in words:
        pattern = f"%{word}%"
        if organisations:
            ids, args = f"{_BY_NAME} UNION ALL {_BY_ORGANISATION}", (pattern, pattern)
        else:
            ids, args = _BY_NAME, (pattern,)
        found = WhereRaw('"member"."id" IN (' + ids + ")", *args)
        clause = found if clause is None else clause & found
    return clause
