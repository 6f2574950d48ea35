"""The tables of every registered app, in an order that respects foreign keys."""

from __future__ import annotations

from piccolo.table import Table, sort_table_classes

from kring.piccolo_conf import APP_REGISTRY


def all_tables() -> list[type[Table]]:
    """Parents before children."""
    tables = [table for app in APP_REGISTRY.app_configs.values() for table in app.table_classes]
    return sort_table_classes(tables)


async def delete_all_rows() -> None:
    """Children first, so no foreign key is ever left dangling."""
    for table in reversed(all_tables()):
        await table.delete(force=True)
