"""A number in a path has one spelling: the one ``str()`` gives.

Litestar reads an ``{id:int}`` path parameter with Python's ``int()``, which also takes
``1_0``, ``+1``, `` 1``, ``01`` and digits of other scripts (``١``, ``１``, ``१``): one record
had many addresses, so no decision that reads the path (logs, caches, audits, links compared
as text) could trust it. Right after routing, every int parameter's segment of the path is
compared with the value it was read as; any other spelling is answered 404, as a segment that
is no number at all is. So is a number beyond ``MAX_ID``: no row can have it (ids are 32-bit
columns), and PostgreSQL refused the query instead of finding nothing. A canonical number out
of bounds below (``/projects/0``) still reaches the parameter's own check and its 400.
"""

from __future__ import annotations

import re
from functools import lru_cache

from litestar.types import ASGIApp, Receive, Scope, Send

from kring.errors import NotFound
from kring.messages import N_, FieldName
from kring.validation import MAX_ID

OTHER_SPELLING = N_("%(parameter)s is written in the digits 0-9 only, without a leading zero")
BEYOND_IDS = N_("%(parameter)s %(value)s does not exist: no number is higher than %(limit)s")
_PARAMETER = re.compile(r"^\{([^}:]+)(?::[^}]+)?\}$")


@lru_cache(maxsize=1024)
def parameter_segments(path_template: str) -> tuple[tuple[int, str], ...]:
    """(position among the path's segments, name) of each parameter of a route's template."""
    return tuple(
        (position, found.group(1))
        for position, segment in enumerate(path_template.split("/"))
        if (found := _PARAMETER.match(segment)) is not None
    )


def refuse_other_spellings(scope: Scope) -> None:
    """A 404 unless each parameter read as an int is spelled as ``str()`` writes it and is
    not beyond the ids a row can have."""
    params = scope.get("path_params")
    if not params:
        return
    segments = scope["path"].split("/")
    for position, name in parameter_segments(scope.get("path_template") or ""):
        value = params.get(name)
        if type(value) is not int:  # only Litestar's int parser makes one
            continue
        if position >= len(segments) or segments[position] != str(value):
            raise NotFound(OTHER_SPELLING, field=name, parameter=FieldName(name))
        if value > MAX_ID:
            raise NotFound(
                BEYOND_IDS, field=name, parameter=FieldName(name), value=value, limit=MAX_ID
            )


class CanonicalIdsMiddleware:
    """Runs first after routing, so every method (OPTIONS and HEAD too) and every guard sees
    only the one spelling."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refuse_other_spellings(scope)
        await self.app(scope, receive, send)
