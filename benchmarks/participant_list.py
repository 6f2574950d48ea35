"""Participant list and CSV for 10,000 registrations, against a naive baseline.

Run: `.venv/bin/python benchmarks/participant_list.py` (a fresh SQLite file in a temp folder;
set KRING_DATABASE_URL to a postgres:// URL of an EMPTY scratch database to measure there).
Target: list + CSV under 200 ms.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault(
    "KRING_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='kring-bench-')}/bench.sqlite"
)
os.environ.setdefault("KRING_SECRET_KEY", "benchmark-secret-key")

REGISTRATIONS = 10_000


async def populate() -> int:
    from assembly.migrate import migrate
    from events.tables import Event, Registration
    from kring.clock import utc_now
    from kring.tables import Member, Organisation

    await migrate()
    now = utc_now()
    orgs = await Organisation.insert(
        *[Organisation(name=f"Organisatie {n}", created_at=now) for n in range(200)]
    ).returning(Organisation.id)
    members = []
    for n in range(REGISTRATIONS):
        members.append(
            Member(
                first_name=f"Voornaam{n}",
                last_name=f"Achternaam{n:05d}",
                job_title="kwaliteitsmanager",
                email=f"lid{n}@bench{n % 200}.be",
                organisation=orgs[n % 200]["id"],
                opt_out_listing=n % 17 == 0,
                status="erased" if n % 101 == 0 else "active",
                created_at=now,
            )
        )
    ids = []
    for start in range(0, len(members), 1000):
        ids += await Member.insert(*members[start : start + 1000]).returning(Member.id)
    event = Event(
        title="Jaarcongres",
        starts_at=now + timedelta(days=9),
        ends_at=now + timedelta(days=9, hours=8),
        capacity=REGISTRATIONS,
        created_at=now,
    )
    await event.save()
    rows = [
        Registration(
            event=event.id,
            member=row["id"],
            status="waitlisted" if n % 23 == 0 else "confirmed",
            hide_from_list=n % 13 == 0,
            organiser_hidden=n % 29 == 0,
            registered_at=now,
        )
        for n, row in enumerate(ids)
    ]
    for start in range(0, len(rows), 1000):
        await Registration.insert(*rows[start : start + 1000])
    return event.id


async def naive(event_id: int) -> bytes:
    """What one writes first: a query per registration for the member and the organisation."""
    from events.exports import to_csv
    from events.participants import Participant
    from events.tables import Registration
    from kring.tables import Member, Organisation

    people = []
    for reg in await Registration.select().where(Registration.event == event_id):
        if reg["status"] not in ("confirmed", "attended") or reg["hide_from_list"]:
            continue
        if reg["organiser_hidden"]:
            continue
        member = await Member.select().where(Member.id == reg["member"]).first()
        if member["opt_out_listing"] or member["status"] == "erased":
            continue
        org = (
            await Organisation.select(Organisation.name)
            .where(Organisation.id == member["organisation"])
            .first()
        )
        people.append(
            Participant(member["last_name"], member["first_name"], member["job_title"], org["name"])
        )
    people.sort(key=lambda p: (p.last_name.casefold(), p.first_name.casefold()))
    return to_csv(people, "Jaarcongres")


async def measured(event_id: int) -> tuple[float, float, int]:
    from events.exports import to_csv
    from events.participants import shareable_participants

    best_list, best_total, count = float("inf"), float("inf"), 0
    for _ in range(5):
        start = time.perf_counter()
        people = await shareable_participants(event_id)
        listed = time.perf_counter()
        to_csv(people, "Jaarcongres")
        done = time.perf_counter()
        best_list = min(best_list, listed - start)
        best_total = min(best_total, done - start)
        count = len(people)
    return best_list, best_total, count


async def main() -> None:
    event_id = await populate()
    list_s, total_s, count = await measured(event_id)
    start = time.perf_counter()
    baseline_csv = await naive(event_id)
    naive_s = time.perf_counter() - start
    from events.exports import to_csv
    from events.participants import shareable_participants

    assert baseline_csv == to_csv(await shareable_participants(event_id), "Jaarcongres")
    print(f"registrations: {REGISTRATIONS}, listed: {count}")
    print(f"shareable_participants: {list_s * 1000:.1f} ms (best of 5)")
    print(f"list + CSV:             {total_s * 1000:.1f} ms (target < 200 ms)")
    print(f"naive N+1 list + CSV:   {naive_s * 1000:.1f} ms")
    print(f"speed-up:               {naive_s / total_s:.1f}x")


if __name__ == "__main__":
    asyncio.run(main())
