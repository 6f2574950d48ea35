"""Litestar's and msgspec's refusals of a value, said in the reader's language.

A page's path or query parameter that fails its type or bounds (``/projects/0``, a number past
2^31) is refused by Litestar before our code runs, with msgspec's English ("Expected `int` >=
1"). The API keeps that text; a page shows the field's label and one of these sentences, so a
Dutch reader does not get English with a programmer's field name.
"""

from __future__ import annotations

import re

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
