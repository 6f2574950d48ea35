"""The full-text index of the library, which Piccolo cannot express: on SQLite an FTS5 table
over `library_item.search_text` (external content: it stores only the index) kept in step by
triggers, so every insert, update and delete (the tests' emptying and erasure included) moves
it; on PostgreSQL a generated `tsvector` column and its GIN index.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

ID = "2026-12-04T16:56:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "the library's full-text index"

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_item_fts USING fts5("
    "search_text, content='library_item', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS library_item_fts_insert AFTER INSERT ON library_item BEGIN "
    "INSERT INTO library_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS library_item_fts_delete AFTER DELETE ON library_item BEGIN "
    "INSERT INTO library_item_fts(library_item_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS library_item_fts_update AFTER UPDATE OF search_text "
    "ON library_item BEGIN "
    "INSERT INTO library_item_fts(library_item_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO library_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO library_item_fts(library_item_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS library_item_fts_update",
    "DROP TRIGGER IF EXISTS library_item_fts_delete",
    "DROP TRIGGER IF EXISTS library_item_fts_insert",
    "DROP TABLE IF EXISTS library_item_fts",
]
POSTGRES = [
    "ALTER TABLE library_item ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS library_item_search_vector ON library_item "
    "USING gin (search_vector)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS library_item_search_vector",
    "ALTER TABLE library_item DROP COLUMN IF EXISTS search_vector",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="library", description=DESCRIPTION)

    def statements(postgres: list[str], sqlite: list[str]) -> list[str]:
        return postgres if isinstance(engine_finder(), PostgresEngine) else sqlite

    async def create_index():
        for statement in statements(POSTGRES, SQLITE):
            await engine_finder().run_ddl(statement)

    async def drop_index():
        for statement in statements(POSTGRES_BACKWARDS, SQLITE_BACKWARDS):
            await engine_finder().run_ddl(statement)

    manager.add_raw(create_index)
    manager.add_raw_backwards(drop_index)
    return manager
