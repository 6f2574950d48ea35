from piccolo.engine import engine_finder

from assembly.migrate import migrate
from kring.schema import all_tables
from tests.conftest import ON_POSTGRES, run


def _tables_in_database() -> set[str]:
    engine = engine_finder()
    if ON_POSTGRES:
        rows = run(
            engine.run_ddl("SELECT tablename AS name FROM pg_tables WHERE schemaname='public'")
        )
    else:
        rows = run(engine.run_ddl("SELECT name FROM sqlite_master WHERE type='table'"))
    return {row["name"] for row in rows}


def test_migrations_create_every_table_of_every_app():
    expected = {table._meta.tablename for table in all_tables()}
    assert expected <= _tables_in_database()


def test_running_migrations_again_changes_nothing():
    before = _tables_in_database()
    run(migrate())
    assert _tables_in_database() == before
