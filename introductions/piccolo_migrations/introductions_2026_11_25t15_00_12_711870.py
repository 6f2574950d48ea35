"""Unique indexes Piccolo cannot declare: one block per pair, one `proposed` row per pair.

Piccolo adds table constraints with ALTER TABLE (which SQLite lacks) and without a WHERE
clause; both SQLite and PostgreSQL accept these statements as written.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T15:00:12:711870"
VERSION = "1.38.0"
DESCRIPTION = "Unique pairs for blocks and proposals"

INDEXES = {
    "block_pair_unique": "ON block (blocker, blocked)",
    "introduction_one_proposal_per_pair": (
        "ON introduction (challenge, expert) WHERE state = 'proposed'"
    ),
}


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
