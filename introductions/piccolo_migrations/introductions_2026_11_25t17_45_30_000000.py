"""One stored embedding per member, text and model (Piccolo cannot declare a composite
unique constraint); both SQLite and PostgreSQL accept the statement as written, and
`INSERT ... ON CONFLICT DO NOTHING` relies on it when two runs store the same text."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T17:45:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "One embedding per member, text hash and model"

INDEXES = {"embedding_member_text_model_unique": "ON embedding (member, text_hash, model)"}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="introductions", description=DESCRIPTION)

    async def create_indexes():
        for name, target in INDEXES.items():
            await engine_finder().run_ddl(f"CREATE UNIQUE INDEX IF NOT EXISTS {name} {target}")

    async def drop_indexes():
        for name in INDEXES:
            await engine_finder().run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
