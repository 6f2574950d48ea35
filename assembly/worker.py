"""`kring worker`: timed housekeeping, safe to run in several processes at once.

Each job is a set-based statement (delete what expired), so two workers running the same job
at the same moment cannot do anything twice. Jobs that pick rows one by one take them with
`FOR UPDATE SKIP LOCKED` on PostgreSQL (see the introductions and events modules).
"""

from __future__ import annotations

import asyncio
import logging

from assembly.apps import jobs
from kring.jobs import Job

log = logging.getLogger("kring.worker")

JOBS: dict[str, Job] = jobs()


async def run_once() -> dict[str, int]:
    done: dict[str, int] = {}
    for name, job in JOBS.items():
        try:
            done[name] = await job()
        except Exception:
            # One failing job must not stop the others; it is retried on the next round.
            log.exception("job %s failed", name)
            done[name] = -1
    return done


async def run_forever(interval_seconds: float) -> None:
    while True:
        done = await run_once()
        log.info("worker round: %s", done)
        await asyncio.sleep(interval_seconds)
