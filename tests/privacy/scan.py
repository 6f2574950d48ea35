"""Looking for a person's traces in every table, every column, and in the SQLite file itself."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from kring.schema import all_tables
from kring.settings import get_settings, sqlite_path
from privacy.serialise import plain
from tests.conftest import ON_POSTGRES


async def rows_everywhere() -> dict[str, list[dict]]:
    """Every row of every table, ordered, as JSON-ready values."""
    dump = {}
    for table in all_tables():
        rows = await table.select().order_by(table._meta.primary_key)
        dump[table._meta.tablename] = [
            {k: plain(v) for k, v in r.items() if k != "updated_at"} for r in rows
        ]
    return dump


async def traces_in_tables(needles: list[str]) -> dict[str, list[str]]:
    """Which needles still occur in which table (any column, any row)."""
    found: dict[str, list[str]] = {}
    for name, rows in (await rows_everywhere()).items():
        text = json.dumps(rows, ensure_ascii=False, default=str).lower()
        hits = [n for n in needles if n.lower() in text]
        if hits:
            found[name] = hits
    return found


def database_file_bytes() -> bytes:
    """The SQLite file and its write-ahead log as bytes, read by a child process (`cat`).

    Never with open() in this process: closing any descriptor of the file drops every POSIX
    lock this process holds on it, including those of its long-lived SQLite readers, and the
    other processes then take the write-ahead log from under them (writes got lost in the
    browser tests; see kring.database). After a checkpoint, so the log is (nearly) empty.
    """
    path = sqlite_path(get_settings().database_url)
    files = [str(p) for p in (path, Path(f"{path}-wal")) if p.exists()]
    return subprocess.run(["cat", *files], capture_output=True, check=True).stdout


async def traces_in_file(needles: list[str]) -> list[str]:
    """On SQLite: needles in the database file and its write-ahead log, after a checkpoint."""
    if ON_POSTGRES:
        return []
    from kring.tables import Member

    await Member.raw("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = database_file_bytes()
    return [n for n in needles if n.encode() in blob]
