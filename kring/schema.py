"""The tables of every registered app, in an order that respects foreign keys.

The apps are the ones Piccolo's configuration names (the composition root's
`assembly/piccolo_conf.py`, found through PICCOLO_CONF), so the core never imports them."""

from __future__ import annotations

from piccolo.conf.apps import Finder
from piccolo.engine import engine_finder
from piccolo.table import Table, sort_table_classes

from kring.database import is_postgres


def all_tables() -> list[type[Table]]:
    """Parents before children."""
    return sort_table_classes(Finder().get_table_classes())


async def delete_all_rows() -> None:
    """Children first, so no foreign key is ever left dangling. On PostgreSQL all deletes go as
    one multi-statement query on one connection: a query each (44, each opening its own
    connection when there is no pool) took half a second, before every test."""
    children_first = list(reversed(all_tables()))
    engine = engine_finder()
    if not is_postgres(engine):
        for table in children_first:
            await table.delete(force=True)
        return
    # Table names come from the app registry, never from input.
    names = [table._meta.tablename for table in children_first]
    deletes = ";".join(f'DELETE FROM "{name}"' for name in names)  # noqa: S608
    connection = await engine.get_new_connection()
    try:
        await connection.execute(deletes)  # the simple protocol: one transaction for all
    finally:
        await connection.close()
