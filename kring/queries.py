"""Small helpers shared by list queries."""

from piccolo.columns import Column
from piccolo.columns.combination import Where
from piccolo.engine.postgres import PostgresEngine

MAX_PAGE = 100


def contains_pattern(search: str) -> str:
    """A LIKE pattern for 'contains'; wildcards that users type are dropped, not obeyed."""
    cleaned = search.strip().replace("%", "").replace("_", "").replace("\\", "")
    return f"%{cleaned[:100]}%"


MAX_OFFSET = 10_000_000
"""As the API's bound: a larger offset (a typed 20-digit number) would overflow the database's
integer and is no page anyone can reach."""


def page(limit: int, offset: int) -> tuple[int, int]:
    """A limit and offset the database accepts: clamped, never refused (a page's link)."""
    return max(1, min(limit, MAX_PAGE)), max(0, min(offset, MAX_OFFSET))


def contains(column: Column, search: str) -> Where:
    """Case-insensitive 'contains': ILIKE on PostgreSQL; SQLite's LIKE already ignores case."""
    pattern = contains_pattern(search)
    if isinstance(column._meta.table._meta.db, PostgresEngine):
        return column.ilike(pattern)
    return column.like(pattern)
