"""Finishing and redoing erasures from the ledger: after a crash (the table says an erasure is
still in progress) and after a restore (the file names everyone erased since)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kring.choices import MemberStatus
from kring.errors import NotFound
from kring.tables import Member
from privacy.erasure import erase_member
from privacy.ledger import identity, read_file, unfinished


async def resume_unfinished() -> int:
    """Complete every erasure a crash left in progress (idempotent; a worker job)."""
    done = 0
    for row in await unfinished():
        try:
            await erase_member(row["member"], request_id=row["request"])
        except NotFound:  # not in this (restored) database: `replay` finds them by hash
            continue
        done += 1
    return done


async def _identities() -> dict[tuple[str, str], list[int]]:
    """Keyed hashes of every member not yet erased (one pass over the members)."""
    found: dict[tuple[str, str], list[int]] = {}
    rows = await Member.select(Member.id, Member.first_name, Member.last_name, Member.email).where(
        Member.status != MemberStatus.erased
    )
    for row in rows:
        found.setdefault(identity(row), []).append(row["id"])
        if row["email"]:  # a person without an e-mail in the ledger may have one now
            name = {**row, "email": None}
            found.setdefault(identity(name), []).append(row["id"])
    return found


async def replay(path: Path | None = None) -> list[dict[str, Any]]:
    """Erase again everyone the ledger file names: after a restore, nobody comes back.

    Entries still `in_progress` in the file are erased too: the erasure was decided, and a crash
    after its commit but before the file learnt of it leaves exactly that state.

    A person is found by the keyed hash of their e-mail (wherever their id is now); a person
    who had no e-mail only at the recorded id, and only when the name's hash still matches.
    """
    entries = read_file(path)
    identities = await _identities()
    report = []
    for entry in entries:
        ids = identities.get((entry.identity_kind, entry.identity_hash), [])
        if entry.identity_kind == "name":
            ids = [i for i in ids if i == entry.member]
        for member_id in ids:
            await erase_member(member_id, replayed=entry)
        report.append({"entry": entry.entry, "erased": ids})
    return report
