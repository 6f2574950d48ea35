"""Access export and erasure of one member among 100,000: each must take under a second.

    .venv/bin/python benchmarks/privacy_access_erasure.py          (var/bench-privacy.sqlite)
    KRING_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kring_privacy .venv/bin/python …

The database is emptied and filled with synthetic members (batches of 1,000), a login month and
a challenge per member, then one member with data in every declared table is exported and erased.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KRING_DATABASE_URL", "sqlite:///var/bench-privacy.sqlite")

MEMBERS = 100_000
BATCH = 1_000


async def fill() -> None:
    from kring.clock import utc_now
    from kring.tables import Challenge, Member
    from privacy.tables import LoginMonth

    now = utc_now()
    for start in range(0, MEMBERS, BATCH):
        rows = [
            Member(
                first_name=f"Voornaam{n}",
                last_name=f"Achternaam{n}",
                email=f"lid{n}@bench.example.be",
                phone="+3292641234",
                address=f"Kerkstraat {n}, 9000 Gent",
                created_at=now,
            )
            for n in range(start, start + BATCH)
        ]
        await Member.insert(*rows)
    ids = [r["id"] for r in await Member.select(Member.id)]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        await LoginMonth.insert(*[LoginMonth(member=i, month="2026-01") for i in chunk])
        await Challenge.insert(
            *[Challenge(member=i, title="Uitdaging", body="tekst", tags=["iso"]) for i in chunk]
        )


async def main() -> None:
    from piccolo.engine import engine_finder

    from assembly.migrate import migrate
    from kring.database import is_postgres
    from kring.schema import delete_all_rows
    from privacy.access import access_export
    from privacy.erasure import erase_member
    from tests.privacy.people import full_person

    await migrate()
    engine = engine_finder()
    if is_postgres(engine):  # as the app does: one pool per process
        await engine.start_connection_pool(min_size=1, max_size=4)
    await delete_all_rows()
    started = time.perf_counter()
    await fill()
    person = await full_person()
    print(f"filled {MEMBERS:,} members in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    export = await access_export(person.member_id)
    access_seconds = time.perf_counter() - started
    rows = sum(len(t["rows"]) for t in export["tables"].values())
    tables = len(export["tables"])
    print(f"access export: {access_seconds * 1000:.0f} ms ({rows} rows in {tables} tables)")

    started = time.perf_counter()
    outcome = await erase_member(person.member_id)
    erase_seconds = time.perf_counter() - started
    deleted = len(outcome["deleted"])
    print(f"erasure:       {erase_seconds * 1000:.0f} ms (rows deleted in {deleted} tables)")

    started = time.perf_counter()
    await erase_member(person.member_id)
    print(f"erasure again: {(time.perf_counter() - started) * 1000:.0f} ms")
    ok = access_seconds < 1 and erase_seconds < 1
    print("OK: both under 1 s" if ok else "TOO SLOW")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    asyncio.run(main())
