"""Member search at 100,000 members: the folded, any-order search against the query it replaced.

Run: `.venv/bin/python benchmarks/member_search.py [N]` (a fresh SQLite file in a temp folder;
set KRING_DATABASE_URL to a postgres:// URL of an EMPTY scratch database, e.g.
postgres://postgres@127.0.0.1:5432/kring_bench, to measure there: its tables are dropped and
made again). The baseline is the query `list_members` ran before (LIKE/ILIKE on first name, last
name and organisation name, the whole query as one text), timed in the same process on the
same rows. Each figure is the best of 7 runs of one page (50 rows), as a peer (who sees active
members who share their name and are not restricted) and as an organiser (who sees everyone).
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault(
    "KRING_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='kring-bench-')}/bench.sqlite"
)
os.environ.setdefault("KRING_SECRET_KEY", "benchmark-secret-key")

MEMBERS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
ORGANISATIONS = MEMBERS // 50
RUNS = 7
FIRST = [
    "Jan",
    "An",
    "Els",
    "Pieter",
    "Hélène",
    "Kevin",
    "Sofie",
    "Bram",
    "Lotte",
    "Wim",
    "Griet",
    "Jef",
    "Ann",
    "Bart",
    "Lien",
    "Dirk",
    "Zoë",
    "Noël",
    "Inès",
    "Jérôme",
    "Mohamed",
    "Fatima",
    "Ayşe",
    "Łukasz",
    "Søren",
    "Hanne",
    "Rik",
    "Emma",
    "Lars",
    "Nora",
]
LAST = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Van den Berghe",
    "Vermeulen",
    "Lefèvre",
    "Müller",
    "D'Hondt",
    "El Amrani",
    "Yılmaz",
    "De Backer",
    "Verstraete",
    "Desmet",
    "Michiels",
    "Coppens",
    "Hermans",
    "Pauwels",
    "Vandamme",
    "Renard",
    "Leclercq",
]
KINDS = ["Zorg", "Metaal", "Bouw", "Logistiek", "Voeding", "Chemie", "Textiel", "Energie"]
PLACES = ["Gent", "Brugge", "Antwerpen", "Leuven", "Hasselt", "Kortrijk", "Namur", "Liège"]


def enterprise_number(n: int) -> str:
    head = f"0{2_000_000 + n:07d}"
    return f"{head[:4]}.{head[4:7]}.{head[7:]}{97 - int(head) % 97:02d}"


async def populate() -> tuple[str, str]:
    """Members and organisations as the app writes them (search columns filled); returns an
    organisation's name and number to search for."""
    from piccolo.engine import engine_finder

    from assembly.migrate import migrate
    from kring.clock import utc_now
    from kring.database import is_postgres
    from kring.schema import delete_all_rows
    from kring.search import with_member_search, with_organisation_search
    from kring.tables import Member, Organisation
    from privacy.tables import Restriction

    engine = engine_finder()
    if is_postgres(engine):
        await engine.run_ddl("DROP SCHEMA public CASCADE")
        await engine.run_ddl("CREATE SCHEMA public")
    await migrate()
    await delete_all_rows()
    rng = random.Random(17)
    now = utc_now()
    organisations = [
        Organisation(
            **with_organisation_search(
                {
                    "name": f"{rng.choice(KINDS)} {rng.choice(PLACES)} {n} BV",
                    "enterprise_number": enterprise_number(n),
                }
            ),
            created_at=now,
        )
        for n in range(ORGANISATIONS)
    ]
    org_ids = []
    for start in range(0, len(organisations), 1000):
        batch = organisations[start : start + 1000]
        org_ids += [r["id"] for r in await Organisation.insert(*batch).returning(Organisation.id)]
    members = []
    for n in range(MEMBERS):
        names = {"first_name": rng.choice(FIRST), "last_name": rng.choice(LAST)}
        members.append(
            Member(
                **with_member_search(names),
                email=f"lid{n}@bench.be",
                organisation=org_ids[n % len(org_ids)],
                status="paused" if n % 41 == 0 else "active",
                opt_out_sharing=n % 23 == 0,
                created_at=now,
            )
        )
    member_ids = []
    for start in range(0, len(members), 1000):
        inserted = await Member.insert(*members[start : start + 1000]).returning(Member.id)
        member_ids += [r["id"] for r in inserted]
    await Restriction.insert(
        *[
            Restriction(member=i, requested_by="bench", reason="bench", since=now)
            for i in member_ids[::97]
        ]
    )
    if is_postgres(engine):
        await engine.run_ddl("ANALYZE")  # what autovacuum does soon after a bulk load
    sample = await Organisation.select(Organisation.name, Organisation.enterprise_number).first()
    return sample["name"], sample["enterprise_number"]


async def baseline(viewer: Any, search: str, limit: int = 50) -> list[dict[str, Any]]:
    """`list_members` as it was: the whole query as one text, contains on three columns."""
    from kring.choices import MemberStatus
    from kring.queries import contains
    from kring.tables import Member
    from members.profiles import MEMBER_COLUMNS
    from privacy.restriction import restricted_members

    query = Member.select(*MEMBER_COLUMNS).order_by(Member.last_name).order_by(Member.first_name)
    if not viewer.is_staff:
        query = query.where(
            (Member.status == MemberStatus.active) & Member.opt_out_sharing.eq(False)
        ).where(Member.id.not_in(restricted_members()))
    query = query.where(
        contains(Member.first_name, search)
        | contains(Member.last_name, search)
        | contains(Member.organisation.name, search)
    )
    return await query.limit(limit)


async def best(function: Any, viewer: Any, search: str) -> tuple[float, int]:
    fastest, count = float("inf"), 0
    for _ in range(RUNS):
        start = time.perf_counter()
        rows = await function(viewer, search, limit=50)
        fastest = min(fastest, time.perf_counter() - start)
        count = len(rows)
    return fastest, count


async def main() -> None:
    from piccolo.engine import engine_finder

    from kring.choices import Role
    from kring.database import is_postgres
    from kring.principal import Principal
    from members.profiles import list_members

    started = time.perf_counter()
    organisation, number = await populate()
    filled = time.perf_counter() - started
    peer = Principal(1, Role.member, None, "peer@bench.be", "peer", "session")
    organiser = Principal(2, Role.organiser, None, "org@bench.be", "organiser", "session")
    spelled = "BE" + number.replace(".", "")
    queries = [
        "dubois",
        "helene",
        "kevin dubois",
        "van den berghe",
        " ".join(organisation.lower().split()[:2]),
        number,
        spelled,
        "zzzz",
    ]
    database = "PostgreSQL" if is_postgres(engine_finder()) else "SQLite"
    print(
        f"{database}: {MEMBERS:,} members, {ORGANISATIONS:,} organisations ({filled:.0f} s to fill)"
    )
    print(
        f"{'query':<22} {'viewer':<9} {'baseline ms':>11} {'rows':>5} "
        f"{'new ms':>8} {'rows':>5} {'ratio':>6}"
    )
    for search in queries:
        for name, viewer in (("peer", peer), ("organiser", organiser)):
            old_s, old_n = await best(baseline, viewer, search)
            new_s, new_n = await best(list_members, viewer, search)
            print(
                f"{search:<22} {name:<9} {old_s * 1000:>11.1f} {old_n:>5} "
                f"{new_s * 1000:>8.1f} {new_n:>5} {new_s / old_s:>5.2f}x"
            )


if __name__ == "__main__":
    asyncio.run(main())
