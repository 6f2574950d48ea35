"""Fill the new search columns of the rows already there (kring.search folds them).

Raw SQL, so that `updated_at` of the members stays as it was, in batches of one statement per
500 rows; both databases accept UPDATE … FROM (VALUES …) with the columns named column1, column2.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.querystring import QueryString

from kring.search import member_search_text, organisation_search_text

ID = "2026-12-03T07:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Fill the search columns of existing members and organisations"

BATCH = 500


async def _fill(table: str, texts: list[tuple[int, str]]) -> None:
    engine = engine_finder()
    for start in range(0, len(texts), BATCH):
        batch = texts[start : start + BATCH]
        rows = ", ".join("(CAST({} AS INTEGER), {})" for _ in batch)
        values = [value for pair in batch for value in pair]
        await engine.run_querystring(
            QueryString(
                f"UPDATE {table} SET search_name = v.column2 FROM (VALUES {rows}) AS v "
                f"WHERE {table}.id = v.column1",
                *values,
            )
        )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="kring", description=DESCRIPTION)

    async def backfill() -> None:
        engine = engine_finder()
        members = await engine.run_querystring(
            QueryString("SELECT id, first_name, last_name FROM member WHERE status <> 'erased'")
        )
        await _fill(
            "member",
            [(r["id"], member_search_text(r["first_name"], r["last_name"])) for r in members],
        )
        organisations = await engine.run_querystring(
            QueryString("SELECT id, name, enterprise_number FROM organisation")
        )
        await _fill(
            "organisation",
            [
                (r["id"], organisation_search_text(r["name"], r["enterprise_number"]))
                for r in organisations
            ],
        )

    manager.add_raw(backfill)
    return manager
