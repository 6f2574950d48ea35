"""Importing a CRM export of 50,000 contacts: the dry run (the page's preview) and the real run.

    .venv/bin/python benchmarks/import_scale.py [ROWS]          (var/bench-import.sqlite)
    KRING_DATABASE_URL=postgres://postgres@127.0.0.1:5432/kring_import .venv/bin/python …

The file is written as an old CRM exports it (`Naam;Voornaam;E-mail;GSM;Bedrijf;…`, ten columns,
Windows-1252): 3 % of rows with a wrong e-mail or enterprise number, 2 % a second row for a
person already in the file, 2,000 organisations; it is also saved as var/bench-import.csv for
`kring import members`. The database is emptied, then the file is previewed, imported, and
imported again (every row matched, nothing changed).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KRING_DATABASE_URL", "sqlite:///var/bench-import.sqlite")

ROWS = 50_000
HEADER = (
    "Naam;Voornaam;E-mail;GSM;Bedrijf;Ondernemingsnummer;Adres;Website;"
    "Hoe leerden we kennen;Opmerkingen"
)
FIRST = [
    "Jan",
    "An",
    "Els",
    "Pieter",
    "Marleen",
    "Koen",
    "Sofie",
    "Bram",
    "Lotte",
    "Wim",
    "Hilde",
    "Frédéric",
    "Hélène",
    "Ömer",
    "Inès",
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
    "Dubois",
    "Lambert",
]
STREETS = [
    "Kerkstraat",
    "Stationsstraat",
    "Dorpsstraat",
    "Industrielaan",
    "Meir",
    "Veldstraat",
    "Molenstraat",
]
TOWNS = ("9000 Gent", "2000 Antwerpen", "8500 Kortrijk", "3000 Leuven", "1000 Brussel")
MET = ("Beurs Kortrijk 2009", "via LinkedIn", "telefoon", "event", "")
NOTES = ("Zeer geïnteresseerd in ISO 9001", "Belt liever 's ochtends", "", "", "")


def enterprise_number(n: int) -> str:
    """A valid Belgian enterprise number (mod 97) for organisation n."""
    base = 2_000_000 + n * 37
    return f"0{base:07d}{97 - base % 97:02d}"


def contacts_csv(rows: int, seed: int = 7) -> bytes:
    """A realistic export: about 190 bytes a row, so 50,000 rows are some 9.5 MB."""
    rng = random.Random(seed)
    lines = [HEADER]
    people: list[str] = []
    for i in range(rows):
        if people and rng.random() < 0.02:
            lines.append(rng.choice(people))  # the same person twice in one file
            continue
        org = rng.randrange(2000)
        last = f"{rng.choice(LAST)}{i}"
        first = rng.choice(FIRST)
        email = f"{first.lower()}.{last.lower()}@bedrijf{org}.be"
        number = enterprise_number(org)
        if rng.random() < 0.015:
            email = email.replace("@", " at ")
        if rng.random() < 0.015:
            number = number[:-1] + str((int(number[-1]) + 1) % 10)
        line = ";".join(
            (
                last,
                first,
                email,
                f"04{rng.randrange(70, 100)} {rng.randrange(10**6):06d}",
                f"Bedrijf {org} NV",
                f"BE {number[:4]}.{number[4:7]}.{number[7:]}",
                f"{rng.choice(STREETS)} {rng.randrange(1, 200)}, {rng.choice(TOWNS)}",
                f"www.bedrijf{org}.be",
                rng.choice(MET),
                rng.choice(NOTES),
            )
        )
        people.append(line)
        lines.append(line)
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


async def measure(data: bytes, rows: int) -> None:
    from piccolo.engine import engine_finder

    from assembly.migrate import migrate
    from kring.database import is_postgres
    from kring.schema import delete_all_rows
    from members.importing.columns import detect_mapping
    from members.importing.importer import import_rows
    from members.importing.rows import read_file

    with contextlib.redirect_stdout(io.StringIO()):
        await migrate()
    engine = engine_finder()
    if is_postgres(engine):  # as the app does: one pool per process
        await engine.start_connection_pool(min_size=1, max_size=4)
    await delete_all_rows()
    print(f"{rows:,} rows, {len(data) / 1_000_000:.1f} MB, {engine.engine_type}")

    started = time.perf_counter()
    table = read_file(data, "contacten.csv")
    mapping = detect_mapping(table.headers)
    print(f"read:          {time.perf_counter() - started:6.1f} s")
    for label, dry_run in (("dry run", True), ("import", False), ("import again", False)):
        started = time.perf_counter()
        report = await import_rows(table.rows, mapping, dry_run=dry_run)
        seconds = time.perf_counter() - started
        counts = ", ".join(f"{n} {k}" for k, n in report.counts.items())
        print(f"{label + ':':14s} {seconds:6.1f} s ({rows / seconds:,.0f} rows/s; {counts})")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    data = contacts_csv(rows)
    Path("var").mkdir(exist_ok=True)
    Path("var/bench-import.csv").write_bytes(data)
    asyncio.run(measure(data, rows))


if __name__ == "__main__":
    main()
