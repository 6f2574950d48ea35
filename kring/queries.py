"""Small helpers shared by list queries."""

from piccolo.columns import Column
from piccolo.columns.combination import Where
from piccolo.columns.operators.comparison import ComparisonOperator
from piccolo.engine.postgres import PostgresEngine

MAX_PAGE = 100

ESCAPE = "!"
"""Written before a `%`, `_` or itself in a pattern, so it stands for itself. Not a backslash:
that one means something in some SQL string literals; `!` means nothing in any."""


class _LikeEscaped(ComparisonOperator):
    template = f"{{name}} LIKE {{value}} ESCAPE '{ESCAPE}'"


class _ILikeEscaped(ComparisonOperator):
    template = f"{{name}} ILIKE {{value}} ESCAPE '{ESCAPE}'"


def contains_pattern(search: str) -> str:
    """A LIKE pattern for 'contains' what was typed (trimmed, at most 100 characters): a `%`
    or `_` in it is matched as written (an address like jan_peeters@), never as a wildcard."""
    typed = search.strip()[:100]
    for special in (ESCAPE, "%", "_"):
        typed = typed.replace(special, ESCAPE + special)
    return f"%{typed}%"


MAX_OFFSET = 10_000_000
"""As the API's bound: a larger offset (a typed 20-digit number) would overflow the database's
integer and is no page anyone can reach."""


def page(limit: int, offset: int) -> tuple[int, int]:
    """A limit and offset the database accepts: clamped, never refused (a page's link)."""
    return max(1, min(limit, MAX_PAGE)), max(0, min(offset, MAX_OFFSET))


def contains(column: Column, search: str) -> Where:
    """Case-insensitive 'contains' of what was typed, wildcards as written: ILIKE on PostgreSQL;
    SQLite's LIKE already ignores case (of ASCII letters). Piccolo's `like` takes no ESCAPE."""
    postgres = isinstance(column._meta.table._meta.db, PostgresEngine)
    operator = _ILikeEscaped if postgres else _LikeEscaped
    return Where(column=column, value=contains_pattern(search), operator=operator)
