"""How many items hold each word, for picking a challenge's rarest words ("for you"): on SQLite
an `fts5vocab` table over the full-text index (it stores nothing, it reads the index); on
PostgreSQL nothing is made, since `ANALYZE` keeps the most common words of the `tsvector`
column in `pg_stats`.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

ID = "2026-12-04T18:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "the library's word counts"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="library", description=DESCRIPTION)

    def sqlite() -> bool:
        return not isinstance(engine_finder(), PostgresEngine)

    async def create_vocabulary():
        if sqlite():
            await engine_finder().run_ddl(
                "CREATE VIRTUAL TABLE IF NOT EXISTS library_item_vocab "
                "USING fts5vocab(library_item_fts, 'row')"
            )

    async def drop_vocabulary():
        if sqlite():
            await engine_finder().run_ddl("DROP TABLE IF EXISTS library_item_vocab")

    manager.add_raw(create_vocabulary)
    manager.add_raw_backwards(drop_vocabulary)
    return manager
