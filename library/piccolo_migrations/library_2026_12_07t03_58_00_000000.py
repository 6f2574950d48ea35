"""Index the items already there again: a capital I with a dot (Turkish İ, as in İzmir) split
its word in two (`library.analysis`: 'İzmir' was stored as 'zmir'), which the stored
`search_text` of older items still holds. Raw SQL in batches, so that `updated_at` stays as it
was; the full-text index follows `search_text` (SQLite's triggers, PostgreSQL's generated
column).
"""

import json

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.querystring import QueryString

ID = "2026-12-07T03:58:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "the library's search text again, for words with a dotted capital I"

BATCH = 500


def _tags(value: object) -> list[str]:
    if isinstance(value, str):
        return list(json.loads(value or "[]"))
    return list(value or [])  # type: ignore[call-overload]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="library", description=DESCRIPTION)

    async def reindex() -> None:
        # Imported when the migration runs, not when Piccolo reads every migration to see which
        # are pending: the analysis brings the matching engine's text tools and scipy.
        from library.analysis import index_text

        engine = engine_finder()
        rows = await engine.run_querystring(
            QueryString("SELECT id, title, summary, body, tags, language FROM library_item")
        )
        texts = [
            (
                row["id"],
                index_text(
                    row["title"], row["summary"], row["body"], _tags(row["tags"]), row["language"]
                ),
            )
            for row in rows
        ]
        for start in range(0, len(texts), BATCH):
            batch = texts[start : start + BATCH]
            marks = ", ".join("(CAST({} AS INTEGER), {})" for _ in batch)
            await engine.run_querystring(
                QueryString(
                    f"UPDATE library_item SET search_text = v.column2 FROM (VALUES {marks}) AS v "
                    "WHERE library_item.id = v.column1",
                    *[value for pair in batch for value in pair],
                )
            )

    manager.add_raw(reindex)
    return manager
