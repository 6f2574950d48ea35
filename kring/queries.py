"""Small helpers shared by list queries."""

from piccolo.columns import Column
from piccolo.columns.combination import Where
from piccolo.engine.postgres import PostgresEngine

MAX_PAGE = 100


def contains_pattern(search: str) -> str:
    """A LIKE pattern for 'contains'; wildcards that users type are dropped, not obeyed."""
    cleaned = search.strip().replace("%", "").replace("_", "").replace("\\", "")
    return f"%{cleaned[:100]}%"


def page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_PAGE)), max(0, offset)


def contains(column: Column, search: str) -> Where:
    """Case-insensitive 'contains': ILIKE on PostgreSQL; SQLite's LIKE already ignores case."""
    pattern = contains_pattern(search)
    if isinstance(column._meta.table._meta.db, PostgresEngine):
        return column.ilike(pattern)
    return column.like(pattern)
