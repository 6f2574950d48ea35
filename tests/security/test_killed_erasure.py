"""An erasure killed at any moment leaves everything or nothing changed, never half a person.

A separate process erases a person with data in every linked table (and a few thousand rows,
so the work takes a while); it is killed with SIGKILL after a growing delay. Each time the
database must show either the untouched person or the fully erased one.

The erasure ledger is committed before the first destructive step: a killed erasure leaves it
`in_progress` (or, killed even earlier, absent) and nothing erased; a re-run (the worker's
`resume_unfinished`, or the same erasure again) completes it, and a third run changes nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

from kring.tables import Activity, Member
from privacy.erasure import erase_member
from privacy.erasure_recovery import resume_unfinished
from privacy.subjects import Finder, linked_declarations
from privacy.tables import ErasureLedger, Suppression
from tests.conftest import run
from tests.privacy.people import full_person
from tests.privacy.scan import rows_everywhere

ERASE = """
import asyncio, sys
from privacy.erasure import erase_member
print("ready", flush=True)
asyncio.run(erase_member(int(sys.argv[1])))
"""


async def _linked_rows(member_id: int) -> int:
    finder = Finder(member_id)
    total = 0
    for declaration in linked_declarations():
        total += await declaration.table.count().where(await finder.where(declaration))
    return total


def _state(member_id: int) -> tuple[str, int, int]:
    status = run(Member.select(Member.status).where(Member.id == member_id).first())["status"]
    return status, run(_linked_rows(member_id)), run(Suppression.count())


def _ledger(member_id: int) -> list[str]:
    rows = run(ErasureLedger.select(ErasureLedger.state).where(ErasureLedger.member == member_id))
    return [row["state"] for row in rows]


def _counts() -> dict[str, int]:
    return {name: len(rows) for name, rows in run(rows_everywhere()).items()}


def _rerun_completes_and_a_third_run_changes_nothing(member_id: int, states: list[str]) -> None:
    if states == ["in_progress"]:
        assert run(resume_unfinished()) == 1  # what the worker does
    else:
        run(erase_member(member_id))
    assert _ledger(member_id) == ["completed"]
    assert _state(member_id)[0] == "erased"
    snapshot, counts = run(rows_everywhere()), _counts()
    run(erase_member(member_id))
    assert run(resume_unfinished()) == 0
    assert _counts() == counts
    assert run(rows_everywhere()) == snapshot


def test_a_killed_erasure_changes_everything_or_nothing():
    seen = set()
    for delay in (0.0, 0.02, "ledger", 0.1, 0.3, None):
        person = run(full_person())
        run(
            Activity.insert(
                *[
                    Activity(
                        member=person.member_id,
                        title=f"{person.secret} {n}",
                        occurred_on=date(2020, 1, 1),
                    )
                    for n in range(2000)
                ]
            )
        )
        before = _state(person.member_id)
        assert before[0] == "active" and before[1] > 2000
        suppressions = before[2]
        process = subprocess.Popen(
            [sys.executable, "-c", ERASE, str(person.member_id)],
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout.readline().strip() == "ready"
        if delay == "ledger":  # killed as soon as the ledger entry is committed
            deadline = time.monotonic() + 30
            while not _ledger(person.member_id) and time.monotonic() < deadline:
                time.sleep(0.002)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
        elif delay is not None:  # the last run is left to finish
            time.sleep(delay)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=120)
        status, linked, after_suppressions = _state(person.member_id)
        states = _ledger(person.member_id)
        if status == "erased":
            seen.add("everything")
            assert after_suppressions == suppressions + 1
            assert run(Activity.count().where(Activity.member == person.member_id)) == 0
            assert states == ["completed"]
        else:
            seen.add("nothing")
            assert (status, linked, after_suppressions) == before
            assert states in ([], ["in_progress"])
            if states:
                seen.add("ledger in progress")
        _rerun_completes_and_a_third_run_changes_nothing(person.member_id, states)
    assert seen == {"nothing", "everything", "ledger in progress"}
