"""The erasure ledger: every erasure is recorded before its first destructive step.

An entry holds internal ids, a keyed hash (HMAC with the secret key) of what identified the
person and a state, `in_progress` or `completed`. It is written twice:

- in the `erasure_ledger` table: `begin` commits the entry in its own transaction before the
  erasure starts; the erasure's own transaction marks it completed. A killed erasure leaves the
  entry in progress and nothing erased; `resume_unfinished` (a worker job) completes it.
- in the ledger file (KRING_ERASURE_LEDGER, JSON lines, appended and flushed to disk), which is
  kept outside the database backups. A restored backup holds an old table; `replay` reads the
  file and erases everyone it names again, finding them by the keyed hash when ids moved.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from piccolo.engine import engine_finder

from kring.clock import utc_now
from kring.credentials import keyed_hash
from kring.database import write_transaction
from kring.errors import NotFound
from kring.messages import N_
from kring.settings import get_settings
from kring.tables import Member
from privacy.suppression import email_hash
from privacy.tables import ErasureLedger


class State(StrEnum):
    in_progress = "in_progress"
    completed = "completed"


@dataclass(frozen=True)
class Entry:
    entry: str
    member: int
    identity_hash: str
    identity_kind: str
    request: int | None
    state: str


def identity(member: dict) -> tuple[str, str]:
    """(kind, keyed hash) of what identifies a member: the e-mail, else the full name."""
    if member.get("email"):
        return "email", email_hash(member["email"])
    name = f"{member['first_name']} {member['last_name']}".strip().lower()
    return "name", keyed_hash(get_settings().secret_key, "name:" + " ".join(name.split()))


def ledger_path() -> Path:
    return get_settings().erasure_ledger


def _append(entry: Entry, path: Path | None = None) -> None:
    path = path or ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({**asdict(entry), "at": utc_now().isoformat()}, sort_keys=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def read_file(path: Path | None = None) -> list[Entry]:
    """The file's entries in order of first appearance, each in its latest state."""
    path = path or ledger_path()
    if not path.exists():
        raise NotFound(N_("erasure ledger file %(path)s not found"), field="ledger", path=path)
    latest: dict[str, Entry] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entry = Entry(**{k: data[k] for k in Entry.__dataclass_fields__})
        except (ValueError, KeyError, TypeError):
            raise NotFound(
                N_("line %(number)s of %(path)s is not a ledger entry"),
                field="ledger",
                number=number,
                path=path,
            ) from None
        latest[entry.entry] = entry
    return list(latest.values())


def _entry(row: dict) -> Entry:
    return Entry(**{k: row[k] for k in Entry.__dataclass_fields__})


async def begin(member_id: int, request_id: int | None, replayed: Entry | None = None) -> Entry:
    """The member's entry, written and committed (when not inside a caller's transaction)
    before anything is erased; an unfinished or finished entry for the member is reused."""
    async with write_transaction(engine_finder()):
        existing = (
            await ErasureLedger.select()
            .where(
                (ErasureLedger.entry == replayed.entry)
                if replayed
                else (ErasureLedger.member == member_id)
            )
            .order_by(ErasureLedger.id, ascending=False)
            .first()
        )
        if existing is not None:
            if replayed and existing["member"] != member_id:
                await ErasureLedger.update({ErasureLedger.member: member_id}).where(
                    ErasureLedger.id == existing["id"]
                )
                existing["member"] = member_id
            return _entry(existing)
        member = (
            await Member.select(Member.first_name, Member.last_name, Member.email)
            .where(Member.id == member_id)
            .first()
        )
        if member is None:
            raise NotFound(
                N_("member %(member_id)s not found"), field="member_id", member_id=member_id
            )
        kind, digest = (
            (replayed.identity_kind, replayed.identity_hash) if replayed else identity(member)
        )
        entry = Entry(
            entry=replayed.entry if replayed else str(uuid.uuid4()),
            member=member_id,
            identity_hash=digest,
            identity_kind=kind,
            request=request_id,
            state=State.in_progress.value,
        )
        await ErasureLedger.insert(ErasureLedger(**asdict(entry), started_at=utc_now()))
        if replayed is None:
            # Before the commit: an entry the table has is always in the file too.
            _append(entry)
    return entry


async def complete(entry: Entry) -> bool:
    """Inside the erasure's transaction; returns whether the state changed."""
    changed = await (
        ErasureLedger.update(
            {ErasureLedger.state: State.completed.value, ErasureLedger.completed_at: utc_now()}
        )
        .where((ErasureLedger.entry == entry.entry) & (ErasureLedger.state != State.completed))
        .returning(ErasureLedger.id)
    )
    return bool(changed)


def record_completed(entry: Entry) -> None:
    """After the commit: the file learns that the erasure finished."""
    _append(Entry(**{**asdict(entry), "state": State.completed.value}))


async def unfinished() -> list[dict[str, Any]]:
    return await ErasureLedger.select().where(ErasureLedger.state == State.in_progress)
