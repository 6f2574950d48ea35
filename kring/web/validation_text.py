"""Litestar's and msgspec's refusals of a value, said in the reader's language.

A page's path or query parameter that fails its type or bounds (``/projects/0``, a number past
2^31) is refused by Litestar before our code runs, with msgspec's English ("Expected `int` >=
1"). A page shows the field's label and one of these sentences, so a Dutch reader does not get
English with a programmer's field name; the API says it in its own plain English
(`plain_english`: "must be at least 1"), beside the field's name or path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kring.messages import N_, Gettext, field_label, translate

EMPTY_BODY = N_("is empty: send a JSON object")
"""Said of a JSON body that was not sent (Litestar's refusal is a bare KeyError)."""
REQUIRED = N_("is required")

NUMBER_BOUNDS = {
    ">=": N_("must be at least %(limit)s"),
    "<=": N_("must be at most %(limit)s"),
    ">": N_("must be more than %(limit)s"),
    "<": N_("must be less than %(limit)s"),
}
LENGTH_BOUNDS = {
    ">=": N_("must be at least %(limit)s characters long"),
    "<=": N_("can be at most %(limit)s characters long"),
}
SAID: list[tuple[re.Pattern[str], str]] = [
    *(
        (re.compile(rf"Expected `(?:int|float)` {op} (?P<limit>-?[\d.]+)"), said)
        for op, said in NUMBER_BOUNDS.items()
    ),
    *(
        (re.compile(rf"Expected `str` of length {op} (?P<limit>\d+)"), said)
        for op, said in LENGTH_BOUNDS.items()
    ),
    (re.compile(r"Expected `int`(?:, got `\w+`)?$"), N_("must be a whole number")),
    (re.compile(r"Expected `(?:float|int \| float)`(?:, got `\w+`)?$"), N_("must be a number")),
    (re.compile(r"Expected `bool`(?:, got `\w+`)?$"), N_("must be yes or no")),
    (re.compile(r"Expected `str`(?:, got `\w+`)?$"), N_("must be text")),
    (re.compile(r"Invalid enum value '.*'"), N_("is not one of the choices")),
    (re.compile(r"Missing required (?:path|query|header|cookie) parameter"), REQUIRED),
    (re.compile(r"Object missing required field `[^`]+`"), REQUIRED),
    (re.compile(re.escape(REQUIRED) + "$"), REQUIRED),
    (re.compile(re.escape(EMPTY_BODY) + "$"), EMPTY_BODY),
]


def for_people(field: str, message: str, gettext: Gettext) -> str | None:
    """``field: reason`` with the field's label and a translated reason, or None for a
    message none of the patterns knows (it is then shown as it came, in English)."""
    for pattern, said in SAID:
        found = pattern.match(message)
        if found is not None:
            reason = translate(said, found.groupdict(), gettext)
            return f"{field_label(field, gettext)}: {reason}"
    return None


# The API's English: msgspec's wording ("Expected `str`, got `int`") said as the API's own
# refusals are ("'abc' is not a whole number: …"), the field named beside it as before.
_KINDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "object": "a JSON object",
    "array": "a list",
    "null": "null",
    "datetime": "a date and time",
    "date": "a date",
    "time": "a time",
    "uuid": "a UUID",
    "bytes": "base64 text",
}
_NUMBERS = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than"}
_LENGTHS = {">=": "at least", "<=": "at most"}
_EXPECTED = re.compile(
    r"Expected `(?P<kind>[^`]+)`"
    r"(?: (?P<op>>=|<=|>|<) (?P<limit>-?[\d.]+)"
    r"| of length (?P<length_op>>=|<=) (?P<length>\d+)"
    r"|, got `(?P<got>[^`]+)`)?"
)


def _kind(kind: str) -> str:
    """`int | null` -> 'a whole number or null'; a kind msgspec names that is not listed keeps
    its name."""
    return " or ".join(_KINDS.get(part.strip(), f"`{part.strip()}`") for part in kind.split("|"))


def _expected(found: re.Match[str]) -> str:
    kind = found["kind"]
    if found["op"]:
        return f"must be {_NUMBERS[found['op']]} {found['limit']}"
    if found["length_op"]:
        if kind in ("array", "object"):
            return f"must hold {_LENGTHS[found['length_op']]} {found['length']} items"
        return f"must be {_LENGTHS[found['length_op']]} {found['length']} characters long"
    said = f"must be {_kind(kind)}"
    if found["got"]:
        said += f", not {_kind(found['got'])}"
    return said


PLAIN: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (_EXPECTED, _expected),
    (re.compile(r"Object missing required field `[^`]+`"), REQUIRED),
    (
        re.compile(r"Object contains unknown field `[^`]+`"),
        "is not a field of this operation (see /schema/openapi.json)",
    ),
    (
        re.compile(r"Invalid RFC3339 encoded datetime"),
        "must be a date and time with its offset, as 2030-01-31T18:00:00+01:00",
    ),
    (re.compile(r"Invalid RFC3339 encoded date"), "must be a date, as 2030-01-31"),
    (re.compile(r"Invalid RFC3339 encoded time"), "must be a time, as 18:00:00"),
    (re.compile(r"Expected `str` matching regex .*"), "does not have the form this field takes"),
]


_ENUM_VALUE = re.compile(r"Invalid enum value (?P<value>.*)", re.DOTALL)


def plain_english(message: str, choices: Sequence[str] = ()) -> str:
    """The API's wording of one of msgspec's refusals of a value; any other message (ours, or
    one no pattern knows) as it came. `choices` are the field's, when it has a fixed set."""
    if found := _ENUM_VALUE.fullmatch(message):
        said = f"{found['value']} is not one of the choices"
        return f"{said}: {', '.join(choices)}" if choices else f"{said} (see /schema/openapi.json)"
    for pattern, said in PLAIN:
        found = pattern.fullmatch(message)
        if found is not None:
            return said(found) if callable(said) else said
    return message
