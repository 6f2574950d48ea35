"""Candidate pairs for duplicate detection among 100,000 synthetic members, against all pairs.

Run: .venv/bin/python benchmarks/duplicates.py [N]. The naive baseline scores every pair of a
smaller sample in the same process and is extrapolated quadratically to N.
"""

from __future__ import annotations

import random
import sys
import time
from itertools import combinations

from members.importing.duplicates import (
    PersonRecord,
    candidate_pairs,
    duplicate_pairs,
    score_people,
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
    "Tom",
    "Griet",
    "Jef",
    "Ann",
    "Bart",
    "Lien",
    "Dirk",
    "Katrien",
    "Frédéric",
    "Hélène",
    "Ömer",
    "Marc",
    "Nele",
    "Joris",
    "Inge",
    "Stijn",
    "Eva",
    "Luc",
    "Sarah",
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
    "De",
    "Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Vermeulen",
    "Van",
    "den",
    "Broeck",
    "Hermans",
    "Desmet",
    "Leclercq",
    "Vandeweghe",
    "Verstraeten",
    "Aerts",
    "Michiels",
    "Cools",
    "Declercq",
    "Pauwels",
    "Smets",
    "Martens",
    "Stevens",
    "Bogaert",
    "Coppens",
]


def synthetic(n: int, rng: random.Random) -> list[PersonRecord]:
    """Distinct people (a numbered surname suffix keeps them apart) and 2% planted duplicates."""
    people = []
    for i in range(n):
        if people and rng.random() < 0.02:
            twin = rng.choice(people)
            people.append(
                PersonRecord(
                    i, twin.last_name.upper(), twin.first_name, "", twin.phone, twin.organisation
                )
            )
            continue
        last = f"{rng.choice(LAST)}{rng.choice('bdfgklmnprstvz')}{rng.randrange(1000)}"
        phone = f"+324{rng.randrange(10**8):08d}" if rng.random() < 0.6 else ""
        email = f"{i}.{last.lower()}@org{rng.randrange(3000)}.be" if rng.random() < 0.8 else ""
        people.append(PersonRecord(i, rng.choice(FIRST), last, email, phone, rng.randrange(3000)))
    return people


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(7)
    people = synthetic(n, rng)

    start = time.perf_counter()
    pairs = candidate_pairs(people)
    blocking = time.perf_counter() - start
    start = time.perf_counter()
    found = duplicate_pairs(people)
    total = time.perf_counter() - start

    sample = people[:2000]
    start = time.perf_counter()
    for a, b in combinations(sample, 2):
        score_people(a, b)
    naive_sample = time.perf_counter() - start
    naive = naive_sample * (n * (n - 1)) / (len(sample) * (len(sample) - 1))
    all_pairs = n * (n - 1) // 2

    print(f"members: {n}")
    print(f"candidate pairs: {len(pairs):,} of {all_pairs:,} ({len(pairs) / all_pairs:.6%})")
    print(
        f"blocking: {blocking:.1f} s; blocking + scoring: {total:.1f} s; duplicates: {len(found)}"
    )
    print(
        f"naive all pairs: {naive_sample:.1f} s for {len(sample)} members, "
        f"extrapolated {naive:,.0f} s ({naive / 3600:.1f} h) for {n}"
    )
    print(f"speed-up: {naive / total:,.0f}x")


if __name__ == "__main__":
    main()
